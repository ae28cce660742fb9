"""Every audited change done in an organization is an event; the feed reads them in order."""

import json

import pytest

from banking import services as banking_services
from banking.tests.helpers import NEW, letter
from core.errors import Forbidden
from integrations.models import Event
from registry import services as registry_services
from registry.tests.api_helpers import as_persona, call
from registry.tests.helpers import role

pytestmark = pytest.mark.django_db


def last_event() -> Event:
    return Event.objects.order_by("-id").first()


def test_an_added_contact_is_an_event_naming_public_ids(personas):
    org, erin = personas.northwind, personas.person("erin")
    registry_services.add_contact(org, erin, role("rights_administrator"), actor=personas.alice)
    event = last_event()
    assert event.type == "contact.added"
    assert event.org_id == org.org_id
    assert event.data["organization"] == {"org_id": org.org_id, "legal_name": org.legal_name}
    assert event.data["actor"] == {
        "person_id": personas.person("alice").person_id,
        "name": "Alice Martin",
    }
    assert event.data["target"]["type"] == "person"
    assert event.data["target"]["id"] == erin.person_id
    assert event.data["details"]["role"] == "rights_administrator"


def test_a_banking_event_carries_the_masked_account_only(personas):
    banking_services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )
    event = Event.objects.filter(type="banking.change_submitted").latest("id")
    text = json.dumps(event.data)
    assert event.data["details"]["account"].endswith("4321")
    for number in (NEW["account_number"], NEW["transit_number"]):
        assert number not in text
    assert "fingerprint" not in text


def test_refusals_reads_and_changes_without_an_organization_are_no_events(personas):
    before = Event.objects.count()
    with pytest.raises(Forbidden):
        registry_services.add_contact(
            personas.northwind,
            personas.person("erin"),
            role("rights_administrator"),
            actor=personas.erin,
        )
    registry_services.search_persons(text="alice", actor=personas.alice)
    assert Event.objects.count() == before


def test_the_event_type_comes_from_the_action_registry():
    from audit import actions

    assert actions.event_type("contact.added") == "contact.added"
    assert actions.event_type("banking.change_approved") == "banking.change_approved"
    assert actions.event_type("person.searched") is None  # a read
    assert actions.event_type("contact.add") is None  # a @service code: refusals only
    assert "access.granted" in actions.event_types()
    assert "webhook.created" in actions.event_types()


def test_only_what_an_organization_can_receive_is_offered_each_in_its_own_words():
    """A subscriber is offered the event types filed under an organization, never the
    operator's catalogue or a person's own account (which no webhook could ever receive), and
    each reads as what happened to what ("Delete the webhook of the organization", not "Delete
    the webhook someone")."""
    from audit import actions
    from integrations.forms import event_choices

    offered = dict(event_choices())
    for operator_wide in (
        "role_type.created",
        "announcement.published",
        "information_system.updated",
        "account.signed_in",
        "api_token.created",
        "access.denied",  # a refused read: no change
    ):
        assert operator_wide not in offered
    assert {"member.added", "contact.removed", "banking.change_approved"} <= set(offered)
    descriptions = [actions.event_description(code) for code in offered]
    assert len(set(descriptions)) == len(descriptions)  # no two read the same
    assert actions.event_description("webhook.deleted") == "Delete the webhook of the organization"
    assert actions.event_description("task.accepted") == "Accept a task"
    assert actions.event_description("machine_account.revoked") == (
        "Revoke a machine account of the organization"
    )
    assert not [d for d in descriptions if "  " in d or d.endswith(" ") or "…" in d]


FEED = "/organizations/{org}/events"


@pytest.mark.parametrize(
    "persona, status",
    [
        ("alice", 200),  # Primary Contact
        ("bob", 200),  # Authorized Representative
        ("dave", 200),  # Rights Administrator
        ("carol", 403),  # Invoicing and Banking Contact
        ("erin", 403),  # member without a role
        ("frank", 404),  # another organization
        ("staff", 403),
        (None, 401),
    ],
)
def test_who_reads_the_feed(personas, persona, status):
    url = FEED.format(org=personas.northwind.org_id)
    assert call(as_persona(personas, persona), "GET", url).status_code == status


def test_the_feed_is_oldest_first_and_resumes_from_its_cursor(personas):
    client = as_persona(personas, "bob")
    url = FEED.format(org=personas.northwind.org_id)
    first = call(client, "GET", url + "?limit=500").json()
    ids = [int(item["id"]) for item in first["items"]]
    assert ids == sorted(ids)
    assert all(
        item["data"]["organization"]["org_id"] == personas.northwind.org_id
        for item in first["items"]
    )
    cursor = first["next"]
    empty = call(client, "GET", f"{url}?after={cursor}").json()
    assert empty == {"items": [], "next": cursor}  # nothing new: the same cursor again

    registry_services.add_contact(
        personas.northwind,
        personas.person("erin"),
        role("rights_administrator"),
        actor=personas.alice,
    )
    more = call(client, "GET", f"{url}?after={cursor}").json()
    assert [item["type"] for item in more["items"]] == ["contact.added"]
    assert int(more["next"]) > int(cursor)
    assert set(more["items"][0]) == {"id", "type", "at", "data"}
    # Lakeshore's change is not in Northwind's feed.
    registry_services.add_contact(
        personas.lakeshore, personas.person("ivan"), role("primary_contact"), actor=personas.frank
    )
    assert call(client, "GET", f"{url}?after={more['next']}").json()["items"] == []


def test_the_feed_pages_with_limit(personas):
    client = as_persona(personas, "alice")
    url = FEED.format(org=personas.northwind.org_id)
    for person in ("erin", "carol"):
        registry_services.add_contact(
            personas.northwind,
            personas.person(person),
            role("rights_administrator"),
            actor=personas.alice,
        )
    everything = [i["id"] for i in call(client, "GET", url + "?limit=500").json()["items"]]
    walked, cursor = [], "0"
    while True:
        body = call(client, "GET", f"{url}?after={cursor}&limit=2").json()
        if not body["items"]:
            break
        walked += [i["id"] for i in body["items"]]
        cursor = body["next"]
    assert walked == everything


def test_the_feed_runs_a_fixed_number_of_queries(personas, django_assert_num_queries):
    client = as_persona(personas, "alice")
    url = FEED.format(org=personas.northwind.org_id) + "?limit=500"
    call(client, "GET", url)
    # session, user, organization, the user's roles in it, the events
    with django_assert_num_queries(5):
        call(client, "GET", url)
    for person in ("erin", "dave", "bob"):
        registry_services.add_contact(
            personas.northwind,
            personas.person(person),
            role("invoicing_banking_contact"),
            actor=personas.alice,
        )
    with django_assert_num_queries(5):
        assert len(call(client, "GET", url).json()["items"]) >= 3


@pytest.mark.parametrize("after", ["-1", "abc", "1" * 19])
def test_a_bad_cursor_is_422(personas, after):
    url = FEED.format(org=personas.northwind.org_id)
    assert call(as_persona(personas, "alice"), "GET", f"{url}?after={after}").status_code == 422
