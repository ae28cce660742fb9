"""The registry's one lock: the organization row, which serializes every change whose rule
reads an organization's roles or members (memberships, roles, grants, banking)."""

from core.errors import RuleViolation
from registry.models import Organization
from registry.rules import forget_role_codes


def lock_organization(org: Organization, actor, *, what: str = "its contacts") -> Organization:
    """Lock the organization row. Every change whose rule reads the organization's roles or
    members (membership and role changes, grants, banking) takes this one lock, so e.g. two
    removals never interleave around the last-holder rule. The actor's roles are re-read under
    the lock: a role lost a moment ago no longer grants anything. `what` names what cannot
    change when the organization is no longer active."""
    locked = Organization.objects.select_for_update().get(pk=org.pk)
    if actor is not None:
        forget_role_codes(actor)
    if not locked.is_active:
        raise RuleViolation(
            f"{org.legal_name} is no longer active; {what} cannot be changed.",
            code="inactive_organization",
        )
    return locked
