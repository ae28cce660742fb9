"""Issue 22, finding 4: account changes by staff go through services. The admin's user form is
read-only (no set-password page); deactivating, reactivating, unlocking and staff/superuser
grants are actions calling `accounts.services`: audited, refused where a rule forbids, grants
only by a superuser verified with the second factor."""

import pytest
from django.test import Client

from accounts import services
from accounts.models import User
from accounts.tests.helpers import PASSWORD, last_audit, sign_in, verified, verify_session
from apitokens.tests.helpers import bearer, token_for
from core.errors import Forbidden, RuleViolation
from registry import services as registry_services
from registry.tests.helpers import role

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/accounts/user/"


def _change_url(user) -> str:
    return f"{CHANGELIST}{user.pk}/change/"


def _action(client, action: str, *users):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [u.pk for u in users], "index": 0},
        follow=True,
    )


def _ops(username: str = "ops2") -> User:
    return User.objects.create_user(
        username, email=f"{username}@operator.example", password="x" * 20
    )


def test_the_change_form_cannot_make_a_member_staff_or_superuser(client, personas):
    verify_session(client, personas.staff)
    erin = personas.erin
    assert client.get(_change_url(erin)).status_code == 200  # read-only view
    response = client.post(
        _change_url(erin),
        {"username": "erin", "is_active": "on", "is_staff": "on", "is_superuser": "on"},
    )
    assert response.status_code == 403
    erin.refresh_from_db()
    assert not erin.is_staff and not erin.is_superuser


def test_the_admin_cannot_set_a_password(client, personas):
    verify_session(client, personas.staff)
    before = personas.erin.password
    url = f"{CHANGELIST}{personas.erin.pk}/password/"
    assert client.get(url).status_code == 403
    new = "a password the operator picked for her"
    response = client.post(url, {"password1": new, "password2": new})
    assert response.status_code == 403
    personas.erin.refresh_from_db()
    assert personas.erin.password == before


def test_deactivating_the_only_primary_contact_is_refused_and_audited(client, personas):
    verify_session(client, personas.staff)
    response = _action(client, "deactivate", personas.alice)
    text = response.content.decode()
    assert (
        "Alice Martin is the only Primary Contact of Northwind Power Corp. who can sign in" in text
    )
    personas.alice.refresh_from_db()
    assert personas.alice.is_active
    entry = last_audit("account.deactivate")
    assert (entry.outcome, entry.details["code"]) == ("refused", "last_holder")


def test_a_holder_whose_account_cannot_sign_in_does_not_count(personas):
    pc = role("primary_contact")
    registry_services.add_contact(
        personas.northwind, personas.person("erin"), pc, actor=personas.staff
    )
    services.deactivate_account(personas.erin, actor=personas.staff)
    with pytest.raises(RuleViolation) as refused:
        services.deactivate_account(personas.alice, actor=personas.staff)
    assert refused.value.code == "last_holder"


def test_deactivating_an_account_ends_its_sessions_and_tokens(client, personas):
    token = token_for(personas.erin)
    erin_browser = Client()
    sign_in(erin_browser, "erin", PASSWORD)
    verify_session(client, personas.staff)
    response = _action(client, "deactivate", personas.erin)
    assert "1 account(s) deactivated" in response.content.decode()
    personas.erin.refresh_from_db()
    assert not personas.erin.is_active
    assert erin_browser.get("/news/").status_code == 302
    assert Client().get("/api/v1/me", **bearer(token)).status_code == 401
    entry = last_audit("account.deactivated")
    assert (entry.actor_label, entry.target_id) == ("Olivia Operator", str(personas.erin.pk))
    assert entry.details["tokens_revoked"] == 1
    services.reactivate_account(personas.erin, actor=personas.staff)
    personas.erin.refresh_from_db()
    assert personas.erin.is_active and last_audit("account.reactivated").outcome == "done"


def test_only_operator_staff_administer_accounts(personas):
    for change in (services.deactivate_account, services.unlock_account, services.grant_staff):
        with pytest.raises(Forbidden):
            change(personas.erin, actor=personas.alice)
    personas.erin.refresh_from_db()
    assert personas.erin.is_active and not personas.erin.is_staff


def test_unlocking_lifts_a_sign_in_lock(client, personas, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "erin", "not the password at all")
    assert sign_in(Client(), "erin", PASSWORD).status_code == 200  # locked
    services.unlock_account(personas.erin, actor=personas.staff)
    assert sign_in(Client(), "erin", PASSWORD).status_code == 302
    assert last_audit("account.unlocked").outcome == "done"


def test_staff_grants_need_a_superuser_verified_with_the_second_factor(personas):
    ops = _ops()
    with pytest.raises(Forbidden) as refused:
        services.grant_staff(ops, actor=personas.staff)  # a session without the second factor
    assert refused.value.code == "second_factor_required"
    other_staff = _ops("olga")
    other_staff.is_staff = True
    other_staff.save(update_fields=["is_staff"])
    with pytest.raises(Forbidden):
        services.grant_staff(ops, actor=verified(other_staff))  # staff, not superuser
    ops.refresh_from_db()
    assert not ops.is_staff
    assert last_audit("account.staff.grant").outcome == "refused"


def test_a_verified_superuser_grants_and_revokes_staff_and_superuser(client, personas):
    ops = _ops()
    verify_session(client, personas.staff)
    _action(client, "grant_staff", ops)
    _action(client, "grant_superuser", ops)
    ops.refresh_from_db()
    assert ops.is_staff and ops.is_superuser
    assert last_audit("account.staff_granted").target_id == str(ops.pk)
    assert last_audit("account.superuser_granted").details == {"changed": ["is_superuser"]}
    services.revoke_staff(ops, actor=verified(personas.staff))
    ops.refresh_from_db()
    assert not ops.is_staff and not ops.is_superuser
    assert last_audit("account.staff_revoked").details == {"changed": ["is_staff", "is_superuser"]}


def test_a_member_of_an_organization_is_not_made_staff(personas):
    with pytest.raises(RuleViolation) as refused:
        services.grant_staff(personas.erin, actor=verified(personas.staff))
    assert refused.value.code == "staff_member"
    assert "belongs to Northwind Power Corp." in refused.value.message
    personas.erin.refresh_from_db()
    assert not personas.erin.is_staff


def test_no_one_changes_the_rights_of_their_own_account(personas):
    with pytest.raises(Forbidden):
        services.revoke_staff(personas.staff, actor=verified(personas.staff))
    with pytest.raises(Forbidden):
        services.deactivate_account(personas.staff, actor=verified(personas.staff))
