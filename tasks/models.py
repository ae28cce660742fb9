"""Tasks: a decision addressed to a group, taken by one of its members.

A task is addressed either to the holders of some roles in one organization (`organization`
and `roles`), or to operator staff (`to_staff`), or both after escalation. Who belongs to the
group is worked out when it is asked, so a person who gains or loses a role gains or loses the
organization's tasks at once.

States: `open` (anyone in the group may accept it) → `accepted` (it belongs to `accepted_by`,
who may release it) → `approved` or `rejected` (decided; it leaves every list), or
`cancelled` (withdrawn or superseded) / `expired` (it became stale before a decision).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.translation import pgettext_lazy

from registry.models import Organization, RoleType, of_person
from registry.rules import is_operator_staff


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TaskQuerySet":
        """Tasks addressed to the user's groups, whatever their state (one query)."""
        if not user.is_authenticated:
            return self.none()
        # DISTINCT keeps the subquery a unit of its own on PostgreSQL: without it, its seven
        # tables are pulled up beside the list's own joins (select_related), past the
        # planner's join_collapse_limit, and the list was left-joined in full before being
        # narrowed to the user's few tasks (20 ms, plus 25 ms of planning).
        by_role = (
            Task.objects.filter(
                organization__is_active=True,
                roles__assignments__membership__organization=F("organization"),
                **of_person(user, "roles__assignments__membership__person"),
            )
            .values("pk")
            .distinct()
        )
        condition = Q(pk__in=by_role)
        if is_operator_staff(user):
            condition |= Q(to_staff=True)
        return self.filter(condition)

    def open(self) -> "TaskQuerySet":
        return self.filter(state__in=Task.OPEN_STATES)

    def open_for(self, user) -> "TaskQuerySet":
        """The user's pending assignments: open tasks of their groups."""
        return self.visible_to(user).open()


class Task(models.Model):
    """A decision (approve or reject) asked of a group. See the module docstring."""

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("task", "Open")
        ACCEPTED = "accepted", pgettext_lazy("task", "Accepted")
        APPROVED = "approved", pgettext_lazy("task", "Approved")
        REJECTED = "rejected", pgettext_lazy("task", "Rejected")
        CANCELLED = "cancelled", pgettext_lazy("task", "Cancelled")
        EXPIRED = "expired", pgettext_lazy("task", "Expired")

    OPEN_STATES = (State.OPEN, State.ACCEPTED)

    kind = models.CharField(max_length=60)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="tasks"
    )
    roles = models.ManyToManyField(RoleType, blank=True, related_name="tasks")
    to_staff = models.BooleanField("addressed to operator staff", default=False)
    # Four eyes: this account may see the task but never accept or decide it.
    excluded_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # What the task is about, in one line that is safe to show to every recipient (masked).
    summary = models.CharField(max_length=300)
    details = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    due = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # 0: as created; 1: reminded and escalated to Authorized Representatives; 2: to staff.
    escalation = models.PositiveSmallIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["state", "due"], name="task_state_due"),
            models.Index(fields=["subject_type", "subject_id"], name="task_subject"),
        ]

    def __str__(self) -> str:
        return f"Task {self.pk}: {self.summary}"

    @property
    def task_id(self) -> int:
        return self.pk

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    @property
    def kind_label(self) -> str:
        from tasks.kinds import get_kind

        return get_kind(self.kind).label

    audit_type = "task"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        return f"“{self.summary[:196]}”"  # people know a task by its subject, not its number


class TaskEvent(models.Model):
    """One step in a task's history, with the comment given at that step."""

    class Action(models.TextChoices):
        CREATED = "created", pgettext_lazy("task", "Created")
        ACCEPTED = "accepted", pgettext_lazy("task", "Accepted")
        RELEASED = "released", pgettext_lazy("task", "Released")
        COMMENTED = "commented", pgettext_lazy("task", "Commented")
        APPROVED = "approved", pgettext_lazy("task", "Approved")
        REJECTED = "rejected", pgettext_lazy("task", "Rejected")
        CANCELLED = "cancelled", pgettext_lazy("task", "Cancelled")
        EXPIRED = "expired", pgettext_lazy("task", "Expired")
        REMINDED = "reminded", pgettext_lazy("task", "Reminded")
        ESCALATED = "escalated", pgettext_lazy("task", "Escalated")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.action}"
