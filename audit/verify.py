"""Recompute every audit chain and find the first entry that does not match; compare the
chains with heads exported earlier (`verify_audit --export-heads` / `--against`)."""

import json
from dataclasses import dataclass

from django.utils import timezone

from audit.models import AuditChainHead, AuditEntry


@dataclass(frozen=True)
class Break:
    entry_id: int | None
    chain: str
    reason: str


@dataclass(frozen=True)
class Head:
    """Where a chain ended when it was walked: its last entry, that entry's hash, and how many
    entries the chain had."""

    last_entry_id: int
    last_hash: str
    entries: int


def walk_chains(batch: int = 2000) -> tuple[int, Break | None, dict[str, Head]]:
    """(entries checked, first break or None, each chain's head), walking entries in id order.
    The HMAC key (settings.AUDIT_HMAC_KEY) is what makes a recomputed hash impossible for
    someone who can only write to the database."""
    heads: dict[str, Head] = {}
    checked = 0
    qs = AuditEntry.objects.order_by("id")
    last_id = 0
    while True:
        rows = list(qs.filter(id__gt=last_id)[:batch])
        if not rows:
            break
        for entry in rows:
            checked += 1
            previous = heads.get(entry.chain)
            if entry.prev_hash != (previous.last_hash if previous else ""):
                return (
                    checked,
                    Break(entry.pk, entry.chain, "the link to the previous entry"),
                    heads,
                )
            if entry.compute_hash() != entry.row_hash:
                return checked, Break(entry.pk, entry.chain, "its content"), heads
            heads[entry.chain] = Head(
                entry.pk, entry.row_hash, (previous.entries if previous else 0) + 1
            )
        last_id = rows[-1].pk
    for head in AuditChainHead.objects.all():
        walked = heads.get(head.chain)
        if (walked.last_hash if walked else "") != head.last_hash:
            return checked, Break(head.last_entry_id, head.chain, "the end of the chain"), heads
        if (walked.entries if walked else 0) != head.entries:
            return checked, Break(head.last_entry_id, head.chain, "its count of entries"), heads
    return checked, None, heads


def verify_chains(batch: int = 2000) -> tuple[int, Break | None]:
    """(entries checked, first break or None)."""
    checked, broken, _ = walk_chains(batch)
    return checked, broken


def export_heads(heads: dict[str, Head]) -> str:
    """One JSON line naming every chain's head, for operations to keep outside the database."""
    return json.dumps(
        {
            "exported_at": timezone.now().isoformat(),
            "heads": {
                chain: [h.last_entry_id, h.last_hash, h.entries]
                for chain, h in sorted(heads.items())
            },
        },
        separators=(",", ":"),
    )


def compare_with_export(heads: dict[str, Head], exported: str) -> list[str]:
    """What changed since `exported` was written, in sentences: a chain cut back (its exported
    last entry gone, or fewer entries than then) or rewritten (that entry's hash differs).
    Entries appended since are expected."""
    problems = []
    for chain, (entry_id, last_hash, entries) in json.loads(exported)["heads"].items():
        now = heads.get(chain)
        row = AuditEntry.objects.filter(pk=entry_id, chain=chain).first()
        if now is None or row is None:
            problems.append(
                f"Chain {chain} was truncated: entry {entry_id}, its last when exported, is gone."
            )
        elif row.row_hash != last_hash:
            problems.append(f"Chain {chain} was rewritten: entry {entry_id} has another hash.")
        elif AuditEntry.objects.filter(chain=chain, pk__lte=entry_id).count() != entries:
            problems.append(
                f"Chain {chain} was altered: it had {entries} entries up to entry {entry_id}."
            )
        elif now.entries < entries:
            problems.append(f"Chain {chain} was truncated: it had {entries} entries.")
    return problems
