"""The SCIM 2.0 wire format (RFC 7643 resources, RFC 7644 messages): what the portal's persons
and role types look like to an identity provider, and its errors."""

import json

from django.http import HttpResponse
from django.urls import reverse

from core.errors import DomainError

CONTENT_TYPE = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"

MAX_COUNT = 200
DEFAULT_COUNT = 100

# The portal's refusal codes, as SCIM names them (RFC 7644 §3.12).
SCIM_TYPES = {
    "duplicate_person": "uniqueness",
    "user_name_taken": "uniqueness",
    "role_held": "uniqueness",
    "already_member": "uniqueness",
}


# The registry's field names, as a SCIM client knows them.
FIELD_LABELS = {
    "first_name": "Given name (name.givenName)",
    "last_name": "Family name (name.familyName)",
    "job_title": "Title (title)",
    "email": "Business e-mail (emails)",
    "phone": "Telephone (phoneNumbers)",
    "name": "Token name",
}


class ScimError(Exception):
    """An answer in the SCIM error schema: an HTTP status, a `scimType` and a sentence."""

    def __init__(self, status: int, detail: str, scim_type: str | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.scim_type = scim_type


def from_domain_error(exc: DomainError) -> ScimError:
    """The portal's refusal, in SCIM's words. A rule the request breaks (the last holder of a
    mandatory role) is 409 `mutability`: the resource's current state forbids it; bad input is
    400 `invalidValue`, its per-field sentences in the detail."""
    if exc.status == 422:
        fields = [
            f"{FIELD_LABELS.get(name, name)}: {message}"
            for name, messages in exc.fields.items()
            for message in messages
        ]
        detail = " ".join([exc.message, *fields]) if fields else exc.message
        return ScimError(400, detail, "invalidValue")
    if exc.status == 409:
        return ScimError(409, exc.message, SCIM_TYPES.get(exc.code, "mutability"))
    return ScimError(exc.status if exc.status in {403, 404, 429} else 400, exc.message)


def error_body(error: ScimError) -> dict:
    body = {"schemas": [ERROR], "status": str(error.status), "detail": error.detail}
    if error.scim_type:
        body["scimType"] = error.scim_type
    return body


def answer(body: dict | None, status: int = 200, *, location: str | None = None) -> HttpResponse:
    response = HttpResponse(
        b"" if body is None else json.dumps(body), status=status, content_type=CONTENT_TYPE
    )
    if body is None:
        del response["Content-Type"]
    if location:
        response["Location"] = location
    return response


def error_answer(error: ScimError) -> HttpResponse:
    response = answer(error_body(error), error.status)
    if error.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="scim"'
    return response


def base_url(request) -> str:
    return request.build_absolute_uri(reverse("scim-root")).rstrip("/")


def _stamp(value) -> str:
    return value.isoformat().replace("+00:00", "Z")


def user_name_of(person, identities: dict) -> str:
    """The identity provider's name for the member, else their business e-mail."""
    identity = identities.get(person.pk)
    return identity.user_name if identity is not None else person.email


def user_resource(person, *, base: str, roles, identity=None) -> dict:
    """A member of the organization as a SCIM User. `roles`: the role types they hold there."""
    location = f"{base}/Users/{person.person_id}"
    body = {
        "schemas": [USER],
        "id": str(person.person_id),
        "userName": identity.user_name if identity is not None else person.email,
        "name": {
            "formatted": person.full_name,
            "familyName": person.last_name,
            "givenName": person.first_name,
        },
        "displayName": person.full_name,
        "emails": [{"value": person.email, "type": "work", "primary": True}],
        "phoneNumbers": [{"value": person.phone, "type": "work"}] if person.phone else [],
        "active": True,
        "groups": [
            {
                "value": role.code,
                "display": role.name,
                "$ref": f"{base}/Groups/{role.code}",
                "type": "direct",
            }
            for role in roles
        ],
        "meta": {
            "resourceType": "User",
            "created": _stamp(person.created_at),
            "lastModified": _stamp(person.updated_at),
            "location": location,
        },
    }
    if person.job_title:
        body["title"] = person.job_title
    if identity is not None and identity.external_id:
        body["externalId"] = identity.external_id
    return body


def group_resource(role_type, *, base: str, holders) -> dict:
    """A role type of the organization as a SCIM Group: its members are its holders there."""
    return {
        "schemas": [GROUP],
        "id": role_type.code,
        "displayName": role_type.name,
        "members": [
            {
                "value": str(person.person_id),
                "display": person.full_name,
                "$ref": f"{base}/Users/{person.person_id}",
                "type": "User",
            }
            for person in holders
        ],
        "meta": {"resourceType": "Group", "location": f"{base}/Groups/{role_type.code}"},
    }


def list_body(resources: list[dict], *, total: int, start: int) -> dict:
    return {
        "schemas": [LIST],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": len(resources),
        "Resources": resources,
    }


def paging(request) -> tuple[int, int]:
    """RFC 7644 §3.4.2.4: `startIndex` is 1-based (less than 1 is 1), `count` at most
    MAX_COUNT (negative is 0)."""
    try:
        start = int(request.GET.get("startIndex", 1))
        count = int(request.GET.get("count", DEFAULT_COUNT))
    except ValueError:
        raise ScimError(
            400, "The startIndex and count must be whole numbers.", "invalidValue"
        ) from None
    return max(start, 1), min(max(count, 0), MAX_COUNT)


def service_provider_config(base: str) -> dict:
    return {
        "schemas": [SPC],
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": True, "maxResults": MAX_COUNT},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [
            {
                "type": "oauthbearertoken",
                "name": "OAuth Bearer Token",
                "description": "A SCIM token issued by a Primary Contact or Rights Administrator "
                "of the organization, on its SCIM provisioning page.",
                "primary": True,
            }
        ],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": f"{base}/ServiceProviderConfig",
        },
    }


def resource_types(base: str) -> list[dict]:
    return [
        {
            "schemas": [RESOURCE_TYPE],
            "id": "User",
            "name": "User",
            "endpoint": "/Users",
            "description": "A member of the organization (a registered person)",
            "schema": USER,
            "meta": {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/User"},
        },
        {
            "schemas": [RESOURCE_TYPE],
            "id": "Group",
            "name": "Group",
            "endpoint": "/Groups",
            "description": "A registration role: its members hold it in the organization",
            "schema": GROUP,
            "meta": {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/Group"},
        },
    ]


def _attr(
    name,
    type_="string",
    *,
    multi=False,
    required=False,
    mutability="readWrite",
    sub=None,
    uniqueness="none",
    description="",
):
    attribute = {
        "name": name,
        "type": type_,
        "multiValued": multi,
        "description": description,
        "required": required,
        "caseExact": False,
        "mutability": mutability,
        "returned": "default",
        "uniqueness": uniqueness,
    }
    if sub:
        attribute["subAttributes"] = sub
    return attribute


def _required_values(name, *more, description):
    """A required multi-valued attribute of typed values (emails, phoneNumbers)."""
    return _attr(
        name,
        "complex",
        multi=True,
        required=True,
        sub=[_attr("value", required=True), _attr("type"), *more],
        description=description,
    )


def schemas(base: str) -> list[dict]:
    """The attributes the portal supports (RFC 7643 §7), no more."""
    user = [
        _attr(
            "userName",
            required=True,
            uniqueness="server",
            description="The identity provider's name for the member; by default the "
            "business e-mail.",
        ),
        _attr(
            "name",
            "complex",
            sub=[
                _attr("formatted", mutability="readOnly"),
                _attr("familyName", required=True),
                _attr("givenName", required=True),
            ],
            description="Kept current by the person on Manage My Information.",
        ),
        _attr("displayName", mutability="readOnly"),
        _attr("title", description="Job title."),
        _required_values(
            "emails",
            _attr("primary", "boolean"),
            description="The business e-mail, unique in the registry.",
        ),
        _required_values("phoneNumbers", description="The business telephone, stored in E.164."),
        _attr(
            "active",
            "boolean",
            description="false removes the person from the organization with their roles.",
        ),
        _attr("externalId", description="The identity provider's own identifier."),
        _attr(
            "groups",
            "complex",
            multi=True,
            mutability="readOnly",
            sub=[
                _attr("value", mutability="readOnly"),
                _attr("display", mutability="readOnly"),
            ],
            description="The roles held in the organization; change them through Groups.",
        ),
    ]
    group = [
        _attr(
            "displayName",
            required=True,
            mutability="readOnly",
            description="The role's name (role types are the operator's data).",
        ),
        _attr(
            "members",
            "complex",
            multi=True,
            sub=[
                _attr("value", required=True, mutability="immutable"),
                _attr("display", mutability="readOnly"),
            ],
            description="The members who hold the role.",
        ),
    ]
    return [
        {
            "schemas": [SCHEMA],
            "id": USER,
            "name": "User",
            "description": "A member of the organization",
            "attributes": user,
            "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{USER}"},
        },
        {
            "schemas": [SCHEMA],
            "id": GROUP,
            "name": "Group",
            "description": "A registration role of the organization",
            "attributes": group,
            "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{GROUP}"},
        },
    ]
