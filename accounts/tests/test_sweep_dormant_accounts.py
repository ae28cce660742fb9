"""Dormant accounts (issue 18): no sign-in for DORMANT_AFTER_DAYS warns, then disables an
account (person and roles kept, sessions and tokens ended); its organization's Primary Contacts
and Rights Administrators are told; they re-enable it after re-authenticating."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import User
from accounts.tests.helpers import PASSWORD, last_audit, sign_in, signed_in
from apitokens.models import ApiToken
from apitokens.services import create_api_token
from core.errors import Forbidden, RuleViolation
from core.reauth import AUTHENTICATED_AT
from registry import services as registry_services
from registry.tests.helpers import holds, role

pytestmark = pytest.mark.django_db

DAYS = settings.DORMANT_AFTER_DAYS
WARNING = settings.DORMANT_WARNING_DAYS


def idle(user: User, days: int, *, warned_days_ago: int | None = None) -> User:
    """The account last signed in `days` ago (and was warned `warned_days_ago`)."""
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(
        last_login=now - timedelta(days=days),
        date_joined=now - timedelta(days=days + 10),
        dormancy_warned_at=(
            None if warned_days_ago is None else now - timedelta(days=warned_days_ago)
        ),
    )
    user.refresh_from_db()
    return user


def mails_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def test_an_account_idle_for_the_warning_period_is_warned_once(
    personas, django_capture_on_commit_callbacks
):
    erin = idle(personas.erin, DAYS - WARNING + 1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep_dormant_accounts() == {"warned": 1, "disabled": 0}
    erin.refresh_from_db()
    assert erin.is_active and erin.dormancy_warned_at is not None
    (warning,) = mails_to("erin@northwind.example")
    assert "will be disabled on" in warning.body and "/login/" in warning.body
    assert last_audit("account.dormancy_warned").target_id == str(erin.pk)
    assert services.sweep_dormant_accounts() == {"warned": 0, "disabled": 0}


def test_an_account_recently_used_is_left_alone(personas):
    idle(personas.erin, DAYS - WARNING - 1)
    assert services.sweep_dormant_accounts() == {"warned": 0, "disabled": 0}


def test_an_idle_account_is_disabled_with_its_person_and_roles_kept(
    personas, django_capture_on_commit_callbacks
):
    carol = personas.carol
    _, secret = create_api_token(carol, data={"name": "laptop"}, actor=carol)
    client = Client()
    client.force_login(carol)
    carol = idle(carol, DAYS + 1, warned_days_ago=WARNING)  # signed in long ago, then
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.sweep_dormant_accounts() == {"warned": 0, "disabled": 1}
    carol.refresh_from_db()
    assert not carol.is_active and carol.dormant_since is not None
    assert holds(personas.person("carol"), personas.northwind, "invoicing_banking_contact")
    assert not ApiToken.objects.filter(user=carol, revoked_at=None).exists()
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert client.get("/news/").status_code == 302  # the session ended: to the sign-in page
    entry = last_audit("account.disabled_dormant")
    assert entry.org_id == personas.northwind.org_id and entry.actor_id is None
    assert mails_to("carol@northwind.example")
    told = {address for m in mail.outbox if "was disabled" in m.subject for address in m.to}
    # Northwind's Primary Contact (alice) and Rights Administrator (dave) are told.
    assert {"alice@northwind.example", "dave@northwind.example"} <= told
    assert "bob@northwind.example" not in told


def test_an_idle_account_never_warned_is_warned_first_and_disabled_later(personas):
    erin = idle(personas.erin, DAYS + 30)
    assert services.sweep_dormant_accounts() == {"warned": 1, "disabled": 0}
    erin.refresh_from_db()
    assert erin.is_active
    later = timezone.now() + timedelta(days=WARNING)
    assert services.sweep_dormant_accounts(now=later) == {"warned": 0, "disabled": 1}


def test_a_sign_in_after_the_warning_cancels_it(client, personas):
    idle(personas.erin, DAYS + 1, warned_days_ago=WARNING + 1)
    assert sign_in(client, "erin", PASSWORD).status_code == 302
    assert services.sweep_dormant_accounts() == {"warned": 0, "disabled": 0}
    assert User.objects.get(pk=personas.erin.pk).is_active


def test_a_dormant_account_cannot_sign_in_and_is_told_as_any_failure(client, personas):
    idle(personas.erin, DAYS + 1, warned_days_ago=WARNING)
    services.sweep_dormant_accounts()
    response = sign_in(client, "erin", PASSWORD)
    assert response.status_code == 200 and not signed_in(client)
    assert b"The account name or password is not right" in response.content


def test_the_last_primary_contact_is_disabled_too_and_flagged_on_coverage(client, personas):
    idle(personas.alice, DAYS + 1, warned_days_ago=WARNING)
    assert services.sweep_dormant_accounts()["disabled"] == 1
    assert holds(personas.person("alice"), personas.northwind, "primary_contact")
    client.force_login(personas.staff)
    page = client.get(reverse("backoffice-coverage")).content.decode()
    assert "Mandatory roles held by a disabled account" in page
    assert "Alice Martin" in page and "Dormant since" in page


def test_the_command_reports_what_it_did(personas, capsys):
    idle(personas.erin, DAYS + 1, warned_days_ago=WARNING)
    call_command("sweep_dormant_accounts")
    assert "0 account(s) warned, 1 disabled" in capsys.readouterr().out


def test_superusers_are_never_swept(personas):
    idle(personas.staff, DAYS * 3, warned_days_ago=DAYS)
    assert services.sweep_dormant_accounts() == {"warned": 0, "disabled": 0}


# --- Re-enabling ---------------------------------------------------------------------------


def dormant(personas, name: str) -> User:
    user = idle(getattr(personas, name), DAYS + 1, warned_days_ago=WARNING)
    services.sweep_dormant_accounts()
    user.refresh_from_db()
    assert user.is_dormant
    return user


@pytest.mark.parametrize("who", ["alice", "dave", "staff"])
def test_a_primary_contact_or_rights_administrator_enables_it_again(personas, who):
    erin = dormant(personas, "erin")
    services.reenable_account(personas.northwind, erin.person, actor=getattr(personas, who))
    erin.refresh_from_db()
    assert erin.is_active and not erin.is_dormant and erin.reenabled_at is not None
    assert last_audit("account.reenabled").actor_id == getattr(personas, who).pk
    assert services.sweep_dormant_accounts() == {"warned": 0, "disabled": 0}
    assert sign_in(Client(), "erin", PASSWORD).status_code == 302


@pytest.mark.parametrize("who", ["bob", "carol", "frank"])
def test_others_may_not_enable_it(personas, who):
    erin = dormant(personas, "erin")
    with pytest.raises(Forbidden):
        services.reenable_account(personas.northwind, erin.person, actor=getattr(personas, who))
    erin.refresh_from_db()
    assert not erin.is_active
    assert last_audit().outcome == "refused"


def test_an_account_staff_deactivated_is_not_the_organizations_to_enable(personas):
    services.deactivate_account(personas.erin, actor=personas.staff)
    with pytest.raises(Forbidden) as exc:
        services.reenable_account(personas.northwind, personas.person("erin"), actor=personas.alice)
    assert exc.value.code == "disabled_by_staff"


def test_an_active_account_needs_no_enabling(personas):
    with pytest.raises(RuleViolation):
        services.reenable_account(personas.northwind, personas.person("erin"), actor=personas.alice)


def person_page(org, person) -> str:
    return reverse("registry-person-roles", args=[org.org_id, person.person_id])


def test_the_persons_page_shows_the_last_sign_in_and_offers_enabling(client, personas):
    erin = dormant(personas, "erin")
    page = person_page(personas.northwind, erin.person)
    client.force_login(personas.alice)
    html = client.get(page).content.decode()
    assert (
        "<dt>Last sign-in</dt>" in html
        and "<dt>Status</dt>" in html
        and "Disabled for lack of sign-ins" in html
    )
    assert "Enable the account of Erin Walsh" in html
    client.force_login(personas.bob)
    html = client.get(page).content.decode()
    assert "Enable the account of Erin Walsh" not in html
    assert "Only a Primary Contact or Rights Administrator" in html


def test_enabling_on_the_page_asks_for_the_password_after_a_while(client, personas):
    erin = dormant(personas, "erin")
    url = reverse("account-reenable", args=[personas.northwind.org_id, erin.person.person_id])
    client.force_login(personas.dave)
    session = client.session
    session[AUTHENTICATED_AT] = time.time() - settings.REAUTH_MAX_AGE_SECONDS - 60
    session.save()
    response = client.post(url)
    assert response.status_code == 302 and "/reauthenticate/" in response.url
    assert not User.objects.get(pk=erin.pk).is_active
    session = client.session
    session[AUTHENTICATED_AT] = time.time()
    session.save()
    response = client.post(url, follow=True)
    assert "is enabled again" in response.content.decode()
    assert User.objects.get(pk=erin.pk).is_active


def test_another_organizations_person_is_not_found(client, personas):
    erin = dormant(personas, "erin")
    client.force_login(personas.frank)
    url = reverse("account-reenable", args=[personas.northwind.org_id, erin.person.person_id])
    assert client.post(url).status_code == 404


# --- One last-holder rule: a disabled account never stands in --------------------------------


def test_the_active_primary_contact_stays_while_the_other_is_disabled(personas):
    org, erin = personas.northwind, personas.person("erin")
    registry_services.add_contact(org, erin, role("primary_contact"), actor=personas.bob)
    dormant(personas, "erin")
    with pytest.raises(RuleViolation) as exc:
        registry_services.remove_contact(
            org, personas.person("alice"), role("primary_contact"), actor=personas.bob
        )
    assert exc.value.code == "last_holder"
    with pytest.raises(RuleViolation):
        services.deactivate_account(personas.alice, actor=personas.staff)
    # The disabled holder can be removed: the active one stays.
    registry_services.remove_contact(org, erin, role("primary_contact"), actor=personas.bob)
    assert not holds(erin, org, "primary_contact")


def test_a_registered_person_without_an_account_yet_stands_in(personas):
    org = personas.northwind
    new = registry_services.register_person(
        org,
        data={
            "first_name": "Nora",
            "last_name": "Quinn",
            "email": "nora@northwind.example",
            "phone": "+14165550188",
        },
        actor=personas.alice,
    )
    registry_services.add_contact(org, new, role("primary_contact"), actor=personas.alice)
    registry_services.remove_contact(
        org, personas.person("alice"), role("primary_contact"), actor=personas.bob
    )
    assert holds(new, org, "primary_contact")
