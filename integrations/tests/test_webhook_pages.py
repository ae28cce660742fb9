"""The Webhooks and events pages and the webhook API operations."""

import pytest
from django.test import Client

from integrations.models import Webhook
from registry.tests.api_helpers import as_persona, call

pytestmark = pytest.mark.django_db


def signed_in(personas, name) -> Client:
    client = Client()
    client.force_login(getattr(personas, name))
    return client


def test_a_primary_contact_adds_tests_and_deletes_a_webhook_from_the_pages(personas, settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    org = personas.northwind.org_id
    client = signed_in(personas, "alice")
    page = client.get(f"/organizations/{org}/webhooks/")
    assert page.status_code == 200 and "Add webhook" in page.content.decode()
    created = client.post(
        f"/organizations/{org}/webhooks/add/",
        {"url": "http://127.0.0.1:9/hooks", "events": ["contact.added", "access.granted"]},
    )
    assert created.status_code == 200
    webhook = Webhook.objects.get(organization__org_id=org)
    assert webhook.secret.startswith("whsec_") and webhook.secret in created.content.decode()
    detail = client.get(f"/organizations/{org}/webhooks/{webhook.pk}/")
    assert webhook.secret not in detail.content.decode()  # shown once
    assert "Send a test event" in detail.content.decode()
    client.post(f"/organizations/{org}/webhooks/{webhook.pk}/test/")
    assert webhook.deliveries.count() == 1
    assert client.get(f"/organizations/{org}/webhooks/{webhook.pk}/delete/").status_code == 200
    gone = client.post(f"/organizations/{org}/webhooks/{webhook.pk}/delete/")
    assert gone.status_code == 302 and not Webhook.objects.filter(pk=webhook.pk).exists()


def test_the_webhooks_page_links_to_a_guide_listing_every_event_type(personas):
    org = personas.northwind.org_id
    client = signed_in(personas, "alice")
    page = client.get(f"/organizations/{org}/webhooks/").content.decode()
    assert 'href="/integrations/guide/"' in page
    guide = client.get("/integrations/guide/").content.decode()
    assert "<code>contact.added</code>" in guide and "Standard Webhooks" in guide
    assert "<code>role_type.created</code>" not in guide  # the operator's catalogue: no event


def test_an_unsafe_url_is_shown_as_a_field_error(personas):
    org = personas.northwind.org_id
    page = signed_in(personas, "bob").post(
        f"/organizations/{org}/webhooks/add/",
        {"url": "https://10.0.0.1/x", "events": ["contact.added"]},
    )
    assert page.status_code == 422 and "private address" in page.content.decode()


def test_the_page_says_why_to_those_who_may_not_manage_webhooks(personas):
    org = personas.northwind.org_id
    page = signed_in(personas, "erin").get(f"/organizations/{org}/webhooks/").content.decode()
    assert "Only the Primary Contacts and Authorized Representatives" in page
    assert signed_in(personas, "frank").get(f"/organizations/{org}/webhooks/").status_code == 404


@pytest.mark.parametrize(
    "persona, status", [("alice", 201), ("bob", 201), ("dave", 403), ("carol", 403), ("frank", 404)]
)
def test_who_subscribes_over_the_api(personas, settings, persona, status):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    response = call(
        as_persona(personas, persona),
        "POST",
        f"/organizations/{personas.northwind.org_id}/webhooks",
        {"url": "http://localhost:9/in", "events": ["contact.added"]},
    )
    assert response.status_code == status
    if status == 201:
        assert response.json()["secret"].startswith("whsec_")


def test_the_webhook_api_lists_logs_and_deletes(personas, settings, django_assert_num_queries):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    client = as_persona(personas, "alice")
    base = f"/organizations/{personas.northwind.org_id}/webhooks"
    made = call(client, "POST", base, {"url": "http://localhost:9/in", "events": ["contact.added"]})
    webhook_id = made.json()["webhook_id"]
    assert call(client, "POST", f"{base}/{webhook_id}/test", {}).status_code == 202
    assert call(client, "POST", f"{base}/{webhook_id}/replay", {"after": "0"}).status_code == 202
    call(client, "GET", base)
    # session, user, organization, roles, count, page
    with django_assert_num_queries(6):
        listed = call(client, "GET", base).json()
    assert "secret" not in listed["items"][0]
    log = call(client, "GET", f"{base}/{webhook_id}/deliveries").json()
    assert "webhook.test" in {d["event_type"] for d in log["items"]}
    assert call(client, "DELETE", f"{base}/{webhook_id}").status_code == 204
    assert call(client, "GET", f"{base}/{webhook_id}").status_code == 404
