"""The steps every change to a grant shares, for the services of `systems/services.py` and
the access reviews of `systems/reviews.py`. No @service: they run inside the calling service's
transaction, which holds the organization lock (`lock_for_access`)."""

from django.utils import timezone, translation

from audit.log import actor_label, record
from registry.locks import lock_organization
from registry.models import Organization
from systems import notifications
from systems.models import AccessGrant, AccessReviewItem, InformationSystem


def lock_for_access(org: Organization, actor) -> Organization:
    """Lock the organization row first, as every change to its access does."""
    return lock_organization(org, actor, what="access on its behalf")


def audit_details(system: InformationSystem, level: str, **more) -> dict:
    """The details an access entry of the audit log carries (its sentences name the system)."""
    return {"system": system.code, "system_name": system.name, "level": level, **more}


def _english(text) -> str:
    """`text` (perhaps a lazy sentence) in English, as the audit log keeps it."""
    with translation.override("en"):
        return str(text)


def end_grant(grant: AccessGrant, org: Organization, *, actor, action: str, why: str) -> None:
    """Delete a grant however it ends (revoked, lapsed, left), settle its pending review items,
    audit it under `action` and tell the person."""
    settle_review_items(grant, actor=actor)
    grant.delete()
    record(
        actor,
        action,
        org=org,
        target=grant.person,
        details=audit_details(grant.system, grant.level, reason=_english(why)),
    )
    notifications.access_revoked(grant.person, org, grant.system, why)


def settle_review_items(grant: AccessGrant, *, actor) -> None:
    """A grant that ends, however it ends, is no longer pending in any access review (the
    caller holds the organization lock, as every review decision does)."""
    AccessReviewItem.objects.filter(grant=grant, decision=AccessReviewItem.Decision.PENDING).update(
        decision=AccessReviewItem.Decision.REVOKED,
        decided_by=actor,
        decided_by_label=actor_label(actor),
        decided_at=timezone.now(),
    )
