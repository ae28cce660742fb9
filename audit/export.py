"""The audit log as rows of a CSV export (the organization's download, the admin's action)."""

from collections.abc import Iterator
from datetime import UTC

from audit.sentences import describe

AUDIT_COLUMNS = ["When (UTC)", "Actor", "Action", "Outcome", "Target", "Details", "Request ID"]
EXPORT_CHUNK = 1000


def audit_rows(queryset) -> Iterator[tuple]:
    for entry in queryset.iterator(chunk_size=EXPORT_CHUNK):
        yield (
            entry.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
            entry.actor_label,
            describe(entry),
            entry.outcome,
            entry.target_label,
            entry.details.get("reason", "") if isinstance(entry.details, dict) else "",
            entry.request_id,
        )
