"""Read-side questions of the back office, each answered in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from backoffice.models import OrganizationApplication
from registry.models import Organization, Person, RoleType

DASHBOARD_LIMIT = 100


def applications(status: str | None) -> QuerySet[OrganizationApplication]:
    qs = OrganizationApplication.objects.select_related("decided_by", "organization")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-submitted_at", "-id")


def existing_persons_by_email(application: OrganizationApplication) -> dict[str, Person]:
    """Registered persons whose e-mail an application names (one query): approving matches
    them instead of registering them again."""
    emails = {c.email.lower() for c in application.contacts.all()}
    condition = Q()
    for email in emails:
        condition |= Q(email__iexact=email)
    if not emails:
        return {}
    return {p.email.lower(): p for p in Person.objects.filter(condition)}


@dataclass
class CoverageGap:
    org: Organization
    missing: list[tuple[RoleType, int]]  # (role type, holders) below the recommendation

    @property
    def has_no_representative(self) -> bool:
        return any(rt.code == "authorized_representative" and n == 0 for rt, n in self.missing)


def coverage_gaps(limit: int = DASHBOARD_LIMIT) -> tuple[list[CoverageGap], int]:
    """Active organizations whose mandatory roles have fewer holders than recommended
    (two queries: the mandatory role types, then the organizations with one count per role)."""
    mandatory = list(RoleType.objects.filter(mandatory=True).order_by("sort_order", "name"))
    if not mandatory:
        return [], 0
    counts = {
        f"held_{rt.pk}": Count(
            "memberships__roles", filter=Q(memberships__roles__role_type=rt), distinct=True
        )
        for rt in mandatory
    }
    below = Q()
    for rt in mandatory:
        below |= Q(**{f"held_{rt.pk}__lt": rt.recommended_holders})
    qs = (
        Organization.objects.filter(is_active=True)
        .annotate(**counts)
        .filter(below)
        .order_by("legal_name", "org_id")
    )
    rows = list(qs[: limit + 1])
    gaps = [
        CoverageGap(
            org=org,
            missing=[
                (rt, getattr(org, f"held_{rt.pk}"))
                for rt in mandatory
                if getattr(org, f"held_{rt.pk}") < rt.recommended_holders
            ],
        )
        for org in rows[:limit]
    ]
    return gaps, len(rows)


def persons_without_account(limit: int = DASHBOARD_LIMIT) -> list[Person]:
    """Registered contacts who never set up an account (never accepted their invitation)."""
    return list(
        Person.objects.filter(user__isnull=True, memberships__isnull=False)
        .distinct()
        .order_by("last_name", "first_name", "person_id")[:limit]
    )


def overdue_tasks(limit: int = DASHBOARD_LIMIT) -> list:
    """Open tasks past their due date (when the task engine is installed)."""
    from django.apps import apps

    if not apps.is_installed("tasks"):
        return []
    from tasks.models import Task

    return list(Task.objects.open().filter(due__lt=timezone.now()).order_by("due", "id")[:limit])
