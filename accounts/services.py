"""Every change to accounts: secret answers, password resets, invitations.

Tokens of e-mailed links are generated here, sent in the e-mail, and stored only as a digest:
they never reach a page, an API answer, the audit log or the logs.
"""

import secrets
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts import hooks, throttling
from accounts.forms import AccountSetupForm, ChangePasswordForm, ChangeSecretAnswersForm
from accounts.models import (
    SECRET_ANSWERS_REQUIRED,
    Invitation,
    PasswordResetLink,
    RecoveryGuard,
    SecretAnswer,
    SecretQuestion,
    User,
    digest,
)
from accounts.secrets import answer_matches, hash_answer
from accounts.usernames import normalize_username
from audit.log import record
from audit.models import AuditEntry
from core import context_processors
from core.errors import Forbidden, Invalid, NotFound, RuleViolation, require
from core.forms import field_errors
from core.mail import send_after_commit
from core.reauth import require_recent_sign_in, second_factor_verified
from core.services import service
from core.text import sentence

LINK_NOT_VALID = _(
    "This link is not valid any more: it was already used, it has expired, or the account "
    "changed since it was sent. Ask for a new one."
)


def _mail(to: str, subject: str, template: str, context: dict, *, language: str | None) -> None:
    """One e-mail from a template, written in the recipient's `language` (the language of
    their account; the active one for a person who has no account yet)."""
    operator = context_processors.operator(None)["operator"]
    with translation.override(language or translation.get_language() or "en"):
        subject = str(subject)
        body = render_to_string(f"accounts/email/{template}.txt", {**context, "operator": operator})
    send_after_commit([to], subject, body.strip())


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _save_answers(user: User, pairs) -> None:
    SecretAnswer.objects.filter(user=user).delete()
    SecretAnswer.objects.bulk_create(
        SecretAnswer(user=user, question=question, answer_hash=hash_answer(answer))
        for question, answer in pairs
    )


# --- Secret answers -----------------------------------------------------------------------


@service("account.secret_answers.change", org=None, target=None)
def change_secret_answers(user: User, *, data: dict, actor) -> User:
    """Choose three questions and answer them; needs the current password.

    Returns the account as saved: checking the password may have upgraded its hash, so the
    caller's session must be updated with it (`update_session_auth_hash`)."""
    require(actor.pk == user.pk, _("You can only change your own secret answers."))
    user = User.objects.select_for_update().get(pk=user.pk)
    password = data.get("current_password") or ""
    if not password or not user.check_password(password):
        raise Forbidden(
            _("Enter your current password correctly to change your secret answers."),
            code="wrong_password",
        )
    form = ChangeSecretAnswersForm(data, user=user, password=password)
    if not form.is_valid():
        raise Invalid(_("Some answers need correcting."), fields=field_errors(form))
    had_answers = user.secret_answers.exists()
    _save_answers(user, form.pairs())
    record(actor, "account.secret_answers_changed", target=user)
    if had_answers and account_email(user):
        _mail(
            account_email(user),
            _("Your secret questions were changed"),
            "secret_answers_changed",
            {"user": user},
            language=user.language,
        )
    return user


# --- Second factor ------------------------------------------------------------------------


@service("account.two_factor.start", org=None, target=None)
def start_two_factor(user: User, *, actor):
    """A new, unconfirmed authenticator-app key (replacing an unconfirmed earlier one)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.two_factor import APP_DEVICE_NAME

    require(actor.pk == user.pk, "You can only set up your own second factor.")
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@service("account.two_factor.confirm", org=None, target=None)
def confirm_two_factor(user: User, *, code: str, actor) -> tuple:
    """A right code from the app confirms it; returns (device, fresh recovery codes), the
    codes to be shown once."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.two_factor import RECOVERY_CODES, RECOVERY_DEVICE_NAME

    require(actor.pk == user.pk, _("You can only set up your own second factor."))
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        raise NotFound(_("Start the set-up again: there is no key waiting to be confirmed."))
    if not device.verify_token("".join((code or "").split())):
        raise Invalid(
            _("That code is not right."),
            fields={"code": [_("That code is not right: check the app's current code.")]},
        )
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
    record(actor, "account.two_factor_enabled", target=user)
    if account_email(user):
        _mail(
            account_email(user),
            _("A second factor was set up"),
            "two_factor_enabled",
            {"user": user},
            language=user.language,
        )
    return device, codes


@service("account.two_factor.disable", org=None, target=None)
def disable_two_factor(user: User, *, data: dict, actor) -> None:
    """Remove the second factor (needs the current password; staff may not go without)."""
    from django_otp import devices_for_user

    require(actor.pk == user.pk, _("You can only change your own second factor."))
    if user.is_staff and settings.ACCOUNTS_STAFF_REQUIRE_OTP:
        raise Forbidden(_("Operator staff must keep a second factor."), code="staff_need_otp")
    password = data.get("current_password") or ""
    if not password or not user.check_password(password):
        raise Forbidden(
            _("Enter your current password correctly to remove the second factor."),
            code="wrong_password",
        )
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    record(actor, "account.two_factor_disabled", target=user)
    if account_email(user):
        _mail(
            account_email(user),
            _("Your second factor was removed"),
            "two_factor_disabled",
            {"user": user},
            language=user.language,
        )


@service("organization.security.change", org="org", target=None)
def set_two_factor_requirement(org, *, required: bool, actor):
    """An Authorized Representative requires (or stops requiring) a second factor of every
    person of the organization; it applies from each person's next sign-in."""
    from accounts.models import OrganizationSecurity
    from registry.models import Organization
    from registry.rules import set_security_refusal

    org = Organization.objects.select_for_update().get(pk=org.pk)
    if refusal := set_security_refusal(actor, org):
        raise refusal
    require_recent_sign_in(actor)
    security, _created = OrganizationSecurity.objects.get_or_create(organization=org)
    if security.require_two_factor == required:
        return security
    security.require_two_factor = required
    security.save(update_fields=["require_two_factor", "updated_at"])
    record(
        actor,
        "organization.two_factor_required" if required else "organization.two_factor_optional",
        org=org,
        target=org,
    )
    return security


# --- Password change ----------------------------------------------------------------------


def _end_other_access(user: User, *, actor, reason: str) -> int:
    """A new password (or a disabled account) ends every way in that the old one opened: the
    account's API tokens are revoked; its other sessions end because the session auth hash
    follows the password (and `is_active`). Returns how many tokens were revoked."""
    return sum(hooks.password_replaced(user, actor=actor, reason=reason))


@service("account.password_change", org=None, target=None)
def change_password(user: User, *, data: dict, actor) -> User:
    """Change one's own password; the current one is required. Every other session of the
    account ends (the session auth hash changes); the caller keeps its own with
    `update_session_auth_hash`."""
    require(actor.pk == user.pk, _("You can only change your own password."))
    user = User.objects.select_for_update().get(pk=user.pk)
    current = data.get("current_password") or ""
    if not current or not user.check_password(current):
        raise Forbidden(
            _("Enter your current password correctly to change it."), code="wrong_password"
        )
    form = ChangePasswordForm(data, user=user)
    if not form.is_valid():
        raise Invalid(_("Choose a different password."), fields=field_errors(form))
    user.set_password(form.cleaned_data["new_password1"])
    user.save(update_fields=["password"])
    record(actor, "account.password_changed", target=user)
    revoked = _end_other_access(user, actor=actor, reason="password_changed")
    if account_email(user):
        _mail(
            account_email(user),
            _("Your password was changed"),
            "password_changed",
            {"user": user, "tokens_revoked": revoked},
            language=user.language,
        )
    return user


# --- Language -----------------------------------------------------------------------------

# The languages' names as the audit log's sentences say them.
LANGUAGE_NAMES = {"en": "English", "fr": "French"}


@service("account.language.change", org=None, target=None)
def set_language(user: User, *, language: str, actor) -> User:
    """Choose the language one reads the portal in: remembered for the next sign-ins, on any
    browser. Choosing the language already chosen changes and records nothing."""
    require(actor.pk == user.pk, _("You can only choose your own language."))
    if language not in dict(settings.LANGUAGES):
        raise Invalid(
            _("Choose English or French."),
            fields={"language": [_("Choose English or French.")]},
        )
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.language == language:
        return user
    user.language = language
    user.save(update_fields=["language"])
    record(
        actor,
        "account.language_changed",
        target=user,
        details={"language": language, "language_name": LANGUAGE_NAMES.get(language, language)},
    )
    return user


# --- Password reset -----------------------------------------------------------------------


def account_email(user: User) -> str:
    """Where the account's mail goes: the person's business e-mail, kept current on Manage
    My Information; the account's own address for staff without a Person."""
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    return (person.email if person is not None else "") or user.email


def _fingerprint(user: User) -> str:
    """Changes when the password or e-mail changes, retiring every link sent before."""
    state = f"{user.pk}:{user.password}:{user.email}:{account_email(user)}"
    return salted_hmac("accounts.reset-link", state).hexdigest()


@service("account.password_reset.request", org=None, target=None)
def request_password_reset(*, username: str, actor=None) -> None:
    """E-mail a reset link to the account's stored address. Says nothing about whether the
    account exists: the caller answers the same either way."""
    name = normalize_username(username)[:150]
    # No account name holds a control character (and PostgreSQL cannot compare one with NUL).
    user = (
        None
        if _has_control_character(name)
        else User.objects.filter(username=name, is_active=True).select_related("person").first()
    )
    if user is None or not account_email(user):
        record(None, "account.password_reset_requested", details={"known": False})
        return
    token = _new_token()
    PasswordResetLink.objects.create(
        user=user,
        token_digest=digest(token),
        bound_to=_fingerprint(user),
        expires_at=timezone.now() + timedelta(minutes=settings.PASSWORD_RESET_LINK_MINUTES),
    )
    record(None, "account.password_reset_requested", target=user, details={"known": True})
    _mail(
        account_email(user),
        _("Reset your password"),
        "password_reset",
        {
            "user": user,
            "link": settings.SITE_URL + reverse("password-reset-link", args=[token]),
            "minutes": settings.PASSWORD_RESET_LINK_MINUTES,
        },
        language=user.language,
    )


# At most this many account-name reminders per mailbox per hour: the form is public, and
# must not become a way to flood someone's mailbox.
ACCOUNT_NAME_REMINDERS_PER_HOUR = 3


def _mailbox_digest(email: str) -> str:
    """The mailbox, as the audit log keeps it: a keyed digest, never the address itself."""
    from registry.models import email_key

    return salted_hmac("accounts.account-name", email_key(email)).hexdigest()[:32]


def _has_control_character(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


@service("account.name_reminder.request", org=None, target=None)
def remind_account_names(*, email: str, actor=None) -> None:
    """E-mail the account name(s) whose mail goes to `email`. Says nothing about whether
    there are any: the caller answers the same either way."""
    from registry.models import Person

    email = (email or "").strip()[:254]
    mailbox = _mailbox_digest(email)
    recent = AuditEntry.objects.filter(
        action="account.name_reminder_requested",
        at__gte=timezone.now() - timedelta(hours=1),
        details__mailbox=mailbox,
    ).count()
    users = []
    if not _has_control_character(email):  # no address holds one (PostgreSQL cannot: NUL)
        people = Person.objects.same_email(email).filter(user__is_active=True)
        users = list(User.objects.filter(person__in=people).select_related("person"))
        # Operator staff without a Person receive mail at the account's own address.
        users += User.objects.filter(email__iexact=email, is_active=True, person=None)
    # Each account's names go to its stored address, never to the one typed: a look-alike
    # address folds to the same mailbox key and must not receive them.
    by_address: dict[str, list[str]] = {}
    language_of: dict[str, str] = {}
    for user in users:
        if account_email(user):
            by_address.setdefault(account_email(user), []).append(user.get_username())
            language_of.setdefault(account_email(user), user.language)
    throttled = bool(by_address) and recent >= ACCOUNT_NAME_REMINDERS_PER_HOUR
    record(
        None,
        "account.name_reminder_requested",
        details={"known": bool(by_address), "mailbox": mailbox, "throttled": throttled},
    )
    if throttled:
        return
    for address, names in by_address.items():
        _mail(
            address,
            _("Your account name") if len(names) == 1 else _("Your account names"),
            "account_names",
            {"names": sorted(names), "sign_in": settings.SITE_URL + reverse("login")},
            language=language_of[address],
        )


def get_reset_link(*, token: str | None = None, pk: int | None = None) -> PasswordResetLink:
    """A usable link, by its token (from the e-mail) or its id (kept in the session)."""
    if token is not None:
        qs = PasswordResetLink.objects.usable(token)
    elif pk is not None:
        qs = PasswordResetLink.objects.filter(pk=pk, used_at=None, expires_at__gt=timezone.now())
    else:
        qs = PasswordResetLink.objects.none()
    link = qs.select_related("user").first()
    if link is None or not link.user.is_active or link.bound_to != _fingerprint(link.user):
        raise NotFound(LINK_NOT_VALID, code="invalid_link")
    return link


def record_reset_bypass() -> None:
    """Someone posted answers without having opened a valid link first."""
    record(
        None,
        "account.password_reset",
        outcome=AuditEntry.Outcome.REFUSED,
        details={
            "code": "no_verified_link",
            "reason": "Answers were sent without a valid reset link opened first.",
        },
    )


def reset_questions(link: PasswordResetLink) -> list[SecretQuestion]:
    """The account's own questions, always all of them, in the order they were chosen."""
    answers = SecretAnswer.objects.filter(user=link.user).select_related("question")
    return [a.question for a in answers]


def _lock_guard(user: User) -> RecoveryGuard:
    RecoveryGuard.objects.get_or_create(user=user)
    return RecoveryGuard.objects.select_for_update().get(user=user)


def reset_password(link: PasswordResetLink, *, answers: dict, new_password: str) -> User:
    """Right answers to all the account's questions and a valid new password set it.

    Not a @service: a wrong answer is refused *and* counted, so the counter commits in its own
    transaction before the refusal is raised. Five wrong tries, over any links and sessions,
    lock recovery for the cool-off.
    """
    refusal = None
    with transaction.atomic():
        link = (
            PasswordResetLink.objects.select_for_update()
            .filter(pk=link.pk, used_at=None, expires_at__gt=timezone.now())
            .select_related("user")
            .first()
        )
        if link is None or link.bound_to != _fingerprint(link.user) or not link.user.is_active:
            raise NotFound(LINK_NOT_VALID, code="invalid_link")
        user = link.user
        guard = _lock_guard(user)
        now = timezone.now()
        stored = list(SecretAnswer.objects.filter(user=user))
        given = {str(k): v for k, v in (answers or {}).items()}
        if guard.is_locked(now):
            refusal = RuleViolation(
                sentence(
                    _(
                        "Too many wrong answers: password recovery for this account is paused. "
                        "Try again later, or call Customer Relations at {phone}."
                    ),
                    phone=settings.CUSTOMER_RELATIONS_PHONE,
                ),
                code="recovery_locked",
            )
        elif len(stored) < SECRET_ANSWERS_REQUIRED:
            refusal = RuleViolation(
                sentence(
                    _(
                        "This account has no secret questions set up, so its password cannot "
                        "be reset here. Call Customer Relations at {phone}."
                    ),
                    phone=settings.CUSTOMER_RELATIONS_PHONE,
                ),
                code="no_secret_questions",
            )
        else:
            # Check every answer, right or wrong, so the time taken tells nothing.
            results = [answer_matches(given.get(str(a.question_id)), a.answer_hash) for a in stored]
            if not all(results):
                guard.failures += 1
                left = settings.RECOVERY_FAILURE_LIMIT - guard.failures
                if left <= 0:
                    guard.failures = 0
                    guard.locked_until = now + timedelta(minutes=settings.RECOVERY_COOLOFF_MINUTES)
                guard.save(update_fields=["failures", "locked_until"])
                refusal = Forbidden(
                    sentence(
                        _(
                            "One or more answers are not right. {left} more tries before "
                            "recovery is paused."
                        ),
                        left=left,
                    )
                    if left > 0
                    else _(
                        "One or more answers are not right. Recovery is now paused for a while."
                    ),
                    code="wrong_answers",
                )
        if refusal is not None:
            record(
                None,
                "account.password_reset",
                target=user,
                outcome=AuditEntry.Outcome.REFUSED,
                details={"code": refusal.code, "reason": refusal.english},
            )
        else:
            try:
                password_validation.validate_password(new_password or "", user)
            except ValidationError as exc:
                raise Invalid(
                    _("Choose a different password."), fields={"new_password": exc.messages}
                ) from None
            user.set_password(new_password)
            user.save(update_fields=["password"])
            PasswordResetLink.objects.filter(user=user, used_at=None).update(used_at=now)
            guard.failures = 0
            guard.locked_until = None
            guard.save(update_fields=["failures", "locked_until"])
            # The owner proved themselves twice (mailbox and answers): lift a sign-in lock.
            throttling.reset_account(user.username)
            record(None, "account.password_reset", target=user)
            revoked = _end_other_access(user, actor=None, reason="password_reset")
            _mail(
                account_email(user),
                _("Your password was changed"),
                "password_changed",
                {"user": user, "tokens_revoked": revoked},
                language=user.language,
            )
    if refusal is not None:
        raise refusal
    return user


# --- Invitations --------------------------------------------------------------------------


def _issue_invitation(person, *, org=None, invited_by=None) -> None:
    now = timezone.now()
    Invitation.objects.filter(person=person, used_at=None).update(used_at=now)
    token = _new_token()
    Invitation.objects.create(
        person=person,
        token_digest=digest(token),
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.INVITATION_DAYS),
    )
    if invited_by is not None:  # a first invitation is part of "person.registered"
        record(invited_by, "invitation.sent", org=org, target=person)
    _mail(
        person.email,
        sentence(_("Set up your {portal} account"), portal=settings.PORTAL_NAME),
        "invitation",
        {
            "person": person,
            "org": org,
            "link": settings.SITE_URL + reverse("invitation-link", args=[token]),
            "days": settings.INVITATION_DAYS,
        },
        # No account yet: the language of the page that registered or invited the person.
        language=None,
    )


def invite_person(person, *, org=None, actor=None) -> None:
    """Invite a newly registered person to set up their account (inside the registering
    service's transaction, which has already checked the actor's permission)."""
    if person.user_id is None and person.email:
        _issue_invitation(person, org=org, invited_by=actor)


@service("invitation.resend", org=None, target="person")
def resend_invitation(person, *, actor) -> None:
    """Operator staff send a new invitation; the previous one stops working."""
    from registry.models import Person
    from registry.rules import is_operator_staff

    require(is_operator_staff(actor), _("Only operator staff can resend an invitation."))

    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.user_id is not None:
        raise RuleViolation(
            sentence(
                _("{name} already has an account: no invitation is needed."),
                name=person.full_name,
            ),
            code="has_account",
        )
    _issue_invitation(person, invited_by=actor)


def get_invitation(*, token: str | None = None, pk: int | None = None) -> Invitation:
    if token is not None:
        qs = Invitation.objects.usable(token)
    elif pk is not None:
        qs = Invitation.objects.filter(pk=pk, used_at=None, expires_at__gt=timezone.now())
    else:
        qs = Invitation.objects.none()
    invitation = qs.select_related("person").first()
    if invitation is None or invitation.person.user_id is not None:
        raise NotFound(
            _(
                "This invitation is not valid any more: it was already used, it has expired, or "
                "a newer one was sent. Ask your organization's Primary Contact or Customer "
                "Relations for a new one."
            ),
            code="invalid_link",
        )
    return invitation


@service("invitation.accept", org=None, target=None)
def accept_invitation(invitation: Invitation, *, data: dict, actor=None) -> User:
    """Create the invited person's account, with their secret answers, and link it."""
    from registry.models import Person

    invitation = (
        Invitation.objects.select_for_update()
        .filter(pk=invitation.pk, used_at=None, expires_at__gt=timezone.now())
        .first()
    )
    person = Person.objects.select_for_update().get(pk=invitation.person_id) if invitation else None
    if invitation is None or person.user_id is not None:
        raise NotFound(
            _("This invitation is not valid any more. Ask for a new one."), code="invalid_link"
        )
    form = AccountSetupForm(data, person=person)
    if not form.is_valid():
        raise Invalid(_("Some details need correcting."), fields=field_errors(form))
    user = User(
        username=form.cleaned_data["username"],
        email=person.email,
        first_name=person.first_name,
        last_name=person.last_name,
    )
    user.set_password(form.cleaned_data["new_password1"])
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise Invalid(
            _("Some details need correcting."),
            fields={"username": [_("This account name is taken: choose another.")]},
        ) from None
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    _save_answers(user, form.pairs())
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    record(user, "account.created", target=person)
    return user


# --- Account administration by operator staff --------------------------------------------
# The admin's user pages and the back office call these; nothing else changes `is_active`,
# `is_staff` or `is_superuser` of an existing account.


# What operator staff do to an account, as the refusals name it ("Only operator staff can ...").
_WHAT = {
    "deactivate": pgettext_lazy("what operator staff do to an account", "deactivate the account"),
    "reactivate": pgettext_lazy("what operator staff do to an account", "reactivate an account"),
    "unlock": pgettext_lazy("what operator staff do to an account", "unlock an account"),
}


def _administrable(user: User, actor, what: str) -> User:
    require(is_staff_actor(actor), sentence(_("Only operator staff can {what}."), what=what))
    require(
        actor.pk != user.pk,
        sentence(_("You cannot {what} of your own account: ask another operator."), what=what),
    )
    return User.objects.select_for_update(of=("self",)).select_related("person").get(pk=user.pk)


def _require_superuser(actor, what: str) -> None:
    """Staff and superuser rights are granted only by a superuser whose session (or token) is
    verified with the second factor, whatever `ACCOUNTS_STAFF_REQUIRE_OTP` says of pages."""
    require(
        getattr(actor, "is_superuser", False),
        sentence(_("Only a superuser can {what}."), what=what),
    )
    require(
        second_factor_verified(actor),
        sentence(
            _("Confirm your second factor to {what}: sign in again with your authenticator app."),
            what=what,
        ),
        code="second_factor_required",
    )


def sole_signers_of_mandatory_roles(user: User) -> list[tuple]:
    """(organization, role type) pairs where `user`'s person is the last holder who can act of
    a role the organization must keep: the last-holder rule of `remove_contact`, with the same
    count (`registry.queries.holder_counts_for_removal`: a holder whose account is disabled
    never stands in). Lock the organizations first (`deactivate_account` does)."""
    from registry.models import RoleAssignment
    from registry.queries import holder_counts_for_removal
    from registry.rules import is_required_in

    person = getattr(user, "person", None) if hasattr(user, "person") else None
    if person is None:
        return []
    held = (
        RoleAssignment.objects.filter(
            membership__person=person, membership__organization__is_active=True
        )
        .select_related("membership__organization", "role_type")
        .order_by("membership__organization_id", "role_type__sort_order")
    )
    alone, counts = [], {}
    for assignment in held:
        org = assignment.membership.organization
        if org.pk not in counts:
            counts[org.pk] = holder_counts_for_removal(org, person)
        if counts[org.pk].get(assignment.role_type_id, 1) <= 1 and is_required_in(
            org, assignment.role_type
        ):
            alone.append((org, assignment.role_type))
    return alone


@service("account.deactivate", org=None, target=None)
def deactivate_account(user: User, *, actor, reason: str = "") -> User:
    """Operator staff disable an account (person and roles kept): it signs in no more, its
    sessions end and its API tokens are revoked. Refused while it is the only account that
    can sign in holding a mandatory role of an organization."""
    from registry.models import Organization

    require(is_staff_actor(actor), _("Only operator staff can deactivate an account."))
    # The organizations first, in one order (the lock every role change takes), then the
    # account: two deactivations of an organization's two Primary Contacts serialize here.
    list(
        Organization.objects.select_for_update()
        .filter(memberships__person__user=user, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    user = _administrable(user, actor, _WHAT["deactivate"])
    if user.is_superuser and not actor.is_superuser:
        raise Forbidden(_("Only a superuser can deactivate a superuser's account."))
    if not user.is_active:
        return user
    alone = sole_signers_of_mandatory_roles(user)
    if alone:
        org, role = alone[0]
        person = getattr(user, "person", None)
        name = person.full_name if person is not None else user.username
        raise RuleViolation(
            sentence(
                _(
                    "{name} is the only {role} of {org} who can sign in: register another "
                    "{role} first, then deactivate this account."
                ),
                name=name,
                role=role.name,
                org=org.legal_name,
            ),
            code="last_holder",
        )
    user.is_active = False
    user.save(update_fields=["is_active"])
    revoked = sum(hooks.password_replaced(user, actor=actor, reason="account_deactivated"))
    record(
        actor,
        "account.deactivated",
        target=user,
        details={"reason": reason[:500], "tokens_revoked": revoked},
    )
    return user


def is_staff_actor(actor) -> bool:
    from registry.rules import is_operator_staff

    return bool(actor is not None and is_operator_staff(actor))


@service("account.reactivate", org=None, target=None)
def reactivate_account(user: User, *, actor) -> User:
    """Operator staff enable a disabled account again (its old API tokens stay revoked)."""
    user = _administrable(user, actor, _WHAT["reactivate"])
    if user.is_active:
        return user
    _enable(user)
    record(actor, "account.reactivated", target=user)
    return user


@service("account.unlock", org=None, target=None)
def unlock_account(user: User, *, actor) -> User:
    """Operator staff lift a sign-in lock and a paused password recovery (after checking who
    is calling, e.g. by telephone)."""
    user = _administrable(user, actor, _WHAT["unlock"])
    throttling.reset_account(user.username)
    RecoveryGuard.objects.filter(user=user).update(failures=0, locked_until=None)
    record(actor, "account.unlocked", target=user)
    return user


def _may_become_staff(user: User) -> None:
    from registry.models import Membership

    member_of = Membership.objects.filter(person__user=user).select_related("organization").first()
    if member_of is not None:
        raise RuleViolation(
            sentence(
                _(
                    "{account} belongs to {org}: operator staff belong to no organization. "
                    "Remove the person from it first, or use a separate staff account."
                ),
                account=user.username,
                org=member_of.organization.legal_name,
            ),
            code="staff_member",
        )
    if not user.is_active:
        raise RuleViolation(
            sentence(_("{account} is deactivated: reactivate it first."), account=user.username),
            code="inactive",
        )


def _is_active_staff(user: User) -> None:
    if not user.is_staff or not user.is_active:
        raise RuleViolation(
            sentence(
                _("{account} is not active operator staff: make the account staff first."),
                account=user.username,
            ),
            code="not_staff",
        )


# Each change of rights a superuser makes: what the refusal calls it, what the account must
# satisfy first, and the flags it sets (the audit action names it).
_RIGHTS_CHANGES = {
    "account.staff_granted": (
        pgettext_lazy("what operator staff do to an account", "make an account operator staff"),
        _may_become_staff,
        {"is_staff": True},
    ),
    "account.staff_revoked": (
        pgettext_lazy("what operator staff do to an account", "remove operator-staff rights"),
        None,
        {"is_staff": False, "is_superuser": False},
    ),
    "account.superuser_granted": (
        pgettext_lazy("what operator staff do to an account", "make an account a superuser"),
        _is_active_staff,
        {"is_superuser": True},
    ),
    "account.superuser_revoked": (
        pgettext_lazy("what operator staff do to an account", "remove superuser rights"),
        None,
        {"is_superuser": False},
    ),
}
# What the e-mail to the account says was changed.
_RIGHTS_CHANGED = {
    "account.staff_granted": pgettext_lazy("rights of an account", "staff granted"),
    "account.staff_revoked": pgettext_lazy("rights of an account", "staff revoked"),
    "account.superuser_granted": pgettext_lazy("rights of an account", "superuser granted"),
    "account.superuser_revoked": pgettext_lazy("rights of an account", "superuser revoked"),
}


def _set_flags(user: User, *, actor, action: str) -> User:
    what, check, flags = _RIGHTS_CHANGES[action]
    user = _administrable(user, actor, what)
    _require_superuser(actor, what)
    if check is not None:
        check(user)
    changed = [name for name, value in flags.items() if getattr(user, name) != value]
    if not changed:
        return user
    for name in changed:
        setattr(user, name, flags[name])
    user.save(update_fields=changed)
    record(actor, action, target=user, details={"changed": changed})
    if account_email(user):
        send_after_commit(
            [account_email(user)],
            _("The rights of your account changed"),
            sentence(
                _(
                    "{actor} changed the rights of your account {account} on the {portal}: "
                    "{change}. If you did not expect this, call Customer Relations at {phone}."
                ),
                actor=actor.get_username(),
                account=user.username,
                portal=settings.PORTAL_NAME,
                change=_RIGHTS_CHANGED[action],
                phone=settings.CUSTOMER_RELATIONS_PHONE,
            ),
        )
    return user


@service("account.staff.grant", org=None, target=None)
def grant_staff(user: User, *, actor) -> User:
    """A superuser makes an account operator staff. Operator staff belong to no organization
    (they decide for every organization, including the one they would belong to)."""
    return _set_flags(user, actor=actor, action="account.staff_granted")


@service("account.staff.revoke", org=None, target=None)
def revoke_staff(user: User, *, actor) -> User:
    """A superuser ends an account's operator-staff rights (and superuser rights with them)."""
    return _set_flags(user, actor=actor, action="account.staff_revoked")


@service("account.superuser.grant", org=None, target=None)
def grant_superuser(user: User, *, actor) -> User:
    """A superuser makes another operator-staff account a superuser."""
    return _set_flags(user, actor=actor, action="account.superuser_granted")


@service("account.superuser.revoke", org=None, target=None)
def revoke_superuser(user: User, *, actor) -> User:
    """A superuser ends another account's superuser rights (it stays operator staff)."""
    return _set_flags(user, actor=actor, action="account.superuser_revoked")


# --- Dormant accounts (`manage.py sweep_dormant_accounts`, daily) ----------------------------
# Which accounts are due is `accounts/dormancy.py`. Each account is warned or disabled in its
# own transaction, its condition read again under its row lock: a sign-in that claimed the
# account a moment before (`record_sign_in`) wins, and one a moment after finds it disabled.


def record_sign_in(user: User) -> bool:
    """The sign-in page's claim on the account, once the password is right: the last sign-in
    is stamped in one conditional UPDATE, which waits for a sweep holding the row and then
    finds it disabled (False: the sign-in is refused as any other failure)."""
    return User.objects.filter(pk=user.pk, is_active=True).update(last_login=timezone.now()) == 1


def _enable(user: User) -> None:
    user.is_active = True
    user.dormant_since = None
    user.dormancy_warned_at = None
    user.reenabled_at = timezone.now()
    user.save(update_fields=["is_active", "dormant_since", "dormancy_warned_at", "reenabled_at"])


def _account_person_name(user: User) -> str:
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    return person.full_name if person is not None else user.username


def _locked_if_due(due, user: User) -> User | None:
    """The account read again under its row lock, if it is among the accounts `due` now (None
    when a sign-in a moment ago made it not due)."""
    return due.select_for_update(of=("self",)).select_related("person").filter(pk=user.pk).first()


@service("account.dormancy.warn", org=None, target="user")
def warn_dormant_account(user: User, *, now=None, actor=None) -> bool:
    """E-mail the person that the account will be disabled unless they sign in (once per
    period of inactivity). False when a sign-in got there first."""
    from accounts import dormancy

    now = now or timezone.now()
    user = _locked_if_due(dormancy.due_for_warning(now), user)
    if user is None:
        return False
    user.dormancy_warned_at = now
    user.save(update_fields=["dormancy_warned_at"])
    record(
        actor,
        "account.dormancy_warned",
        target=user,
        details={"days_without_sign_in": (now - user.last_activity).days},
    )
    if account_email(user):
        _mail(
            account_email(user),
            sentence(_("Sign in to keep your {portal} account"), portal=settings.PORTAL_NAME),
            "dormancy_warning",
            {
                "user": user,
                "days": settings.DORMANT_AFTER_DAYS,
                "until": timezone.localtime(dormancy.disabled_on(user, now)),
                "link": settings.SITE_URL + reverse("login"),
            },
            language=user.language,
        )
    return True


@service("account.dormancy.disable", org=None, target="user")
def disable_dormant_account(user: User, *, now=None, actor=None) -> bool:
    """Disable an account nobody signed in with for `DORMANT_AFTER_DAYS` (person, roles and
    memberships kept; sessions end, API tokens are revoked). Unlike `deactivate_account` it
    is not refused for the last holder of a mandatory role: an unused key to an organization
    is closed anyway, and the holder is flagged on the coverage page instead. The person and
    the Primary Contacts and Rights Administrators of their organizations are told. False
    when a sign-in got there first."""
    from accounts import dormancy
    from registry.models import Organization
    from registry.rules import Role

    now = now or timezone.now()
    # The organizations first, in one order (the lock every role change takes), then the
    # account, read again with the condition (a sign-in a moment ago makes it not due).
    orgs = list(
        Organization.objects.select_for_update()
        .filter(memberships__person__user=user, is_active=True)
        .order_by("pk")
    )
    user = _locked_if_due(dormancy.due_for_disabling(now), user)
    if user is None:
        return False
    user.is_active = False
    user.dormant_since = now
    user.save(update_fields=["is_active", "dormant_since"])
    revoked = sum(hooks.password_replaced(user, actor=actor, reason="account_dormant"))
    days = (now - user.last_activity).days
    record(
        actor,
        "account.disabled_dormant",
        target=user,
        details={"days_without_sign_in": days, "tokens_revoked": revoked},
    )
    name = _account_person_name(user)
    if account_email(user):
        _mail(
            account_email(user),
            sentence(_("Your {portal} account was disabled"), portal=settings.PORTAL_NAME),
            "dormancy_disabled",
            {"user": user, "days": days},
            language=user.language,
        )
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    for org in orgs:
        record(actor, "account.disabled_dormant", org=org, target=user, details={"days": days})
        to = _role_holder_emails(org, [Role.PRIMARY_CONTACT, Role.RIGHTS_ADMINISTRATOR], user)
        link = ""
        if person is not None:
            link = settings.SITE_URL + reverse(
                "registry-person-roles", args=[org.org_id, person.person_id]
            )
        send_after_commit(
            to,
            sentence(
                _("The account of {name} at {org} was disabled"), name=name, org=org.legal_name
            ),
            sentence(
                _(
                    "Nobody signed in with the account of {name} for {days} days, so it was "
                    "disabled on the {portal}. Their person, memberships and roles at {org} "
                    "(Organization ID {org_id}) are kept; their sessions ended and their API "
                    "tokens were revoked.\n\nIf they still need it, a Primary Contact or Rights "
                    "Administrator of {org} can enable it again on their page: {link}\nIf they "
                    "left, remove them from the organization instead."
                ),
                name=name,
                days=days,
                portal=settings.PORTAL_NAME,
                org=org.legal_name,
                org_id=org.org_id,
                link=link,
            ),
        )
    return True


def _role_holder_emails(org, codes, exclude: User) -> list[str]:
    from registry.models import Person

    return list(
        Person.objects.filter(
            memberships__organization=org,
            memberships__roles__role_type__code__in=list(codes),
            user__is_active=True,
        )
        .exclude(user=exclude)
        .values_list("email", flat=True)
        .distinct()
    )


def sweep_dormant_accounts(*, now=None) -> dict[str, int]:
    """The daily sweep: warn the accounts entering the warning period, disable those past it.
    Each account in its own transaction; answers how many of each."""
    from accounts import dormancy

    now = now or timezone.now()
    warned = sum(
        warn_dormant_account(user, now=now)
        for user in dormancy.due_for_warning(now).order_by("pk").iterator()
    )
    disabled = sum(
        disable_dormant_account(user, now=now)
        for user in dormancy.due_for_disabling(now).order_by("pk").iterator()
    )
    return {"warned": warned, "disabled": disabled}


@service("account.reenable", org="org", target="person")
def reenable_account(org, person, *, actor) -> User:
    """A Primary Contact or Rights Administrator of the organization (after re-authenticating)
    enables again the account of a member disabled for lack of sign-ins; the person then signs
    in as usual (their revoked API tokens stay revoked)."""
    from registry.locks import lock_organization
    from registry.models import Person
    from registry.rules import reenable_account_refusal

    org = lock_organization(org, actor, what="its accounts")
    person = Person.objects.select_related("user").get(pk=person.pk)
    if person.user_id is not None:
        person.user = User.objects.select_for_update().get(pk=person.user_id)
    if refusal := reenable_account_refusal(actor, org, person):
        raise refusal
    require_recent_sign_in(actor)
    user = person.user
    _enable(user)
    record(actor, "account.reenabled", org=org, target=user)
    if account_email(user):
        _mail(
            account_email(user),
            sentence(_("Your {portal} account is enabled again"), portal=settings.PORTAL_NAME),
            "dormancy_reenabled",
            {"user": user, "org": org, "link": settings.SITE_URL + reverse("login")},
            language=user.language,
        )
    return user
