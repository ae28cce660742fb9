from django.urls import path

from participation import views, views_staff

A = "organizations/<int:org_id>/applications/<int:application_id>"

urlpatterns = [
    path("participation/", views.choose_organization, name="participation-choose"),
    path(
        "organizations/<int:org_id>/participation/",
        views.organization,
        name="participation-organization",
    ),
    path(
        "organizations/<int:org_id>/participation/apply/<slug:code>/",
        views.start,
        name="participation-start",
    ),
    path(f"{A}/", views.application, name="participation-application"),
    path(
        f"{A}/requirements/<slug:code>/",
        views.submit_requirement,
        name="participation-submit-requirement",
    ),
    path(f"{A}/submit/", views.submit_application, name="participation-submit"),
    path(f"{A}/withdraw/", views.withdraw, name="participation-withdraw"),
    # The back office (staff only)
    path("backoffice/participation/", views_staff.review_queue, name="participation-queue"),
    path(
        "backoffice/participation/<int:application_id>/",
        views_staff.review,
        name="participation-review",
    ),
    path(
        "backoffice/participation/<int:application_id>/requirements/<slug:code>/accept/",
        views_staff.accept,
        name="participation-accept",
    ),
    path(
        "backoffice/participation/<int:application_id>/requirements/<slug:code>/return/",
        views_staff.return_item,
        name="participation-return",
    ),
    path(
        "backoffice/participation/<int:application_id>/requirements/<slug:code>/fee/",
        views_staff.record_fee,
        name="participation-record-fee",
    ),
    path(
        "backoffice/participation/<int:application_id>/authorize/",
        views_staff.authorize,
        name="participation-authorize",
    ),
    path(
        "backoffice/participation/<int:application_id>/suspend/",
        views_staff.suspend,
        name="participation-suspend",
    ),
    path(
        "backoffice/participation/<int:application_id>/reinstate/",
        views_staff.reinstate,
        name="participation-reinstate",
    ),
    path("backoffice/participation-types/", views_staff.types, name="participation-types"),
    path(
        "backoffice/participation-types/new/",
        views_staff.edit_type,
        name="participation-add-type",
    ),
    path(
        "backoffice/participation-types/<slug:code>/",
        views_staff.edit_type,
        name="participation-type",
    ),
    path(
        "backoffice/participation-types/<slug:code>/requirements/new/",
        views_staff.edit_requirement,
        name="participation-add-requirement",
    ),
    path(
        "backoffice/participation-types/<slug:code>/requirements/<slug:requirement_code>/",
        views_staff.edit_requirement,
        name="participation-requirement",
    ),
    path(
        "backoffice/participation-types/<slug:code>/requirements/<slug:requirement_code>/delete/",
        views_staff.delete_requirement,
        name="participation-delete-requirement",
    ),
]
