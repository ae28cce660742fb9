"""What the operator tells people: announcements (everyone, on News) and notices (a role
group: holders of given roles in one organization, or in every organization; on News and
by e-mail). Bodies are plain text: shown escaped, never as HTML."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from core.audited import TitledMessage
from core.bilingual import localized
from registry.models import Organization, RoleType


class AnnouncementQuerySet(models.QuerySet):
    def published(self) -> "AnnouncementQuerySet":
        """Announcements on News now: not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)


class Announcement(TitledMessage, models.Model):
    """An announcement from the operator, shown on everyone's News until staff withdraw it
    (`withdrawn_at`; the row is kept, like its audit entries)."""

    title = models.CharField(max_length=200)
    title_fr = models.CharField("title in French", max_length=200, blank=True)
    body = models.TextField(max_length=5000)
    body_fr = models.TextField("text in French", max_length=5000, blank=True)
    published_at = models.DateTimeField(auto_now_add=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return localized(self, "title")  # in the reader's language (core.bilingual)

    audit_type = "announcement"


class NoticeQuerySet(models.QuerySet):
    def addressed_to(self, user) -> "NoticeQuerySet":
        """Notices to a group the user is in now (one query with a subquery)."""
        if not user.is_authenticated:
            return self.none()
        mine = Notice.objects.filter(
            Q(organization__isnull=True)
            | Q(organization=F("roles__assignments__membership__organization")),
            roles__assignments__membership__person__user=user,
            roles__assignments__membership__organization__is_active=True,
        ).values("pk")
        return self.filter(pk__in=mine)


class Notice(TitledMessage, models.Model):
    """A notice to the holders of `roles` in `organization` (or in every organization)."""

    title = models.CharField(max_length=200)
    title_fr = models.CharField("title in French", max_length=200, blank=True)
    body = models.TextField(max_length=5000)
    body_fr = models.TextField("text in French", max_length=5000, blank=True)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    roles = models.ManyToManyField(RoleType, related_name="notices")
    issued_at = models.DateTimeField(auto_now_add=True, db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return localized(self, "title")  # in the reader's language (core.bilingual)

    audit_type = "notice"
