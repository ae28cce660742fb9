"""Starting a campaign that asks organizations for something by a deadline: an access review
(systems.reviews) or a certification (the certification app). Both take the same fields, the
same scope rules and the same guard against two open campaigns of one name; each opens its own
per-organization work over the scope (`start_campaign`'s `open_one`), and a campaign that
opened nothing is closed at once."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from audit.log import record
from core.errors import NotFound, RuleViolation, require
from core.forms import validated
from core.text import sentence
from registry.models import Organization
from registry.rules import is_operator_staff


@dataclass(frozen=True)
class CampaignKind:
    """What differs between the two kinds of campaign: the model and form, the refusals'
    words (marked for translation), the audit action and the name of what it counts."""

    model: type[models.Model]
    form_class: type
    only_staff: str  # "Only operator staff can start an access review."
    duplicate: str  # "An access review called “{name}” is already under way; …"
    started: str  # the audit action: "access_review.campaign_started"
    counted: str  # the audit details' count: "reviews"


def refuse_campaign_scope(data: dict) -> None:
    """A deadline that is not still ahead breaks the campaign's rule (409); an Organization ID
    that names no active organization is not found (404). Both say so under their field."""
    problems = {}
    if data["deadline"] <= timezone.localdate():
        problems["deadline"] = [_("The deadline must be a day after today.")]
    found = set(
        Organization.objects.filter(org_id__in=data["organizations"], is_active=True).values_list(
            "org_id", flat=True
        )
    )
    missing = [str(n) for n in data["organizations"] if n not in found]
    if missing:
        problems["organizations"] = [_missing(missing)]
    if "organizations" in problems:
        raise NotFound(problems["organizations"][0], fields=problems)
    if problems:
        raise RuleViolation(problems["deadline"][0], code="deadline_passed", fields=problems)


def _missing(ids: list[str]):
    """ "No active organization has the ID 999999.", read in the reader's language."""
    return sentence(
        ngettext_lazy(
            "No active organization has the ID {ids}.",
            "No active organizations have the IDs {ids}.",
            len(ids),
        ),
        ids=", ".join(ids),
    )


def _open_campaign(
    kind: CampaignKind,
    *,
    name: str,
    deadline: datetime.date | str,
    organizations: Iterable[int] | str,
    actor,
):
    """Check and create a campaign of `kind`; the campaign, its cleaned data and the active
    organizations in its scope. The database's unique open name settles a double submission
    that passed the check at the same moment."""
    require(actor is not None and is_operator_staff(actor), kind.only_staff)
    if not isinstance(organizations, str):
        organizations = " ".join(str(n) for n in organizations)
    data = validated(
        kind.form_class(
            data={"name": name, "deadline": deadline or "", "organizations": organizations}
        )
    )
    refuse_campaign_scope(data)
    duplicate = RuleViolation(
        sentence(kind.duplicate, name=data["name"]), code="duplicate_campaign"
    )
    if kind.model.objects.filter(name__iexact=data["name"], state="open").exists():
        raise duplicate
    try:
        with transaction.atomic():
            campaign = kind.model.objects.create(
                name=data["name"],
                deadline=data["deadline"],
                all_organizations=not data["organizations"],
                started_by=actor,
            )
    except IntegrityError:
        raise duplicate from None
    scope = Organization.objects.filter(is_active=True)
    if data["organizations"]:
        scope = scope.filter(org_id__in=data["organizations"])
        campaign.organizations.set(scope)
    return campaign, data, scope.order_by("pk")


def start_campaign(
    kind: CampaignKind,
    *,
    name: str,
    deadline: datetime.date | str,
    organizations: Iterable[int] | str,
    open_one: Callable[[Organization, models.Model], bool],
    actor,
):
    """Start a campaign of `kind` and open its work for each organization in scope
    (`open_one(org, campaign)` says whether it opened any: an organization with nothing to
    review gets nothing). Nothing opened: the campaign is closed at once. Audited with the
    count of what was opened. Runs inside the caller's @service transaction."""
    campaign, data, scope = _open_campaign(
        kind, name=name, deadline=deadline, organizations=organizations, actor=actor
    )
    opened = sum(1 for org in scope if open_one(org, campaign))
    if not opened:
        campaign.state, campaign.closed_at = kind.model.State.CLOSED, timezone.now()
        campaign.save(update_fields=["state", "closed_at"])
    record(
        actor,
        kind.started,
        target=campaign,
        details={
            "name": campaign.name,
            "deadline": campaign.deadline.isoformat(),
            "organizations": data["organizations"] or "all",
            kind.counted: opened,
        },
    )
    return campaign
