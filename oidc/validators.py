"""django-oauth-toolkit's validator, taught the portal's rules: who may sign in to which
system, and the claims each system receives."""

from oauth2_provider.oauth2_validators import OAuth2Validator

from oidc.models import Subject
from oidc.queries import system_access


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

    def validate_code(self, client_id, code, client, request, *args, **kwargs):
        return super().validate_code(
            client_id, code, client, request, *args, **kwargs
        ) and may_still_use(request.user, client)

    def validate_refresh_token(self, refresh_token, client, request, *args, **kwargs):
        return super().validate_refresh_token(
            refresh_token, client, request, *args, **kwargs
        ) and may_still_use(request.user, client)
