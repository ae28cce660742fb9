"""Issue 22, finding 1: the staff second factor guards powers, not pages. With
`ACCOUNTS_STAFF_REQUIRE_OTP` on, `registry.rules.is_operator_staff` answers "staff power" only
to a session verified with the second factor, or a token made in one; a staff account's token
is short-lived."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from accounts.tests.helpers import last_audit, verified, verify_session
from apitokens.models import ApiToken
from apitokens.services import create_api_token
from apitokens.tests.helpers import bearer
from banking import services as banking_services
from core.errors import Forbidden
from notices import services as notice_services
from notices.models import Announcement

pytestmark = pytest.mark.django_db
BANKING = "/api/v1/organizations/100001/banking"


@pytest.fixture(autouse=True)
def _otp_required(settings):
    settings.ACCOUNTS_STAFF_REQUIRE_OTP = True


def _token(actor) -> str:
    return create_api_token(actor, data={"name": "staff script"}, actor=actor)[1]


def test_an_unverified_staff_actor_neither_reveals_banking_nor_publishes(personas):
    with pytest.raises(Forbidden):
        banking_services.reveal_banking(personas.northwind, actor=personas.staff)
    with pytest.raises(Forbidden):
        notice_services.publish_announcement(
            data={"title": "To everyone", "body": "Hello"}, actor=personas.staff
        )
    assert not Announcement.objects.filter(title="To everyone").exists()
    assert last_audit("banking.reveal").outcome == "refused"


def test_a_verified_staff_actor_reveals_banking(personas):
    numbers = banking_services.reveal_banking(personas.northwind, actor=verified(personas.staff))
    assert numbers["account"] == "1234567"


def test_an_unverified_staff_session_reads_no_banking_through_the_api(client, personas):
    client.force_login(personas.staff)
    assert client.get(BANKING).status_code == 404
    verify_session(client, personas.staff)
    assert client.get(BANKING).status_code == 200


def test_the_reveal_page_refuses_an_unverified_staff_session(client, personas):
    client.force_login(personas.staff)
    response = client.post("/organizations/100001/banking/reveal/")
    assert response.status_code == 404
    assert b"1234567" not in response.content


def test_a_token_made_without_the_second_factor_carries_no_staff_power(personas):
    token = _token(personas.staff)
    assert not ApiToken.objects.get(prefix=token[:12]).two_factor_verified
    caller = Client()
    assert caller.get(BANKING, **bearer(token)).status_code == 404
    issued = caller.post(
        "/api/v1/service-tokens",
        {"name": "escalation"},
        content_type="application/json",
        **bearer(token),
    )
    assert issued.status_code == 403
    assert not ApiToken.objects.filter(name="escalation").exists()


def test_a_token_made_with_the_second_factor_has_staff_power_and_expires_soon(personas):
    token = _token(verified(personas.staff))
    row = ApiToken.objects.get(prefix=token[:12])
    assert row.two_factor_verified
    assert row.expires_at <= timezone.now() + dt.timedelta(hours=12)
    assert Client().get(BANKING, **bearer(token)).status_code == 200


def test_a_members_token_lives_as_long_as_asked(personas):
    token = _token(personas.alice)
    assert ApiToken.objects.get(prefix=token[:12]).expires_at is None
