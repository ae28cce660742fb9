"""Issue 22, finding 4, under real concurrency (PostgreSQL): an organization's two Primary
Contacts deactivated at the same instant never leave it with none who can sign in."""

import pytest

from accounts import services
from accounts.models import User
from core.testing import race
from registry import services as registry_services
from registry.tests.helpers import role

ROUNDS = 20


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_primary_contacts_deactivated_at_once_leave_one_who_can_sign_in(live_personas):
    p = live_personas
    registry_services.add_contact(
        p.northwind, p.person("erin"), role("primary_contact"), actor=p.staff
    )
    for _ in range(ROUNDS):
        outcomes = race(
            lambda: services.deactivate_account(p.alice, actor=p.staff),
            lambda: services.deactivate_account(p.erin, actor=p.staff),
        )
        assert outcomes == ["done", "last_holder"]
        assert User.objects.filter(username__in=["alice", "erin"], is_active=True).count() == 1
        User.objects.filter(username__in=["alice", "erin"]).update(is_active=True)
