"""Organizations, persons, their memberships and registration roles."""

import unicodedata

from anyascii import anyascii
from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_noop

from audit import labels
from core.audited import CatalogueEntry
from core.bilingual import localized
from registry.staff import is_operator_staff

# How the audit log names these rows (audit/labels.py).
SECTION_LABEL = labels.register("section", gettext_noop("the section {name}"))


class Sequence(models.Model):
    """A named counter that hands out the stable numbers shown to users (Organization ID,
    Person ID). The row is locked while a number is taken, so numbers are never reused."""

    name = models.CharField(max_length=40, primary_key=True)
    last_value = models.PositiveBigIntegerField()

    def __str__(self) -> str:
        return f"{self.name}: {self.last_value}"


class Address(models.Model):
    street = models.CharField("street address", max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    province = models.CharField("province or state", max_length=100, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=100, blank=True, default="Canada")

    class Meta:
        abstract = True

    @property
    def address_lines(self) -> list[str]:
        city_line = " ".join(p for p in [self.city, self.province, self.postal_code] if p)
        return [line for line in [self.street, city_line, self.country] if line]


def of_person(user, path: str) -> dict:
    """The lookup "`path` is the user's person", for filters: `{path}=<person>` when the
    account was read with its person (the sign-in backend does), else `{path}__user=user`.
    One join fewer in every subquery that starts from the user: PostgreSQL plans the
    permission subqueries of lists (tasks, notices, News) in time that grows quickly with
    their joins, and on the list pages planning was most of the query's time."""
    link = Person._meta.get_field("user").remote_field
    if link.is_cached(user):
        person = link.get_cached_value(user)  # None: an account without a person
        return {path: person.pk if person is not None else None}
    return {f"{path}__user": user}


class OrganizationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OrganizationQuerySet":
        """Organizations the user belongs to; operator staff see all."""
        if not user.is_authenticated:
            return self.none()
        if is_operator_staff(user):
            return self.all()
        return self.filter(memberships__person__user=user, is_active=True).distinct()


class Organization(Address):
    """A market participant registered with the operator."""

    org_id = models.PositiveIntegerField("Organization ID", unique=True)
    legal_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["legal_name", "org_id"]

    def __str__(self) -> str:
        return f"{self.legal_name} ({self.org_id})"

    audit_type = "organization"

    @property
    def audit_id(self) -> int:
        return self.org_id

    @property
    def audit_label(self) -> str:
        return str(self)


def email_key(email: str) -> str:
    """What makes two e-mail addresses the same mailbox to a person reading them: case,
    compatibility forms (fullwidth letters) and look-alike letters (Cyrillic 'а' for 'a')
    are folded away, so a look-alike cannot register a second person."""
    folded = unicodedata.normalize("NFKC", email or "").strip()
    return anyascii(folded).casefold()


class PersonQuerySet(models.QuerySet):
    def same_email(self, email: str) -> "PersonQuerySet":
        """Persons whose e-mail is the same mailbox as `email` (answered by a unique index)."""
        return self.filter(email_key=email_key(email))


class Person(Address):
    """A registered individual, identified to users by a stable Person ID."""

    person_id = models.PositiveIntegerField("Person ID", unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    job_title = models.CharField(max_length=150, blank=True)
    email = models.EmailField("business e-mail", max_length=254)
    # email_key(email), kept by save(): the duplicate check and its unique index read it.
    email_key = models.CharField(max_length=254, null=True, blank=True, editable=False)
    phone = models.CharField("telephone", max_length=20, help_text="E.164, e.g. +14165550100")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "person_id"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="person_email_ci_unique"),
            models.UniqueConstraint(fields=["email_key"], name="person_email_key_unique"),
        ]
        indexes = [
            models.Index(Lower("last_name"), Lower("first_name"), name="person_name_ci"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.person_id})"

    def save(self, *args, **kwargs):
        # A derived column, like a generated one: never out of step with the e-mail.
        self.email_key = email_key(self.email)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "email" in update_fields:
            kwargs["update_fields"] = {*update_fields, "email_key"}
        super().save(*args, **kwargs)
        # The memberships' copy of the name (their name-order index), in the same transaction.
        if update_fields is None or {"first_name", "last_name"} & set(update_fields):
            self.memberships.exclude(sort_last=self.last_name, sort_first=self.first_name).update(
                sort_last=self.last_name, sort_first=self.first_name
            )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    audit_type = "person"

    @property
    def audit_id(self) -> int:
        return self.person_id

    @property
    def audit_label(self) -> str:
        return str(self)


class EmailChange(models.Model):
    """A new e-mail address, not used until it is confirmed from the link sent to it: a
    person's business e-mail, or a section's shared address (exactly one of the two). One per
    person or section (a new request replaces the old and its link); the row goes when it is
    confirmed, so a link works once. Only the token's SHA-256 is stored."""

    person = models.OneToOneField(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="email_change"
    )
    section = models.OneToOneField(
        "Section", null=True, blank=True, on_delete=models.CASCADE, related_name="email_change"
    )
    new_email = models.EmailField(max_length=254)
    token_hash = models.CharField(max_length=64, unique=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, section__isnull=True)
                | models.Q(person__isnull=True, section__isnull=False),
                name="email_change_one_owner",
            ),
        ]

    def __str__(self) -> str:
        owner = self.person or self.section
        return f"{owner}: {self.new_email} (until {self.expires_at:%Y-%m-%d %H:%M})"


class Membership(models.Model):
    """A person belongs to an organization. Roles in it are held through the membership."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)
    # The member's name beside the membership (issue 21), kept equal to the person's by
    # Membership.save and Person.save: with the index below, an organization's members come
    # in name order a page at a time, without reading and sorting every member's name.
    sort_last = models.CharField(max_length=100, default="", editable=False)
    sort_first = models.CharField(max_length=100, default="", editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "person"], name="membership_unique"),
        ]
        indexes = [
            models.Index(
                fields=["organization", "sort_last", "sort_first", "person"],
                name="membership_name_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.organization}"

    def save(self, *args, **kwargs):
        if self.person_id is not None:
            self.sort_last, self.sort_first = self.person.last_name, self.person.first_name
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "sort_last", "sort_first"}
        super().save(*args, **kwargs)


class AffiliationRequest(models.Model):
    """An organization asked to affiliate a person who already belongs to another one. Until
    the person confirms it (Manage My Information), the organization has no membership and
    sees no more of them than a search shows: nobody can harvest the registry's contact
    details by adding, reading and removing people."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="affiliation_requests"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="affiliation_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "person"], name="affiliation_request_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} asked to join {self.organization}"


class RoleType(CatalogueEntry, models.Model):
    """A registration role, as data the operator can extend.

    `managed_by` names the roles whose holders (in the same organization) may add or remove
    holders of this role; operator staff always may.
    """

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    name_fr = models.CharField("name in French", max_length=100, blank=True)
    description = models.TextField(blank=True)
    description_fr = models.TextField("description in French", blank=True)
    mandatory = models.BooleanField(default=False)
    recommended_holders = models.PositiveSmallIntegerField(default=1)
    managed_by = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="manages"
    )
    sort_order = models.PositiveSmallIntegerField(default=100)
    communications_only = models.BooleanField(
        "receives communications only",
        default=False,
        help_text="Its holders only receive the operator's communications (settlement, "
        "metering, emergency preparedness): a section (a shared mailbox) may hold it. Never a "
        "mandatory role, nor one that decides (banking, access).",
    )

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return localized(self, "name")  # in the reader's language (core.bilingual)

    audit_type = "role_type"


class RoleAssignment(models.Model):
    """A person holds a role for one organization (through their membership)."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles")
    role_type = models.ForeignKey(RoleType, on_delete=models.PROTECT, related_name="assignments")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "role_type"], name="role_unique"),
        ]
        indexes = [models.Index(fields=["role_type", "membership"], name="role_by_type")]

    def __str__(self) -> str:
        return f"{self.membership.person} – {self.role_type}"


class Section(models.Model):
    """A single point of contact for a group at the organization (a settlements desk, a
    control room): a name, a shared e-mail address and a telephone. It holds only roles that
    receive communications (`RoleType.communications_only`), receives the notices addressed
    to them once its address is confirmed (`email_confirmed_at`), and never signs in nor
    decides anything. A new address waits in `email_change` until confirmed, as a person's
    does; until the first confirmation `email` is the address given, unconfirmed."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="sections"
    )
    name = models.CharField(max_length=100)
    email = models.EmailField("shared e-mail", max_length=254)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    phone = models.CharField("telephone", max_length=20, help_text="E.164, e.g. +14165550100")
    roles = models.ManyToManyField(RoleType, blank=True, related_name="sections")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                "organization", Lower("name"), name="section_name_unique_in_organization"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def section_id(self) -> int:
        return self.pk

    audit_type = "section"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        return labels.english(SECTION_LABEL, name=self.name)
