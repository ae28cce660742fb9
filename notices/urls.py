from django.urls import path

from notices import views

urlpatterns = [
    path("announcements/new/", views.publish_announcement, name="notices-publish-announcement"),
    path("notices/new/", views.issue_notice, name="notices-issue-notice"),
    path("backoffice/announcements/", views.announcement_list, name="notices-announcements"),
    path(
        "backoffice/announcements/<int:announcement_id>/withdraw/",
        views.withdraw_announcement,
        name="notices-withdraw-announcement",
    ),
]
