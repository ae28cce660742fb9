from django.urls import path

from systems import views, views_machines, views_staff

org = "organizations/<int:org_id>/access/"
urlpatterns = [
    path("access/request/", views.request_access, name="systems-request-access"),
    path(org, views.manage_access, name="systems-manage-access"),
    path(org + "grant/", views.grant_access, name="systems-grant-access"),
    path(org + "person/<int:person_id>/", views.person_access, name="systems-person-access"),
    path(org + "<int:grant_id>/revoke/", views.revoke_access, name="systems-revoke-access"),
    path(
        org + "machines/request/",
        views_machines.request_machine_account,
        name="systems-request-machine-account",
    ),
    path(
        org + "machines/<int:account_id>/credentials/",
        views_machines.issue_machine_credentials,
        name="systems-machine-credentials",
    ),
    path(
        org + "machines/<int:account_id>/renew/",
        views_machines.renew_machine_account,
        name="systems-machine-renew",
    ),
    path(
        org + "machines/<int:account_id>/revoke/",
        views_machines.revoke_machine_account,
        name="systems-machine-revoke",
    ),
]

review = "access/reviews/<int:review_id>/"
urlpatterns += [
    path(
        review + "items/<int:item_id>/confirm/",
        views.confirm_review_item,
        name="systems-review-confirm",
    ),
    path(
        review + "items/<int:item_id>/revoke/",
        views.revoke_review_item,
        name="systems-review-revoke",
    ),
    path(
        review + "confirm-all/", views.confirm_all_review_items, name="systems-review-confirm-all"
    ),
    path(
        "backoffice/access-reviews/", views.access_review_campaigns, name="systems-review-campaigns"
    ),
    path(
        "backoffice/access-reviews/start/",
        views.start_review_campaign,
        name="systems-start-review-campaign",
    ),
    path(
        "backoffice/access-reviews/<int:campaign_id>/",
        views.access_review_campaign,
        name="systems-review-campaign",
    ),
]

urlpatterns += [
    path(
        "backoffice/systems/",
        views_staff.information_systems,
        name="systems-information-systems",
    ),
    path(
        "backoffice/systems/new/",
        views_staff.edit_information_system,
        name="systems-add-information-system",
    ),
    path(
        "backoffice/systems/<slug:code>/",
        views_staff.edit_information_system,
        name="systems-information-system",
    ),
]
