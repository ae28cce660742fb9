"""The certification's JSON operations: Schema in -> access -> the same service as the pages."""

from datetime import date, datetime

from ninja import Field, Query, Router, Status

from certification import queries, services
from certification.access import get_certification_for
from certification.rules import can_read_certification
from core.api import Filled, In, ListParams, Page, Schema, page, responses
from core.errors import Forbidden, NotFound
from registry.access import get_organization_for, require_staff
from systems.api import CampaignIn
from tasks.services import approve_task

router = Router(tags=["certification"])


class EntryOut(Schema):
    key: str = Field(description="Stable: contact:<role>:<person_id>, section:<id>, "
                     "member:<person_id>, grant:<id> or machine:<id>.")  # fmt: skip
    kind: str = Field(description="contact, section, member, grant or machine")
    title: str
    what: str
    facts: dict[str, str]
    last_use: str
    status: str = Field(description="confirmed, to_confirm, or changed (since confirmed)")
    confirmed_by: str | None
    confirmed_at: datetime | None


class RemovedOut(Schema):
    key: str
    kind: str
    title: str
    what: str


class CertificationOut(Schema):
    certification_id: int
    org_id: int
    campaign: str
    state: str = Field(description="open, escalated (to operator staff) or attested")
    deadline: date
    task_id: int | None
    attested_by: str | None
    attested_at: datetime | None
    sha256: str | None = Field(description="SHA-256 of the certified list, once attested.")


class CertificationDetailOut(CertificationOut):
    pending: int = Field(description="Entries still to confirm (0 after attesting).")
    entries: list[EntryOut]
    removed: list[RemovedOut] = Field(description="On the list when it opened, gone since.")


class ConfirmIn(In):
    key: Filled(120)


class AttestIn(In):
    comment: str = Field("", max_length=2000)


class CertificationCampaignOut(Schema):
    campaign_id: int
    name: str
    deadline: date
    state: str
    all_organizations: bool
    certifications: int
    open: int
    escalated: int
    attested: int


def _out(cert) -> dict:
    return {
        "certification_id": cert.pk,
        "org_id": cert.organization.org_id,
        "campaign": cert.campaign.name,
        "state": cert.state,
        "deadline": cert.deadline,
        "task_id": cert.task_id,
        "attested_by": cert.attested_by_label or None,
        "attested_at": cert.attested_at,
        "sha256": cert.digest or None,
    }


def _status(row) -> str:
    return "confirmed" if row.confirmed else "changed" if row.changed else "to_confirm"


def _detail(cert) -> dict:
    if cert.state == cert.State.ATTESTED:
        entries = [{**e, "status": "confirmed", "confirmed_by": None, "confirmed_at": None}
                   for e in cert.snapshot]  # fmt: skip
        return {**_out(cert), "pending": 0, "entries": entries, "removed": []}
    reading = queries.read(cert)
    return {
        **_out(cert),
        "pending": reading.pending,
        "entries": [
            {
                **r.entry.certified(),
                "status": _status(r),
                "confirmed_by": r.confirmation.confirmed_by_label if r.confirmed else None,
                "confirmed_at": r.confirmation.confirmed_at if r.confirmed else None,
            }
            for r in reading.rows
        ],
        "removed": reading.removed,
    }


def _campaign_out(campaign) -> dict:
    return {
        "campaign_id": campaign.pk,
        "name": campaign.name,
        "deadline": campaign.deadline,
        "state": campaign.state,
        "all_organizations": campaign.all_organizations,
        "certifications": campaign.total,
        "open": campaign.open_count,
        "escalated": campaign.escalated_count,
        "attested": campaign.attested_count,
    }


@router.get(
    "/organizations/{org_id}/certifications",
    response=responses(200, Page[CertificationOut], 403, 404),
    operation_id="list_certifications",
    summary="The organization's certifications, newest first (Authorized Representatives, "
    "Primary Contacts, operator staff)",
)
def list_certifications(request, org_id: int, params: Query[ListParams]):
    org = get_organization_for(request.auth, org_id)
    if not can_read_certification(request.auth, org):
        raise Forbidden(
            f"Only the Authorized Representatives and Primary Contacts of {org.legal_name} (and "
            f"operator staff) read its certifications."
        )
    result = page(queries.certifications_of(org), params)
    for cert in result["items"]:
        cert.organization = org
    return {"items": [_out(c) for c in result["items"]], "count": result["count"]}


@router.get(
    "/organizations/{org_id}/certifications/{certification_id}",
    response=responses(200, CertificationDetailOut, 403, 404),
    operation_id="get_certification",
    summary="A certification with every entry of the list and whether it stands confirmed",
)
def get_certification(request, org_id: int, certification_id: int):
    return _detail(get_certification_for(request.auth, org_id, certification_id))


@router.post(
    "/organizations/{org_id}/certifications/{certification_id}/confirm",
    response=responses(200, CertificationDetailOut, 403, 404, 409),
    operation_id="confirm_certification_entry",
    summary="Confirm one entry of the list as it reads now (Authorized Representatives)",
)
def confirm_entry(request, org_id: int, certification_id: int, payload: ConfirmIn):
    cert = get_certification_for(request.auth, org_id, certification_id)
    services.confirm_entry(cert, payload.key, actor=request.auth)
    return _detail(get_certification_for(request.auth, org_id, certification_id))


@router.post(
    "/organizations/{org_id}/certifications/{certification_id}/confirm-all",
    response=responses(200, CertificationDetailOut, 403, 404, 409),
    operation_id="confirm_all_certification_entries",
    summary="Confirm every entry still to confirm, as it reads now",
)
def confirm_all(request, org_id: int, certification_id: int):
    cert = get_certification_for(request.auth, org_id, certification_id)
    services.confirm_all(cert, actor=request.auth)
    return _detail(get_certification_for(request.auth, org_id, certification_id))


@router.post(
    "/organizations/{org_id}/certifications/{certification_id}/attest",
    response=responses(200, CertificationDetailOut, 403, 404, 409),
    operation_id="attest_certification",
    summary="Attest the list (every entry confirmed): who, when and its SHA-256 are recorded",
)
def attest(request, org_id: int, certification_id: int, payload: AttestIn):
    cert = get_certification_for(request.auth, org_id, certification_id)
    if cert.task is None:
        raise NotFound("This certification has no task to attest.")
    approve_task(cert.task, actor=request.auth, comment=payload.comment)
    return _detail(get_certification_for(request.auth, org_id, certification_id))


@router.get(
    "/certification-campaigns",
    response=responses(200, Page[CertificationCampaignOut], 404),
    operation_id="list_certification_campaigns",
    summary="Certification campaigns with their progress (operator staff)",
)
def list_campaigns(request, params: Query[ListParams]):
    require_staff(request.auth)
    return page(queries.campaigns_with_progress(), params, out=_campaign_out)


@router.post(
    "/certification-campaigns",
    response=responses(201, CertificationCampaignOut, 403, 404, 409),
    operation_id="start_certification_campaign",
    summary="Ask all or some organizations to certify their registration (operator staff)",
)
def start_campaign(request, payload: CampaignIn):
    campaign = services.start_campaign(
        name=payload.name,
        deadline=payload.deadline,
        organizations=payload.org_ids,
        actor=request.auth,
    )
    return Status(201, _campaign_out(queries.campaigns_with_progress().get(pk=campaign.pk)))
