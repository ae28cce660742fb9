"""The systems app's JSON operations: Schema in -> access -> the same service as the pages."""

from datetime import date

from ninja import Field, Query, Router, Status

from apitokens.auth import service_auth
from config.api import In, ListParams, Page, Schema, page, responses
from core.errors import Invalid, NotFound
from registry.access import get_member_for, get_organization_for, get_person_by_number
from systems import queries, services
from systems.access import get_grant_for, get_system

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
    expires: date | None = Field(None, description="The last day the access counts.")


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
        raise Invalid("Some details need correcting.", fields={"system": [exc.message]}) from None


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
    return page([_grant_out(g) for g in queries.grants_of(org)], params)


@router.post(
    "/organizations/{org_id}/access",
    response=responses(201, GrantOut, 403, 404, 409),
    operation_id="grant_access",
    summary="Grant (or change) a member's access to a system (Rights Administrators)",
)
def grant_access(request, org_id: int, payload: GrantIn):
    org = get_organization_for(request.auth, org_id)
    system = _referenced_system(payload.system)
    try:
        person = get_person_by_number(payload.person_id)
    except NotFound:
        # The same answer as for a person of another organization, which the service gives.
        raise NotFound(
            f"No person with ID {payload.person_id} belongs to {org.legal_name}."
        ) from None
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
