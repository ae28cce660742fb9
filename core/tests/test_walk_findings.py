"""What a walk through every page as each persona at 1280 and 390 px found (issue 15), each
fixed where it is caused, and kept fixed here."""

import pytest
from django.urls import reverse

from apitokens.models import ApiToken
from apitokens.tests.helpers import token_for
from audit.log import record
from audit.models import AuditEntry
from participation.models import Application
from systems.tests.helpers import grant

pytestmark = pytest.mark.django_db


def test_revoking_a_token_asks_first_and_says_what_stops(client, personas):
    token_for(personas.bob, "meter reader")
    token = ApiToken.objects.get(user=personas.bob, name="meter reader")
    client.force_login(personas.bob)
    url = reverse("apitokens-revoke", args=[token.pk])
    assert url in client.get(reverse("me")).content.decode()
    page = client.get(url).content.decode()
    assert "cannot be undone" in page and "Revoke the token" in page
    token.refresh_from_db()
    assert token.status == "active"  # looking at the question changes nothing
    client.post(url)
    token.refresh_from_db()
    assert token.status != "active"


def test_staff_are_not_offered_request_access_and_the_page_says_why(client, personas):
    client.force_login(personas.staff)
    assert reverse("systems-request-access") not in client.get(reverse("actions")).content.decode()
    page = client.get(reverse("systems-request-access")).content.decode()
    assert "Operator staff do not request access here" in page
    assert 'name="organization"' not in page
    client.force_login(personas.erin)
    assert reverse("systems-request-access") in client.get(reverse("actions")).content.decode()


def test_the_last_primary_contacts_reason_is_said_once(client, personas):
    client.force_login(personas.alice)
    url = reverse(
        "registry-person-roles",
        args=[personas.northwind.org_id, personas.person("alice").person_id],
    )
    page = client.get(url).content.decode()
    assert page.count("is the only Primary Contact of Northwind Power Corp.") == 1
    assert "cannot be removed from Northwind Power Corp. See the role above." in page


def test_a_grant_only_staff_may_revoke_says_so_in_place_of_revoke(client, personas):
    grant(personas, "grace", "settlements", org="lakeshore")
    client.force_login(personas.ivan)  # Lakeshore's Rights Administrator
    url = reverse(
        "systems-person-access",
        args=[personas.lakeshore.org_id, personas.person("grace").person_id],
    )
    page = client.get(url).content.decode()
    assert "only operator staff can revoke their access" in page
    assert "systems-revoke" not in page and "/revoke/" not in page


def test_role_pages_use_the_right_article(client, personas):
    url = reverse(
        "registry-role-holders", args=[personas.northwind.org_id, "authorized_representative"]
    )
    client.force_login(personas.alice)  # a Primary Contact: told who may change it
    page = client.get(url).content.decode()
    assert "Only an Authorized Representative of Northwind Power Corp. can change" in page
    client.force_login(personas.bob)  # an Authorized Representative: may add one
    page = client.get(url).content.decode()
    assert "Add an Authorized Representative" in page
    assert "a Authorized" not in page


def test_the_banking_document_is_not_called_optional(client, personas):
    from banking.tests.helpers import sign_in_recently

    sign_in_recently(client, personas.carol)
    page = client.get(
        reverse("banking-organization", args=[personas.northwind.org_id])
    ).content.decode()
    label = page.split('for="id_document"', 1)[1].split("</label>", 1)[0]
    assert "Void cheque or bank letter" in label and "optional" not in label


def test_a_roles_requirement_names_the_missing_role_instead_of_offering_its_button(
    client, personas
):
    app = Application.objects.get(organization=personas.lakeshore)
    item = app.items.get(requirement__kind="roles")
    client.force_login(personas.grace)
    url = reverse("participation-application", args=[personas.lakeshore.org_id, app.pk])
    page = client.get(url).content.decode()
    if item.state == "pending":
        assert "has no Prudential Contact yet" in page
        assert "Check and submit<span" not in page


def test_staff_see_why_they_belong_to_no_organization(client, personas):
    client.force_login(personas.staff)
    page = client.get(reverse("me")).content.decode()
    assert "As operator staff you belong to no organization" in page
    assert "Ask your organization's Primary Contact" not in page


def test_an_account_is_named_by_its_persons_name_in_the_audit(personas):
    record(personas.frank, "account.reactivated", org=personas.lakeshore, target=personas.ivan)
    entry = AuditEntry.objects.filter(action="account.reactivated").latest("id")
    assert entry.target_label == "Ivan Petrov (account ivan)"
