from django.urls import path

from backoffice import views, views_staff

urlpatterns = [
    path("register-organization/", views.register_organization, name="register-organization"),
    path("register-organization/sent/", views.application_sent, name="backoffice-application-sent"),
    # The staff workplace (backoffice/views_staff.py)
    path("backoffice/", views_staff.home, name="backoffice-home"),
    path("backoffice/organizations/", views_staff.organizations, name="backoffice-organizations"),
    path(
        "backoffice/organizations/<int:org_id>/",
        views_staff.organization,
        name="backoffice-organization",
    ),
    path(
        "backoffice/organizations/<int:org_id>/edit/",
        views_staff.edit_organization,
        name="backoffice-edit-organization",
    ),
    path("backoffice/persons/", views_staff.persons, name="backoffice-persons"),
    path("backoffice/persons/<int:person_id>/", views_staff.person, name="backoffice-person"),
    path(
        "backoffice/persons/<int:person_id>/account/unlock/",
        views_staff.unlock_account,
        name="backoffice-unlock-account",
    ),
    path(
        "backoffice/persons/<int:person_id>/account/reactivate/",
        views_staff.reactivate_account,
        name="backoffice-reactivate-account",
    ),
    path(
        "backoffice/persons/<int:person_id>/account/deactivate/",
        views_staff.deactivate_account,
        name="backoffice-deactivate-account",
    ),
    path("backoffice/role-types/", views_staff.role_types, name="backoffice-role-types"),
    path("backoffice/role-types/new/", views_staff.edit_role_type, name="backoffice-add-role-type"),
    path(
        "backoffice/role-types/<slug:code>/",
        views_staff.edit_role_type,
        name="backoffice-role-type",
    ),
    path(
        "backoffice/role-types/<slug:code>/delete/",
        views_staff.delete_role_type,
        name="backoffice-delete-role-type",
    ),
    path("backoffice/applications/", views.application_list, name="backoffice-applications"),
    path(
        "backoffice/applications/<str:reference>/",
        views.application_detail,
        name="backoffice-application",
    ),
    path(
        "backoffice/applications/<str:reference>/approve/",
        views.approve_application,
        name="backoffice-approve-application",
    ),
    path(
        "backoffice/applications/<str:reference>/reject/",
        views.reject_application,
        name="backoffice-reject-application",
    ),
    path("backoffice/coverage/", views.coverage, name="backoffice-coverage"),
    path(
        "backoffice/organizations/<int:org_id>/appoint-representative/",
        views.appoint_representative,
        name="backoffice-appoint-representative",
    ),
    path(
        "organizations/<int:org_id>/export/contacts.csv",
        views.export_contacts,
        name="backoffice-export-contacts",
    ),
    path(
        "organizations/<int:org_id>/export/audit.csv",
        views.export_audit,
        name="backoffice-export-audit",
    ),
]
