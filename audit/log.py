"""Writing the audit log. Call `record` inside the service's transaction."""

from typing import Any

from django.db import transaction

from audit.models import AuditChainHead, AuditEntry
from core.context import current


def _actor_fields(actor) -> dict:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor": None, "actor_label": "anonymous"}
    person = getattr(actor, "person", None) if hasattr(actor, "person") else None
    label = person.full_name if person else actor.get_username()
    return {"actor": actor, "actor_label": label[:200]}


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
        head.save(update_fields=["last_hash", "last_entry_id"])
    return entry


def _chain_of(entry: AuditEntry) -> str:
    if entry.org_id is not None:
        return f"org:{entry.org_id}"
    if entry.actor_id is not None:
        return f"user:{entry.actor_id}"
    return "anonymous"


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
