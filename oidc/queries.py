"""What a relying party learns about a person: their organizations, roles, and the access
level granted to them in that system on behalf of each organization; and about a machine
account's token: the organization, system and level it acts with."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from oidc.models import SystemClient
from registry.models import Membership, RoleAssignment
from systems.models import AccessGrant, InformationSystem, MachineAccount
from systems.queries import check_machine_access


@dataclass
class OrganizationAccess:
    org_id: int
    legal_name: str
    roles: list[str] = field(default_factory=list)
    level: str | None = None  # in the client's system, for this organization; None: no access
    expires: date | None = None

    def as_claim(self) -> dict:
        return {
            "org_id": self.org_id,
            "legal_name": self.legal_name,
            "roles": self.roles,
            "access_level": self.level,
            "access_expires": self.expires.isoformat() if self.expires else None,
        }


@dataclass
class SystemAccess:
    system: InformationSystem
    organizations: list[OrganizationAccess]

    @property
    def allowed(self) -> bool:
        """May sign in: some organization gives them a level in this system."""
        return any(o.level for o in self.organizations)


def client_for(client_id: str | None) -> SystemClient | None:
    """The information system behind an OAuth client (None for an unknown client)."""
    if not client_id:
        return None
    return (
        SystemClient.objects.select_related("system", "application")
        .filter(application__client_id=str(client_id)[:100])
        .first()
    )


def system_access(user, system: InformationSystem, *, today=None) -> SystemAccess:
    """The person's active organizations with their roles and their level in `system`.

    Three queries whatever the data: memberships, roles, grants in force. Inactive
    organizations give nothing, as in the systems app's check; so does an inactive system.
    """
    person = getattr(user, "person", None) if user is not None else None
    if person is None or not system.is_active:
        return SystemAccess(system, [])
    today = today or timezone.localdate()
    by_org: dict[int, OrganizationAccess] = {}
    for org_pk, org_id, legal_name in (
        Membership.objects.filter(person=person, organization__is_active=True)
        .order_by("organization__legal_name", "organization__org_id")
        .values_list("organization_id", "organization__org_id", "organization__legal_name")
    ):
        by_org[org_pk] = OrganizationAccess(org_id, legal_name)
    if not by_org:
        return SystemAccess(system, [])
    for org_pk, code in (
        RoleAssignment.objects.filter(
            membership__person=person, membership__organization_id__in=list(by_org)
        )
        .order_by("role_type__sort_order", "role_type__code")
        .values_list("membership__organization_id", "role_type__code")
    ):
        by_org[org_pk].roles.append(code)
    if system.open_to_all and system.levels:
        for access in by_org.values():
            access.level = system.lowest_level
    for grant in AccessGrant.objects.in_force(today).filter(
        person=person, system=system, organization_id__in=list(by_org)
    ):
        access = by_org[grant.organization_id]
        # An open-to-all system's lowest level never lowers what a grant gives.
        if system.rank(grant.level) >= system.rank(access.level or ""):
            access.level, access.expires = grant.level, grant.expires
    return SystemAccess(system, list(by_org.values()))


@dataclass
class MachineAccess:
    """A machine account behind a client-credentials client, and whether it still counts."""

    account: MachineAccount
    allowed: bool

    def as_claims(self) -> dict:
        account = self.account
        return {
            "machine_account_id": account.pk,
            "org_id": account.organization.org_id,
            "legal_name": account.organization.legal_name,
            "system": account.system.code,
            "access_level": account.level,
            "access_expires": account.expires.isoformat() if account.expires else None,
        }


def machine_access(application, *, today=None) -> MachineAccess | None:
    """The machine account whose OAuth client is `application` (None: not a machine's), and
    whether the systems app's check still lets it use its system at its level. Two queries."""
    if application is None:
        return None
    account = (
        MachineAccount.objects.select_related("organization", "system")
        .filter(application=application)
        .first()
    )
    if account is None:
        return None
    answer = check_machine_access(
        org_id=account.organization.org_id,
        client_id=account.client_id,
        system=account.system.code,
        level=account.level,
        today=today,
    )
    return MachineAccess(account, answer.allowed)
