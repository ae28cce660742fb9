"""Certification campaigns: every change to a campaign, a certification or a confirmation.

It follows the access review's machinery (systems/reviews.py): operator staff start a campaign
with the same form and scope rules; each organization in scope gets one Certification and one
task, of a kind registered with the task engine whose approval is the attestation (refused, as a
review's completion is, while anything is undecided); a daily command reminds and, past the
deadline, escalates to operator staff. Corrections and removals are never made here: the pages
link to the registry's and the systems' own pages, whose services decide them, and the list
certified is always the organization's as it is now.

Locks, in the order every decision takes: the organization (registry.locks), the task, the
certification. A correction takes the organization's lock too, so an attestation racing one
certifies either the list before it (and the correction comes after) or, seeing the changed
entry undecided, refuses.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from audit.log import actor_label, record
from certification import notifications
from certification.entries import list_digest
from certification.forms import StartCertificationForm
from certification.models import Certification, CertificationCampaign, Confirmation
from certification.queries import read
from certification.rules import certify_refusal
from core.errors import NotFound, RuleViolation, require
from core.services import service
from core.text import sentence
from registry.locks import lock_organization
from registry.models import Organization, RoleAssignment
from registry.rules import Role, is_operator_staff
from systems import campaigns

CERTIFICATION_KIND = "certification"
REMINDER_DAYS = (30, 14, 7, 1)
CAMPAIGN = campaigns.CampaignKind(
    CertificationCampaign,
    StartCertificationForm,
    only_staff=_("Only operator staff can start a certification."),
    duplicate=_(
        "A certification called “{name}” is already under way; give this one another name."
    ),
    started="certification.campaign_started",
    counted="certifications",
)


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))


# --- Starting -------------------------------------------------------------------------------


def _open(org: Organization, campaign: CertificationCampaign, *, actor) -> Certification:
    """One organization's certification and its task (the organization locked by the caller)."""
    from certification.entries import entries
    from tasks.services import create_task

    listed = entries(org)
    cert = Certification.objects.create(
        campaign=campaign,
        organization=org,
        deadline=campaign.deadline,
        opening=[e.certified() for e in listed],
    )
    representatives = RoleAssignment.objects.filter(
        membership__organization=org, role_type__code=Role.AUTHORIZED_REPRESENTATIVE
    ).exists()
    cert.task = create_task(
        kind=CERTIFICATION_KIND,
        organization=org,
        roles=[Role.AUTHORIZED_REPRESENTATIVE],
        to_staff=not representatives,
        subject=cert,
        summary=(
            f"Certify {org.legal_name}'s registration: confirm {len(listed)} "
            f"entr{'ies' if len(listed) != 1 else 'y'} and attest by {campaign.deadline:%Y-%m-%d}"
        ),
        details={"certification_id": cert.pk, "entries": len(listed)},
        due=_end_of(campaign.deadline),
        actor=actor,
    )
    cert.save(update_fields=["task"])
    record(
        actor,
        "certification.opened",
        org=org,
        target=cert,
        details={
            "certification_id": cert.pk,
            "campaign": campaign.name,
            "entries": len(listed),
            "deadline": campaign.deadline.isoformat(),
        },
    )
    return cert


@service("certification.start_campaign", org=None, target=None)
def start_campaign(
    *, name: str, deadline: datetime.date | str, organizations: Iterable[int] | str = "", actor
) -> CertificationCampaign:
    """Operator staff ask the organizations listed (Organization IDs; none: every active
    organization) to certify their registration by `deadline`."""

    def open_one(org: Organization, campaign: CertificationCampaign) -> bool:
        return bool(_open(lock_organization(org, actor), campaign, actor=actor))

    return campaigns.start_campaign(
        CAMPAIGN,
        name=name,
        deadline=deadline,
        organizations=organizations,
        open_one=open_one,
        actor=actor,
    )


def raised_by(task) -> str:
    return _("The portal, for a certification campaign started by operator staff")


# --- Confirming -----------------------------------------------------------------------------


def _locked(certification: Certification, actor) -> Certification:
    """Lock the organization, then the certification; check the actor may certify it now."""
    if not (
        is_operator_staff(actor)
        or Organization.objects.visible_to(actor).filter(pk=certification.organization_id).exists()
    ):
        raise NotFound(sentence(_("No certification {id} is visible to you."), id=certification.pk))
    org = lock_organization(certification.organization, actor, what="its registration")
    locked = (
        Certification.objects.select_for_update(of=("self",))
        .select_related("campaign", "task")
        .filter(pk=certification.pk, organization=org)
        .first()
    )
    if locked is None:
        raise NotFound(
            sentence(
                _("No certification {id} of {org} is visible to you."),
                id=certification.pk,
                org=org.legal_name,
            )
        )
    locked.organization = org
    if not locked.is_undecided:
        raise RuleViolation(certify_refusal(actor, locked), code="already_decided")
    refusal = certify_refusal(actor, locked)
    require(refusal is None, refusal or "")
    return locked


def _confirm(cert: Certification, entry, actor) -> None:
    Confirmation.objects.update_or_create(
        certification=cert,
        key=entry.key,
        defaults={
            "fingerprint": entry.fingerprint,
            "confirmed_by": actor,
            "confirmed_by_label": actor_label(actor)[:200],
        },
    )


@service("certification.confirm", org="certification.organization", target="certification")
def confirm_entry(certification: Certification, key: str, *, actor) -> None:
    """An Authorized Representative confirms that one entry of the list is true as it reads."""
    cert = _locked(certification, actor)
    reading = read(cert)
    row = next((r for r in reading.rows if r.entry.key == key), None)
    if row is None:
        raise NotFound(
            _(
                "That entry is no longer on the list: it was removed or changed a moment ago. "
                "Read the list again."
            )
        )
    if row.confirmed:
        raise RuleViolation(
            sentence(
                _("{title}, {what}, is already confirmed."),
                title=row.entry.title,
                what=row.entry.what,
            ),
            code="already_decided",
        )
    _confirm(cert, row.entry, actor)
    record(
        actor,
        "certification.entry_confirmed",
        org=cert.organization,
        target=cert,
        details={"key": key, "entry": f"{row.entry.title}: {row.entry.what}"},
    )


@service("certification.confirm_all", org="certification.organization", target="certification")
def confirm_all(certification: Certification, *, actor) -> int:
    """Confirm every entry still to confirm, as it reads now; how many."""
    cert = _locked(certification, actor)
    todo = [r for r in read(cert).rows if not r.confirmed]
    if not todo:
        raise RuleViolation(
            _("Every entry of the list is already confirmed."), code="already_decided"
        )
    for row in todo:
        _confirm(cert, row.entry, actor)
    record(
        actor,
        "certification.confirmed_all",
        org=cert.organization,
        target=cert,
        details={"entries": len(todo)},
    )
    return len(todo)


# --- Attesting (the task's approval) ---------------------------------------------------------


def pending_refusal(pending: int) -> RuleViolation | None:
    if not pending:
        return None
    return RuleViolation(
        sentence(
            ngettext_lazy(
                "{count} entry is still to confirm: confirm each one, or correct or remove it "
                "on its own page, before attesting.",
                "{count} entries are still to confirm: confirm each one, or correct or remove "
                "it on its own page, before attesting.",
                pending,
            ),
            count=pending,
        ),
        code="certification_pending",
    )


def approve_refusal(task) -> RuleViolation | None:
    """The task kind's: Attest only once every entry stands confirmed (attest checks again
    under the organization's lock)."""
    cert = Certification.objects.select_related("organization").filter(pk=task.subject_id).first()
    if cert is None or not cert.is_undecided:
        return None
    return pending_refusal(read(cert).pending)


def attest_on_approval(task, *, actor, comment: str) -> None:
    """Approving the task is the attestation: who, when, and the SHA-256 of the list certified,
    kept with the list and written into the audit chain."""
    cert = Certification.objects.filter(pk=task.subject_id).first()
    if cert is None:
        raise NotFound("This certification no longer exists.")
    cert = _locked(cert, actor)
    reading = read(cert)
    refusal = pending_refusal(reading.pending)
    if refusal is not None:
        raise refusal
    snapshot = [r.entry.certified() for r in reading.rows]
    cert.snapshot, cert.digest = snapshot, list_digest(snapshot)
    cert.state, cert.attested_at = Certification.State.ATTESTED, timezone.now()
    cert.attested_by, cert.attested_by_label = actor, actor_label(actor)[:200]
    cert.save(
        update_fields=[
            "snapshot", "digest", "state", "attested_at", "attested_by", "attested_by_label"
        ]
    )  # fmt: skip
    record(
        actor,
        "certification.attested",
        org=cert.organization,
        target=cert,
        details={
            "certification_id": cert.pk,
            "campaign": cert.campaign.name,
            "entries": len(snapshot),
            "removed": len(reading.removed),
            "sha256": cert.digest,
            "comment": comment,
        },
    )
    _close_campaign_if_done(cert.campaign)


def _close_campaign_if_done(campaign: CertificationCampaign) -> None:
    if campaign.state != CertificationCampaign.State.OPEN:
        return
    if not campaign.certifications.exclude(state=Certification.State.ATTESTED).exists():
        campaign.state, campaign.closed_at = CertificationCampaign.State.CLOSED, timezone.now()
        campaign.save(update_fields=["state", "closed_at"])


def refuse_rejection(task, *, actor, comment: str) -> None:
    raise RuleViolation(
        _(
            "A certification cannot be rejected: correct or remove what is wrong on its own "
            "page, confirm the rest, then attest."
        ),
        code="not_rejectable",
    )


def refuse_withdrawal(task, *, actor, comment: str) -> None:
    if Certification.objects.filter(
        pk=task.subject_id, state__in=[Certification.State.OPEN, Certification.State.ESCALATED]
    ).exists():
        raise RuleViolation(
            _("A certification cannot be withdrawn; past its deadline it goes to operator staff."),
            code="certification_open",
        )


# --- The daily command ----------------------------------------------------------------------


def send_reminders(*, today: datetime.date | None = None) -> int:
    """E-mail the group of each open certification 30, 14, 7 and 1 days before its deadline."""
    today = today or timezone.localdate()
    due = (
        Certification.objects.select_related("organization", "campaign", "task")
        .filter(
            state=Certification.State.OPEN,
            deadline__in=[today + datetime.timedelta(days=d) for d in REMINDER_DAYS],
        )
        .order_by("pk")
    )
    sent = 0
    for cert in due:
        with transaction.atomic():
            notifications.reminder(cert, days=(cert.deadline - today).days)
        sent += 1
    return sent


@service("certification.escalate", org="certification.organization", target="certification")
def escalate(
    certification: Certification, *, today: datetime.date | None = None, actor=None
) -> bool:
    """Past its deadline, an unattested certification goes to operator staff: its task is
    addressed to them as well and they are told what is undecided. Nothing is removed (a
    mandatory role stays held whatever happens here)."""
    from tasks.services import escalate_to_staff

    today = today or timezone.localdate()
    org = lock_organization(certification.organization, None, what="its registration")
    cert = (
        Certification.objects.select_for_update(of=("self",))
        .select_related("campaign", "task")
        .get(pk=certification.pk)
    )
    cert.organization = org
    if cert.state != Certification.State.OPEN or cert.deadline >= today:
        return False
    pending = read(cert).pending
    cert.state, cert.escalated_at = Certification.State.ESCALATED, timezone.now()
    cert.save(update_fields=["state", "escalated_at"])
    if cert.task is not None:
        escalate_to_staff(
            cert.task,
            actor=actor,
            why=f"The certification's deadline, {cert.deadline:%Y-%m-%d}, passed with "
            f"{pending} entr{'y' if pending == 1 else 'ies'} unconfirmed.",
        )
    record(
        actor,
        "certification.escalated",
        org=org,
        target=cert,
        details={"certification_id": cert.pk, "pending": pending},
    )
    return True


def escalate_overdue(*, today: datetime.date | None = None) -> int:
    """Every open certification past its deadline, each in its own transaction."""
    today = today or timezone.localdate()
    overdue = Certification.objects.filter(
        state=Certification.State.OPEN, deadline__lt=today
    ).order_by("organization_id", "pk")
    return sum(1 for cert in overdue if escalate(cert, today=today, actor=None))
