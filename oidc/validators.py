"""django-oauth-toolkit's validator, taught the portal's rules: who may sign in to which
system, and the claims each system receives."""

import hashlib
import logging
from datetime import timedelta

from django.utils import timezone
from oauth2_provider.models import get_access_token_model, get_refresh_token_model
from oauth2_provider.oauth2_validators import OAuth2Validator

from oidc.models import Subject, UsedCode
from oidc.queries import system_access

logger = logging.getLogger("oidc")

# Every claim get_additional_claims can answer, for discovery (DOT lists only `sub` because
# the claims depend on the request).
CLAIMS_SUPPORTED = [
    "sub",
    "preferred_username",
    "name",
    "given_name",
    "family_name",
    "email",
    "email_verified",
    "person_id",
    "system",
    "organizations",
]
USED_CODES_KEPT = timedelta(days=1)  # longer than any refresh token the code bought


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def subject_of(user) -> str:
    subject, _ = Subject.objects.get_or_create(user=user)
    return subject.value


def _system_of(application):
    client = getattr(application, "system_client", None) if application is not None else None
    return client.system if client is not None else None


def may_still_use(user, application) -> bool:
    """The person still has access to the client's system (checked again on every refresh and
    code exchange: a grant revoked mid-session stops the tokens being renewed)."""
    system = _system_of(application)
    return bool(
        user is not None
        and user.is_active
        and system is not None
        and system_access(user, system).allowed
    )


class PortalValidator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "person_id": "profile",
        "system": "organizations",
        "organizations": "organizations",
    }

    def get_additional_claims(self, request):
        user = request.user
        person = getattr(user, "person", None)
        claims = {"sub": subject_of(user), "preferred_username": user.get_username()}
        if person is not None:
            claims.update(
                name=person.full_name,
                given_name=person.first_name,
                family_name=person.last_name,
                email=person.email,
                # Proven by the e-mailed invitation the account was set up from.
                email_verified=person.invitations.filter(used_at__isnull=False).exists(),
                person_id=person.person_id,
            )
        system = _system_of(request.client)
        if system is not None:
            access = system_access(user, system)
            claims["system"] = system.code
            claims["organizations"] = [o.as_claim() for o in access.organizations]
        return claims

    def get_discovery_claims(self, request):
        return CLAIMS_SUPPORTED

    # prompt=none: the authorization view lets only a signed-in person with access through to
    # a code (an anonymous one gets login_required, a refused one access_denied, both at the
    # redirect URI), and consent is implicit for the operator's own systems.
    def validate_silent_login(self, request):
        return True

    def validate_silent_authorization(self, request):
        return True

    def validate_code(self, client_id, code, client, request, *args, **kwargs):
        if not super().validate_code(client_id, code, client, request, *args, **kwargs):
            self._revoke_what_a_replayed_code_bought(code, client)
            return False
        return may_still_use(request.user, client)

    def save_bearer_token(self, token, request, *args, **kwargs):
        result = super().save_bearer_token(token, request, *args, **kwargs)
        if request.grant_type == "authorization_code" and request.code:
            refresh = get_refresh_token_model().objects.filter(
                token_checksum=_digest(token.get("refresh_token") or "")
            )
            UsedCode.objects.filter(used_at__lt=timezone.now() - USED_CODES_KEPT).delete()
            UsedCode.objects.create(
                code_digest=_digest(request.code),
                application=request.client,
                access_token_checksum=_digest(token["access_token"]),
                token_family=refresh.values_list("token_family", flat=True).first(),
            )
        return result

    def _revoke_what_a_replayed_code_bought(self, code, client) -> None:
        used = UsedCode.objects.filter(code_digest=_digest(code), application=client).first()
        if used is None:
            return
        logger.warning("A used authorization code was replayed; its tokens are revoked.")
        if used.token_family is not None:
            get_refresh_token_model().revoke_family(used.token_family)
        get_access_token_model().objects.filter(token_checksum=used.access_token_checksum).delete()

    def validate_refresh_token(self, refresh_token, client, request, *args, **kwargs):
        return super().validate_refresh_token(
            refresh_token, client, request, *args, **kwargs
        ) and may_still_use(request.user, client)
