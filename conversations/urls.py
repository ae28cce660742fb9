from django.urls import path

from conversations import views

urlpatterns = [
    path(
        "conversations/<slug:kind>/<int:subject_id>/",
        views.conversation,
        name="conversation",
    ),
]
