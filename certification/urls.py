from django.urls import path

from certification import views

cert = "organizations/<int:org_id>/certifications/<int:cert_id>/"

urlpatterns = [
    path(cert, views.detail, name="certification-detail"),
    path(cert + "confirm/", views.confirm, name="certification-confirm"),
    path(cert + "confirm-all/", views.confirm_all, name="certification-confirm-all"),
    path(cert + "attest/", views.attest, name="certification-attest"),
    path(cert + "certified.csv", views.download_csv, name="certification-csv"),
    path(cert + "certified.pdf", views.download_pdf, name="certification-pdf"),
    path("backoffice/certifications/", views.campaigns, name="certification-campaigns"),
    path("backoffice/certifications/start/", views.start, name="certification-start"),
    path(
        "backoffice/certifications/<int:campaign_id>/",
        views.campaign,
        name="certification-campaign",
    ),
]
