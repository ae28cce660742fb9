"""The operator's information systems and who may use them on behalf of which organization."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_noop, pgettext_lazy

from audit import labels
from core.audited import CatalogueEntry
from core.bilingual import localized
from registry.models import Organization, Person

# How the audit log names these rows (audit/labels.py).
MACHINE_LABEL = labels.register("machine_account", gettext_noop("the machine account “{name}”"))
REVIEW_LABEL = labels.register("access_review", gettext_noop("the access review “{name}”"))
ROLES_CHANGED_REVIEW_LABEL = labels.register(
    "access_review", gettext_noop("the access review after a change of roles")
)


def _validate_levels(value) -> None:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() and v == v.strip().lower() for v in value)
        or len(set(value)) != len(value)
    ):
        raise ValidationError(
            'List the access levels from least to most powerful, e.g. ["read", "submit"].'
        )


class InformationSystem(CatalogueEntry, models.Model):
    """One of the operator's information systems. Staff manage the catalogue.

    `levels` run from least to most powerful: a grant at a level also allows every level
    below it. An `open_to_all` system may be used at its lowest level by every member of an
    organization without a grant; higher levels still need one.
    """

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    name_fr = models.CharField("name in French", max_length=120, blank=True)
    description = models.TextField(blank=True)
    description_fr = models.TextField("description in French", blank=True)
    levels = models.JSONField(default=list, validators=[_validate_levels])
    open_to_all = models.BooleanField(
        "open to all members",
        default=False,
        help_text="Every member of an organization may use its lowest level without a grant.",
    )
    is_active = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return localized(self, "name")  # in the reader's language (core.bilingual)

    def rank(self, level: str) -> int:
        """Position of `level` among the system's levels (-1 if it does not offer it)."""
        try:
            return self.levels.index(level)
        except ValueError:
            return -1

    @property
    def lowest_level(self) -> str:
        return self.levels[0] if self.levels else ""

    audit_type = "system"


class AccessGrantQuerySet(models.QuerySet):
    def in_force(self, today=None) -> "AccessGrantQuerySet":
        """Grants that count today: no expiry, or an expiry date not yet passed."""
        today = today or timezone.localdate()
        return self.filter(Q(expires__isnull=True) | Q(expires__gte=today))


class AccessGrant(models.Model):
    """A person may use a system at a level on behalf of one organization.

    Granted and revoked only by a Rights Administrator of that organization (or operator
    staff), only to its members, never by the person to themselves. `expires` is the last day
    on which the grant counts; from the next day it no longer does, and the sweep deletes it.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="access_grants"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_grants")
    system = models.ForeignKey(InformationSystem, on_delete=models.PROTECT, related_name="grants")
    level = models.CharField(max_length=40)
    expires = models.DateField(null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last single sign-on to the system with this grant (oidc.services.sign_in_to_system).
    last_used_at = models.DateTimeField("last single sign-on", null=True, blank=True)

    objects = AccessGrantQuerySet.as_manager()

    class Meta:
        ordering = ["system__sort_order", "person__last_name", "person__first_name"]
        constraints = [
            # Also the index the check endpoint answers from (organization, person, system).
            models.UniqueConstraint(
                fields=["organization", "person", "system"], name="access_grant_unique"
            ),
        ]
        indexes = [models.Index(fields=["expires"], name="access_grant_expires")]

    def __str__(self) -> str:
        return f"{self.person} – {self.system} ({self.level})"

    def in_force_on(self, day) -> bool:
        return self.expires is None or self.expires >= day


class AccessRequest(models.Model):
    """A member asks their organization's Rights Administrators for access to a system.

    It becomes a task for them; approving it grants the access, rejecting it tells the
    requester why. One open request per person, organization and system.
    """

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("access request", "Open")
        APPROVED = "approved", pgettext_lazy("access request", "Approved")
        REJECTED = "rejected", pgettext_lazy("access request", "Rejected")
        WITHDRAWN = "withdrawn", pgettext_lazy("access request", "Withdrawn")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="access_requests"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_requests")
    system = models.ForeignKey(InformationSystem, on_delete=models.PROTECT, related_name="requests")
    level = models.CharField(max_length=40)
    reason = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    task = models.ForeignKey(
        "tasks.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "person", "system"],
                condition=Q(state="open"),
                name="access_request_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} asks for {self.system} ({self.level})"


class Campaign(models.Model):
    """What an access review campaign and a certification campaign share (abstract): staff ask
    every organization in scope (all, or the ones listed) for something by `deadline`
    (each subclass says what, on its own `deadline`); `open` until each is done, then `closed`."""

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("campaign", "Open")
        CLOSED = "closed", pgettext_lazy("campaign", "Closed")

    name = models.CharField(max_length=120)
    all_organizations = models.BooleanField(default=True)
    organizations = models.ManyToManyField(Organization, blank=True, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} (until {self.deadline:%Y-%m-%d})"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        return str(self)[:200]


class AccessReviewCampaign(Campaign):
    """A recertification started by operator staff: every organization in scope (all, or the
    ones listed) with grants gets an AccessReview and a task for its Rights Administrators.
    `open` until every one of its reviews is completed or lapsed, then `closed`."""

    deadline = models.DateField(help_text="The last day on which grants can be confirmed.")

    class Meta(Campaign.Meta):
        constraints = [
            # A double submission never starts the same review twice (whatever the case).
            models.UniqueConstraint(
                Lower("name"), condition=Q(state="open"), name="access_review_campaign_open_name"
            ),
        ]

    audit_type = "access_review_campaign"


class AccessReview(models.Model):
    """One organization's review of its grants, decided by its Rights Administrators through a
    task: each item is confirmed or revoked; what is still pending after `deadline` lapses
    (the grant is revoked by `lapse_access_reviews`). Part of a campaign, or raised for one
    `person` who lost every role in the organization (their grants only)."""

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("access review", "Open")
        COMPLETED = "completed", pgettext_lazy("access review", "Completed")
        LAPSED = "lapsed", pgettext_lazy("access review", "Lapsed")

    campaign = models.ForeignKey(
        AccessReviewCampaign,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="access_reviews"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task = models.ForeignKey(
        "tasks.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    deadline = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Starting a campaign twice never gives an organization two reviews in it.
            models.UniqueConstraint(
                fields=["campaign", "organization"], name="access_review_one_per_campaign"
            ),
            models.UniqueConstraint(
                fields=["organization", "person"],
                condition=Q(state="open", campaign__isnull=True),
                name="access_review_one_open_per_person",
            ),
        ]
        indexes = [models.Index(fields=["state", "deadline"], name="access_review_due")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if self.campaign_id is not None:
            return f"Access review “{self.campaign.name}”"
        return "Access review after a change of roles"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    audit_type = "access_review"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        if self.campaign_id is not None:
            return labels.english(REVIEW_LABEL, name=self.campaign.name)
        return labels.english(ROLES_CHANGED_REVIEW_LABEL)


class AccessReviewItem(models.Model):
    """One grant under review. The person, system and level are kept as they were when the
    review began, so the record stays readable after the grant is gone."""

    class Decision(models.TextChoices):
        PENDING = "pending", pgettext_lazy("review item", "Pending")
        CONFIRMED = "confirmed", pgettext_lazy("review item", "Confirmed")
        REVOKED = "revoked", pgettext_lazy("review item", "Revoked")
        LAPSED = "lapsed", pgettext_lazy("review item", "Lapsed (not confirmed in time)")

    review = models.ForeignKey(AccessReview, on_delete=models.CASCADE, related_name="items")
    grant = models.ForeignKey(
        AccessGrant, null=True, blank=True, on_delete=models.SET_NULL, related_name="review_items"
    )
    # Or a machine account under review (grant empty): `person` is then its owner.
    machine_account = models.ForeignKey(
        "MachineAccount",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_items",
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person_number = models.PositiveIntegerField("Person ID")
    person_name = models.CharField(max_length=200)
    system = models.ForeignKey(InformationSystem, on_delete=models.PROTECT, related_name="+")
    system_name = models.CharField(max_length=120)
    level = models.CharField(max_length=40)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_label = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person_name", "person_number", "system_name", "pk"]
        indexes = [models.Index(fields=["review", "decision"], name="access_review_item_dec")]

    def __str__(self) -> str:
        return f"{self.person_name} – {self.system_name} ({self.level}): {self.decision}"

    @property
    def is_pending(self) -> bool:
        return self.decision == self.Decision.PENDING


class MachineAccountQuerySet(models.QuerySet):
    def in_force(self, today=None) -> "MachineAccountQuerySet":
        """Accounts whose client may use their system today."""
        today = today or timezone.localdate()
        return self.filter(state=MachineAccount.State.ACTIVE, expires__gte=today)


class MachineAccount(models.Model):
    """A machine (a script, a server) using one system at one level on behalf of an organization.

    Requested by a Rights Administrator, approved by another (four eyes; operator staff when
    there is no other), owned by a named member. On approval it becomes an OAuth 2.0
    client-credentials client of the portal's provider (`application`); its secret is shown
    once, when a Rights Administrator issues credentials. It lives at most a year (`expires`,
    the last day it counts), is renewed by the same approval, and is revoked when its owner
    leaves the organization or holds no role in it any more.
    """

    class State(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("machine account", "Awaiting approval")
        ACTIVE = "active", pgettext_lazy("machine account", "Active")
        REJECTED = "rejected", pgettext_lazy("machine account", "Rejected")
        WITHDRAWN = "withdrawn", pgettext_lazy("machine account", "Withdrawn")
        REVOKED = "revoked", pgettext_lazy("machine account", "Revoked")
        EXPIRED = "expired", pgettext_lazy("machine account", "Expired")

    ENDED_STATES = {State.REJECTED, State.WITHDRAWN, State.REVOKED, State.EXPIRED}

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="machine_accounts"
    )
    name = models.CharField(max_length=120)
    purpose = models.TextField()
    system = models.ForeignKey(
        InformationSystem, on_delete=models.PROTECT, related_name="machine_accounts"
    )
    level = models.CharField(max_length=40)
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="machine_accounts")
    state = models.CharField(max_length=10, choices=State.choices, default=State.REQUESTED)
    # Deleted when the account ends: its tokens go with it (they cascade).
    application = models.OneToOneField(
        "oauth2_provider.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="machine_account",
    )
    # Kept after the application is gone, so the check API and the audit log can name it.
    client_id = models.CharField(max_length=100, blank=True, db_index=True)
    expires = models.DateField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task = models.ForeignKey(
        "tasks.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    renewal_task = models.ForeignKey(
        "tasks.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    credentials_issued_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True)

    objects = MachineAccountQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            # Two live accounts of one organization never share a name (a double submission).
            models.UniqueConstraint(
                "organization",
                Lower("name"),
                condition=Q(state__in=["requested", "active"]),
                name="machine_account_live_name",
            ),
        ]
        indexes = [models.Index(fields=["state", "expires"], name="machine_account_due")]

    def __str__(self) -> str:
        return f"{self.name} ({self.system} {self.level})"

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def is_live(self) -> bool:
        return self.state in (self.State.REQUESTED, self.State.ACTIVE)

    audit_type = "machine_account"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        return labels.english(MACHINE_LABEL, name=self.name)
