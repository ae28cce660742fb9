"""Reading a certification: the organization's list now, each entry with whether it stands
confirmed, and what has left the list since the certification opened. No writes."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from certification.entries import KINDS, Entry, entries
from certification.models import Certification, CertificationCampaign, Confirmation
from registry.models import Organization


@dataclass
class Row:
    entry: Entry
    confirmation: Confirmation | None = None
    changed: bool = False  # confirmed once, but it reads differently now

    @property
    def confirmed(self) -> bool:
        return self.confirmation is not None and not self.changed


@dataclass
class Reading:
    certification: Certification
    rows: list[Row]
    removed: list[dict] = field(default_factory=list)

    @property
    def pending(self) -> int:
        return sum(1 for r in self.rows if not r.confirmed)

    def groups(self) -> list[tuple[str, str, list[Row]]]:
        """(kind, heading, rows) for every kind, in the order of KINDS (empty ones too)."""
        return [
            (k, label, [r for r in self.rows if r.entry.kind == k]) for k, label in KINDS.items()
        ]


def read(certification: Certification) -> Reading:
    """Six queries: the five of the list, and the confirmations. Once attested, the list is
    the one certified (its snapshot, which the SHA-256 is of), not the registry as it is now."""
    if certification.state == Certification.State.ATTESTED:
        return _attested(certification)
    live = entries(certification.organization)
    confirmations = {c.key: c for c in certification.confirmations.all()}
    rows = []
    for entry in live:
        found = confirmations.get(entry.key)
        rows.append(
            Row(entry, found, changed=found is not None and found.fingerprint != entry.fingerprint)
        )
    keys = {e.key for e in live}
    removed = [e for e in certification.opening if e["key"] not in keys]
    return Reading(certification, rows, removed)


def _attested(certification: Certification) -> Reading:
    confirmations = {c.key: c for c in certification.confirmations.all()}
    rows = [Row(Entry(**e), confirmations.get(e["key"])) for e in certification.snapshot]
    return Reading(certification, rows)


def pending_count(certification: Certification) -> int:
    return read(certification).pending


def certifications_of(org: Organization):
    return Certification.objects.filter(organization=org).select_related("campaign")


def campaigns():
    return CertificationCampaign.objects.select_related("started_by")


def campaigns_with_progress():
    """Campaigns with how many certifications are open, escalated and attested (one query)."""
    state = Certification.State
    return campaigns().annotate(
        total=Count("certifications"),
        open_count=Count("certifications", filter=Q(certifications__state=state.OPEN)),
        escalated_count=Count("certifications", filter=Q(certifications__state=state.ESCALATED)),
        attested_count=Count("certifications", filter=Q(certifications__state=state.ATTESTED)),
    )


def certifications_in(campaign: CertificationCampaign):
    return (
        Certification.objects.filter(campaign=campaign)
        .select_related("organization")
        .order_by("organization__legal_name", "pk")
    )
