"""The list an organization certifies, read from the registry as it is now: every contact by
role, every section, every member (with their last sign-in), every access grant (with its last
single sign-on) and every machine account. Five queries whatever the organization's size.

Each entry has a stable `key` ("contact:primary_contact:500001") and a `fingerprint` of what a
person certifies about it (names, addresses, levels; not the last use, which changes with every
sign-in): a confirmation holds while the fingerprint is the one confirmed."""

import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import telephone
from registry.models import Membership, Organization, RoleAssignment, Section
from systems.models import AccessGrant, MachineAccount

KINDS = {
    "contact": _("Contacts by role"),
    "section": _("Sections"),
    "member": _("Members"),
    "grant": _("Access to the operator's systems"),
    "machine": _("Machine accounts"),
}


@dataclass
class Entry:
    key: str
    kind: str
    title: str  # who or what: "Alice Martin (Person ID 500001)"
    what: str  # the fact certified: "Primary Contact", "Metering Data at read"
    facts: dict[str, str] = field(default_factory=dict)  # shown, and fingerprinted
    last_use: str = ""  # shown, never fingerprinted
    # What the pages link to (filled by the reader; not part of the list certified).
    person_id: int | None = None
    role_code: str = ""
    object_id: int | None = None

    @property
    def fingerprint(self) -> str:
        return digest([[self.key, self.title, self.what, sorted(self.facts.items())]])

    def certified(self) -> dict:
        """The entry as the attestation keeps it."""
        data = asdict(self)
        for link in ("person_id", "role_code", "object_id"):
            data.pop(link)
        return data


def digest(value) -> str:
    """SHA-256 of a canonical JSON form (sorted keys, no spaces): the same list, the same hash."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def list_digest(entries: list[dict]) -> str:
    return digest(entries)


def _when(moment) -> str:
    if moment is None:
        return "Never"
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _person_title(person) -> str:
    return f"{person.full_name} (Person ID {person.person_id})"


def entries(org: Organization, *, today=None) -> list[Entry]:
    """The organization's list, in the order the page shows it."""
    out: list[Entry] = []
    for a in (
        RoleAssignment.objects.filter(membership__organization=org)
        .select_related("membership__person", "role_type")
        .order_by("role_type__sort_order", "role_type__name", "membership__sort_last",
                  "membership__sort_first", "membership__person_id")
    ):  # fmt: skip
        person = a.membership.person
        out.append(
            Entry(
                key=f"contact:{a.role_type.code}:{person.person_id}",
                kind="contact",
                title=_person_title(person),
                what=a.role_type.name,
                facts={"E-mail": person.email, "Telephone": telephone(person.phone)},
                person_id=person.person_id,
                role_code=a.role_type.code,
            )
        )
    for s in Section.objects.filter(organization=org).prefetch_related("roles"):
        roles = ", ".join(r.name for r in sorted(s.roles.all(), key=lambda r: r.name)) or "None"
        out.append(
            Entry(
                key=f"section:{s.pk}",
                kind="section",
                title=s.name,
                what=f"Roles: {roles}",
                facts={"Shared e-mail": s.email, "Telephone": telephone(s.phone)},
                object_id=s.pk,
            )
        )
    for m in (
        Membership.objects.filter(organization=org)
        .select_related("person__user")
        .order_by("sort_last", "sort_first", "person_id")
    ):
        person = m.person
        account = person.user
        if account is None:
            status = "No account yet"
        elif account.is_active:
            status = "Active account"
        else:
            status = "Disabled account"
        out.append(
            Entry(
                key=f"member:{person.person_id}",
                kind="member",
                title=_person_title(person),
                what="Member",
                facts={"E-mail": person.email, "Account": status},
                last_use=f"Last sign-in: {_when(account.last_login if account else None)}",
                person_id=person.person_id,
            )
        )
    for g in (
        AccessGrant.objects.in_force(today)
        .filter(organization=org)
        .select_related("person", "system")
        .order_by("system__name", "person__last_name", "person__first_name", "pk")
    ):
        out.append(
            Entry(
                key=f"grant:{g.pk}",
                kind="grant",
                title=_person_title(g.person),
                what=f"{g.system.name} at {g.level}",
                facts={"Expires": g.expires.isoformat() if g.expires else "No expiry"},
                last_use=f"Last single sign-on: {_when(g.last_used_at)}",
                person_id=g.person.person_id,
                object_id=g.pk,
            )
        )
    for mac in (
        MachineAccount.objects.in_force(today)
        .filter(organization=org)
        .select_related("system", "owner")
        .order_by("name", "pk")
    ):
        out.append(
            Entry(
                key=f"machine:{mac.pk}",
                kind="machine",
                title=mac.name,
                what=f"{mac.system.name} at {mac.level}",
                facts={
                    "Owner": _person_title(mac.owner),
                    "Expires": mac.expires.isoformat() if mac.expires else "",
                },
                object_id=mac.pk,
            )
        )
    return out
