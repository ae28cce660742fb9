"""Read-side questions about access, each answered in a fixed number of queries."""

import json
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from registry.models import Membership, Organization, Person, RoleAssignment, RoleType
from registry.queries import CountedPaginator, member_count, members
from registry.rules import AUDIT_READERS, MEMBER_ADDERS, MEMBER_REMOVERS, is_operator_staff
from systems.models import (
    AccessGrant,
    AccessReview,
    AccessReviewCampaign,
    AccessReviewItem,
    InformationSystem,
    MachineAccount,
)
from systems.rules import (
    ACCESS_GRANTERS,
    PROTECTED_HOLDERS,
    can_grant_access,
    can_request_access,
    can_revoke_grant_of,
)


def systems() -> list[InformationSystem]:
    return list(InformationSystem.objects.filter(is_active=True))


# --- The check downstream systems ask -------------------------------------------------------


@dataclass(frozen=True)
class CheckAnswer:
    allowed: bool
    reason: str  # grant, open_to_all, no_grant, not_member, unknown_system, unknown_level
    grant_id: int | None = None
    granted_level: str | None = None
    expires: date | None = None


def _check_sql() -> str:
    """Every join is on a unique index: system code, Organization ID, Person ID, the
    membership (organization, person) and the grant (organization, person, system).
    Written as SQL because this is the hot path downstream systems call on every use: the
    ORM's compilation of the same statement cost more than running it."""
    system, org, person = (m._meta.db_table for m in (InformationSystem, Organization, Person))
    membership, grant = Membership._meta.db_table, AccessGrant._meta.db_table
    return f"""
        SELECT s.levels, s.open_to_all, g.id, g.level, g.expires, m.id
        FROM {system} s
        LEFT JOIN {org} o ON o.org_id = %s AND o.is_active
        LEFT JOIN {person} p ON p.person_id = %s
        LEFT JOIN {membership} m ON m.organization_id = o.id AND m.person_id = p.id
        LEFT JOIN {grant} g ON g.organization_id = o.id AND g.person_id = p.id
            AND g.system_id = s.id AND (g.expires IS NULL OR g.expires >= %s)
        WHERE s.code = %s AND s.is_active
    """  # noqa: S608 (table names come from the models, values are parameters)


_CHECK_SQL = _check_sql()


def check_access(
    *, org_id: int, person_id: int, system: str, level: str | None = None, today=None
) -> CheckAnswer:
    """May person `person_id` use `system` at `level` on behalf of organization `org_id`?

    One query (see _check_sql). An inactive organization, a missing membership or an expired
    grant all answer no.
    """
    today = today or timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(_CHECK_SQL, [org_id, person_id, today, str(system)[:40]])
        found = cursor.fetchone()
    row = None
    if found is not None:
        levels, open_to_all, grant_id, grant_level, grant_expires, membership_id = found
        row = {
            "levels": json.loads(levels) if isinstance(levels, str) else levels,
            "open_to_all": bool(open_to_all),
            "grant_id": grant_id,
            "grant_level": grant_level,
            "grant_expires": (
                date.fromisoformat(grant_expires)
                if isinstance(grant_expires, str)
                else grant_expires
            ),
            "is_member": membership_id is not None,
        }
    if row is None:
        return CheckAnswer(False, "unknown_system")
    levels = row["levels"] or []
    wanted = level or (levels[0] if levels else "")
    if wanted not in levels:
        return CheckAnswer(False, "unknown_level")
    if not row["is_member"]:
        return CheckAnswer(False, "not_member")
    if row["grant_id"] is not None:
        granted = row["grant_level"]
        answer = dict(grant_id=row["grant_id"], granted_level=granted, expires=row["grant_expires"])
        if granted in levels and levels.index(granted) >= levels.index(wanted):
            return CheckAnswer(True, "grant", **answer)
        if row["open_to_all"] and levels.index(wanted) == 0:
            return CheckAnswer(True, "open_to_all", **answer)
        return CheckAnswer(False, "no_grant", **answer)
    if row["open_to_all"] and levels.index(wanted) == 0:
        return CheckAnswer(True, "open_to_all")
    return CheckAnswer(False, "no_grant")


def check_machine_access(
    *, org_id: int, client_id: str, system: str, level: str | None = None, today=None
) -> CheckAnswer:
    """May the machine account whose OAuth client is `client_id` use `system` at `level` on
    behalf of organization `org_id`? One query. Only an active, unexpired account of that
    (active) organization for that very system answers yes, at its level and below."""
    today = today or timezone.localdate()
    account = (
        MachineAccount.objects.filter(client_id=str(client_id)[:100])
        .exclude(client_id="")
        .select_related("organization", "system")
        .order_by("-pk")
        .first()
    )
    if account is None:
        return CheckAnswer(False, "unknown_client")
    if (
        account.organization.org_id != org_id
        or not account.organization.is_active
        or account.system.code != str(system)[:40]
        or not account.system.is_active
    ):
        # Another organization's client, or one for another system: nothing to tell.
        return CheckAnswer(False, "no_grant")
    levels = account.system.levels or []
    wanted = level or (levels[0] if levels else "")
    if wanted not in levels:
        return CheckAnswer(False, "unknown_level")
    answer = dict(grant_id=account.pk, granted_level=account.level, expires=account.expires)
    if account.state != MachineAccount.State.ACTIVE:
        return CheckAnswer(False, account.state, **answer)  # revoked, expired, requested...
    if account.expires is None or account.expires < today:
        return CheckAnswer(False, "expired", **answer)
    if account.level in levels and levels.index(account.level) >= levels.index(wanted):
        return CheckAnswer(True, "machine_account", **answer)
    return CheckAnswer(False, "no_grant", **answer)


def machine_accounts_of(org: Organization) -> list[MachineAccount]:
    """The organization's machine accounts, live ones first (one query)."""
    live = [MachineAccount.State.REQUESTED, MachineAccount.State.ACTIVE]
    return sorted(
        MachineAccount.objects.filter(organization=org).select_related(
            "organization", "system", "owner"
        ),
        key=lambda a: (a.state not in live, a.name.lower(), a.pk),
    )


# --- Lists for the Manage Access pages ------------------------------------------------------


def grants_of(org: Organization, person: Person | None = None) -> list[AccessGrant]:
    """Grants of `org` (optionally of one person), with person and system (one query)."""
    qs = AccessGrant.objects.filter(organization=org).select_related("person", "system")
    if person is not None:
        qs = qs.filter(person=person)
    return list(qs.order_by("system__sort_order", "system__name", "person__last_name", "pk"))


MEMBERS_PAGE_SIZE = 50  # as By Person
HOLDERS_SHOWN = 50  # holders of one system on the "By system" page; the rest are paged
HOLDER_ORDER = ("person__last_name", "person__first_name", "person__person_id")


def members_with_grants(org: Organization, page_number) -> Page:
    """One page of `org`'s members in name order, each with `.grants` (three queries: the
    member count, the page, the page's grants), so the cost does not grow with the members."""
    page = CountedPaginator(members(org), MEMBERS_PAGE_SIZE, count=member_count(org)).get_page(
        page_number
    )
    page.object_list = list(page.object_list)
    by_person: dict[int, list[AccessGrant]] = {}
    for grant in (
        AccessGrant.objects.filter(organization=org, person__in=[p.pk for p in page])
        .select_related("system")
        .order_by("system__sort_order", "system__name", "pk")
    ):
        by_person.setdefault(grant.person_id, []).append(grant)
    for person in page:
        person.grants = by_person.get(person.pk, [])
    return page


def _holders(org: Organization) -> QuerySet[AccessGrant]:
    return (
        AccessGrant.objects.filter(organization=org)
        .select_related("person")
        .only(
            "level",
            "expires",
            "system",
            "person__person_id",
            "person__first_name",
            "person__last_name",
        )
    )


def systems_with_holders(org: Organization) -> list[InformationSystem]:
    """Every active system, each with `.org_grants`, its first HOLDERS_SHOWN holders in `org`
    in name order, `.holder_count`, how many there are, and `.more_holders`, how many are not
    shown (two queries whatever the size)."""
    catalogue = systems()
    ranked = _holders(org).annotate(
        rank=Window(RowNumber(), partition_by=F("system_id"), order_by=HOLDER_ORDER),
        holders=Window(Count("pk"), partition_by=F("system_id")),
    )
    by_system: dict[int, list[AccessGrant]] = {}
    for grant in ranked.filter(rank__lte=HOLDERS_SHOWN).order_by("system_id", "rank"):
        by_system.setdefault(grant.system_id, []).append(grant)
    for system in catalogue:
        system.org_grants = by_system.get(system.pk, [])
        system.holder_count = system.org_grants[0].holders if system.org_grants else 0
        system.more_holders = system.holder_count - len(system.org_grants)
    return catalogue


def holders_of(org: Organization, system: InformationSystem, page_number) -> Page:
    """One page of the holders of `system` in `org`, in name order (two queries)."""
    holders = _holders(org).filter(system=system)
    return CountedPaginator(
        holders.order_by(*HOLDER_ORDER), HOLDERS_SHOWN, count=holders.count()
    ).get_page(page_number)


@dataclass
class OrgAccess:
    organization: Organization
    grants: list[AccessGrant] = field(default_factory=list)


def my_access(person: Person) -> tuple[list[OrgAccess], list[InformationSystem]]:
    """A person's grants, by organization, and the systems open to all members (3 queries)."""
    orgs = {
        o.pk: OrgAccess(o)
        for o in Organization.objects.filter(memberships__person=person).order_by("legal_name")
    }
    for grant in (
        AccessGrant.objects.filter(person=person, organization__in=list(orgs))
        .order_by("system__sort_order", "system__name")
        .select_related("system")
    ):
        orgs[grant.organization_id].grants.append(grant)
    open_systems = [s for s in systems() if s.open_to_all] if orgs else []
    return list(orgs.values()), open_systems


# --- The explainer: what can this person do, and why ----------------------------------------


@dataclass(frozen=True)
class Permission:
    area: str  # roles, members, audit, tasks, access, systems
    what: str
    because: str


@dataclass
class Explanation:
    organization: Organization
    person: Person
    is_member: bool
    roles: list[RoleType]
    permissions: list[Permission]

    def in_area(self, area: str) -> list[Permission]:
        return [p for p in self.permissions if p.area == area]


def _role_name(codes: set[str], names: dict[str, str], wanted) -> str:
    held = sorted(names[c] for c in codes & set(wanted) if c in names)
    return " and ".join(held)


def _task_deciders() -> list[tuple[str, frozenset[str]]]:
    """(what, role codes) for every registered task kind an organization's roles decide."""
    from tasks.kinds import registered_kinds

    return [(k.explain, k.deciders) for k in registered_kinds() if k.deciders and k.explain]


def explain(org: Organization, person: Person, *, today=None) -> Explanation:
    """Every permission `person` has in `org`, with the role or grant it comes from.

    Five queries whatever the data: membership, roles held, role types with their managers,
    grants with their systems, and the catalogue.
    """
    today = today or timezone.localdate()
    is_member = Membership.objects.filter(organization=org, person=person).exists()
    held_roles = [
        a.role_type
        for a in RoleAssignment.objects.filter(
            membership__organization=org, membership__person=person
        )
        .select_related("role_type")
        .order_by("role_type__sort_order")
    ]
    codes = {r.code for r in held_roles}
    names = {r.code: r.name for r in held_roles}
    permissions: list[Permission] = []
    if org.is_active and is_member:
        for role_type in RoleType.objects.prefetch_related("managed_by"):
            managers = {m.code for m in role_type.managed_by.all()}
            if codes & managers:
                permissions.append(
                    Permission(
                        "roles",
                        f"Add or remove holders of {role_type.name}",
                        f"as {_role_name(codes, names, managers)}",
                    )
                )
        if codes & MEMBER_ADDERS:
            permissions.append(
                Permission(
                    "members",
                    f"Add people to {org.legal_name} or register new ones",
                    f"as {_role_name(codes, names, MEMBER_ADDERS)}",
                )
            )
        if codes & MEMBER_REMOVERS:
            permissions.append(
                Permission(
                    "members",
                    f"Remove people from {org.legal_name}",
                    f"as {_role_name(codes, names, MEMBER_REMOVERS)}",
                )
            )
        if codes & AUDIT_READERS:
            permissions.append(
                Permission(
                    "audit",
                    f"Read the audit log of {org.legal_name}",
                    f"as {_role_name(codes, names, AUDIT_READERS)}",
                )
            )
        for what, deciders in _task_deciders():
            if codes & set(deciders):
                permissions.append(
                    Permission(
                        "tasks", what.capitalize(), f"as {_role_name(codes, names, deciders)}"
                    )
                )
    catalogue = systems()
    if org.is_active and is_member and codes & ACCESS_GRANTERS:
        because = f"as {_role_name(codes, names, ACCESS_GRANTERS)}"
        for system in catalogue:
            permissions.append(
                Permission(
                    "access",
                    f"Grant or revoke access to {system.name} for other members "
                    f"(except Primary Contacts' and Authorized Representatives' grants, "
                    f"which only operator staff revoke)",
                    because,
                )
            )
    grants = {
        g.system_id: g
        for g in AccessGrant.objects.filter(organization=org, person=person).select_related(
            "granted_by__person"
        )
    }
    for system in catalogue:
        grant = grants.get(system.pk)
        if org.is_active and is_member and grant is not None and grant.in_force_on(today):
            allowed = system.levels[: system.rank(grant.level) + 1] or [grant.level]
            by = grant.granted_by.person.full_name if _has_person(grant.granted_by) else "staff"
            until = f", until {grant.expires:%Y-%m-%d}" if grant.expires else ""
            permissions.append(
                Permission(
                    "systems",
                    f"Use {system.name} ({', '.join(allowed)})",
                    f"granted by {by} on {grant.granted_at:%Y-%m-%d}{until}",
                )
            )
        elif org.is_active and is_member and system.open_to_all:
            permissions.append(
                Permission(
                    "systems",
                    f"Use {system.name} ({system.lowest_level})",
                    f"open to every member of {org.legal_name}",
                )
            )
    return Explanation(org, person, is_member, held_roles, permissions)


def _has_person(user) -> bool:
    return user is not None and getattr(user, "person", None) is not None


# --- Access reviews -------------------------------------------------------------------------


def _decision_counts(prefix: str = "") -> dict:
    """pending/confirmed/revoked/lapsed item counts, as annotations over `prefix`items."""
    return {
        name: Count(f"{prefix}items", filter=Q(**{f"{prefix}items__decision": name}))
        for name in ("pending", "confirmed", "revoked", "lapsed")
    }


def reviews_of(org: Organization) -> QuerySet:
    """The organization's access reviews, newest first, each with its item counts (one
    query)."""
    return (
        AccessReview.objects.filter(organization=org)
        .select_related("organization", "campaign", "person")
        .annotate(**_decision_counts())
        .order_by("-created_at", "-pk")
    )


@dataclass
class ReviewView:
    """A review as its page shows it to one user: the items, each with what they may do."""

    review: AccessReview
    items: list[AccessReviewItem]
    can_decide: bool
    pending: int


def review_for(review: AccessReview, user) -> ReviewView:
    """Items of `review` with `.own`, `.may_confirm`, `.may_revoke` for `user` (three queries:
    the items, the holders of protected roles, the user's roles)."""
    org = review.organization
    items = list(review.items.order_by("person_name", "person_number", "system_name", "pk"))
    protected: dict[int, set[str]] = {}
    for person_id, code in RoleAssignment.objects.filter(
        membership__organization=org, role_type__code__in=PROTECTED_HOLDERS
    ).values_list("membership__person_id", "role_type__code"):
        protected.setdefault(person_id, set()).add(code)
    task = review.task
    taken = task is not None and task.state == "accepted" and task.accepted_by_id != user.pk
    can_decide = review.is_open and can_grant_access(user, org) and not taken
    own = getattr(user, "person", None)
    for item in items:
        item.own = own is not None and item.person_id == own.pk
        item.may_confirm = can_decide and item.is_pending and not item.own
        item.may_revoke = item.may_confirm and can_revoke_grant_of(
            user, org, protected.get(item.person_id, ())
        )
    pending = sum(1 for i in items if i.is_pending)
    return ReviewView(review, items, can_decide, pending)


def campaigns_with_progress() -> QuerySet:
    """Every campaign, newest first, with its review and item counts (one query)."""
    return AccessReviewCampaign.objects.annotate(
        review_count=Count("reviews", distinct=True), **_decision_counts("reviews__")
    ).order_by("-started_at", "-pk")


def campaign_progress(campaign: AccessReviewCampaign) -> list[AccessReview]:
    """The campaign's reviews by organization, each with its item counts (one query)."""
    return list(
        campaign.reviews.select_related("organization")
        .annotate(**_decision_counts())
        .order_by("organization__legal_name", "pk")
    )


def open_reviews(org: Organization) -> list:
    """The organization's access reviews still open, soonest deadline first (one query)."""
    from systems.models import AccessReview

    return list(
        AccessReview.objects.filter(organization=org, state=AccessReview.State.OPEN)
        .select_related("campaign", "person")
        .order_by("deadline", "pk")
    )


def open_campaigns(limit: int) -> list[AccessReviewCampaign]:
    """Access review campaigns still open, soonest deadline first (one query)."""
    return list(
        AccessReviewCampaign.objects.filter(state=AccessReviewCampaign.State.OPEN).order_by(
            "deadline", "pk"
        )[:limit]
    )


def organizations_granting(user) -> list[Organization]:
    """The organizations whose access `user` may manage, for Actions' Manage Access cards:
    by the rule the access services require. Operator staff reach every organization through
    Update Organization instead (a card per organization would be a directory)."""
    if not user.is_authenticated or is_operator_staff(user):
        return []
    orgs = Organization.objects.visible_to(user).order_by("legal_name")
    return [org for org in orgs if can_grant_access(user, org)]


def organizations_requesting(user) -> list[Organization]:
    """The organizations on whose behalf `user` may request access (Request Access's choice,
    and whether Actions offers it): by the rule the service requires. Operator staff: none."""
    if not user.is_authenticated:
        return []
    orgs = Organization.objects.visible_to(user).order_by("legal_name")
    return [org for org in orgs if can_request_access(user, org)]
