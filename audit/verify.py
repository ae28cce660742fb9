"""Recompute every audit chain and find the first entry that does not match."""

from dataclasses import dataclass

from audit.models import AuditChainHead, AuditEntry


@dataclass(frozen=True)
class Break:
    entry_id: int | None
    chain: str
    reason: str


def verify_chains(batch: int = 2000) -> tuple[int, Break | None]:
    """(entries checked, first break or None), walking all entries in id order."""
    last: dict[str, str] = {}
    checked = 0
    qs = AuditEntry.objects.order_by("id")
    last_id = 0
    while True:
        rows = list(qs.filter(id__gt=last_id)[:batch])
        if not rows:
            break
        for entry in rows:
            checked += 1
            expected_prev = last.get(entry.chain, "")
            if entry.prev_hash != expected_prev:
                return checked, Break(entry.pk, entry.chain, "the link to the previous entry")
            if entry.compute_hash() != entry.row_hash:
                return checked, Break(entry.pk, entry.chain, "its content")
            last[entry.chain] = entry.row_hash
        last_id = rows[-1].pk
    for head in AuditChainHead.objects.all():
        if last.get(head.chain, "") != head.last_hash:
            return checked, Break(head.last_entry_id, head.chain, "the end of the chain")
    return checked, None
