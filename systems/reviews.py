"""Access reviews (recertification): every change to a review, campaign or review item.

Operator staff start a campaign; each organization in scope that has grants gets one
AccessReview and one `access_review` task for its Rights Administrators, who confirm or revoke
each grant. Approving the task completes the review once every grant is decided (refused with
`review_pending` before). `lapse_access_reviews` (daily) revokes what is still pending after
the deadline. A person who loses every role in an organization but stays a member gets a review
of their grants there; a person who leaves has their grants revoked at once, so there is
nothing left to review (their pending items are settled as revoked).

Locks, always in this order: the review's task, the organization, the review, its items, the
grants. So a confirmation racing the deadline sweep is serialized on the organization and the
review: whichever comes second sees what the first decided.
"""

import datetime
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import keep_lazy_text
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from audit.log import actor_label, record
from core.errors import NotFound, RuleViolation, require
from core.services import service
from core.text import sentence
from registry.models import Organization, Person, RoleAssignment
from registry.rules import Role
from systems import notifications
from systems.campaigns import CampaignKind, start_campaign
from systems.forms import StartReviewCampaignForm
from systems.grants import audit_details, end_grant, lock_for_access
from systems.machines import revoke_reviewed
from systems.models import (
    AccessGrant,
    AccessReview,
    AccessReviewCampaign,
    AccessReviewItem,
    MachineAccount,
)
from systems.rules import can_grant_access, machine_revoke_refusal

REVIEW_KIND = "access_review"
REVIEW_CAMPAIGN = CampaignKind(
    AccessReviewCampaign,
    StartReviewCampaignForm,
    only_staff=_("Only operator staff can start an access review."),
    duplicate=_(
        "An access review called “{name}” is already under way; give this one another name."
    ),
    started="access_review.campaign_started",
    counted="reviews",
)

Decision = AccessReviewItem.Decision


@keep_lazy_text
def _lower(text) -> str:
    return str(text).lower()


# A decided item's refusal, by how it was decided (confirmed, revoked, lapsed).
_ALREADY_DECIDED = {
    "confirmed": _("{person}'s access to {system} has already been confirmed."),
    "revoked": _("{person}'s access to {system} has already been revoked."),
    "lapsed": _("{person}'s access to {system} has already been lapsed."),
}


def _end_of(day: datetime.date) -> datetime.datetime:
    """The task falls due at the end of the deadline's last day (local time)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))


# --- Opening reviews ------------------------------------------------------------------------


def _open_review(
    org: Organization,
    grants: list[AccessGrant],
    *,
    deadline: datetime.date,
    actor,
    campaign: AccessReviewCampaign | None = None,
    person: Person | None = None,
    machine_accounts: list[MachineAccount] = (),
) -> AccessReview:
    """One review of `grants` and `machine_accounts` (not both empty) with its items and its
    task (caller holds the organization lock and the transaction)."""
    from tasks.services import create_task

    review = AccessReview.objects.create(
        campaign=campaign, organization=org, person=person, deadline=deadline
    )
    AccessReviewItem.objects.bulk_create(
        AccessReviewItem(
            review=review,
            grant=g,
            person=g.person,
            person_number=g.person.person_id,
            person_name=g.person.full_name[:200],
            system=g.system,
            system_name=g.system.name,
            level=g.level,
        )
        for g in grants
    )
    AccessReviewItem.objects.bulk_create(
        AccessReviewItem(
            review=review,
            machine_account=m,
            person=m.owner,
            person_number=m.owner.person_id,
            person_name=f"Machine account “{m.name}” (owner {m.owner.full_name})"[:200],
            system=m.system,
            system_name=m.system.name,
            level=m.level,
        )
        for m in machine_accounts
    )
    administrators = set(
        RoleAssignment.objects.filter(
            membership__organization=org, role_type__code=Role.RIGHTS_ADMINISTRATOR
        ).values_list("membership__person_id", flat=True)
    )
    # Nobody confirms their own access: with a single Rights Administrator whose own grants
    # are under review (or none at all), operator staff receive the task too.
    owners = [g.person_id for g in grants] + [m.owner_id for m in machine_accounts]
    lone = len(administrators) <= 1 and any(p in administrators for p in owners)
    about = f"{person.full_name}'s access" if person is not None else "access"
    review.task = create_task(
        kind=REVIEW_KIND,
        organization=org,
        roles=[Role.RIGHTS_ADMINISTRATOR],
        to_staff=lone or not administrators,
        subject=review,
        summary=(
            f"Review {about} for {org.legal_name}: confirm or revoke "
            f"{_counted(grants, machine_accounts)} by {deadline:%Y-%m-%d}"
        ),
        details={"review_id": review.pk, "grants": len(grants), "machines": len(machine_accounts)},
        due=_end_of(deadline),
        actor=actor,
    )
    review.save(update_fields=["task"])
    record(
        actor,
        "access_review.opened",
        org=org,
        target=review,
        details={
            "review_id": review.pk,
            "campaign": campaign.name if campaign else None,
            "person_id": person.person_id if person else None,
            "grants": len(grants),
            "machine_accounts": len(machine_accounts),
            "deadline": deadline.isoformat(),
        },
    )
    return review


def _counted(grants, machine_accounts) -> str:
    parts = [f"{len(grants)} grant{'s' if len(grants) != 1 else ''}"] if grants else []
    if machine_accounts:
        n = len(machine_accounts)
        parts.append(f"{n} machine account{'s' if n != 1 else ''}")
    return " and ".join(parts)


def _machines_to_review(org: Organization) -> list[MachineAccount]:
    return list(
        MachineAccount.objects.in_force()
        .filter(organization=org)
        .select_related("owner", "system")
        .order_by("pk")
    )


def _grants_to_review(org: Organization, person: Person | None = None) -> list[AccessGrant]:
    qs = AccessGrant.objects.in_force().filter(organization=org)
    if person is not None:
        qs = qs.filter(person=person)
    return list(qs.select_related("person", "system").order_by("pk"))


@service("access_review.start_campaign", org=None, target=None)
def start_review_campaign(
    *, name: str, deadline: datetime.date | str, organizations: Iterable[int] | str = "", actor
) -> AccessReviewCampaign:
    """Operator staff start a review of every grant of the organizations listed (Organization
    IDs; none: every active organization). Organizations without grants get no review."""

    def open_one(org: Organization, campaign: AccessReviewCampaign) -> bool:
        org = lock_for_access(org, actor)
        grants, machine_accounts = _grants_to_review(org), _machines_to_review(org)
        if grants or machine_accounts:
            _open_review(
                org,
                grants,
                deadline=campaign.deadline,
                actor=actor,
                campaign=campaign,
                machine_accounts=machine_accounts,
            )
        return bool(grants or machine_accounts)

    return start_campaign(
        REVIEW_CAMPAIGN,
        name=name,
        deadline=deadline,
        organizations=organizations,
        open_one=open_one,
        actor=actor,
    )


# How long Rights Administrators have for a review raised by a change of roles.
PERSON_REVIEW_DAYS = 14


def review_after_roles_lost(org: Organization, person: Person, *, actor) -> AccessReview | None:
    """A member who no longer holds any role in `org` keeps their grants until its Rights
    Administrators confirm or revoke them: a review of that person's grants.

    No @service: it runs inside the caller's transaction (registry's remove_contact), which
    already holds the organization lock. Nothing when they still hold a role, hold no grant,
    or already have an open review of this kind.
    """
    if RoleAssignment.objects.filter(
        membership__organization=org, membership__person=person
    ).exists():
        return None
    if AccessReview.objects.filter(
        organization=org, person=person, campaign__isnull=True, state=AccessReview.State.OPEN
    ).exists():
        return None
    grants = _grants_to_review(org, person)
    if not grants:
        return None
    deadline = timezone.localdate() + datetime.timedelta(days=PERSON_REVIEW_DAYS)
    return _open_review(org, grants, deadline=deadline, actor=actor, person=person)


def raised_by(task) -> str:
    """Who raised a review task, in words: the portal raises every one, after a campaign was
    started or after a member lost their last role (the task page's "Raised by")."""
    review = task.subject
    if review is None or review.campaign_id is not None:
        return "The portal, for an access review campaign started by operator staff"
    return (
        f"The portal, because {review.person.full_name} no longer holds a role at "
        f"{review.organization.legal_name}"
    )


# --- Deciding items -------------------------------------------------------------------------


def _locked_review(review: AccessReview, actor) -> AccessReview:
    """Lock the organization then the review; check the actor may decide it now."""
    if not Organization.objects.visible_to(actor).filter(pk=review.organization_id).exists():
        raise NotFound(
            sentence(_("No access review {review} is visible to you."), review=review.pk)
        )
    org = lock_for_access(review.organization, actor)
    require(
        can_grant_access(actor, org),
        sentence(
            _(
                "Only a Rights Administrator of {org} can review its access to the "
                "operator's systems."
            ),
            org=org.legal_name,
        ),
    )
    locked = (
        AccessReview.objects.select_for_update(of=("self",))
        .select_related("campaign", "task")
        .filter(pk=review.pk, organization=org)
        .first()
    )
    if locked is None:
        raise NotFound(
            sentence(
                _("No access review {review} of {org} is visible to you."),
                review=review.pk,
                org=org.legal_name,
            )
        )
    locked.organization = org
    if not locked.is_open:
        raise RuleViolation(
            sentence(
                _("This access review is already {state}."),
                state=_lower(AccessReview.State(locked.state).label),
            ),
            code="already_decided",
        )
    task = locked.task
    if task is not None and task.state == task.State.ACCEPTED and task.accepted_by_id != actor.pk:
        raise RuleViolation(
            sentence(
                _("{name} has accepted this review; it is theirs to decide."),
                name=actor_label(task.accepted_by),
            ),
            code="task_taken",
        )
    return locked


def _own(actor, item: AccessReviewItem) -> bool:
    own = getattr(actor, "person", None)
    return own is not None and item.person_id == own.pk


def _refuse_own(actor, item: AccessReviewItem, org: Organization) -> None:
    require(
        not _own(actor, item),
        sentence(
            _(
                "Nobody confirms or revokes their own access: another Rights Administrator of "
                "{org}, or operator staff, must review it."
            ),
            org=org.legal_name,
        ),
        code="own_grant",
    )


def _locked_items(review: AccessReview, item_ids: list[int] | None) -> list[AccessReviewItem]:
    qs = AccessReviewItem.objects.select_for_update().filter(review=review)
    if item_ids is not None:
        qs = qs.filter(pk__in=item_ids)
    return list(qs.order_by("pk"))


def _live_grants(items: list[AccessReviewItem]) -> dict[int, AccessGrant]:
    ids = [i.grant_id for i in items if i.grant_id is not None]
    return {
        g.pk: g
        for g in AccessGrant.objects.select_for_update(of=("self",))
        .select_related("person", "system")
        .filter(pk__in=ids)
    }


def _refuse_decided(item: AccessReviewItem) -> None:
    if not item.is_pending:
        raise RuleViolation(
            sentence(
                _ALREADY_DECIDED.get(item.decision, _ALREADY_DECIDED[Decision.REVOKED]),
                person=item.person_name,
                system=item.system_name,
            ),
            code="already_decided",
        )


def _mark(item: AccessReviewItem, decision: str, actor) -> None:
    item.decision, item.decided_by, item.decided_at = decision, actor, timezone.now()
    item.decided_by_label = actor_label(actor)
    item.save(update_fields=["decision", "decided_by", "decided_by_label", "decided_at"])


def _confirm(item: AccessReviewItem, grant: AccessGrant, review: AccessReview, actor) -> None:
    _mark(item, Decision.CONFIRMED, actor)
    grant.confirmed_at = item.decided_at
    grant.save(update_fields=["confirmed_at"])
    record(
        actor,
        "access.confirmed",
        org=review.organization,
        target=grant.person,
        details=audit_details(grant.system, grant.level, review_id=review.pk),
    )


def _live_machines(items: list[AccessReviewItem]) -> dict[int, MachineAccount]:
    ids = [i.machine_account_id for i in items if i.machine_account_id is not None]
    return {
        m.pk: m
        for m in MachineAccount.objects.select_for_update(of=("self",))
        .select_related("organization", "system", "owner")
        .filter(pk__in=ids)
    }


def _confirm_machine(item: AccessReviewItem, account: MachineAccount, review, actor) -> None:
    _mark(item, Decision.CONFIRMED, actor)
    record(
        actor,
        "machine_account.confirmed",
        org=review.organization,
        target=account,
        details=audit_details(account.system, account.level, review_id=review.pk),
    )


def _machine_item_of(review: AccessReview, locked: AccessReviewItem) -> MachineAccount:
    account = _live_machines([locked]).get(locked.machine_account_id)
    if account is None or not account.is_active:  # ended without settling: cannot happen
        raise RuleViolation(_("That machine account has already ended."), code="already_decided")
    return account


def _item_of(review: AccessReview, item: AccessReviewItem) -> tuple[AccessReviewItem, AccessGrant]:
    [locked] = _locked_items(review, [item.pk]) or [None]
    if locked is None:
        raise NotFound(
            sentence(
                _("No item {item} in access review {review} is visible to you."),
                item=item.pk,
                review=review.pk,
            )
        )
    _refuse_decided(locked)
    if locked.machine_account_id is not None:
        return locked, None
    grant = _live_grants([locked]).get(locked.grant_id)
    if grant is None:  # gone without settling the item: cannot happen, see end_grant
        raise RuleViolation(_("That access has already been revoked."), code="already_decided")
    return locked, grant


@service("access_review.confirm", org="review.organization", target="review")
def confirm_review_item(review: AccessReview, item: AccessReviewItem, *, actor) -> AccessReviewItem:
    """A Rights Administrator confirms that the person still needs this access."""
    review = _locked_review(review, actor)
    locked, grant = _item_of(review, item)
    _refuse_own(actor, locked, review.organization)
    if grant is None:
        _confirm_machine(locked, _machine_item_of(review, locked), review, actor)
    else:
        _confirm(locked, grant, review, actor)
    return locked


@service("access_review.revoke", org="review.organization", target="review")
def revoke_review_item(review: AccessReview, item: AccessReviewItem, *, actor) -> AccessReviewItem:
    """A Rights Administrator ends access the person no longer needs (as revoke_access:
    Primary Contacts' and Authorized Representatives' grants only by operator staff)."""
    from registry.queries import roles_of
    from systems.rules import can_revoke_grant_of

    review = _locked_review(review, actor)
    org = review.organization
    locked, grant = _item_of(review, item)
    _refuse_own(actor, locked, org)
    if grant is None:
        account = _machine_item_of(review, locked)
        refusal = machine_revoke_refusal(actor, account)
        require(refusal is None, refusal or "")
        _mark(locked, Decision.REVOKED, actor)
        revoke_reviewed(account, actor=actor, why="revoked in an access review")
        return locked
    require(
        can_revoke_grant_of(actor, org, roles_of(org, grant.person)),
        sentence(
            _(
                "{person} is a Primary Contact or Authorized Representative of {org}; only "
                "operator staff can revoke their access. Confirm it, or ask operator staff."
            ),
            person=grant.person.full_name,
            org=org.legal_name,
        ),
    )
    _mark(locked, Decision.REVOKED, actor)
    end_grant(
        grant, org, actor=actor, action="access.revoked", why=_("revoked in an access review")
    )
    return locked


@service("access_review.confirm_all", org="review.organization", target="review")
def confirm_all(review: AccessReview, *, actor) -> int:
    """Confirm every pending grant of the review except the actor's own; how many."""
    review = _locked_review(review, actor)
    org = review.organization
    pending = [i for i in _locked_items(review, None) if i.is_pending]
    if not pending:
        raise RuleViolation(
            "Every grant in this access review has already been decided.", code="already_decided"
        )
    mine = [i for i in pending if _own(actor, i)]
    others = [i for i in pending if not _own(actor, i)]
    if not others:
        _refuse_own(actor, mine[0], org)
    grants, machines = _live_grants(others), _live_machines(others)
    for item in others:
        if item.machine_account_id is not None:
            _confirm_machine(item, machines[item.machine_account_id], review, actor)
        else:
            _confirm(item, grants[item.grant_id], review, actor)
    return len(others)


# --- Closing reviews ------------------------------------------------------------------------


def _close_campaign_if_done(campaign: AccessReviewCampaign | None) -> None:
    if campaign is None or campaign.state != AccessReviewCampaign.State.OPEN:
        return
    if not campaign.reviews.filter(state=AccessReview.State.OPEN).exists():
        campaign.state, campaign.closed_at = AccessReviewCampaign.State.CLOSED, timezone.now()
        campaign.save(update_fields=["state", "closed_at"])


def _close(review: AccessReview, state: str, actor, **details) -> None:
    review.state, review.closed_at = state, timezone.now()
    review.save(update_fields=["state", "closed_at"])
    record(
        actor,
        f"access_review.{state}",
        org=review.organization,
        target=review,
        details={"review_id": review.pk, **details},
    )
    _close_campaign_if_done(review.campaign)


def complete_on_approval(task, *, actor, comment: str) -> None:
    """The task kind's approval (inside approve_task's transaction, the task row locked):
    the review is complete once every grant in it is decided."""
    review = (
        AccessReview.objects.select_for_update(of=("self",))
        .select_related("organization", "campaign")
        .filter(pk=task.subject_id)
        .first()
    )
    if review is None or not review.is_open:
        raise RuleViolation(
            _("This access review has already been closed."), code="already_decided"
        )
    refusal = _pending_refusal(review.items.filter(decision=Decision.PENDING).count())
    if refusal is not None:
        raise refusal
    _close(review, AccessReview.State.COMPLETED, actor)


def _pending_refusal(pending: int) -> RuleViolation | None:
    if not pending:
        return None
    return RuleViolation(
        sentence(
            ngettext_lazy(
                "{pending} grant is still undecided: confirm or revoke each one (or use "
                "Confirm all) before completing the review.",
                "{pending} grants are still undecided: confirm or revoke each one (or use "
                "Confirm all) before completing the review.",
                pending,
            ),
            pending=pending,
        ),
        code="review_pending",
    )


def approve_refusal(task) -> RuleViolation | None:
    """The review task's kind: Approve (complete) only once every grant is decided (one
    query); complete_on_approval checks it again under the review's lock."""
    pending = AccessReviewItem.objects.filter(
        review_id=task.subject_id, decision=Decision.PENDING
    ).count()
    return _pending_refusal(pending)


def refuse_rejection(task, *, actor, comment: str) -> None:
    raise RuleViolation(
        "An access review cannot be rejected: revoke the access that should end, confirm the "
        "rest, then approve to complete the review.",
        code="not_rejectable",
    )


def refuse_withdrawal(task, *, actor, comment: str) -> None:
    """A review ends by decisions or by its deadline, never by withdrawing its task."""
    if AccessReview.objects.filter(pk=task.subject_id, state=AccessReview.State.OPEN).exists():
        raise RuleViolation(
            "An open access review cannot be withdrawn; it ends at its deadline.",
            code="review_open",
        )


@service("access_review.lapse", org="review.organization", target="review")
def lapse_review(review: AccessReview, *, today: datetime.date | None = None, actor=None) -> int:
    """Past its deadline, revoke every grant still pending in the review, tell the persons and
    the Rights Administrators, close the review and its task. How many grants lapsed."""
    from tasks.models import Task
    from tasks.services import cancel_task, task_recipients

    today = today or timezone.localdate()
    # The organization first, then the task: the order every task decision takes.
    org = Organization.objects.select_for_update().get(pk=review.organization_id)
    task = Task.objects.select_for_update().filter(pk=review.task_id).first()
    review = (
        AccessReview.objects.select_for_update(of=("self",))
        .select_related("campaign")
        .get(pk=review.pk)
    )
    review.organization = org
    if not review.is_open or review.deadline >= today:
        return 0
    pending = [i for i in _locked_items(review, None) if i.is_pending]
    grants, machines = _live_grants(pending), _live_machines(pending)
    why = f"it was not confirmed in the access review by its deadline, {review.deadline:%Y-%m-%d}"
    for item in pending:
        _mark(item, Decision.LAPSED, actor)
        if item.grant_id in grants:
            end_grant(grants[item.grant_id], org, actor=actor, action="access.lapsed", why=why)
        account = machines.get(item.machine_account_id)
        if account is not None and account.is_active:
            revoke_reviewed(account, actor=actor, why=why)
    state = AccessReview.State.LAPSED if pending else AccessReview.State.COMPLETED
    _close(review, state, actor, lapsed=len(pending))
    if pending and task is not None:
        notifications.review_lapsed(
            list(task_recipients(task).values_list("email", flat=True)), org, review, pending
        )
    if task is not None and task.is_open:
        reason = f"The deadline passed; {len(pending)} grant(s) not confirmed were revoked."
        cancel_task(task, actor=None, reason=reason, expire=True)
    return len(pending)


def lapse_overdue_reviews(*, today: datetime.date | None = None) -> int:
    """The daily deadline sweep: lapse every open review whose deadline has passed, each in
    its own transaction (a refusal in one does not undo the others). Grants lapsed in all."""
    today = today or timezone.localdate()
    overdue = AccessReview.objects.filter(
        Q(state=AccessReview.State.OPEN), deadline__lt=today
    ).order_by("organization_id", "pk")
    return sum(lapse_review(review, today=today, actor=None) for review in overdue)
