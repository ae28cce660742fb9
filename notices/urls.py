from django.urls import path

from notices import views

urlpatterns = [
    path("announcements/new/", views.publish_announcement, name="notices-publish-announcement"),
    path("notices/new/", views.issue_notice, name="notices-issue-notice"),
]
