"""Every audited change done in an organization is also an event of that organization.

`on_recorded` is registered on `audit.hooks.recorded` (IntegrationsConfig.ready()): it runs
inside the audited change's transaction, under the organization's audit chain lock, so events
commit with their change, in order, or not at all. After commit the organization's active
webhooks fan the new events out into deliveries (`dispatch.fan_out_after_commit`).
"""

from audit import actions
from audit.models import AuditEntry
from integrations.models import Event

# Details whose name says they could carry a secret are never published, whatever an app
# records (banking numbers are recorded masked, as everywhere).
_SECRET_WORDS = ("secret", "token", "password", "answer", "fingerprint", "digest", "hash", "otp")
_MAX_TEXT = 500


def _public(value, depth: int = 0):
    """A JSON value kept to plain scalars, short texts and small lists and objects."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value[:_MAX_TEXT]
    if isinstance(value, list | tuple) and depth < 2:
        return [_public(v, depth + 1) for v in value[:50]]
    if isinstance(value, dict) and depth < 2:
        return _details(value, depth + 1)
    return str(value)[:_MAX_TEXT]


def _details(details: dict, depth: int = 0) -> dict:
    return {
        str(key): _public(value, depth)
        for key, value in details.items()
        if not any(word in str(key).lower() for word in _SECRET_WORDS)
    }


def _actor(entry: AuditEntry, actor) -> dict | None:
    if entry.actor_id is None:
        return None
    person = getattr(actor, "person", None) if hasattr(actor, "person") else None
    return {
        "person_id": person.person_id if person is not None else None,
        "name": entry.actor_label,
    }


def event_data(entry: AuditEntry, actor=None) -> dict:
    """The event's body: stable keys, public IDs (Organization ID, Person ID, task id ...)."""
    target = None
    if entry.target_type:
        target_id = entry.target_id
        target = {
            "type": entry.target_type,
            "id": int(target_id) if target_id.isdigit() else target_id,
            "label": entry.target_label,
        }
    return {
        "organization": {"org_id": entry.org_id, "legal_name": entry.org_label},
        "actor": _actor(entry, actor),
        "target": target,
        "details": _details(entry.details or {}),
    }


def on_recorded(entry: AuditEntry, *, actor=None, org=None, target=None) -> Event | None:
    """The event of an audited change done in an organization (refusals, reads and entries
    without an organization are none)."""
    if entry.outcome != AuditEntry.Outcome.DONE or entry.org_id is None:
        return None
    kind = actions.event_type(entry.action)
    if kind is None:
        return None
    event = Event.objects.create(
        org_id=entry.org_id,
        type=kind,
        at=entry.at,
        data=event_data(entry, actor),
        audit_entry_id=entry.pk,
    )
    from integrations.dispatch import fan_out_after_commit

    fan_out_after_commit(entry.org_id)
    return event
