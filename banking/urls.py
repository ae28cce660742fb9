from django.urls import path

from banking import views

urlpatterns = [
    path("banking/", views.choose_organization, name="banking-choose"),
    path(
        "organizations/<int:org_id>/banking/",
        views.organization_banking,
        name="banking-organization",
    ),
    path(
        "organizations/<int:org_id>/banking/reveal/",
        views.reveal_banking,
        name="banking-reveal",
    ),
]
