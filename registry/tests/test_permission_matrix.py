"""Who may change what, in their own organization and in another: the whole table of
domain.md, with no side effect whenever the answer is no."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core.errors import Forbidden
from core.testing import DEMO
from registry import services
from registry.models import Membership
from registry.tests.helpers import holds, role

pytestmark = pytest.mark.django_db

PC, AR, RA, IBC = (
    "primary_contact",
    "authorized_representative",
    "rights_administrator",
    "invoicing_banking_contact",
)
# Northwind personas: alice PC, bob AR, carol IBC, dave RA, erin member; staff is operator.
MAY_MANAGE = {
    AR: {"bob", "staff"},
    PC: {"alice", "bob", "staff"},
    RA: {"alice", "staff"},
    IBC: {"alice", "bob", "staff"},
    "settlement_contact": {"alice", "bob", "staff"},
}
ACTORS = ["alice", "bob", "carol", "dave", "erin", "staff"]


@pytest.mark.parametrize("code", list(MAY_MANAGE))
@pytest.mark.parametrize("actor", ACTORS)
def test_adding_a_role_holder_is_allowed_exactly_as_documented(personas, actor, code):
    org, erin = personas.northwind, personas.person("erin")
    if actor == "erin":
        erin = personas.person("ivan")
    allowed = actor in MAY_MANAGE[code]
    if allowed:
        services.add_contact(org, erin, role(code), actor=getattr(personas, actor))
        assert holds(erin, org, code)
    else:
        refusals = AuditEntry.objects.filter(outcome="refused").count()
        with pytest.raises(Forbidden):
            services.add_contact(org, erin, role(code), actor=getattr(personas, actor))
        assert not holds(erin, org, code)
        assert AuditEntry.objects.filter(outcome="refused").count() == refusals + 1


@pytest.mark.parametrize("code", list(MAY_MANAGE))
@pytest.mark.parametrize("actor", ACTORS)
def test_removing_a_role_holder_is_allowed_exactly_as_documented(personas, actor, code):
    org = personas.northwind
    target = personas.person("ivan")
    services.add_contact(org, target, role(code), actor=personas.staff)
    allowed = actor in MAY_MANAGE[code]
    if allowed:
        services.remove_contact(org, target, role(code), actor=getattr(personas, actor))
        assert not holds(target, org, code)
    else:
        with pytest.raises(Forbidden):
            services.remove_contact(org, target, role(code), actor=getattr(personas, actor))
        assert holds(target, org, code)


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [("alice", True), ("bob", True), ("carol", False), ("dave", False), ("erin", False)],
)
def test_removing_a_member_is_for_primary_contacts_and_authorized_representatives(
    personas, actor, allowed
):
    org, ivan = personas.northwind, personas.person("ivan")
    if allowed:
        services.remove_member(org, ivan, actor=getattr(personas, actor))
    else:
        with pytest.raises(Forbidden):
            services.remove_member(org, ivan, actor=getattr(personas, actor))
    assert Membership.objects.filter(organization=org, person=ivan).exists() is not allowed


OTHER_ORG_PAGES = [
    ("get", "registry-organization", [DEMO.northwind.org_id]),
    ("get", "registry-update-contacts", [DEMO.northwind.org_id]),
    ("get", "registry-by-role", [DEMO.northwind.org_id]),
    ("get", "registry-role-holders", [DEMO.northwind.org_id, PC]),
    ("get", "registry-by-person", [DEMO.northwind.org_id]),
    ("get", "registry-person-roles", [DEMO.northwind.org_id, DEMO.person("alice").person_id]),
    ("get", "registry-remove-contact", [DEMO.northwind.org_id, PC, DEMO.person("alice").person_id]),
    (
        "post",
        "registry-remove-contact",
        [DEMO.northwind.org_id, PC, DEMO.person("alice").person_id],
    ),
    ("post", "registry-add-contact", [DEMO.northwind.org_id, PC]),
    ("post", "registry-add-member", [DEMO.northwind.org_id]),
    ("get", "registry-remove-member", [DEMO.northwind.org_id, DEMO.person("erin").person_id]),
    ("post", "registry-remove-member", [DEMO.northwind.org_id, DEMO.person("erin").person_id]),
    ("get", "registry-register-person", [DEMO.northwind.org_id]),
]


@pytest.mark.parametrize(("method", "name", "args"), OTHER_ORG_PAGES)
def test_another_organizations_pages_are_not_found(client, personas, method, name, args):
    client.force_login(personas.frank)  # Lakeshore's Primary Contact
    before = (Membership.objects.count(), AuditEntry.objects.filter(outcome="done").count())
    response = getattr(client, method)(
        reverse(name, args=args), {"person_id": f"{personas.person('frank').person_id}"}
    )
    assert response.status_code == 404
    assert (Membership.objects.count(), AuditEntry.objects.filter(outcome="done").count()) == (
        before
    )


@pytest.mark.parametrize(("method", "name", "args"), OTHER_ORG_PAGES)
def test_own_organization_pages_open_for_members(client, personas, method, name, args):
    client.force_login(personas.erin)
    response = getattr(client, method)(reverse(name, args=args))
    assert response.status_code in (200, 302)


def test_a_member_of_both_organizations_sees_both(client, personas):
    client.force_login(personas.ivan)
    for org_id in (personas.northwind.org_id, personas.lakeshore.org_id):
        assert client.get(reverse("registry-organization", args=[org_id])).status_code == 200


def test_a_missing_organization_and_an_invisible_one_answer_the_same(client, personas):
    client.force_login(personas.frank)
    invisible = client.get(reverse("registry-organization", args=[personas.northwind.org_id]))
    missing = client.get(reverse("registry-organization", args=[999999]))
    assert invisible.status_code == missing.status_code == 404
    assert "Northwind" not in invisible.content.decode()


def test_looking_into_another_organization_is_audited(client, personas):
    client.force_login(personas.frank)
    client.get(reverse("registry-organization", args=[personas.northwind.org_id]))
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.outcome, entry.actor_id) == (
        "access.denied",
        "refused",
        personas.frank.pk,
    )


@pytest.mark.parametrize(
    "url",
    [
        "/news/",
        "/actions/",
        "/tasks/",
        "/me/",
        "/organizations/",
        f"/organizations/{DEMO.northwind.org_id}/",
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/")
