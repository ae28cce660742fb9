"""Offer only what is allowed: on each role's holders page (By Role), for every demo persona,
the Remove links offered are exactly the removals the service would accept (asked for real,
in a savepoint rolled back so nothing persists)."""

import pytest
from django.db import transaction
from django.urls import reverse

from core.errors import DomainError
from registry import queries, services
from registry.catalogue import ROLES
from registry.models import RoleType

pytestmark = pytest.mark.django_db

PERSONAS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "ivan", "staff"]
CODES = [code for code, *_ in ROLES]
# A member each organization's role gets as an extra holder, so that no role is held by one
# person alone (a last holder of a mandatory role is never removable: nothing to compare).
EXTRA = {"northwind": ["erin"], "lakeshore": ["ivan", "grace"]}


def test_every_role_type_is_walked():
    assert set(RoleType.objects.values_list("code", flat=True)) <= set(CODES)


class _RolledBack(Exception):
    pass


def _would_remove(org, person, role_type, actor) -> bool:
    try:
        with transaction.atomic():
            services.remove_contact(org, person, role_type, actor=actor)
            raise _RolledBack
    except _RolledBack:
        return True
    except DomainError:
        return False


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("org_name", ["northwind", "lakeshore"])
def test_remove_links_offered_are_the_removals_allowed(client, personas, org_name, code):
    org = getattr(personas, org_name)
    role_type = RoleType.objects.get(code=code)
    held = {p.pk for p in queries.holders(org, role_type)}
    extra = next(n for n in EXTRA[org_name] if personas.person(n).pk not in held)
    services.add_contact(org, personas.person(extra), role_type, actor=personas.staff)
    holders = queries.holders(org, role_type)
    page_url = reverse("registry-role-holders", kwargs={"org_id": org.org_id, "code": code})
    offered, allowed = {}, {}
    for name in PERSONAS:
        user = getattr(personas, name)
        client.force_login(user)
        response = client.get(page_url)
        assert response.status_code in (200, 404)
        page = response.content.decode() if response.status_code == 200 else ""
        offered[name] = {
            person.person_id
            for person in holders
            if 'href="'
            + reverse(
                "registry-remove-contact",
                kwargs={"org_id": org.org_id, "code": code, "person_id": person.person_id},
            )
            in page
        }
        allowed[name] = {
            person.person_id for person in holders if _would_remove(org, person, role_type, user)
        }
    assert offered == allowed
    assert any(allowed.values())  # someone may remove someone from every role
