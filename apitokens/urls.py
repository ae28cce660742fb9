from django.urls import path

from apitokens import views

urlpatterns = [
    path("me/api-tokens/", views.create_api_token, name="apitokens-create"),
    path("me/api-tokens/<int:token_id>/revoke/", views.revoke_api_token, name="apitokens-revoke"),
]
