"""Staff correct an organization's registered legal name or address on a page of their
workplace (registry.services.update_organization), not in the raw admin."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from registry.models import Organization

pytestmark = pytest.mark.django_db


def _url(personas):
    return reverse("backoffice-edit-organization", args=[personas.northwind.org_id])


def _form(org: Organization, **changes) -> dict:
    data = {
        name: getattr(org, name)
        for name in ("legal_name", "street", "city", "province", "postal_code", "country")
    }
    return {**data, **changes}


def test_the_organization_page_offers_the_correction(client, personas):
    client.force_login(personas.staff)
    page = reverse("backoffice-organization", args=[personas.northwind.org_id])
    assert _url(personas) in client.get(page).content.decode()


def test_staff_correct_the_address_audited_and_the_primary_contacts_told(
    client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(personas.staff)
    org = personas.northwind
    before = org.city
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(personas), _form(org, city="Ottawa"), follow=True)
    body = response.content.decode()
    assert "The registered details of Northwind Power Corp. are saved;" in body
    assert "Corp.." not in body
    org.refresh_from_db()
    assert org.city == "Ottawa"
    entry = AuditEntry.objects.filter(action="organization.updated").latest("id")
    assert entry.details == {"fields": ["city"], "before": {"city": before}}
    (notice,) = [m for m in mailoutbox if "corrected by the operator" in m.subject]
    assert notice.to == ["alice@northwind.example"]
    assert f"City: {before} → Ottawa" in notice.body


def test_nothing_changed_says_so_and_tells_nobody(
    client, personas, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(personas.staff)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(personas), _form(personas.northwind), follow=True)
    assert "Nothing was changed" in response.content.decode()
    assert not AuditEntry.objects.filter(action="organization.updated").exists()
    assert not mailoutbox


def test_an_empty_legal_name_is_refused_once_and_nothing_changes(client, personas):
    client.force_login(personas.staff)
    response = client.post(_url(personas), _form(personas.northwind, legal_name="  "))
    assert response.status_code == 422
    body = response.content.decode()
    assert body.count("Enter legal name.") == 2  # the summary, and under the field
    personas.northwind.refresh_from_db()
    assert personas.northwind.legal_name == "Northwind Power Corp."


@pytest.mark.parametrize("who", ["alice", "bob", "frank"])
def test_nobody_but_staff_finds_the_page(client, personas, who):
    client.force_login(getattr(personas, who))
    assert client.get(_url(personas)).status_code == 404
    assert client.post(_url(personas), _form(personas.northwind, city="X")).status_code == 404
    personas.northwind.refresh_from_db()
    assert personas.northwind.city != "X"
