"""Operator staff publish announcements and issue notices to role groups."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.log import record
from core.bilingual import localized_lazy, localized_list
from core.errors import RuleViolation, require
from core.forms import validated
from core.mail import send_after_commit
from core.services import service
from core.text import sentence
from notices.forms import AnnouncementForm, NoticeForm, WithdrawAnnouncementForm
from notices.models import Announcement, Notice
from registry.models import Organization, Person
from registry.queries import section_addresses
from registry.rules import is_operator_staff
from tasks.services import create_task


@service("announcement.publish", org=None, target=None)
def publish_announcement(*, data: dict, actor) -> Announcement:
    """An announcement on everyone's News."""
    require(is_operator_staff(actor), _("Only operator staff can publish announcements."))
    cleaned = validated(AnnouncementForm(data=data))
    announcement = Announcement.objects.create(
        title=cleaned["title"],
        body=cleaned["body"],
        title_fr=cleaned["title_fr"],
        body_fr=cleaned["body_fr"],
        published_by=actor,
    )
    record(actor, "announcement.published", target=announcement)
    return announcement


@service("announcement.withdraw", org=None, target=None)
def withdraw_announcement(announcement: Announcement, *, data: dict, actor) -> Announcement:
    """Take an announcement off everyone's News (the record stays, with who and why)."""
    require(is_operator_staff(actor), _("Only operator staff can withdraw announcements."))
    cleaned = validated(WithdrawAnnouncementForm(data=data))
    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if announcement.withdrawn_at is not None:
        raise RuleViolation(
            sentence(
                _("The announcement “{title}” was already withdrawn."), title=announcement.title
            ),
            code="already_withdrawn",
        )
    announcement.withdrawn_at = timezone.now()
    announcement.withdrawn_by = actor
    announcement.save(update_fields=["withdrawn_at", "withdrawn_by"])
    record(actor, "announcement.withdrawn", target=announcement, details=cleaned)
    return announcement


def notice_recipients(notice: Notice):
    """The persons the notice reaches now: holders of its roles, in its organization or in
    every active organization (one query)."""
    people = Person.objects.filter(
        memberships__roles__role_type__in=notice.roles.all(),
        memberships__organization__is_active=True,
    )
    if notice.organization_id:
        people = people.filter(memberships__organization_id=notice.organization_id)
    return people.distinct()


@service("notice.issue", org=None, target=None)
def issue_notice(*, data: dict, actor) -> Notice:
    """A notice to a role group, on their News and by e-mail; optionally a task for each
    organization's group to act on."""
    require(is_operator_staff(actor), _("Only operator staff can issue notices."))
    cleaned = validated(NoticeForm(data=data))
    org = cleaned["organization"]
    notice = Notice.objects.create(
        title=cleaned["title"],
        body=cleaned["body"],
        title_fr=cleaned["title_fr"],
        body_fr=cleaned["body_fr"],
        organization=org,
        issued_by=actor,
    )
    role_types = list(cleaned["roles"])
    notice.roles.set(role_types)
    codes = [r.code for r in role_types]
    record(
        actor,
        "notice.issued",
        org=org,
        target=notice,
        details={"roles": codes, "role_name": ", ".join(r.name for r in role_types)},
    )
    # Sections holding the roles (confirmed shared addresses) are told too; a task is for
    # persons only: a section never decides.
    addresses = {
        *notice_recipients(notice).values_list("email", flat=True),
        *section_addresses(role_types, organization=org),
    }
    # Each recipient reads the notice, and the roles' names, in their language.
    roles = localized_list(role_types)
    title, body = localized_lazy(notice, "title"), localized_lazy(notice, "body")
    send_after_commit(
        sorted(addresses),
        sentence(_("Notice: {title}"), title=title),
        sentence(
            _("{body}\n\n(Sent to the {roles} of {org}.)"),
            body=body,
            roles=roles,
            org=org.legal_name,
        )
        if org
        else sentence(
            _("{body}\n\n(Sent to the {roles} of every organization.)"),
            body=body,
            roles=roles,
        ),
    )
    if cleaned["with_task"]:
        targets = (
            [org]
            if org
            else list(
                Organization.objects.filter(
                    is_active=True, memberships__roles__role_type__in=role_types
                ).distinct()
            )
        )
        for target in targets:
            create_task(
                kind="notice",
                organization=target,
                roles=codes,
                subject=notice,
                summary=notice.title,
                actor=actor,
            )
    return notice
