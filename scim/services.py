"""Issuing and revoking an organization's SCIM tokens, and finding the token a request presents.
Provisioning itself calls the registry's services (scim/views.py): SCIM adds no rule of its own."""

import secrets

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apitokens.models import digest
from apitokens.services import LAST_USED_GRANULARITY
from audit.log import record
from core.errors import RuleViolation, require
from core.forms import validated
from core.reauth import require_recent_sign_in
from core.services import service
from core.text import sentence
from registry import services as registry
from registry.locks import lock_organization
from registry.models import Organization, Person, RoleType, email_key
from scim.forms import ScimTokenForm
from scim.models import ScimIdentity, ScimToken
from scim.rules import can_manage_scim_tokens, scim_refusal_sentence

TOKEN_PREFIX = "oscim_"


@service("scim_token.issue", org="org", target=None)
def issue_scim_token(org: Organization, *, data: dict, actor) -> tuple[ScimToken, str]:
    """A token for the organization's identity provider, acting as `actor`. Returns the token
    and its secret, shown once."""
    org = lock_organization(org, actor)
    require(can_manage_scim_tokens(actor, org), scim_refusal_sentence(org))
    # The token will add and remove people and roles: the issuer proves their password first.
    require_recent_sign_in(actor)
    cleaned = validated(ScimTokenForm(data=data))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ScimToken.objects.create(
        organization=org,
        issued_by=actor,
        name=cleaned["name"],
        prefix=raw[:12],
        digest=digest(raw),
    )
    record(actor, "scim_token.issued", org=org, target=token)
    return token, raw


@service("scim_token.revoke", org="token.organization", target="token")
def revoke_scim_token(token: ScimToken, *, actor) -> ScimToken:
    """Stop a SCIM token at once: any Primary Contact or Rights Administrator of its
    organization may."""
    org = lock_organization(token.organization, actor)
    require(can_manage_scim_tokens(actor, org), scim_refusal_sentence(org))
    token = ScimToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
        record(actor, "scim_token.revoked", org=org, target=token)
    return token


def authenticate_scim_token(raw: str) -> ScimToken | None:
    """The live token with this secret whose issuer can still issue it (an active account, a
    Primary Contact or Rights Administrator of an active organization), else None."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ScimToken.objects.live()
        .filter(digest=digest(raw), issued_by__is_active=True, organization__is_active=True)
        .select_related("organization", "issued_by", "issued_by__person")
        .first()
    )
    if token is None or not can_manage_scim_tokens(token.issued_by, token.organization):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        ScimToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


# --- Provisioning: the registry's services, plus the identity provider's own names ----------


def _refuse_taken_user_name(org: Organization, user_name: str, person: Person | None = None):
    same = ScimIdentity.objects.filter(organization=org, user_name__iexact=user_name)
    if person is not None:
        same = same.exclude(person=person)
    # A member it did not provision is called by their e-mail (scim.filters.user_filter).
    by_email = (
        Person.objects.filter(memberships__organization=org, email_key=email_key(user_name))
        .exclude(scim_identities__organization=org)
        .exclude(pk=getattr(person, "pk", None))
    )
    if same.exists() or by_email.exists():
        raise RuleViolation(
            sentence(
                _("Another member of {org} already has the user name {user_name}."),
                org=org.legal_name,
                user_name=user_name,
            ),
            code="user_name_taken",
        )


@service("scim_user.provision", org="org", target=None)
def provision_user(
    org: Organization, *, data: dict, user_name: str, external_id: str, actor
) -> Person:
    """Register a new person in the organization (registry.services.register_person: its
    checks, its invitation) under the identity provider's user name. The identity provider's
    e-mail is the identity: a namesake already in the organization is another person."""
    org = lock_organization(org, actor)
    require(can_manage_scim_tokens(actor, org), scim_refusal_sentence(org))
    _refuse_taken_user_name(org, user_name)
    person = registry.register_person(org, data=data, actor=actor, allow_similar_name=True)
    ScimIdentity.objects.create(
        organization=org, person=person, user_name=user_name, external_id=external_id
    )
    record(
        actor,
        "scim_user.provisioned",
        org=org,
        target=person,
        details={"user_name": user_name, "external_id": external_id},
    )
    return person


@service("scim_user.rename", org="org", target="person")
def rename_user(
    org: Organization, person: Person, *, user_name: str, external_id: str, actor
) -> ScimIdentity:
    """Change what the identity provider calls a member (its user name and external ID)."""
    org = lock_organization(org, actor)
    require(can_manage_scim_tokens(actor, org), scim_refusal_sentence(org))
    _refuse_taken_user_name(org, user_name, person)
    identity = ScimIdentity.objects.filter(organization=org, person=person).first()
    before = (
        {"user_name": identity.user_name, "external_id": identity.external_id}
        if identity is not None
        else {"user_name": person.email, "external_id": ""}
    )
    after = {"user_name": user_name, "external_id": external_id}
    if before == after:
        return identity
    if identity is None:
        identity = ScimIdentity(organization=org, person=person)
    identity.user_name, identity.external_id = user_name, external_id
    identity.save()
    record(actor, "scim_user.renamed", org=org, target=person, details={**after, "before": before})
    return identity


@service("scim_user.deprovision", org="org", target="person")
def deprovision_user(org: Organization, person: Person, *, actor) -> None:
    """The identity provider's leaver: the person leaves the organization with their roles and
    access (registry.services.remove_member, never the last holder of a mandatory role)."""
    registry.remove_member(org, person, actor=actor)
    ScimIdentity.objects.filter(organization=org, person=person).delete()


@service("scim_group.update", org="org", target="role_type")
def update_group(
    org: Organization,
    role_type: RoleType,
    *,
    add: list[Person],
    remove: list[Person],
    actor,
) -> None:
    """Give a role to some members and take it from others, all or nothing: additions first,
    so a replacement of the last holder of a mandatory role registers the new one before the
    old one goes (registry.services.add_contact and remove_contact, their rules)."""
    for person in add:
        registry.add_contact(org, person, role_type, actor=actor)
    for person in remove:
        registry.remove_contact(org, person, role_type, actor=actor)
