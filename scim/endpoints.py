"""/scim/v2/: an organization's identity provider provisions its people (Users) and their
registration roles (Groups). Plain Django views speaking RFC 7644: token -> the organization and
the acting Primary Contact or Rights Administrator -> the registry's services -> SCIM JSON.
No rule lives here: every change is a service of registry (through scim.services)."""

import functools
import json
import time

from django.contrib.auth.decorators import login_not_required
from django.db.models import Q
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.errors import DomainError
from registry.forms import normalize_phone
from registry.models import email_key
from scim import filters, protocol, queries, services
from scim.access import get_member_for_scim, get_role_type_for_scim
from scim.protocol import ScimError, answer

MAX_BODY = 64 * 1024
JSON_TYPES = {"application/scim+json", "application/json"}


def _authenticate(request):
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    token = services.authenticate_scim_token(raw.strip()) if scheme.lower() == "bearer" else None
    if token is None:
        raise ScimError(401, "Present a valid SCIM token: Authorization: Bearer <token>.")
    actor = token.issued_by
    # The token is the channel's proof, as a session's sign-in is (core.reauth): issuing it
    # needed a recent sign-in, and it works only while its issuer holds the role that issued it.
    actor.authenticated_at = time.time()
    actor.authenticated_by = "scim"
    actor.otp_device = None
    actor.is_verified = lambda: False  # no operator-staff power through SCIM
    request.scim_token = token
    return token.organization, actor


def _body(request) -> dict:
    if len(request.body) > MAX_BODY:
        raise ScimError(413, "The request body is larger than 64 KB.")
    if request.content_type not in JSON_TYPES:
        raise ScimError(415, "Send JSON (Content-Type: application/scim+json).")
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ScimError(400, "The request body is not valid JSON.", "invalidSyntax") from None
    if not isinstance(body, dict):
        raise ScimError(400, "The request body must be a JSON object.", "invalidSyntax")
    return body


def endpoint(*methods: str, auth: bool = True):
    """A SCIM endpoint: its methods, a token (unless `auth` is False), SCIM errors."""

    def decorate(view):
        @login_not_required
        @csrf_exempt
        @never_cache
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                # Who asks comes first: without a token even a wrong method is 401.
                context = _authenticate(request) if auth else ()
                if request.method not in methods:
                    raise ScimError(405, f"{request.method} is not supported here.")
                return view(request, *context, *args, **kwargs)
            except ScimError as error:
                return protocol.error_answer(error)
            except DomainError as exc:
                return protocol.error_answer(protocol.from_domain_error(exc))

        return wrapped

    return decorate


# --- Users --------------------------------------------------------------------------------


def _user_answer(request, org, person, status=200):
    roles, identities = queries.roles_and_identities(org, [person])
    body = protocol.user_resource(
        person,
        base=protocol.base_url(request),
        roles=roles.get(person.pk, []),
        identity=identities.get(person.pk),
    )
    return answer(body, status, location=body["meta"]["location"])


def _primary(values) -> str | None:
    """The primary (else the first) `value` of a multi-valued attribute such as emails."""
    if not isinstance(values, list):
        return None
    items = [v for v in values if isinstance(v, dict) and isinstance(v.get("value"), str)]
    chosen = next((v for v in items if v.get("primary") is True), items[0] if items else None)
    return chosen["value"].strip() if chosen else None


def _lower_keys(body: dict) -> dict:
    # Attribute names are case-insensitive (RFC 7643 §2.1).
    return {str(k).lower(): v for k, v in body.items()}


def _person_data(body: dict) -> dict:
    """The registry's person fields from a SCIM User (only those the body names)."""
    body = _lower_keys(body)
    data = {}
    name = body.get("name")
    if isinstance(name, dict):
        name = _lower_keys(name)
        if "givenname" in name:
            data["first_name"] = name["givenname"]
        if "familyname" in name:
            data["last_name"] = name["familyname"]
    if "title" in body:
        data["job_title"] = body["title"] or ""
    email = _primary(body.get("emails"))
    if email is not None:
        data["email"] = email
    phone = _primary(body.get("phonenumbers"))
    if phone is not None:
        data["phone"] = phone
    return data


def _string(body: dict, name: str, *, required: bool = False) -> str | None:
    value = _lower_keys(body).get(name.lower())
    if not required and (value is None or value == ""):
        return None  # absent, or removed by a PATCH
    if not isinstance(value, str) or not value.strip() or len(value) > 254:
        raise ScimError(400, f"{name} must be a text of at most 254 characters.", "invalidValue")
    return value.strip()


def _active(body: dict) -> bool:
    value = _lower_keys(body).get("active", True)
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        value = value.lower() == "true"  # some identity providers send "False"
    if not isinstance(value, bool):
        raise ScimError(400, "active must be true or false.", "invalidValue")
    return value


def _same(field: str, current: str, wanted) -> bool:
    if field == "email":
        return email_key(str(wanted)) == email_key(current)
    if field == "phone":
        try:
            return normalize_phone(str(wanted)) == current
        except Exception:  # not a telephone number: not the one on record either
            return False
    return str(wanted or "").strip() == (current or "")


FIELD_NAMES = {
    "first_name": "given name",
    "last_name": "family name",
    "job_title": "title",
    "email": "e-mail",
    "phone": "telephone",
}


def _refuse_detail_changes(person, data: dict) -> None:
    """A person keeps their own contact details (Manage My Information): SCIM reads them, and
    may send them back unchanged, but does not change them."""
    changed = [f for f, v in data.items() if not _same(f, getattr(person, f), v)]
    if changed:
        names = ", ".join(FIELD_NAMES[f] for f in changed)
        raise ScimError(
            400,
            f"{person.full_name} keeps their own contact details current on Manage My "
            f"Information; they cannot be changed through SCIM (asked to change: {names}).",
            "mutability",
        )


def _apply_user(request, org, actor, person, body: dict):
    """A replacement of the User (PUT, or the result of a PATCH)."""
    if not _active(body):
        services.deprovision_user(org, person, actor=actor)
        gone = protocol.user_resource(person, base=protocol.base_url(request), roles=[])
        gone["active"] = False
        return answer(gone)
    _refuse_detail_changes(person, _person_data(body))
    user_name = _string(body, "userName", required=True)
    external_id = _string(body, "externalId") or ""
    services.rename_user(org, person, user_name=user_name, external_id=external_id, actor=actor)
    return _user_answer(request, org, person)


@endpoint("GET", "POST")
def users(request, org, actor):
    if request.method == "POST":
        body = _body(request)
        user_name = _string(body, "userName", required=True)
        if not _active(body):
            raise ScimError(
                400, "A person is provisioned active; send active: true.", "invalidValue"
            )
        data = {"first_name": "", "last_name": "", "email": "", "phone": "", **_person_data(body)}
        if not data["email"] and "@" in user_name:
            data["email"] = user_name
        person = services.provision_user(
            org,
            data=data,
            user_name=user_name,
            external_id=_string(body, "externalId") or "",
            actor=actor,
        )
        return _user_answer(request, org, person, status=201)
    start, count = protocol.paging(request)
    text = request.GET.get("filter")
    q = filters.user_filter(text, org) if text else Q()
    total, persons, roles, identities = queries.users_page(org, q, start, count)
    base = protocol.base_url(request)
    resources = [
        protocol.user_resource(
            p, base=base, roles=roles.get(p.pk, []), identity=identities.get(p.pk)
        )
        for p in persons
    ]
    return answer(protocol.list_body(resources, total=total, start=start))


@endpoint("GET", "PUT", "PATCH", "DELETE")
def user(request, org, actor, person_id: str):
    person = get_member_for_scim(org, person_id)
    if request.method == "GET":
        return _user_answer(request, org, person)
    if request.method == "DELETE":
        services.deprovision_user(org, person, actor=actor)
        return answer(None, 204)
    body = _body(request)
    if request.method == "PUT":
        return _apply_user(request, org, actor, person, body)
    roles, identities = queries.roles_and_identities(org, [person])
    current = protocol.user_resource(person, base="", roles=[], identity=identities.get(person.pk))
    return _apply_user(request, org, actor, person, _patched_user(current, body))


# --- PATCH (RFC 7644 §3.5.2) ----------------------------------------------------------------


def _operations(body: dict) -> list[dict]:
    if protocol.PATCH not in (body.get("schemas") or []):
        raise ScimError(400, f"A PATCH names the schema {protocol.PATCH}.", "invalidSyntax")
    operations = _lower_keys(body).get("operations")
    if not isinstance(operations, list) or not operations:
        raise ScimError(400, "A PATCH carries a list of Operations.", "invalidSyntax")
    for operation in operations:
        if not isinstance(operation, dict):
            raise ScimError(400, "Each operation is a JSON object.", "invalidSyntax")
        op = str(operation.get("op", "")).lower()
        if op not in {"add", "replace", "remove"}:
            raise ScimError(400, "An operation's op is add, replace or remove.", "invalidSyntax")
    return operations


USER_PATHS = {
    "username": ("userName",),
    "externalid": ("externalId",),
    "active": ("active",),
    "title": ("title",),
    "displayname": ("displayName",),
    "name.givenname": ("name", "givenName"),
    "name.familyname": ("name", "familyName"),
    "name.formatted": ("name", "formatted"),
    'emails[type eq "work"].value': ("emails",),
    "emails.value": ("emails",),
    "emails": ("emails",),
    'phonenumbers[type eq "work"].value': ("phoneNumbers",),
    "phonenumbers.value": ("phoneNumbers",),
    "phonenumbers": ("phoneNumbers",),
}


# Attributes the portal keeps: a path into one of them that we cannot follow is an error; any
# other attribute (nickName, locale, an enterprise extension's) is not kept, as on a create.
KNOWN_USER_ATTRIBUTES = {p.split("[", 1)[0].split(".", 1)[0] for p in USER_PATHS} | {"name"}


def _set_user_path(resource: dict, path: str, value, op: str) -> None:
    key = path.strip().lower()
    if key.startswith(protocol.USER.lower() + ":"):
        key = key[len(protocol.USER) + 1 :]
    if key == "name" and isinstance(value, dict):
        for sub, sub_value in value.items():
            _set_user_path(resource, f"name.{sub}", sub_value, op)
        return
    target = USER_PATHS.get(key)
    if target is None:
        attribute = key.split("[", 1)[0].split(".", 1)[0]
        if attribute == "groups":
            raise ScimError(
                400, "A user's groups change through /Groups (their members).", "mutability"
            )
        if attribute in KNOWN_USER_ATTRIBUTES:
            raise ScimError(400, f"The path {path[:100]!r} is not one we support.", "invalidPath")
        return  # an attribute the portal does not keep (nickName, an extension's): ignored
    if target[0] in {"emails", "phoneNumbers"} and not isinstance(value, list):
        value = [{"value": value, "type": "work", "primary": True}]
    if target[0] == "name":
        resource.setdefault("name", {})[target[1]] = value if op != "remove" else ""
    elif op == "remove":
        if target[0] in {"userName", "emails", "phoneNumbers", "active"}:
            raise ScimError(400, f"{target[0]} cannot be removed.", "mutability")
        resource[target[0]] = ""
    else:
        resource[target[0]] = value


def _patched_user(resource: dict, body: dict) -> dict:
    for operation in _operations(body):
        op = operation["op"].lower()
        path, value = operation.get("path"), operation.get("value")
        if path:
            _set_user_path(resource, str(path), value, op)
        elif op != "remove" and isinstance(value, dict):
            for name, item in value.items():  # Azure sends {"active": false} with no path
                _set_user_path(resource, str(name), item, op)
        else:
            raise ScimError(400, "This operation needs a path or an object value.", "noTarget")
    return resource


# --- Groups -------------------------------------------------------------------------------


def _group_answer(request, org, role_type):
    holders = queries.holders_by_role(org, [role_type])
    body = protocol.group_resource(
        role_type, base=protocol.base_url(request), holders=holders.get(role_type.pk, [])
    )
    return answer(body, location=body["meta"]["location"])


@endpoint("GET", "POST")
def groups(request, org, actor):
    if request.method == "POST":
        raise ScimError(
            403, "Registration roles are the operator's data: groups cannot be created here."
        )
    start, count = protocol.paging(request)
    text = request.GET.get("filter")
    q = filters.group_filter(text) if text else Q()
    total, role_types, holders = queries.groups_page(org, q, start, count)
    base = protocol.base_url(request)
    resources = [
        protocol.group_resource(r, base=base, holders=holders.get(r.pk, [])) for r in role_types
    ]
    return answer(protocol.list_body(resources, total=total, start=start))


def _member_ids(values) -> list[str]:
    if values is None:
        return []
    if not isinstance(values, list) or not all(
        isinstance(v, dict) and isinstance(v.get("value"), str | int) for v in values
    ):
        raise ScimError(400, 'members is a list of {"value": "<id>"}.', "invalidValue")
    return [str(v["value"]) for v in values]


def _member_filter_id(path: str) -> str | None:
    """`members[value eq "500005"]` -> "500005"."""
    text = path.strip()
    if not text.lower().startswith("members[") or not text.endswith("]"):
        return None
    inner = text[len("members[") : -1].strip()
    attr, _, rest = inner.partition(" ")
    op, _, value = rest.strip().partition(" ")
    if attr.lower() != "value" or op.lower() != "eq":
        return None
    return value.strip().strip('"')


def _refuse_rename(role_type, body_or_value) -> None:
    if isinstance(body_or_value, dict):
        name = _lower_keys(body_or_value).get("displayname")
        if name is not None and name != role_type.name:
            raise ScimError(
                400, f"The name of {role_type.name} is the operator's and stays.", "mutability"
            )


@endpoint("GET", "PUT", "PATCH", "DELETE")
def group(request, org, actor, code: str):
    role_type = get_role_type_for_scim(code)
    if request.method == "GET":
        return _group_answer(request, org, role_type)
    if request.method == "DELETE":
        raise ScimError(
            403, "Registration roles are the operator's data: groups cannot be deleted here."
        )
    body = _body(request)
    held = {p.person_id for p in queries.holders_by_role(org, [role_type]).get(role_type.pk, [])}
    wanted = set(held)
    if request.method == "PUT":
        _refuse_rename(role_type, body)
        wanted = set(_member_ids(_lower_keys(body).get("members")))
    else:
        for operation in _operations(body):
            op, path, value = operation["op"].lower(), operation.get("path"), operation.get("value")
            path = str(path).strip() if path else ""
            one = _member_filter_id(path) if path else None
            if one is not None and op == "remove":
                wanted.discard(_as_person_id(one))
            elif path.lower() == "members":
                ids = {_as_person_id(i) for i in _member_ids(value)}
                if op == "add":
                    wanted |= ids
                elif op == "remove":
                    wanted = wanted - ids if value is not None else set()
                else:
                    wanted = ids
            elif not path and op != "remove" and isinstance(value, dict):
                _refuse_rename(role_type, value)
                if "members" in _lower_keys(value):
                    ids = {_as_person_id(i) for i in _member_ids(_lower_keys(value)["members"])}
                    wanted = wanted | ids if op == "add" else ids
            elif path.lower() == "displayname":
                _refuse_rename(role_type, {"displayName": value})
            else:
                raise ScimError(
                    400, f"The path {path[:100]!r} is not one we support.", "invalidPath"
                )
    wanted = {_as_person_id(i) for i in wanted}
    add = [get_member_for_scim(org, i) for i in sorted(wanted - held)]
    remove = [get_member_for_scim(org, i) for i in sorted(held - wanted)]
    if add or remove:
        services.update_group(org, role_type, add=add, remove=remove, actor=actor)
    return _group_answer(request, org, role_type)


def _as_person_id(value) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        raise ScimError(404, f"There is no member with ID {str(value)[:20]}.") from None


# --- Discovery (RFC 7644 §4): no token needed, nothing of any organization in them --------


@endpoint("GET", auth=False)
def root(request):
    raise ScimError(404, "Use /scim/v2/Users, /scim/v2/Groups or the discovery endpoints.")


@endpoint("GET", auth=False)
def service_provider_config(request):
    return answer(protocol.service_provider_config(protocol.base_url(request)))


@endpoint("GET", auth=False)
def resource_types(request, name: str | None = None):
    types = protocol.resource_types(protocol.base_url(request))
    if name is None:
        return answer(protocol.list_body(types, total=len(types), start=1))
    found = next((t for t in types if t["id"] == name), None)
    if found is None:
        raise ScimError(404, f"There is no resource type {name[:60]!r}.")
    return answer(found)


@endpoint("GET", auth=False)
def schemas(request, uri: str | None = None):
    items = protocol.schemas(protocol.base_url(request))
    if uri is None:
        return answer(protocol.list_body(items, total=len(items), start=1))
    found = next((s for s in items if s["id"] == uri), None)
    if found is None:
        raise ScimError(404, f"There is no schema {uri[:100]!r}.")
    return answer(found)
