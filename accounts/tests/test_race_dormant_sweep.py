"""Issue 18, under real concurrency (PostgreSQL): the dormant sweep racing a sign-in. Either
the sign-in comes first and the account stays enabled, or the sweep does and the sign-in is
refused: never a sign-in that succeeds into an account disabled a moment later."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from accounts import services
from accounts.models import User
from accounts.tests.helpers import PASSWORD, sign_in, signed_in
from core.testing import race

ROUNDS = 20


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_dormant_sweep_racing_a_sign_in_never_disables_a_fresh_sign_in(live_personas):
    erin = live_personas.erin
    outcomes = set()
    for n in range(ROUNDS):
        now = timezone.now()
        User.objects.filter(pk=erin.pk).update(
            is_active=True,
            dormant_since=None,
            last_login=now - timedelta(days=settings.DORMANT_AFTER_DAYS + 1),
            dormancy_warned_at=now - timedelta(days=settings.DORMANT_WARNING_DAYS),
        )
        client = Client()
        swept = {}

        def sweep():
            swept.update(services.sweep_dormant_accounts())

        def sign_in_erin():
            sign_in(client, "erin", PASSWORD, ip=f"10.1.0.{n + 1}")

        race(sweep, sign_in_erin)
        erin.refresh_from_db()
        got_in = signed_in(client)
        if got_in:
            # The sign-in won: the account stays enabled and its session works.
            assert erin.is_active, f"round {n}: signed in, then disabled"
            assert swept["disabled"] == 0
            assert client.get("/news/").status_code == 200
        else:
            assert not erin.is_active and swept["disabled"] == 1, f"round {n}"
        outcomes.add(got_in)
    User.objects.filter(pk=erin.pk).update(is_active=True, dormant_since=None)
    assert outcomes  # at least one round ran; both orders are legal
