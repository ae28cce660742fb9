"""Writing the audit log. Call `record` inside the service's transaction."""

import logging
from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.db.models import F

from audit import actions, hooks
from audit.models import AuditChainHead, AuditEntry, hash_entry
from core.context import current

logger = logging.getLogger(__name__)


def actor_label(user, *, nobody: str = "the portal") -> str:
    """How an account is named in records and messages: its person's full name, else the
    account name; `nobody` when there is no signed-in account."""
    if user is None or not getattr(user, "is_authenticated", False):
        return nobody
    person = getattr(user, "person", None) if hasattr(user, "person") else None
    return (person.full_name if person else user.get_username())[:200]


def _actor_fields(actor) -> dict:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_label": "anonymous"}
    return {"actor": actor, "actor_label": actor_label(actor)}


def _target_fields(target: Any) -> dict:
    if target is None:
        return {}
    return {
        "target_type": target.audit_type,
        "target_id": str(target.audit_id),
        "target_label": str(target.audit_label)[:200],
    }


def record(
    actor,
    action: str,
    *,
    org=None,
    target=None,
    details: dict | None = None,
    outcome: str = AuditEntry.Outcome.DONE,
) -> AuditEntry:
    """Append one entry; it commits or rolls back with the change it describes."""
    _check_vocabulary(action)
    ctx = current.get()
    entry = AuditEntry(
        **_actor_fields(actor),
        **_target_fields(target),
        org_id=org.org_id if org is not None else None,
        org_label=org.legal_name[:200] if org is not None else "",
        action=action,
        outcome=outcome,
        details=details or {},
        ip=ctx.ip,
        request_id=ctx.request_id,
    )
    entry.chain = _chain_of(entry)
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(chain=entry.chain)
        entry.prev_hash = head.last_hash
        entry.row_hash = entry.compute_hash()
        entry.save(force_insert=True)
        head.last_hash, head.last_entry_id = entry.row_hash, entry.pk
        head.entries += 1
        head.save(update_fields=["last_hash", "last_entry_id", "entries"])
        # Under the chain's lock: the reactions (integrations' events) of one organization's
        # entries are written, and committed, in the entries' order.
        hooks.recorded(entry, actor=actor, org=org, target=target)
    return entry


def _check_vocabulary(action: str) -> None:
    """Every code has its sentences (audit/actions.py; audit/tests/test_actions.py finds every
    code the code base writes): an unknown one is still written, and the gap logged."""
    if actions.is_known(action):
        return
    actions.report_unknown(action)


def org_chain(org_id: int) -> str:
    """The chain of an organization's entries (every entry with its org_id, and no other)."""
    return f"org:{org_id}"


def _chain_of(entry: AuditEntry) -> str:
    if entry.org_id is not None:
        return org_chain(entry.org_id)
    if entry.actor_id is not None:
        return f"user:{entry.actor_id}"
    return "anonymous"


class BulkChains:
    """Links entries inserted in bulk (seed_scale's raw INSERTs) into their chains, as
    `record` does one entry at a time, so that `verify_audit` passes on such a database too.
    Entries must be written in primary-key order; call `save_heads()` before commit."""

    def __init__(self) -> None:
        self.last = {h.chain: h.last_hash for h in AuditChainHead.objects.all()}
        self.last_ids: dict[str, int] = {}
        self.added: dict[str, int] = {}

    def link(self, **fields) -> dict:
        """`fields` as `hash_entry` reads them (at, actor_id, actor_label, org_id, ...): the
        entry's chain, prev_hash and row_hash."""
        entry = SimpleNamespace(**fields, chain="", prev_hash="")
        entry.chain = _chain_of(entry)
        entry.prev_hash = self.last.get(entry.chain, "")
        row_hash = hash_entry(entry)
        self.last[entry.chain] = row_hash
        return {"chain": entry.chain, "prev_hash": entry.prev_hash, "row_hash": row_hash}

    def written(self, chain: str, pk: int) -> None:
        self.last_ids[chain] = pk
        self.added[chain] = self.added.get(chain, 0) + 1

    def save_heads(self) -> None:
        existing = set(
            AuditChainHead.objects.filter(chain__in=list(self.last_ids)).values_list(
                "chain", flat=True
            )
        )
        for chain, pk in self.last_ids.items():
            if chain in existing:
                AuditChainHead.objects.filter(chain=chain).update(
                    last_hash=self.last[chain],
                    last_entry_id=pk,
                    entries=F("entries") + self.added.get(chain, 0),
                )
        AuditChainHead.objects.bulk_create(
            AuditChainHead(
                chain=chain,
                last_hash=self.last[chain],
                last_entry_id=pk,
                entries=self.added.get(chain, 0),
            )
            for chain, pk in self.last_ids.items()
            if chain not in existing
        )


def record_refusal(actor, action: str, *, org=None, target=None, code: str, message: str) -> None:
    """Record a refusal in its own transaction, after the refused change was rolled back."""
    with transaction.atomic():
        record(
            actor,
            action,
            org=org,
            target=target,
            details={"code": code, "reason": message},
            outcome=AuditEntry.Outcome.REFUSED,
        )
