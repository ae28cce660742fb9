"""The banking operations of the JSON API: masked, and the same services as the pages."""

from datetime import datetime

from ninja import Field, Router, Status

from banking import queries, services
from banking.access import get_banking_organization_for
from core.api import In, Schema, responses
from registry.access import get_organization_for
from tasks.models import Task

router = Router(tags=["banking"])


class MaskedOut(Schema):
    bank_name: str
    account: str = Field(description="Masked: ****1234.")
    currency: str
    version: int


class PendingOut(MaskedOut):
    change_id: int
    submitted_at: datetime
    task_id: int | None


class BankingOut(Schema):
    org_id: int
    current: MaskedOut | None
    pending: PendingOut | None


class ChangeIn(In):
    bank_name: str = Field(..., max_length=200)
    institution_number: str = Field(..., max_length=50, description="3 digits.")
    transit_number: str = Field(..., max_length=50, description="5 digits.")
    account_number: str = Field(..., max_length=50, description="5 to 12 digits.")
    currency: str = Field("CAD", max_length=10)
    document_id: int = Field(
        ...,
        ge=1,
        le=2**63 - 1,
        description="The supporting void cheque or bank letter, uploaded first with "
        "POST /organizations/{org_id}/documents and the purpose banking_change (404: not this "
        "organization's; 409 wrong_purpose or document_used: uploaded for something else, or "
        "already supporting another change).",
    )


class ChangeOut(Schema):
    change_id: int
    task_id: int


@router.get(
    "/organizations/{org_id}/banking",
    response=responses(200, BankingOut, 403, 404),
    operation_id="get_banking",
    summary="Banking information in force and any pending change, masked",
)
def get_banking(request, org_id: int):
    org = get_banking_organization_for(request.auth, org_id)
    summary = queries.banking_summary(org)
    current, pending = summary["current"], summary["pending"]
    task = (
        Task.objects.open().filter(kind=services.TASK_KIND, subject_id=pending.pk).first()
        if pending
        else None
    )
    return {
        "org_id": org.org_id,
        "current": {
            "bank_name": current.bank_name,
            "account": current.masked_account,
            "currency": current.currency,
            "version": current.version,
        }
        if current
        else None,
        "pending": {
            "change_id": pending.pk,
            "bank_name": pending.bank_name,
            "account": pending.masked_account,
            "currency": pending.currency,
            "version": pending.version,
            "submitted_at": pending.submitted_at,
            "task_id": task.pk if task else None,
        }
        if pending
        else None,
    }


@router.post(
    "/organizations/{org_id}/banking-changes",
    response=responses(202, ChangeOut, 403, 404, 409),
    operation_id="submit_banking_change",
    summary="Submit new banking information for approval (Invoicing and Banking Contacts)",
)
def submit_banking_change(request, org_id: int, payload: ChangeIn):
    org = get_organization_for(request.auth, org_id)
    data = payload.model_dump()
    document_id = data.pop("document_id")
    change = services.submit_banking_change(
        org, data=data, document_id=document_id, actor=request.auth
    )
    task = Task.objects.get(kind=services.TASK_KIND, subject_id=change.pk)
    return Status(202, {"change_id": change.pk, "task_id": task.pk})
