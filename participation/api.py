"""The participation operations of the JSON API: the same services as the pages.

States: an application is `in_progress`, `submitted`, `authorized`, `suspended` or
`withdrawn`; each requirement `pending`, `submitted`, `accepted` or `returned`."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, File, Query, Router, Status
from ninja.files import UploadedFile

from audit.sentences import describe
from conversations.access import get_thread_for
from conversations.api import (
    ConversationOut,
    ThreadCommentIn,
    ThreadCommentOut,
    add_comment,
    conversation_out,
)
from core.api import In, IsoDate, ListParams, Page, Schema, accepts_files, page, responses
from documents.api import upload_encoding
from participation import queries, services
from participation.access import get_application_for, get_participation_type
from participation.models import Application, Item
from registry.access import get_organization_for

router = Router(tags=["participation"])

APPLICATION_STATES = "in_progress, submitted, authorized, suspended or withdrawn"
ITEM_STATES = "pending, submitted, accepted or returned"


class RequirementOut(Schema):
    code: str
    name: str
    kind: str = Field(description="document, form, fee or roles.")
    instructions: str
    condition: str = Field(description="The yes/no question it depends on; empty: always.")
    fields: list[dict] = Field(description="form: [{name, label, max_length}].")
    fee_amount: Decimal | None
    currency: str
    roles: list[str] = Field(description="roles: the role codes to be held.")


class ParticipationTypeOut(Schema):
    code: str
    name: str
    description: str
    requirements: list[RequirementOut]


class ItemOut(Schema):
    code: str
    name: str
    kind: str
    state: str = Field(description=ITEM_STATES)
    return_reason: str
    submitted_at: datetime | None
    reviewed_at: datetime | None
    values: dict = Field(description="form: the values; roles: the holders found.")
    fee_reference: str
    fee_received: Decimal | None
    document_id: str | None = None


class ApplicationOut(Schema):
    application_id: int
    org_id: int
    participation_type: str
    state: str = Field(description=APPLICATION_STATES)
    answers: dict[str, bool]
    started_at: datetime
    submitted_at: datetime | None
    authorized_at: datetime | None
    effective_from: date | None
    suspended_at: datetime | None
    withdrawn_at: datetime | None
    requirements: list[ItemOut]


class TimelineEntryOut(Schema):
    at: datetime
    action: str
    actor: str
    text: str


class ApplicationDetailOut(ApplicationOut):
    timeline: list[TimelineEntryOut]


class ParticipationOut(Schema):
    application_id: int
    participation_type: str
    name: str
    state: str = Field(description="authorized, suspended or withdrawn.")
    effective_from: date | None
    authorized_at: datetime | None
    suspended_at: datetime | None
    withdrawn_at: datetime | None


class StartIn(In):
    participation_type: str = Field(..., max_length=60)
    answers: dict[str, bool] = Field(
        default_factory=dict,
        description="Requirement code -> the yes/no answer to its condition.",
        max_length=50,
    )


class ReasonIn(In):
    reason: str = Field(..., max_length=1000)


class FeeIn(In):
    reference: str = Field(..., max_length=100, description="The processor's reference.")
    amount: str = Field(..., max_length=20, description="The amount received, e.g. 1130.00.")


class AuthorizeIn(In):
    effective_from: IsoDate


class WithdrawIn(In):
    reason: str = Field("", max_length=500)


def _item_out(item: Item) -> dict:
    r = item.requirement
    document = getattr(item, "document", None)
    return {
        "code": r.code,
        "name": r.name,
        "kind": r.kind,
        "state": item.state,
        "return_reason": item.return_reason,
        "submitted_at": item.submitted_at,
        "reviewed_at": item.reviewed_at,
        "values": item.values or {},
        "fee_reference": item.fee_reference,
        "fee_received": item.fee_received,
        "document_id": str(document.pk) if document is not None else None,
    }


def _application_out(app: Application) -> dict:
    return {
        "application_id": app.pk,
        "org_id": app.organization.org_id,
        "participation_type": app.participation_type.code,
        "state": app.state,
        "answers": app.answers or {},
        "started_at": app.started_at,
        "submitted_at": app.submitted_at,
        "authorized_at": app.authorized_at,
        "effective_from": app.effective_from,
        "suspended_at": app.suspended_at,
        "withdrawn_at": app.withdrawn_at,
        "requirements": [_item_out(i) for i in app.items.all()],
    }


def _detail(app: Application) -> dict:
    return {
        **_application_out(app),
        "timeline": [
            {"at": e.at, "action": e.action, "actor": e.actor_label, "text": describe(e)}
            for e in queries.timeline(app)
        ],
    }


def _fresh(request, org_id, application_id) -> Application:
    return get_application_for(request.auth, org_id, application_id)


@router.get(
    "/participation-types",
    response=responses(200, Page[ParticipationTypeOut]),
    operation_id="list_participation_types",
    summary="The participation types organizations may apply for, with their requirements",
)
def list_participation_types(request, params: Query[ListParams]):
    result = page(queries.participation_types(), params)
    return {
        "items": [
            {
                "code": t.code,
                "name": t.name,
                "description": t.description,
                "requirements": [
                    {
                        "code": r.code,
                        "name": r.name,
                        "kind": r.kind,
                        "instructions": r.instructions,
                        "condition": r.condition,
                        "fields": r.fields or [],
                        "fee_amount": r.fee_amount,
                        "currency": r.currency,
                        "roles": [role.code for role in r.roles.all()],
                    }
                    for r in t.requirements.all()
                ],
            }
            for t in result["items"]
        ],
        "count": result["count"],
    }


@router.get(
    "/organizations/{org_id}/applications",
    response=responses(200, Page[ApplicationOut], 404),
    operation_id="list_applications",
    summary="The organization's participation applications, newest first",
)
def list_applications(request, org_id: int, params: Query[ListParams]):
    org = get_organization_for(request.auth, org_id)
    return page(
        queries.applications_of(org).select_related("organization"), params, out=_application_out
    )


@router.post(
    "/organizations/{org_id}/applications",
    response=responses(201, ApplicationOut, 403, 404, 409),
    operation_id="start_application",
    summary="Start an application for a participation type (Applicant and Authorized "
    "Representatives)",
)
def start_application(request, org_id: int, payload: StartIn):
    org = get_organization_for(request.auth, org_id)
    ptype = get_participation_type(payload.participation_type, offered_only=True)
    app = services.start_application(org, ptype, answers=payload.answers, actor=request.auth)
    return Status(201, _application_out(_fresh(request, org_id, app.pk)))


@router.get(
    "/organizations/{org_id}/applications/{application_id}",
    response=responses(200, ApplicationDetailOut, 404),
    operation_id="get_application",
    summary="An application: its requirements' states and its timeline",
)
def get_application(request, org_id: int, application_id: int):
    return _detail(_fresh(request, org_id, application_id))


@router.post(
    "/organizations/{org_id}/applications/{application_id}/requirements/{code}",
    response=responses(200, ItemOut, 403, 404, 409),
    operation_id="submit_requirement",
    summary="Hand in one requirement (multipart/form-data): a document requirement's `file` "
    "(checked by its content; 413 over the size limit, 422 a type not accepted), a form "
    "requirement's fields by name, a contact-roles requirement nothing (the roles held now are "
    "checked); a returned requirement is submitted again the same way",
    openapi_extra=upload_encoding(),
)
@accepts_files
def submit_requirement(
    request, org_id: int, application_id: int, code: str, file: File[UploadedFile] = None
):
    app = _fresh(request, org_id, application_id)
    data = {name: value for name, value in request.POST.items() if name != "file"}
    item = services.submit_requirement(app, code[:60], data=data, file=file, actor=request.auth)
    return _item_out(item)


@router.post(
    "/organizations/{org_id}/applications/{application_id}/submit",
    response=responses(200, ApplicationOut, 403, 404, 409),
    operation_id="submit_application",
    summary="Submit the application for review once every requirement is in",
)
def submit_application(request, org_id: int, application_id: int):
    app = _fresh(request, org_id, application_id)
    services.submit_application(app, actor=request.auth)
    return _application_out(_fresh(request, org_id, application_id))


@router.post(
    "/organizations/{org_id}/applications/{application_id}/withdraw",
    response=responses(200, ApplicationOut, 403, 404, 409),
    operation_id="withdraw_application",
    summary="Withdraw the application, or end the participation",
)
def withdraw_application(request, org_id: int, application_id: int, payload: WithdrawIn):
    app = _fresh(request, org_id, application_id)
    services.withdraw_application(app, reason=payload.reason, actor=request.auth)
    return _application_out(_fresh(request, org_id, application_id))


@router.get(
    "/organizations/{org_id}/participations",
    response=responses(200, Page[ParticipationOut], 404),
    operation_id="list_participations",
    summary="What the organization is or was authorized as (authorized since, suspended, "
    "withdrawn)",
)
def list_participations(request, org_id: int, params: Query[ListParams]):
    org = get_organization_for(request.auth, org_id)
    result = page(queries.participations_of(org), params)
    return {
        "items": [
            {
                "application_id": a.pk,
                "participation_type": a.participation_type.code,
                "name": a.participation_type.name,
                "state": a.state,
                "effective_from": a.effective_from,
                "authorized_at": a.authorized_at,
                "suspended_at": a.suspended_at,
                "withdrawn_at": a.withdrawn_at,
            }
            for a in result["items"]
        ],
        "count": result["count"],
    }


# --- Operator staff ---------------------------------------------------------------------------


@router.post(
    "/organizations/{org_id}/applications/{application_id}/requirements/{code}/accept",
    response=responses(200, ItemOut, 403, 404, 409),
    operation_id="accept_requirement",
    summary="Accept a submitted requirement (operator staff)",
)
def accept_requirement(request, org_id: int, application_id: int, code: str):
    app = _fresh(request, org_id, application_id)
    return _item_out(services.accept_requirement(app, code[:60], actor=request.auth))


@router.post(
    "/organizations/{org_id}/applications/{application_id}/requirements/{code}/return",
    response=responses(200, ItemOut, 403, 404, 409),
    operation_id="return_requirement",
    summary="Return a requirement for changes, with the reason (operator staff)",
)
def return_requirement(request, org_id: int, application_id: int, code: str, payload: ReasonIn):
    app = _fresh(request, org_id, application_id)
    item = services.return_requirement(app, code[:60], reason=payload.reason, actor=request.auth)
    return _item_out(item)


@router.post(
    "/organizations/{org_id}/applications/{application_id}/requirements/{code}/fee",
    response=responses(200, ItemOut, 403, 404, 409),
    operation_id="record_fee",
    summary="Record the fee as received: the processor's reference and the amount (operator "
    "staff); the receipt is e-mailed",
)
def record_fee(request, org_id: int, application_id: int, code: str, payload: FeeIn):
    app = _fresh(request, org_id, application_id)
    item = services.record_fee(app, code[:60], data=payload.model_dump(), actor=request.auth)
    return _item_out(item)


@router.post(
    "/organizations/{org_id}/applications/{application_id}/authorize",
    response=responses(200, ApplicationOut, 403, 404, 409),
    operation_id="authorize_application",
    summary="Authorize the participation from an effective date, every requirement accepted "
    "(operator staff)",
)
def authorize_application(request, org_id: int, application_id: int, payload: AuthorizeIn):
    app = _fresh(request, org_id, application_id)
    services.authorize_application(app, effective_from=payload.effective_from, actor=request.auth)
    return _application_out(_fresh(request, org_id, application_id))


@router.post(
    "/organizations/{org_id}/applications/{application_id}/suspend",
    response=responses(200, ApplicationOut, 403, 404, 409),
    operation_id="suspend_participation",
    summary="Suspend an authorized participation, with the reason (operator staff)",
)
def suspend_participation(request, org_id: int, application_id: int, payload: ReasonIn):
    app = _fresh(request, org_id, application_id)
    services.suspend_participation(app, reason=payload.reason, actor=request.auth)
    return _application_out(_fresh(request, org_id, application_id))


@router.post(
    "/organizations/{org_id}/applications/{application_id}/reinstate",
    response=responses(200, ApplicationOut, 403, 404, 409),
    operation_id="reinstate_participation",
    summary="Reinstate a suspended participation (operator staff)",
)
def reinstate_participation(request, org_id: int, application_id: int):
    app = _fresh(request, org_id, application_id)
    services.reinstate_participation(app, actor=request.auth)
    return _application_out(_fresh(request, org_id, application_id))


@router.get(
    "/organizations/{org_id}/applications/{application_id}/comments",
    response=responses(200, ConversationOut, 404),
    operation_id="get_application_conversation",
    summary="An application's conversation (the organization's members and operator staff), "
    "oldest first",
)
def get_application_conversation(request, org_id: int, application_id: int):
    app = get_application_for(request.auth, org_id, application_id)
    return conversation_out(get_thread_for(request.auth, "application", app.pk), request.auth)


@router.post(
    "/organizations/{org_id}/applications/{application_id}/comments",
    response=responses(201, ThreadCommentOut, 403, 404, 409),
    operation_id="comment_on_application",
    summary="Add a comment to an application's conversation (its applicants and operator "
    "staff; 409 thread_closed once withdrawn); everyone else in it is e-mailed",
)
def comment_on_application(request, org_id: int, application_id: int, payload: ThreadCommentIn):
    app = get_application_for(request.auth, org_id, application_id)
    thread = get_thread_for(request.auth, "application", app.pk)
    return add_comment(thread, payload, request.auth)
