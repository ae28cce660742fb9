"""Read-side questions about the registry, each answered in a fixed number of queries."""

import re
from dataclasses import dataclass, replace

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Collate, Lower, Upper
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from core.text import sentence
from registry.models import (
    EmailChange,
    Membership,
    Organization,
    Person,
    RoleAssignment,
    RoleType,
    Section,
)

SEARCH_LIMIT = 20


def pending_email_change(person: Person) -> EmailChange | None:
    """The new e-mail the person asked for and has not confirmed yet (one query)."""
    return EmailChange.objects.filter(person=person, expires_at__gt=timezone.now()).first()


def mask_email(email: str) -> str:
    """Enough of an e-mail to recognize a person, not enough to harvest it."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def search_persons(
    text: str, *, limit: int = SEARCH_LIMIT, member_of: Organization | None = None
) -> QuerySet[Person]:
    """Registered persons matching a name, an e-mail or (exactly) a Person ID; with
    `member_of`, each result also says (`is_member`) whether it belongs to that organization.

    One query, served by an index at any size: the Person ID and the e-mail by their unique
    indexes, name words by the engine's indexes (migrations 0003_person_search and
    0005_person_name_order). One word: persons whose last name starts with it, then those whose
    first name does, each in name order. Several words: every word starts a first or a last
    name, in name order.
    """
    base = Person.objects.all()
    if member_of is not None:
        base = base.annotate(
            is_member=Exists(
                Membership.objects.filter(organization=member_of, person=OuterRef("pk"))
            )
        )
    text = " ".join(text.split())
    if not text:
        return Person.objects.none()
    if text.isascii() and text.isdigit():  # "0²" is digits to str.isdigit, not to int()
        return base.filter(person_id=int(text))[:1] if len(text) < 10 else Person.objects.none()
    if "@" in text:
        # Lower(email) = lower(text) is what the unique index person_email_ci_unique holds;
        # `iexact` would compile to LIKE / UPPER() and scan every person.
        by_email = base.alias(email_ci=Lower("email"))
        return by_email.filter(email_ci=Lower(Value(text.lower())))[:limit]
    words = text.split()[:4]
    if len(words) == 1:
        return _search_one_word(base, words[0], limit)
    condition = Q()
    for word in words:
        condition &= Q(first_name__istartswith=word) | Q(last_name__istartswith=word)
    people = base.filter(condition)
    if connection.vendor == "sqlite":
        match = _fts_match(words)
        if match:
            # Narrow to the FTS5 matches first (a superset of the condition's rows); the
            # condition then keeps exactly what `istartswith` means on every engine.
            candidates = RawSQL(_FTS_CANDIDATES, [match])  # noqa: S611 - the text is a parameter
            people = people.filter(pk__in=candidates)
    return people.order_by(*_name_order("last_name", "first_name"))[:limit]


def _name_order(*fields: str) -> list:
    """Case-insensitive name order. On SQLite the NOCASE indexes of 0005_person_name_order
    hold exactly this order, so a prefix search walks one and stops after `limit` rows."""
    if connection.vendor == "sqlite":
        return [Collate(field, "NOCASE") for field in fields] + ["person_id"]
    return [Upper(field) for field in fields] + ["person_id"]


def _search_one_word(base: QuerySet, word: str, limit: int) -> QuerySet[Person]:
    """A one-word search, whatever the number of matches (a common surname's prefix matches
    tens of thousands at a million persons): the first `limit` last-name matches and the first
    `limit` first-name matches are picked in index order, then only those are sorted."""
    pattern = connection.ops.prep_for_like_query(word) + "%"
    sql = _ONE_WORD_SQLITE if connection.vendor == "sqlite" else _ONE_WORD_POSTGRESQL
    candidates = RawSQL(sql, [pattern, limit, pattern, limit])  # noqa: S611 - parameters only
    people = base.filter(pk__in=candidates).annotate(
        _first_name_only=Case(When(last_name__istartswith=word, then=0), default=1)
    )
    return people.order_by("_first_name_only", *_name_order("last_name", "first_name"))[:limit]


# Each half walks a name index in its own order and stops after `limit` rows.
_ONE_WORD_SQLITE = (
    "SELECT id FROM (SELECT id FROM registry_person WHERE last_name LIKE %s ESCAPE '\\' "
    "ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, person_id LIMIT %s) "
    "UNION ALL "
    "SELECT id FROM (SELECT id FROM registry_person WHERE first_name LIKE %s ESCAPE '\\' "
    "ORDER BY first_name COLLATE NOCASE, last_name COLLATE NOCASE, person_id LIMIT %s)"
)
_ONE_WORD_POSTGRESQL = (
    "SELECT id FROM (SELECT id FROM registry_person WHERE UPPER(last_name::text) LIKE UPPER(%s) "
    "ORDER BY UPPER(last_name::text), UPPER(first_name::text), person_id LIMIT %s) AS by_last "
    "UNION ALL "
    "SELECT id FROM (SELECT id FROM registry_person WHERE UPPER(first_name::text) LIKE UPPER(%s) "
    "ORDER BY UPPER(first_name::text), UPPER(last_name::text), person_id LIMIT %s) AS by_first"
)


_FTS_CANDIDATES = "SELECT rowid FROM registry_person_fts WHERE registry_person_fts MATCH %s"


def _fts_match(words: list[str]) -> str:
    """An FTS5 query: every letter-or-digit run of every word, as a prefix, in a name column."""
    tokens = [token for word in words for token in re.findall(r"[^\W_]+", word)]
    if not tokens:
        return ""
    return "{first_name last_name} : (" + " AND ".join(f'"{t}"*' for t in tokens) + ")"


def role_types() -> list[RoleType]:
    """Every role type with the codes of the roles that manage it (two queries, however many
    role types: `rules.managing_codes` reads the prefetched codes instead of one query each)."""
    roles = list(RoleType.objects.prefetch_related("managed_by"))
    for role in roles:
        role._managing_codes = frozenset(m.code for m in role.managed_by.all())
    return roles


def holders(org: Organization, role_type: RoleType) -> list[Person]:
    """Persons holding `role_type` in `org` (one query), each with `can_act`
    (`can_act_filter`).

    The organization's memberships holding the role are found first (index-only: the
    membership's (organization, person) index, then the role's (membership, role type)
    index), and only those persons are read; a join lets SQLite read every member's row
    before looking at the role (2,000 rows for a large organization, for two holders)."""
    holding = Membership.objects.filter(organization=org, roles__role_type=role_type)
    return list(
        Person.objects.filter(pk__in=holding.values("person_id"))
        .annotate(can_act=ExpressionWrapper(can_act_filter(""), output_field=BooleanField()))
        .order_by("last_name", "first_name", "person_id")
    )


def members(org: Organization) -> QuerySet[Person]:
    """The members of `org` in name order (page it; attach roles to the page only). Only the
    columns the lists show. The order is the membership's copy of the name, so the index
    membership_name_order hands out one page without reading and sorting every member."""
    return (
        Person.objects.filter(memberships__organization=org)
        .only("person_id", "first_name", "last_name")
        .order_by("memberships__sort_last", "memberships__sort_first", "memberships__person_id")
    )


def member_count(org: Organization) -> int:
    """How many members `org` has, from the membership index alone (one query): counting
    `members(org)` would also read every member's person row."""
    return Membership.objects.filter(organization=org).count()


class CountedPaginator(Paginator):
    """A Paginator given its count (counted cheaply elsewhere) instead of counting the rows."""

    def __init__(self, object_list, per_page: int, *, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # the cached_property's slot


def attach_roles(org: Organization, people: list[Person]) -> list[Person]:
    """Give each person `.org_roles`, their role types in `org` (one query per page). The
    role types carry the fields lists show (code, name and its French, order), read as plain
    values."""
    by_person: dict[int, list[RoleType]] = {}
    seen: dict[int, RoleType] = {}
    rows = RoleAssignment.objects.filter(
        membership__organization=org, membership__person__in=[p.pk for p in people]
    ).values_list(
        "membership__person_id", "role_type_id", "role_type__code", "role_type__name",
        "role_type__name_fr", "role_type__sort_order",
    )  # fmt: skip
    for person_pk, pk, code, name, name_fr, sort_order in rows:
        if pk not in seen:
            seen[pk] = RoleType(pk=pk, code=code, name=name, name_fr=name_fr, sort_order=sort_order)
        by_person.setdefault(person_pk, []).append(seen[pk])
    for person in people:
        person.org_roles = sorted(
            by_person.get(person.pk, []), key=lambda r: (r.sort_order, r.name)
        )
    return people


def contacts(org: Organization, role_code: str | None = None) -> QuerySet[RoleAssignment]:
    """Role assignments of `org` with their person and role type, by role then name.

    The organization's assignments are picked first (index-only) and only their persons are
    read: a plain join made SQLite read every member's person row, contacts or not."""
    held = RoleAssignment.objects.filter(membership__organization=org)
    if role_code is not None:
        held = held.filter(role_type__code=role_code)
    qs = RoleAssignment.objects.filter(pk__in=held.values("pk"))
    return qs.select_related("role_type", "membership__person").order_by(
        "role_type__sort_order",
        "role_type__code",
        "membership__person__last_name",
        "membership__person__first_name",
        "membership__person__person_id",
    )


def roles_of(org: Organization, person: Person) -> set[str]:
    return set(
        RoleAssignment.objects.filter(
            membership__organization=org, membership__person=person
        ).values_list("role_type__code", flat=True)
    )


@dataclass(frozen=True)
class CoverageWarning:
    role_type: RoleType
    holders: int
    # Set by `for_user`: whether the reader may register a holder, else who may.
    can_register: bool = False
    who_may: str = ""

    def for_user(self, user, org: Organization) -> "CoverageWarning":
        """This warning as `user` reads it: a link to register one only if they may."""
        from registry.rules import can_manage_role, managers_phrase

        may = can_manage_role(user, org, self.role_type)
        phrase = managers_phrase(self.role_type)
        if may:
            who = ""
        elif phrase:
            who = sentence(_("Only {who} can register one."), who=phrase)
        else:
            who = _("Only a member of operator staff can register one.")
        return replace(self, can_register=may, who_may=who)

    @property
    def message(self) -> str:
        role = self.role_type
        if self.holders == 0:
            return sentence(_("No {role} is registered; one is required."), role=role.name)
        words = {
            1: pgettext("how many hold a role", "one"),
            2: pgettext("how many hold a role", "two"),
            3: pgettext("how many hold a role", "three"),
        }
        word = words.get(self.holders, str(self.holders))
        return sentence(
            ngettext(
                "Only {word} {role} is registered; we recommend {recommended}.",
                "Only {word} {role}s are registered; we recommend {recommended}.",
                self.holders,
            ),
            word=word,
            role=role.name,
            recommended=role.recommended_holders,
        )


def coverage_warnings(org: Organization) -> list[CoverageWarning]:
    """Mandatory roles with fewer holders than recommended (one query).

    Each mandatory role's holders are counted from the organization's side (its memberships,
    then their roles by index): counting from the role's side visits the role's holders in
    every organization."""
    held = (
        RoleAssignment.objects.filter(membership__organization=org, role_type=OuterRef("pk"))
        .values("role_type")
        .annotate(n=Count("id"))
        .values("n")
    )
    counted = RoleType.objects.filter(mandatory=True).annotate(held=Coalesce(Subquery(held), 0))
    return [
        CoverageWarning(role_type=r, holders=r.held)
        for r in counted
        if r.held < r.recommended_holders
    ]


def coverage_warning(role_type: RoleType, holders: int) -> list[CoverageWarning]:
    """`coverage_warnings` for one role whose holders are already counted (no query)."""
    if role_type.mandatory and holders < role_type.recommended_holders:
        return [CoverageWarning(role_type=role_type, holders=holders)]
    return []


def holder_counts(org: Organization) -> dict[int, int]:
    """Role type pk -> number of holders in `org` (one query)."""
    return dict(
        RoleAssignment.objects.filter(membership__organization=org)
        .values_list("role_type")
        .annotate(n=Count("id"))
        .values_list("role_type", "n")
    )


def can_act_filter(prefix: str = "membership__person__") -> Q:
    """Holders who can act on their roles: a person with no account yet (their invitation is
    under way) or an active one. A disabled account (dormant, or deactivated by operator
    staff) keeps its roles but cannot act on them until it is enabled again."""
    return Q(**{f"{prefix}user__isnull": True}) | Q(**{f"{prefix}user__is_active": True})


def holder_counts_for_removal(org: Organization, person: Person) -> dict[int, int]:
    """Role type pk -> the person plus the other holders in `org` who can act
    (`can_act_filter`), for each role the person holds (one query): the count the last-holder
    rule reads (`registry.rules.last_holder_refusal`) when the person is removed from a role or
    from the organization, and when their account is deactivated. A holder whose account is
    disabled never stands in for the one removed."""
    rows = (
        RoleAssignment.objects.filter(membership__organization=org)
        .values_list("role_type")
        .annotate(
            mine=Count("id", filter=Q(membership__person=person)),
            others=Count("id", filter=~Q(membership__person=person) & can_act_filter()),
        )
        .values_list("role_type", "mine", "others")
    )
    return {pk: 1 + others for pk, mine, others in rows if mine}


def disabled_mandatory_holders(limit: int = 100) -> list[RoleAssignment]:
    """Holders of mandatory roles in active organizations whose account is disabled (dormant or
    deactivated), flagged on the back office's coverage page (one query)."""
    return list(
        RoleAssignment.objects.filter(
            role_type__mandatory=True,
            membership__organization__is_active=True,
            membership__person__user__is_active=False,
        )
        .select_related("role_type", "membership__organization", "membership__person__user")
        .order_by("membership__organization__legal_name", "role_type__sort_order", "id")[:limit]
    )


def organizations_with_roles(person: Person) -> list[Organization]:
    """The person's organizations, each with `.person_roles` (two queries)."""
    orgs = list(Organization.objects.filter(memberships__person=person).order_by("legal_name"))
    by_org: dict[int, list[RoleType]] = {}
    for assignment in RoleAssignment.objects.filter(membership__person=person).select_related(
        "role_type", "membership"
    ):
        by_org.setdefault(assignment.membership.organization_id, []).append(assignment.role_type)
    for org in orgs:
        org.person_roles = sorted(by_org.get(org.pk, []), key=lambda r: (r.sort_order, r.name))
    return orgs


def search_organizations(text: str) -> QuerySet[Organization]:
    """Organizations whose legal name contains the text, or (exactly) whose Organization ID it
    is; without text, every organization. In name order; page it (the page is one query)."""
    text = " ".join(str(text or "").split())[:200]
    qs = Organization.objects.all()
    if text.isascii() and text.isdigit():
        qs = qs.filter(org_id=int(text)) if len(text) < 10 else qs.none()
    elif text:
        for word in text.split()[:6]:
            qs = qs.filter(legal_name__icontains=word)
    return qs.order_by(Lower("legal_name"), "org_id")


# --- Sections -----------------------------------------------------------------------------


def sections_queryset(org: Organization) -> QuerySet[Section]:
    """The organization's sections in name order, each with any address waiting for
    confirmation and (prefetched per page) its roles."""
    return (
        Section.objects.filter(organization=org)
        .select_related("email_change")
        .prefetch_related("roles")
        .order_by(Lower("name"), "id")
    )


def sections(org: Organization) -> list[Section]:
    """Every section of the organization (two queries, however many sections)."""
    return list(sections_queryset(org))


def section(org: Organization, pk: int) -> Section:
    """One section as the lists show it (two queries); the caller checked access."""
    return sections_queryset(org).get(pk=pk)


def section_contacts(org: Organization, role_code: str | None = None):
    """(section pk, name, role code) for every role a section of `org` holds, by role then
    name: sections as the contacts list shows them."""
    rows = Section.roles.through.objects.filter(section__organization=org)
    if role_code is not None:
        rows = rows.filter(roletype__code=role_code)
    return rows.order_by(
        "roletype__sort_order", "roletype__code", Lower("section__name"), "section_id"
    ).values_list("section_id", "section__name", "roletype__code")


def section_holders(org: Organization, role_type: RoleType) -> list[Section]:
    """The organization's sections holding `role_type` (one query)."""
    return list(
        Section.objects.filter(organization=org, roles=role_type).order_by(Lower("name"), "id")
    )


def section_counts(org: Organization) -> dict[int, int]:
    """Role type pk -> number of the organization's sections holding it (one query)."""
    return dict(
        Section.roles.through.objects.filter(section__organization=org)
        .values_list("roletype")
        .annotate(n=Count("id"))
        .values_list("roletype", "n")
    )


def holder_and_section_counts(org: Organization) -> dict[int, int]:
    """Role type pk -> holders in `org`, persons and sections together (two queries): how
    By Role and coverage count a role's holders."""
    counts = holder_counts(org)
    for pk, n in section_counts(org).items():
        counts[pk] = counts.get(pk, 0) + n
    return counts


def covered_roles(org: Organization) -> set[str]:
    """Codes of the roles someone holds in `org`, a person or a confirmed-or-not section
    (two queries): a section counts toward the coverage of its roles."""
    held = set(
        RoleAssignment.objects.filter(membership__organization=org).values_list(
            "role_type__code", flat=True
        )
    )
    return held | set(
        Section.roles.through.objects.filter(section__organization=org).values_list(
            "roletype__code", flat=True
        )
    )


def section_addresses(role_types, organization: Organization | None = None) -> list[str]:
    """Confirmed shared addresses of the sections holding any of `role_types`, in
    `organization` or in every active organization (one query). For notices only: a section
    is told, it never decides, so tasks never go to it."""
    qs = Section.objects.filter(
        roles__in=list(role_types),
        email_confirmed_at__isnull=False,
        organization__is_active=True,
    )
    if organization is not None:
        qs = qs.filter(organization=organization)
    return sorted(set(qs.values_list("email", flat=True)))
