"""Read-side questions of the staff workplace (`/backoffice/`), each in a fixed number of
queries whatever the number of rows."""

from dataclasses import dataclass
from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from accounts.services import is_staff_actor, sole_signers_of_mandatory_roles
from accounts.two_factor import is_enrolled
from accounts.usernames import normalize_username
from audit.models import AuditEntry
from audit.queries import org_audit_entries
from backoffice import queries as backoffice_queries
from backoffice.models import OrganizationApplication
from core.text import sentence
from registry import queries as registry_queries
from registry.models import Organization, Person
from tasks.models import Task

PAGE_SIZE = 50
HOME_SHOWN = 5  # rows of each list on the staff home; the full lists are one link away
AUDIT_SHOWN = 20
MAIL_TASK = "core.mail.deliver_email"


def page_of(queryset, number, *, count: int | None = None, per_page: int = PAGE_SIZE) -> Page:
    """One page of a list (the count, then the page: two queries)."""
    if count is None:
        return Paginator(queryset, per_page).get_page(number)
    return registry_queries.CountedPaginator(queryset, per_page, count=count).get_page(number)


# --- The staff home ------------------------------------------------------------------------


@dataclass
class FailedEmail:
    subject: str
    recipients: int
    at: object


@dataclass
class Home:
    applications: int
    escalated: list[Task]
    escalated_count: int
    overdue: list[Task]
    overdue_count: int
    gaps: list
    more_gaps: bool
    failed_emails: list[FailedEmail]
    failed_email_count: int


def _failed_emails() -> tuple[list[FailedEmail], int]:
    failed = DBTaskResult.objects.failed().filter(task_path=MAIL_TASK)
    rows = []
    for result in failed.order_by("-finished_at")[:HOME_SHOWN]:
        args = (result.args_kwargs or {}).get("args") or [[], ""]
        to, subject = (args + [[], ""])[:2]
        rows.append(
            FailedEmail(subject=str(subject), recipients=len(to or []), at=result.finished_at)
        )
    return rows, failed.count()


def home() -> Home:
    """What needs operator staff (nine queries, whatever the size; the open access reviews
    come from `systems_tags.open_review_campaigns`)."""
    now = timezone.now()
    open_tasks = Task.objects.open().select_related("organization")
    escalated = open_tasks.filter(to_staff=True).order_by("due", "id")
    overdue = open_tasks.filter(due__lt=now).order_by("due", "id")
    gaps, total_gaps = backoffice_queries.coverage_gaps(limit=HOME_SHOWN)
    failed, failed_count = _failed_emails()
    return Home(
        applications=OrganizationApplication.objects.filter(
            status=OrganizationApplication.Status.PENDING
        ).count(),
        escalated=list(escalated[:HOME_SHOWN]),
        escalated_count=escalated.count(),
        overdue=list(overdue[:HOME_SHOWN]),
        overdue_count=overdue.count(),
        gaps=gaps,
        more_gaps=total_gaps > len(gaps),
        failed_emails=failed,
        failed_email_count=failed_count,
    )


# --- Organizations -------------------------------------------------------------------------


def organization_members(org: Organization, number) -> Page:
    """One page of the members, each with `.org_roles` (three queries)."""
    page = page_of(registry_queries.members(org), number, count=registry_queries.member_count(org))
    registry_queries.attach_roles(org, list(page.object_list))
    return page


def organization_audit(org: Organization) -> list[AuditEntry]:
    return list(org_audit_entries(org)[:AUDIT_SHOWN])


# --- Persons -------------------------------------------------------------------------------


def all_persons():
    return Person.objects.select_related("user").order_by("last_name", "first_name", "person_id")


@dataclass
class AccountState:
    """What staff see of a person's account (read-only here)."""

    username: str
    active: bool
    locked: bool
    second_factor: bool
    last_sign_in: object
    is_staff: bool
    is_superuser: bool
    # What the acting staff member may do with it (the services' own conditions), and why not.
    may_unlock: bool = False
    may_reactivate: bool = False
    may_deactivate: bool = False
    why_not_deactivate: str = ""


def is_locked(username: str) -> bool:
    """Whether sign-in failures lock the account now (the account's own counter; see
    `accounts.throttling`)."""
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    failures = AccessAttempt.objects.filter(
        username=normalize_username(username), attempt_time__gte=since
    ).aggregate(n=Sum("failures_since_start"))["n"]
    return (failures or 0) >= settings.AXES_FAILURE_LIMIT


def account_state(person: Person, actor) -> AccountState | None:
    user = person.user
    if user is None:
        return None
    state = AccountState(
        username=user.get_username(),
        active=user.is_active,
        locked=is_locked(user.get_username()),
        second_factor=is_enrolled(user),
        last_sign_in=user.last_login,
        is_staff=user.is_staff,
        is_superuser=user.is_superuser,
    )
    # accounts.services: staff administer other accounts, never their own.
    if not is_staff_actor(actor) or actor.pk == user.pk:
        state.why_not_deactivate = _("Another operator changes your own account.")
        return state
    state.may_unlock = state.locked
    state.may_reactivate = not user.is_active
    if not user.is_active:
        return state
    if user.is_superuser and not actor.is_superuser:
        state.why_not_deactivate = _("Only a superuser can deactivate a superuser's account.")
        return state
    alone = sole_signers_of_mandatory_roles(user)
    if alone:
        org, role = alone[0]
        state.why_not_deactivate = sentence(
            _(
                "It cannot be deactivated while it is the only {role} of {org} who can sign "
                "in: register another {role} first."
            ),
            role=role.name,
            org=org.legal_name,
        )
        return state
    state.may_deactivate = True
    return state


def person_audit(person: Person) -> list[AuditEntry]:
    """The latest entries about the person (served by the audit_target index)."""
    return list(
        AuditEntry.objects.filter(target_type="person", target_id=str(person.person_id)).order_by(
            "-at", "-id"
        )[:AUDIT_SHOWN]
    )


# --- Role types ------------------------------------------------------------------------------


def role_types_with_holders() -> list:
    """Every role type with `.holders` (how many hold it) and its managing roles (two
    queries, however many role types)."""
    from django.db.models import Count

    from registry.models import RoleType

    roles = list(
        RoleType.objects.annotate(holders=Count("assignments"))
        .prefetch_related("managed_by")
        .order_by("sort_order", "name")
    )
    for role in roles:
        role.may_delete = may_delete_role_type(role, role.holders)
    return roles


def may_delete_role_type(role_type, holders: int) -> bool:
    """delete_role_type's own conditions: never a role the rules name, nor one held."""
    from registry.rules import Role

    return role_type.code not in Role.values and not holders
