"""Fetch-and-authorize for systems and grants: invisible is 404, like missing."""

from django.utils.translation import gettext_lazy as _

from core.access import as_id
from core.errors import NotFound, require
from core.text import end_sentence, sentence
from registry.models import Organization, Person
from systems.models import (
    AccessGrant,
    AccessReview,
    AccessReviewCampaign,
    AccessReviewItem,
    InformationSystem,
    MachineAccount,
)


def get_system(code) -> InformationSystem:
    """An active system of the catalogue, by code."""
    text = str(code or "").strip()[:40]
    system = InformationSystem.objects.filter(code=text, is_active=True).first() if text else None
    if system is None:
        raise NotFound(sentence(_("There is no information system called {text!r}."), text=text))
    return system


def get_grant_for(user, org: Organization, grant_id) -> AccessGrant:
    """A grant of `org` (which the caller already got through access), else NotFound."""
    number = as_id(grant_id)
    grant = (
        AccessGrant.objects.select_related("person", "system")
        .filter(pk=number, organization=org)
        .first()
        if number is not None
        else None
    )
    if grant is None:
        raise NotFound(
            sentence(
                _("No access grant {number} of {org} is visible to you."),
                number=grant_id,
                org=org.legal_name,
            )
        )
    return grant


def get_grantee(org: Organization, person_id) -> Person:
    """The person named in a grant request, found by Person ID whatever their organization.

    Whether they belong to `org` is the grant service's rule (it refuses, and audits the
    refusal); the message is the same for a stranger and for nobody at all.
    """
    number = as_id(person_id)
    person = Person.objects.filter(person_id=number).first() if number is not None else None
    if person is None:
        raise NotFound(
            sentence(
                _("No person with ID {number} belongs to {org}."),
                number=person_id,
                org=end_sentence(org.legal_name),
            )
        )
    return person


def _require_review_reader(user, org: Organization) -> None:
    """Access reviews are for the organization's Rights Administrators and operator staff."""
    from systems.rules import can_grant_access

    require(
        can_grant_access(user, org),
        sentence(
            _("Only a Rights Administrator of {org} can see its access reviews."),
            org=org.legal_name,
        ),
    )


def get_organization_with_reviews_for(user, org_id) -> Organization:
    """An organization whose access reviews the user may see (others' are not found; one's
    own without the role is forbidden)."""
    from registry.access import get_organization_for

    org = get_organization_for(user, org_id)
    _require_review_reader(user, org)
    return org


def get_review_for(user, review_id) -> AccessReview:
    """An access review the user may decide: a Rights Administrator of its organization, or
    operator staff. Another organization's review is not found; a review of one's own
    organization without the role is forbidden."""
    review = find_review_to_decide(review_id)
    if not Organization.objects.visible_to(user).filter(pk=review.organization_id).exists():
        raise NotFound(
            sentence(_("No access review {number} is visible to you."), number=review_id)
        )
    _require_review_reader(user, review.organization)
    return review


def require_campaign_reader(user) -> None:
    """The list of campaigns is operator staff's (the API answers others 403)."""
    from registry.rules import is_operator_staff

    require(is_operator_staff(user), _("Only operator staff can see access reviews."))


def find_review_to_decide(review_id) -> AccessReview:
    """The review a decision names, for the decision services, which authorize it themselves
    so that a refusal (an outsider: not found, like a missing review) is audited."""
    number = as_id(review_id)
    review = (
        AccessReview.objects.select_related("organization", "campaign", "task")
        .filter(pk=number)
        .first()
        if number is not None
        else None
    )
    if review is None:
        raise NotFound(
            sentence(_("No access review {number} is visible to you."), number=review_id)
        )
    return review


def get_review_item(review: AccessReview, item_id) -> AccessReviewItem:
    number = as_id(item_id)
    item = review.items.filter(pk=number).first() if number is not None else None
    if item is None:
        raise NotFound(
            sentence(
                _("No item {number} in access review {review} is visible to you."),
                number=item_id,
                review=review.pk,
            )
        )
    return item


def get_campaign_for(user, campaign_id) -> AccessReviewCampaign:
    """Campaigns are operator staff's: to anyone else they do not exist."""
    from registry.rules import is_operator_staff

    number = as_id(campaign_id)
    campaign = (
        AccessReviewCampaign.objects.filter(pk=number).first()
        if number is not None and is_operator_staff(user)
        else None
    )
    if campaign is None:
        raise NotFound(
            sentence(_("No access review campaign {number} is visible to you."), number=campaign_id)
        )
    return campaign


def get_machine_account_for(user, org: Organization, account_id) -> MachineAccount:
    """A machine account of `org` (which the caller already got through access), else NotFound."""
    number = as_id(account_id)
    account = (
        MachineAccount.objects.select_related("organization", "system", "owner", "application")
        .filter(pk=number, organization=org)
        .first()
        if number is not None
        else None
    )
    if account is None:
        raise NotFound(
            sentence(
                _("No machine account {number} of {org} is visible to you."),
                number=account_id,
                org=org.legal_name,
            )
        )
    return account
