from django.urls import path

from integrations import views

org = "organizations/<int:org_id>/webhooks/"
one = org + "<int:webhook_id>/"
urlpatterns = [
    path("integrations/guide/", views.guide, name="integrations-guide"),
    path(org, views.webhooks, name="integrations-webhooks"),
    path(org + "add/", views.create_webhook, name="integrations-create-webhook"),
    path(one, views.webhook, name="integrations-webhook"),
    path(one + "test/", views.send_test_event, name="integrations-send-test-event"),
    path(one + "replay/", views.replay_webhook, name="integrations-replay-webhook"),
    path(one + "enable/", views.enable_webhook, name="integrations-enable-webhook"),
    path(one + "delete/", views.delete_webhook, name="integrations-delete-webhook"),
]
