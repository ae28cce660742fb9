"""Starting a campaign that asks organizations for something by a deadline: an access review
(systems.reviews) or a certification (the certification app). Both take the same fields, the
same scope rules and the same guard against two open campaigns of one name; each then opens
its own per-organization work over the scope returned here."""

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from core.errors import NotFound, RuleViolation, require
from core.forms import validated
from registry.models import Organization
from registry.rules import is_operator_staff


def refuse_campaign_scope(data: dict) -> None:
    """A deadline that is not still ahead breaks the campaign's rule (409); an Organization ID
    that names no active organization is not found (404). Both say so under their field."""
    problems = {}
    if data["deadline"] <= timezone.localdate():
        problems["deadline"] = ["The deadline must be a day after today."]
    found = set(
        Organization.objects.filter(org_id__in=data["organizations"], is_active=True).values_list(
            "org_id", flat=True
        )
    )
    missing = [str(n) for n in data["organizations"] if n not in found]
    if missing:
        problems["organizations"] = [
            f"No active organization has the ID {', '.join(missing)}."
            if len(missing) == 1
            else f"No active organizations have the IDs {', '.join(missing)}."
        ]
    if "organizations" in problems:
        raise NotFound(problems["organizations"][0], fields=problems)
    if problems:
        raise RuleViolation(problems["deadline"][0], code="deadline_passed", fields=problems)


def open_campaign(
    model: type[models.Model],
    form_class,
    *,
    what: str,
    name: str,
    deadline: datetime.date | str,
    organizations: Iterable[int] | str,
    actor,
):
    """Check and create a campaign of `model` (`what` names it: "an access review"); the
    campaign, its cleaned data and the active organizations in its scope. The database's unique
    open name settles a double submission that passed the check at the same moment."""
    require(
        actor is not None and is_operator_staff(actor),
        f"Only operator staff can start {what}.",
    )
    if not isinstance(organizations, str):
        organizations = " ".join(str(n) for n in organizations)
    data = validated(
        form_class(data={"name": name, "deadline": deadline or "", "organizations": organizations})
    )
    refuse_campaign_scope(data)
    duplicate = RuleViolation(
        f"{what[0].upper()}{what[1:]} called “{data['name']}” is already under way; give this "
        f"one another name.",
        code="duplicate_campaign",
    )
    if model.objects.filter(name__iexact=data["name"], state="open").exists():
        raise duplicate
    try:
        with transaction.atomic():
            campaign = model.objects.create(
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
