"""Participation types (operator data), applications and their requirements.

A **participation type** (Market Participant, Capacity Auction Participant, ...) is what an
organization applies to become: a name, a description and an ordered list of
**requirements**. Each requirement is of one kind:

- `document`: a file the organization uploads (the energy-board licence, ...);
- `form`: a few fields the organization fills in (bank account details, ...);
- `fee`: an amount operator staff record as received (a reference and the amount; the
  operator's payment processor takes the money, the portal never sees card data);
- `roles`: contact roles the organization must hold (a Prudential Contact, ...), checked
  against the holders at the moment it is submitted and again when staff authorize.

A requirement may be **conditional**: it then carries a yes/no question asked when the
application starts ("Will the organization trade or export energy?") and applies only when
the answer is yes. The answer belongs to the application, not to the organization: it is
what the organization declares for this participation, reviewed by staff like the rest.

An **application** (states: `in_progress` → `submitted` → `authorized`, then `suspended`
and back, or `withdrawn` from any state before) has one **item** per requirement that
applies, each `pending` (nothing submitted yet) → `submitted` → `accepted` or `returned`
(with the reason; the organization submits again). The application is submitted when every
item is in (submitted or accepted; the fee is recorded by staff), and authorized by staff,
from an effective date, when every item is accepted. An authorized application is the
organization's **participation**.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import pgettext_lazy

from core.audited import CatalogueEntry
from core.bilingual import localized
from registry.models import Organization, RoleType


class ParticipationType(CatalogueEntry, models.Model):
    """What an organization may apply to become; maintained by operator staff."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    name_fr = models.CharField("name in French", max_length=100, blank=True)
    description = models.TextField(blank=True)
    description_fr = models.TextField("description in French", blank=True)
    # Offered to organizations on Manage Participation (applications already started go on).
    is_active = models.BooleanField("offered", default=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return localized(self, "name")  # in the reader's language (core.bilingual)

    audit_type = "participation_type"


class Requirement(models.Model):
    """One step of a participation type; see the module docstring for the kinds."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", pgettext_lazy("requirement kind", "Document upload")
        FORM = "form", pgettext_lazy("requirement kind", "Form of fields")
        FEE = "fee", pgettext_lazy("requirement kind", "Fee")
        ROLES = "roles", pgettext_lazy("requirement kind", "Contact roles to be held")

    participation_type = models.ForeignKey(
        ParticipationType, on_delete=models.CASCADE, related_name="requirements"
    )
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    instructions = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    # form: [{"name": "bank_name", "label": "Bank name", "max_length": 200}, ...]
    fields = models.JSONField(default=list, blank=True)
    # fee: the amount due, in `currency`.
    fee_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="CAD", blank=True)
    # roles: the roles the organization must hold (at least one holder each).
    roles = models.ManyToManyField(RoleType, blank=True, related_name="+")
    # Conditional: the yes/no question asked when the application starts; the requirement
    # applies only when the answer is yes. Empty: it always applies.
    condition = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation_type", "code"], name="requirement_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participation_type}: {self.name}"

    def applies(self, answers: dict) -> bool:
        return not self.condition or bool(answers.get(self.code))

    audit_type = "requirement"

    @property
    def audit_id(self) -> str:
        return f"{self.participation_type.code}/{self.code}"

    @property
    def audit_label(self) -> str:
        return self.name


class ApplicationQuerySet(models.QuerySet):
    def live(self) -> "ApplicationQuerySet":
        """Applications that count as the organization having applied (not withdrawn)."""
        return self.exclude(state=Application.State.WITHDRAWN)


class Application(models.Model):
    """An organization's application for a participation type; see the module docstring."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", pgettext_lazy("application state", "In progress")
        SUBMITTED = "submitted", pgettext_lazy("application state", "Submitted for review")
        AUTHORIZED = "authorized", pgettext_lazy("application state", "Authorized")
        SUSPENDED = "suspended", pgettext_lazy("application state", "Suspended")
        WITHDRAWN = "withdrawn", pgettext_lazy("application state", "Withdrawn")

    # The organization may still change what it submitted.
    OPEN_STATES = (State.IN_PROGRESS, State.SUBMITTED)
    # A participation: authorized once (its history stays on the organization's page).
    PARTICIPATION_STATES = (State.AUTHORIZED, State.SUSPENDED)

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="applications"
    )
    participation_type = models.ForeignKey(
        ParticipationType, on_delete=models.PROTECT, related_name="applications"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.IN_PROGRESS)
    # requirement code -> the yes/no answer to its condition, given when it started.
    answers = models.JSONField(default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    authorized_at = models.DateTimeField(null=True, blank=True)
    effective_from = models.DateField(null=True, blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The registration activity's private thread: a task addressed to the organization's
    # Applicant Representatives and Authorized Representatives and to operator staff.
    thread = models.ForeignKey(
        "tasks.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            # One application per participation type at a time (a withdrawn one may be
            # followed by a new one).
            models.UniqueConstraint(
                fields=["organization", "participation_type"],
                condition=~Q(state="withdrawn"),
                name="application_one_live_per_type",
            ),
        ]
        indexes = [models.Index(fields=["state", "started_at"], name="application_state")]

    def __str__(self) -> str:
        return f"{self.participation_type} application of {self.organization}"

    @property
    def application_id(self) -> int:
        return self.pk

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    audit_type = "application"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        return f"{self.participation_type.name} application {self.pk}"


class Item(models.Model):
    """One requirement of one application, as the organization submitted it and staff
    reviewed it."""

    class State(models.TextChoices):
        PENDING = "pending", pgettext_lazy("requirement state", "Not submitted yet")
        SUBMITTED = "submitted", pgettext_lazy("requirement state", "Submitted, waiting for review")
        ACCEPTED = "accepted", pgettext_lazy("requirement state", "Accepted")
        RETURNED = "returned", pgettext_lazy("requirement state", "Returned for changes")

    # What the organization has handed in (counts for submitting the application).
    IN_STATES = (State.SUBMITTED, State.ACCEPTED)

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="items")
    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="items")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    # form: the fields' values; roles: the holders found when it was submitted.
    values = models.JSONField(default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)
    # document: the file handed in (documents.Document, purpose "participation"); a document
    # submitted again replaces it here, the earlier one stays in the audit log's history.
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # fee: what staff recorded as received (never card data).
    fee_reference = models.CharField(max_length=100, blank=True)
    fee_received = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["requirement__order", "requirement_id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "requirement"], name="item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.requirement.name} ({self.state})"
