"""Writing the audit log. Call `record` inside the service's transaction."""

from typing import Any

from django.db import transaction

from audit.models import AuditEntry
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
    return AuditEntry.objects.create(
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
