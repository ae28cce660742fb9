"""Read-side questions about the audit log."""

from django.db.models import QuerySet

from audit.log import org_chain
from audit.models import AuditChainHead, AuditEntry


def org_audit_entries(org) -> QuerySet[AuditEntry]:
    """An organization's audit entries, newest first (served by the audit_org_recent index)."""
    return AuditEntry.objects.filter(org_id=org.org_id).order_by("-at", "-id")


def org_audit_count(org) -> int:
    """How many entries `org_audit_entries(org)` holds, from its chain's head (one row, whatever
    the log's size): the organization's entries are exactly its chain."""
    head = AuditChainHead.objects.filter(chain=org_chain(org.org_id)).only("entries").first()
    return head.entries if head is not None else 0
