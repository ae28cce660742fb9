from django.urls import path

from systems import views

org = "organizations/<int:org_id>/access/"
urlpatterns = [
    path("access/request/", views.request_access, name="systems-request-access"),
    path(org, views.manage_access, name="systems-manage-access"),
    path(org + "grant/", views.grant_access, name="systems-grant-access"),
    path(org + "person/<int:person_id>/", views.person_access, name="systems-person-access"),
    path(org + "<int:grant_id>/revoke/", views.revoke_access, name="systems-revoke-access"),
]
