"""The second factor: an authenticator app (TOTP) with recovery codes; optional for everyone,
required for operator staff before staff pages."""

import datetime as dt

import pytest
import time_machine
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.tests.helpers import PASSWORD, last_audit, sign_in, signed_in
from core.errors import Forbidden, Invalid

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def enroll(user) -> tuple[TOTPDevice, list[str]]:
    device = services.start_two_factor(user, actor=user)
    return services.confirm_two_factor(user, code=code(device), actor=user)


def test_a_person_sets_up_an_app_on_the_page_and_gets_recovery_codes(client, personas):
    with time_machine.travel(START, tick=False):
        client.force_login(personas.erin)
        page = client.post("/account/two-factor/", {"action": "start"})
        assert b"Add the key to your app" in page.content
        device = TOTPDevice.objects.get(user=personas.erin, confirmed=False)
        response = client.post("/account/two-factor/", {"action": "confirm", "code": code(device)})
        assert b"Your recovery codes" in response.content
        assert response.content.count(b"<li><code>") == 10
    assert last_audit("account.two_factor_enabled").outcome == "done"


def test_a_wrong_confirmation_code_is_refused_and_nothing_is_enabled(personas):
    services.start_two_factor(personas.erin, actor=personas.erin)
    with pytest.raises(Invalid):
        services.confirm_two_factor(personas.erin, code="000000", actor=personas.erin)
    assert not TOTPDevice.objects.filter(user=personas.erin, confirmed=True).exists()


def test_signing_in_then_asks_for_a_code(client, personas):
    with time_machine.travel(START, tick=False) as clock:
        device, _ = enroll(personas.erin)
        clock.shift(dt.timedelta(seconds=60))
        response = sign_in(client, "erin", PASSWORD)
        assert response.url == "/login/code/"
        assert not signed_in(client)
        response = client.post("/login/code/", {"code": "123456"})
        assert b"That code is not right" in response.content and not signed_in(client)
        device.refresh_from_db()
        clock.shift(dt.timedelta(seconds=60))
        response = client.post("/login/code/", {"code": code(device)})
        assert response.url == "/news/"
        assert signed_in(client)


def test_a_recovery_code_works_once(client, personas):
    with time_machine.travel(START, tick=False):
        _, codes = enroll(personas.erin)
    sign_in(client, "erin", PASSWORD)
    client.post("/login/code/", {"code": codes[0]})
    assert signed_in(client)
    client.logout()
    sign_in(client, "erin", PASSWORD)
    client.post("/login/code/", {"code": codes[0]})
    assert not signed_in(client)


def test_the_code_step_cannot_be_reached_without_the_password(client, personas):
    response = client.post("/login/code/", {"code": "123456"})
    assert response.url == "/login/" and not signed_in(client)


def test_removing_it_needs_the_current_password(personas):
    with time_machine.travel(START, tick=False):
        enroll(personas.erin)
    with pytest.raises(Forbidden):
        services.disable_two_factor(
            personas.erin, data={"current_password": "nope"}, actor=personas.erin
        )
    services.disable_two_factor(
        personas.erin, data={"current_password": PASSWORD}, actor=personas.erin
    )
    assert not TOTPDevice.objects.filter(user=personas.erin).exists()


def test_staff_pages_refuse_staff_without_a_second_factor(client, personas, settings):
    settings.ACCOUNTS_STAFF_REQUIRE_OTP = True
    client.force_login(personas.staff)
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url == "/account/two-factor/"
    assert client.get("/news/").status_code == 200, "ordinary pages stay open"


def test_staff_with_a_verified_second_factor_reach_staff_pages(client, personas, settings):
    settings.ACCOUNTS_STAFF_REQUIRE_OTP = True
    with time_machine.travel(START, tick=False) as clock:
        device, _ = enroll(personas.staff)
        clock.shift(dt.timedelta(seconds=60))
        sign_in(client, "staff", PASSWORD)
        device.refresh_from_db()
        client.post("/login/code/", {"code": code(device)})
        assert client.get("/admin/").status_code == 200


def test_staff_may_not_remove_their_second_factor(personas, settings):
    settings.ACCOUNTS_STAFF_REQUIRE_OTP = True
    with time_machine.travel(START, tick=False):
        enroll(personas.staff)
    with pytest.raises(Forbidden):
        services.disable_two_factor(
            personas.staff, data={"current_password": PASSWORD}, actor=personas.staff
        )


def test_re_authentication_also_asks_for_the_code_when_enrolled(client, personas):
    with time_machine.travel(START, tick=False) as clock:
        device, codes = enroll(personas.alice)
        sign_in(client, "alice", PASSWORD)
        client.post("/login/code/", {"code": codes[0]})
        clock.shift(dt.timedelta(minutes=20))
        page = client.get("/reauthenticate/?next=/news/")
        assert b"Code from your authenticator app" in page.content
        response = client.post("/reauthenticate/?next=/news/", {"password": PASSWORD})
        assert response.status_code == 200
        response = client.post(
            "/reauthenticate/?next=/news/", {"password": PASSWORD, "code": codes[1]}
        )
        assert response.url == "/news/"
