"""Single sign-on: letting a person into an information system, and registering a system
as an OpenID Connect client. Each checks permission, writes the audit record, in one
transaction (core.services.service)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import Application

from audit.log import record
from core.errors import Forbidden, Invalid, RuleViolation, require
from core.services import service
from core.text import sentence
from oidc.models import SystemClient
from oidc.queries import SystemAccess, system_access
from registry.rules import is_operator_staff
from systems.models import AccessGrant, InformationSystem


@service("oidc.sign_in", org=None, target=None)
def sign_in_to_system(system: InformationSystem, *, actor) -> SystemAccess:
    """Let `actor` into `system` through single sign-on, only with access to it."""
    access = system_access(actor, system)
    if not access.allowed:
        raise Forbidden(
            sentence(
                _(
                    "You have no access to {system}. A Rights Administrator of your "
                    "organization can grant it: ask for it under Actions, Request Access, then "
                    "sign in to {system} again."
                ),
                system=system.name,
            ),
            code="no_access",
        )
    # Each grant that let them in was used now (certification shows the last use).
    AccessGrant.objects.in_force().filter(person=actor.person, system=system).update(
        last_used_at=timezone.now()
    )
    record(
        actor,
        "oidc.signed_in",
        target=actor.person,
        details={
            "system": system.code,
            "system_name": system.name,
            "levels": {str(o.org_id): o.level for o in access.organizations if o.level},
        },
    )
    return access


def _uris(values: list[str] | str) -> str:
    if isinstance(values, str):
        values = values.split()
    return " ".join(v.strip() for v in values if v and v.strip())


@service("oidc.register_client", org=None, target=None)
def register_client(
    system: InformationSystem,
    *,
    redirect_uris: list[str] | str,
    confidential: bool = True,
    post_logout_redirect_uris: list[str] | str = "",
    actor,
) -> tuple[SystemClient, str | None]:
    """Make `system` an OpenID Connect client of the portal (operator staff, or a command run
    by the operator with actor=None). Returns the client and, for a confidential client, its
    secret: shown once, stored only hashed."""
    require(
        actor is None or is_operator_staff(actor),
        _("Only operator staff register the operator's systems for single sign-on."),
    )
    if SystemClient.objects.filter(system=system).exists():
        raise RuleViolation(
            sentence(_("{system} is already registered for single sign-on."), system=system.name),
            code="already_registered",
        )
    secret = generate_client_secret() if confidential else ""
    application = Application(
        name=system.name[:255],
        client_type=(
            Application.CLIENT_CONFIDENTIAL if confidential else Application.CLIENT_PUBLIC
        ),
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=_uris(redirect_uris),
        post_logout_redirect_uris=_uris(post_logout_redirect_uris),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,  # the operator's own systems: consent is implicit
        client_secret=secret,
        hash_client_secret=True,
    )
    if not application.redirect_uris:
        raise Invalid(
            _("Give at least one redirect URI."), fields={"redirect_uris": [_("Required.")]}
        )
    try:
        application.clean()
    except ValidationError as exc:
        raise Invalid(
            " ".join(exc.messages), fields={"redirect_uris": list(exc.messages)}
        ) from None
    application.save()
    client = SystemClient.objects.create(system=system, application=application)
    record(
        actor,
        "oidc.client_registered",
        details={
            "system": system.code,
            "system_name": system.name,
            "client_id": application.client_id,
            "confidential": confidential,
            "redirect_uris": application.redirect_uris.split(),
        },
    )
    return client, secret or None
