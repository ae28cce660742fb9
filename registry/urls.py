from django.urls import path

from registry import views

org = "organizations/<int:org_id>/"
urlpatterns = [
    path("me/", views.manage_my_information, name="me"),
    path("me/email/cancel/", views.cancel_email_change, name="me-cancel-email"),
    path("me/email/<str:token>/", views.confirm_email_change, name="me-confirm-email"),
    path(
        "me/affiliations/<int:request_id>/<str:answer>/",
        views.answer_affiliation,
        name="me-answer-affiliation",
    ),
    path("organizations/", views.choose_organization, name="registry-choose-organization"),
    path(org, views.organization, name="registry-organization"),
    path(org + "contacts/", views.update_contacts, name="registry-update-contacts"),
    path(org + "audit/", views.audit_log, name="registry-audit-log"),
    path(org + "contacts/by-role/", views.by_role, name="registry-by-role"),
    path(org + "contacts/by-role/<slug:code>/", views.role_holders, name="registry-role-holders"),
    path(org + "contacts/by-role/<slug:code>/add/", views.add_contact, name="registry-add-contact"),
    path(
        org + "contacts/by-role/<slug:code>/remove/<int:person_id>/",
        views.remove_contact,
        name="registry-remove-contact",
    ),
    path(org + "contacts/by-person/", views.by_person, name="registry-by-person"),
    path(org + "contacts/by-person/add/", views.add_member, name="registry-add-member"),
    path(
        org + "contacts/by-person/<int:person_id>/",
        views.person_roles,
        name="registry-person-roles",
    ),
    path(
        org + "contacts/by-person/<int:person_id>/remove/",
        views.remove_member,
        name="registry-remove-member",
    ),
    path(org + "persons/new/", views.register_person, name="registry-register-person"),
    path(org + "contacts/by-section/", views.by_section, name="registry-by-section"),
    path(org + "contacts/by-section/new/", views.add_section, name="registry-add-section"),
    path(
        org + "contacts/by-section/<int:section_id>/", views.edit_section, name="registry-section"
    ),
    path(
        org + "contacts/by-section/<int:section_id>/remove/",
        views.remove_section,
        name="registry-remove-section",
    ),
    # The link sent to a section's shared address: public, a section never signs in.
    path(
        "sections/confirm/<str:token>/", views.confirm_section_email, name="section-confirm-email"
    ),
]
