"""The audit log as rows of a CSV export (the organization's download, the admin's action)."""

from collections.abc import Iterator
from datetime import UTC

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audit.sentences import describe

# The header is in the reader's language (str() each when writing it); the rows are the log's.
AUDIT_COLUMNS = [
    _("When (UTC)"),
    _("Actor"),
    pgettext_lazy("audit log column", "Action"),
    _("Outcome"),
    _("Target"),
    _("Details"),
    _("Request ID"),
]
# The outcome as a person reads it (the log keeps the code).
OUTCOMES = {
    "done": pgettext_lazy("audit outcome", "done"),
    "refused": pgettext_lazy("audit outcome", "refused"),
}
EXPORT_CHUNK = 1000


def audit_rows(queryset) -> Iterator[tuple]:
    for entry in queryset.iterator(chunk_size=EXPORT_CHUNK):
        yield (
            entry.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
            entry.actor_label,
            describe(entry),
            str(OUTCOMES.get(entry.outcome, entry.outcome)),
            entry.target_label,
            entry.details.get("reason", "") if isinstance(entry.details, dict) else "",
            entry.request_id,
        )
