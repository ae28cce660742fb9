"""Creating and revoking API tokens, and finding the token a request presents."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apitokens.forms import ApiTokenForm
from apitokens.models import ApiToken, digest, password_binding
from audit.log import record
from core.errors import require
from core.forms import validated
from core.mail import send_after_commit
from core.reauth import require_recent_sign_in, second_factor_verified
from core.services import service
from core.text import sentence
from registry.rules import is_operator_staff

TOKEN_PREFIX = "oreg_"
# Refresh `last_used_at` at most this often, so that reading with a token is not a write.
LAST_USED_GRANULARITY = timedelta(minutes=1)


def _new_secret() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def _expiry(days: int | None):
    return timezone.now() + timedelta(days=days) if days else None


def _personal_expiry(user, days: int | None):
    """A staff account's token lives at most `API_STAFF_TOKEN_HOURS` (it may carry staff power)."""
    expires = _expiry(days)
    if user.is_staff:
        cap = timezone.now() + timedelta(hours=settings.API_STAFF_TOKEN_HOURS)
        expires = min(expires or cap, cap)
    return expires


def _mint(
    kind: str, *, user, data: dict, actor, action: str, expiry=_expiry, **more
) -> tuple[ApiToken, str]:
    """A new token of `kind` from the form's data, audited; the secret is returned once."""
    cleaned = validated(ApiTokenForm(data=data))
    raw = _new_secret()
    token = ApiToken.objects.create(
        kind=kind,
        user=user,
        name=cleaned["name"],
        prefix=raw[:12],
        digest=digest(raw),
        expires_at=expiry(cleaned.get("expires_in_days")),
        created_by=actor,
        **more,
    )
    record(actor, action, target=token, details={"kind": token.kind})
    return token, raw


@service("api_token.create", org=None, target=None)
def create_api_token(user, *, data: dict, actor) -> tuple[ApiToken, str]:
    """A personal token acting as `user`. Returns the token and its secret, shown once."""
    require(
        actor.is_authenticated and actor.pk == user.pk,
        _("You can only create API tokens for your own account."),
    )
    # A token acts with its owner's rights, sensitive changes included, for its first minutes.
    require_recent_sign_in(actor)
    # Bound to the password as stored now, not as the caller's copy of the account has it.
    user = (
        get_user_model()
        .objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=user.pk)
    )
    require(user.is_active, _("This account is not active."))
    token, raw = _mint(
        ApiToken.Kind.PERSONAL,
        user=user,
        data=data,
        actor=actor,
        action="api_token.created",
        expiry=lambda days: _personal_expiry(user, days),
        bound_to=password_binding(user.password),
        # Staff power through this token needs the second factor verified now (registry.rules).
        two_factor_verified=second_factor_verified(actor),
    )
    person = getattr(user, "person", None)
    address = person.email if person is not None else user.email
    send_after_commit(
        [address],
        _("A new API token was created for your account"),
        sentence(
            _(
                "An API token named {name!r} (beginning {prefix}) was created for your "
                "account. If you did not create it, revoke it on Manage My Information and "
                "contact Customer Relations."
            ),
            name=token.name,
            prefix=token.prefix,
        ),
    )
    return token, raw


@service("api_token.issue_service", org=None, target=None)
def issue_service_token(*, data: dict, actor) -> tuple[ApiToken, str]:
    """Operator staff issue a token to a downstream system; it belongs to no person."""
    require(is_operator_staff(actor), _("Only operator staff can issue service tokens."))
    return _mint(
        ApiToken.Kind.SERVICE, user=None, data=data, actor=actor, action="api_token.issued"
    )


@service("api_token.revoke", org=None, target=None)
def revoke_api_token(token: ApiToken, *, actor) -> ApiToken:
    """Stop a token working at once. Its owner may revoke it; so may operator staff."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    require(
        is_operator_staff(actor) or (token.user_id is not None and token.user_id == actor.pk),
        _("You can only revoke your own API tokens."),
    )
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(actor, "api_token.revoked", target=token, details={"kind": token.kind})
    return token


def revoke_tokens_of(user, *, actor, reason: str) -> int:
    """Inside the caller's transaction: every live personal token of `user` stops at once
    (after a password change or reset, or when the account is disabled). Returns how many.
    Tokens are also bound to the password (`ApiToken.bound_to`), so one set by any other door
    ends them too; this makes it explicit, audited and counted."""
    ids = list(
        ApiToken.objects.live().filter(user=user).select_for_update().values_list("pk", flat=True)
    )
    if ids:
        ApiToken.objects.filter(pk__in=ids).update(revoked_at=timezone.now())
        record(
            actor,
            "api_token.revoked_all",
            target=user,
            details={"count": len(ids), "reason": reason},
        )
    return len(ids)


def authenticate_token(raw: str) -> ApiToken | None:
    """The live token with this secret (its user active), else None. Notes when it was used."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.live()
        .filter(digest=digest(raw))
        .filter(Q(user__isnull=True) | Q(user__is_active=True))
        .select_related("user", "user__person")
        .first()
    )
    if token is None or token.outlived_password:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
