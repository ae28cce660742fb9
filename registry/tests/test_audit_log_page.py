"""The organization's audit log as a page (found on the walk: "Read the audit log" was a
permission with no page): for its Primary Contacts, Authorized Representatives and staff, in
words, paged, at a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.log import record
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _url(personas, org="northwind"):
    return reverse("registry-audit-log", args=[getattr(personas, org).org_id])


@pytest.mark.parametrize(
    ("who", "status"),
    [("alice", 200), ("bob", 200), ("staff", 200), ("carol", 403), ("erin", 403), ("frank", 404)],
)
def test_who_reads_the_audit_log(client, personas, who, status):
    client.force_login(getattr(personas, who))
    assert client.get(_url(personas)).status_code == status


def test_the_organization_page_offers_it_only_to_its_readers(client, personas):
    page = reverse("registry-organization", args=[personas.northwind.org_id])
    client.force_login(personas.alice)
    assert _url(personas) in client.get(page).content.decode()
    client.force_login(personas.carol)
    assert _url(personas) not in client.get(page).content.decode()


def test_entries_read_as_sentences_newest_first_with_the_refusals(client, personas):
    from core.errors import DomainError
    from registry import services
    from registry.models import RoleType

    pc = RoleType.objects.get(code="primary_contact")
    with pytest.raises(DomainError):
        services.remove_contact(
            personas.northwind, personas.person("alice"), pc, actor=personas.alice
        )
    client.force_login(personas.bob)
    body = client.get(_url(personas)).content.decode()
    assert "Refused" in body
    from audit.sentences import describe

    refused = AuditEntry.objects.filter(outcome="refused").latest("id")
    assert describe(refused) in body and "Alice Martin" in describe(refused)
    assert "contact.remove" not in body  # never a code


def test_the_page_costs_the_same_queries_whatever_the_logs_size(client, personas):
    client.force_login(personas.alice)
    with CaptureQueriesContext(connection) as small:
        client.get(_url(personas))
    for _ in range(120):
        record(personas.alice, "organization.updated", org=personas.northwind)
    with CaptureQueriesContext(connection) as large:
        response = client.get(_url(personas) + "?page=2")
    assert response.status_code == 200
    assert len(large) == len(small)
    total = AuditEntry.objects.filter(org_id=personas.northwind.org_id).count()
    assert f"{total} entries" in response.content.decode()
