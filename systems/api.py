"""The systems app's JSON operations: Schema in -> access -> the same service as the pages."""

from datetime import date, datetime
from types import SimpleNamespace
from typing import Annotated

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Status

from apitokens.auth import service_auth
from core.api import Filled, In, IsoDate, ListParams, Page, Schema, page, responses
from core.errors import Invalid, NotFound
from core.text import sentence
from registry.access import get_member_for, get_organization_for, get_person_by_number
from systems import machines, queries, reviews, services
from systems.access import (
    find_review_to_decide,
    get_grant_for,
    get_machine_account_for,
    get_organization_with_reviews_for,
    get_review_for,
    get_review_item,
    get_system,
    require_campaign_reader,
)
from systems.models import AccessReviewItem

router = Router(tags=["access"])

SystemCode = Field(..., min_length=1, max_length=40, description="A system code, e.g. mpi.")
Level = Field(None, min_length=1, max_length=40, description="Defaults to the lowest level.")


class SystemOut(Schema):
    code: str
    name: str
    description: str
    levels: list[str]
    open_to_all: bool


class GrantOut(Schema):
    grant_id: int
    person_id: int
    system: str
    level: str
    expires: date | None


class GrantIn(In):
    person_id: int = Field(..., ge=1, le=2**31 - 1, description="A Person ID.")
    system: str = SystemCode
    level: str | None = Level
    expires: IsoDate | None = Field(None, description="The last day the access counts.")


class AccessRequestIn(In):
    system: str = SystemCode
    level: str | None = Level
    reason: str = Field("", max_length=1000)


class AccessRequestOut(Schema):
    task_id: int
    request_id: int
    system: str
    level: str


class PermissionOut(Schema):
    area: str
    what: str
    because: str


class ExplanationOut(Schema):
    org_id: int
    person_id: int
    is_member: bool
    roles: list[str]
    permissions: list[PermissionOut]


class CheckParams(Schema):
    org_id: int = Field(..., ge=1, le=2**31 - 1)
    person_id: int = Field(..., ge=1, le=2**31 - 1)
    system: str = SystemCode
    level: str | None = Level


class CheckOut(Schema):
    allowed: bool
    reason: str = Field(description="grant, open_to_all, no_grant, not_member, unknown_...")
    grant_id: int | None
    granted_level: str | None
    expires: date | None


def _grant_out(grant) -> dict:
    return {
        "grant_id": grant.pk,
        "person_id": grant.person.person_id,
        "system": grant.system.code,
        "level": grant.level,
        "expires": grant.expires,
    }


def _referenced_system(code: str):
    """A system named in a request body: unknown is bad input (422)."""
    try:
        return get_system(code)
    except NotFound as exc:
        raise Invalid(
            _("Some details need correcting."), fields={"system": [exc.message]}
        ) from None


def _referenced_person(org, person_id: int):
    """The person a payload names by Person ID; no such person is answered as a person of
    another organization is (by the service): they do not belong to `org`."""
    try:
        return get_person_by_number(person_id)
    except NotFound:
        raise NotFound(
            sentence(
                _("No person with ID {number} belongs to {org}."),
                number=person_id,
                org=org.legal_name,
            )
        ) from None


@router.get(
    "/systems",
    response=responses(200, Page[SystemOut]),
    operation_id="list_systems",
    summary="The operator's information systems",
)
def list_systems(request, params: Query[ListParams]):
    return page(queries.systems(), params)


@router.get(
    "/organizations/{org_id}/access",
    response=responses(200, Page[GrantOut], 404),
    operation_id="list_access",
    summary="Who may use which system on behalf of the organization",
)
def list_access(request, org_id: int, params: Query[ListParams]):
    org = get_organization_for(request.auth, org_id)
    return page(list(queries.grants_of(org)), params, out=_grant_out)


@router.post(
    "/organizations/{org_id}/access",
    response=responses(201, GrantOut, 403, 404, 409),
    operation_id="grant_access",
    summary="Grant (or change) a member's access to a system (Rights Administrators)",
)
def grant_access(request, org_id: int, payload: GrantIn):
    org = get_organization_for(request.auth, org_id)
    system = _referenced_system(payload.system)
    person = _referenced_person(org, payload.person_id)
    grant = services.grant_access(
        org, person, system, level=payload.level, expires=payload.expires, actor=request.auth
    )
    return Status(201, _grant_out(grant))


@router.delete(
    "/organizations/{org_id}/access/{grant_id}",
    response=responses(204, None, 403, 404, 409),
    operation_id="revoke_access",
    summary="Revoke an access grant (Rights Administrators)",
)
def revoke_access(request, org_id: int, grant_id: int):
    org = get_organization_for(request.auth, org_id)
    grant = get_grant_for(request.auth, org, grant_id)
    services.revoke_access(org, grant, actor=request.auth)
    return Status(204, None)


@router.post(
    "/organizations/{org_id}/access-requests",
    response=responses(201, AccessRequestOut, 403, 404, 409),
    operation_id="request_access",
    summary="Ask the organization's Rights Administrators for access (a task for them)",
)
def request_access(request, org_id: int, payload: AccessRequestIn):
    org = get_organization_for(request.auth, org_id)
    system = _referenced_system(payload.system)
    access_request = services.request_access(
        org, system, level=payload.level, reason=payload.reason, actor=request.auth
    )
    return Status(
        201,
        {
            "task_id": access_request.task_id,
            "request_id": access_request.pk,
            "system": system.code,
            "level": access_request.level,
        },
    )


@router.get(
    "/organizations/{org_id}/persons/{person_id}/permissions",
    response=responses(200, ExplanationOut, 404),
    operation_id="explain_permissions",
    summary="What can this person do in the organization, and why",
)
def explain_permissions(request, org_id: int, person_id: int):
    org = get_organization_for(request.auth, org_id)
    person = get_member_for(request.auth, org, person_id)
    explanation = queries.explain(org, person)
    return {
        "org_id": org.org_id,
        "person_id": person.person_id,
        "is_member": explanation.is_member,
        "roles": [r.code for r in explanation.roles],
        "permissions": [
            {"area": p.area, "what": p.what, "because": p.because} for p in explanation.permissions
        ],
    }


@router.get(
    "/access/check",
    auth=service_auth,
    response=responses(200, CheckOut, 403),
    operation_id="check_access",
    summary="May person P use system S at level L on behalf of organization O? (service token)",
)
def check_access(request, params: Query[CheckParams]):
    answer = queries.check_access(
        org_id=params.org_id, person_id=params.person_id, system=params.system, level=params.level
    )
    return {
        "allowed": answer.allowed,
        "reason": answer.reason,
        "grant_id": answer.grant_id,
        "granted_level": answer.granted_level,
        "expires": answer.expires,
    }


class MachineCheckParams(Schema):
    org_id: int = Field(..., ge=1, le=2**31 - 1)
    client_id: str = Field(
        ..., min_length=1, max_length=100, description="The machine account's OAuth client_id."
    )
    system: str = SystemCode
    level: str | None = Level


class MachineCheckOut(Schema):
    allowed: bool
    reason: str = Field(
        description="machine_account (allowed), no_grant, unknown_client, unknown_level, "
        "expired, revoked, requested, rejected, withdrawn"
    )
    machine_account_id: int | None
    granted_level: str | None
    expires: date | None


@router.get(
    "/access/check-machine",
    auth=service_auth,
    response=responses(200, MachineCheckOut, 403),
    operation_id="check_machine_access",
    summary="May machine client C use system S at level L on behalf of organization O? "
    "(service token)",
)
def check_machine_access(request, params: Query[MachineCheckParams]):
    answer = queries.check_machine_access(
        org_id=params.org_id, client_id=params.client_id, system=params.system, level=params.level
    )
    return {
        "allowed": answer.allowed,
        "reason": answer.reason,
        "machine_account_id": answer.grant_id,
        "granted_level": answer.granted_level,
        "expires": answer.expires,
    }


# --- Machine accounts -----------------------------------------------------------------------


class MachineAccountOut(Schema):
    machine_account_id: int
    name: str
    purpose: str
    system: str
    level: str
    owner_person_id: int
    state: str = Field(description="requested, active, rejected, withdrawn, revoked or expired")
    client_id: str | None = Field(description="Set once approved; never the secret.")
    expires: date | None
    renewal_pending: bool


class MachineAccountIn(In):
    name: Filled(120)
    purpose: Filled(1000)
    system: str = SystemCode
    level: str | None = Level
    owner_person_id: int = Field(..., ge=1, le=2**31 - 1, description="The owner's Person ID.")


def _machine_out(account) -> dict:
    return {
        "machine_account_id": account.pk,
        "name": account.name,
        "purpose": account.purpose,
        "system": account.system.code,
        "level": account.level,
        "owner_person_id": account.owner.person_id,
        "state": account.state,
        "client_id": account.client_id or None,
        "expires": account.expires,
        "renewal_pending": account.renewal_task_id is not None,
    }


@router.get(
    "/organizations/{org_id}/machine-accounts",
    response=responses(200, Page[MachineAccountOut], 404),
    operation_id="list_machine_accounts",
    summary="The organization's machine accounts",
)
def list_machine_accounts(request, org_id: int, params: Query[ListParams]):
    org = get_organization_for(request.auth, org_id)
    return page(list(queries.machine_accounts_of(org)), params, out=_machine_out)


@router.post(
    "/organizations/{org_id}/machine-accounts",
    response=responses(201, MachineAccountOut, 403, 404, 409),
    operation_id="request_machine_account",
    summary="Ask for a machine account; another Rights Administrator approves (a task)",
)
def request_machine_account(request, org_id: int, payload: MachineAccountIn):
    org = get_organization_for(request.auth, org_id)
    system = _referenced_system(payload.system)
    owner = _referenced_person(org, payload.owner_person_id)
    account = machines.request_machine_account(
        org,
        system,
        owner=owner,
        name=payload.name,
        purpose=payload.purpose,
        level=payload.level,
        actor=request.auth,
    )
    return Status(201, _machine_out(account))


@router.delete(
    "/organizations/{org_id}/machine-accounts/{account_id}",
    response=responses(204, None, 403, 404, 409),
    operation_id="revoke_machine_account",
    summary="Revoke a machine account at once (its tokens stop working)",
)
def revoke_machine_account(request, org_id: int, account_id: int):
    org = get_organization_for(request.auth, org_id)
    account = get_machine_account_for(request.auth, org, account_id)
    machines.revoke_machine_account(account, actor=request.auth)
    return Status(204, None)


# --- Access reviews -------------------------------------------------------------------------


class ReviewOut(Schema):
    review_id: int
    org_id: int
    campaign: str | None = Field(
        description="The campaign's name; none for a review raised "
        "because a person lost every role."
    )
    person_id: int | None = Field(description="The person whose grants are reviewed, if one.")
    state: str = Field(description="open, completed or lapsed")
    deadline: date
    task_id: int | None
    pending: int
    confirmed: int
    revoked: int
    lapsed: int


class ReviewItemOut(Schema):
    item_id: int
    grant_id: int | None = Field(description="None once the grant is gone (or for a machine).")
    machine_account_id: int | None = Field(description="The machine account under review, if one.")
    person_id: int
    name: str
    system: str
    system_name: str
    level: str
    decision: str = Field(description="pending, confirmed, revoked or lapsed")
    decided_by: str | None
    decided_at: datetime | None


class ReviewDetailOut(ReviewOut):
    items: list[ReviewItemOut]


class CampaignIn(In):
    name: Filled(120)
    deadline: IsoDate = Field(
        ..., description="The campaign's last day (after today): to confirm grants, or attest."
    )
    org_ids: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(
        default_factory=list,
        max_length=1000,
        description="Organization IDs in scope; empty: every active organization.",
    )


class CampaignOut(Schema):
    campaign_id: int
    name: str
    deadline: date
    state: str
    all_organizations: bool
    reviews: int
    pending: int
    confirmed: int
    revoked: int
    lapsed: int


def _review_out(review, counts=None) -> dict:
    counts = counts or review
    return {
        "review_id": review.pk,
        "org_id": review.organization.org_id,
        "campaign": review.campaign.name if review.campaign_id else None,
        "person_id": review.person.person_id if review.person_id else None,
        "state": review.state,
        "deadline": review.deadline,
        "task_id": review.task_id,
        **{k: getattr(counts, k) for k in ("pending", "confirmed", "revoked", "lapsed")},
    }


def _review_detail(review) -> dict:
    items = list(
        review.items.select_related("system").order_by(
            "person_name", "person_number", "system_name", "pk"
        )
    )
    counts = SimpleNamespace(
        **{d: sum(1 for i in items if i.decision == d) for d in AccessReviewItem.Decision.values}
    )
    return {
        **_review_out(review, counts),
        "items": [
            {
                "item_id": i.pk,
                "grant_id": i.grant_id,
                "machine_account_id": i.machine_account_id,
                "person_id": i.person_number,
                "name": i.person_name,
                "system": i.system.code,
                "system_name": i.system_name,
                "level": i.level,
                "decision": i.decision,
                "decided_by": i.decided_by_label or None,
                "decided_at": i.decided_at,
            }
            for i in items
        ],
    }


def _campaign_out(campaign) -> dict:
    return {
        "campaign_id": campaign.pk,
        "name": campaign.name,
        "deadline": campaign.deadline,
        "state": campaign.state,
        "all_organizations": campaign.all_organizations,
        "reviews": campaign.review_count,
        **{k: getattr(campaign, k) for k in ("pending", "confirmed", "revoked", "lapsed")},
    }


def _decide(request, review_id: int, item_id: int | None, service) -> dict:
    """Access, then the review service (on one item, or on the whole review), then the review
    as it now stands."""
    review = find_review_to_decide(review_id)  # the service refuses outsiders (audited)
    if item_id is None:
        service(review, actor=request.auth)
    else:
        service(review, get_review_item(review, item_id), actor=request.auth)
    return _review_detail(get_review_for(request.auth, review_id))


@router.get(
    "/organizations/{org_id}/access-reviews",
    response=responses(200, Page[ReviewOut], 403, 404),
    operation_id="list_access_reviews",
    summary="The organization's access reviews with their progress (Rights Administrators)",
)
def list_access_reviews(request, org_id: int, params: Query[ListParams]):
    org = get_organization_with_reviews_for(request.auth, org_id)
    return page(queries.reviews_of(org), params, out=_review_out)


@router.get(
    "/access-reviews/{review_id}",
    response=responses(200, ReviewDetailOut, 403, 404),
    operation_id="get_access_review",
    summary="An access review with every grant under review",
)
def get_access_review(request, review_id: int):
    return _review_detail(get_review_for(request.auth, review_id))


@router.post(
    "/access-reviews/{review_id}/items/{item_id}/confirm",
    response=responses(200, ReviewDetailOut, 403, 404, 409),
    operation_id="confirm_review_item",
    summary="Confirm that the person keeps this access",
)
def confirm_review_item(request, review_id: int, item_id: int):
    return _decide(request, review_id, item_id, reviews.confirm_review_item)


@router.post(
    "/access-reviews/{review_id}/items/{item_id}/revoke",
    response=responses(200, ReviewDetailOut, 403, 404, 409),
    operation_id="revoke_review_item",
    summary="Revoke this access (the person is told)",
)
def revoke_review_item(request, review_id: int, item_id: int):
    return _decide(request, review_id, item_id, reviews.revoke_review_item)


@router.post(
    "/access-reviews/{review_id}/confirm-all",
    response=responses(200, ReviewDetailOut, 403, 404, 409),
    operation_id="confirm_all",
    summary="Confirm every undecided grant of the review except one's own",
)
def confirm_all(request, review_id: int):
    return _decide(request, review_id, None, reviews.confirm_all)


@router.get(
    "/access-review-campaigns",
    response=responses(200, Page[CampaignOut], 403),
    operation_id="list_review_campaigns",
    summary="Access review campaigns with their progress (operator staff)",
)
def list_review_campaigns(request, params: Query[ListParams]):
    require_campaign_reader(request.auth)
    return page(queries.campaigns_with_progress(), params, out=_campaign_out)


@router.post(
    "/access-review-campaigns",
    response=responses(201, CampaignOut, 403, 404, 409),
    operation_id="start_review_campaign",
    summary="Start an access review of all or some organizations (operator staff)",
)
def start_review_campaign(request, payload: CampaignIn):
    campaign = reviews.start_review_campaign(
        name=payload.name,
        deadline=payload.deadline,
        organizations=payload.org_ids,
        actor=request.auth,
    )
    return Status(201, _campaign_out(queries.campaigns_with_progress().get(pk=campaign.pk)))
