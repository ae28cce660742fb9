"""The JSON API v1: one NinjaAPI, one error handler, the guard every request passes, and the
apps' routers assembled.

Each app adds its operations in `<app>/api.py` (a ninja Router, built from the shared pieces
in `core/api.py`) and is added in `_add_routers()` below. See docs/architecture.md, "How to
add API operations".
"""

import json
import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, re_path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.parser import Parser

from accounts.api import router as accounts_router
from apitokens.api import router as apitokens_router
from apitokens.auth import default_auth
from banking.api import router as banking_router
from certification.api import router as certification_router
from conversations.api import router as conversations_router

# The shared pieces live in core.api; these names stay importable from here.
from core.api import (  # noqa: F401
    DEFAULT_LIMIT,
    MAX_LIMIT,
    STATUS_CODES,
    UPLOAD_VIEWS,
    ErrorOut,
    In,
    ListParams,
    Page,
    RateLimit,
    Schema,
    errors,
    page,
    rate_limited,
    responses,
    upload_limit,
)
from core.errors import DomainError
from documents.api import router as documents_router
from home.api import router as home_router
from integrations.api import router as integrations_router
from participation.api import router as participation_router
from registry.api import router as registry_router
from systems.api import router as systems_router
from tasks.api import router as tasks_router

logger = logging.getLogger("api")

MAX_BODY_BYTES = 64 * 1024
JSON_TYPES = ("application/json",)
BODY_METHODS = {"POST", "PUT", "PATCH"}


# --- The API and its one error handler ----------------------------------------------------


class DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKey(key)
        result[key] = value
    return result


def _read_number(text: str):
    """A JSON number with a fraction. One whose fraction is zero (`25949.0`) is the integer
    JSON Schema says it is, so an integer field takes it; any other stays a float (and an
    integer field refuses it)."""
    value = Decimal(text)
    if value.is_finite() and value == value.to_integral_value() and value.adjusted() < 19:
        return int(value)
    return float(text)


class StrictJsonParser(Parser):
    """A body naming a field twice is refused (422): json.loads would keep the last value,
    while a proxy or a validator in front may have read the first."""

    def parse_body(self, request: HttpRequest):
        return json.loads(
            request.body, object_pairs_hook=_refuse_duplicate_keys, parse_float=_read_number
        )


api = NinjaAPI(
    title=f"{settings.PORTAL_NAME} API",
    version="1",
    description=(
        "The registration portal's JSON API. Authenticate with `Authorization: Bearer <token>` "
        "(create a token on Manage My Information) or the browser session (send the CSRF token "
        "in `X-CSRFToken` for writes). Errors are `{detail, code}`; lists are "
        "`{items, count}` and take `limit` and `offset`."
    ),
    urls_namespace="api-v1",
    auth=default_auth,
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=StrictJsonParser(),
)


def error_response(
    request, status: int, detail: str, code: str | None = None, fields=None
) -> HttpResponse:
    body = {"detail": detail, "code": code or STATUS_CODES.get(status, "error")}
    if fields:
        body["fields"] = fields
    return api.create_response(request, body, status=status)


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    fields = exc.fields if exc.status == 422 else None
    return error_response(request, exc.status, exc.message, exc.code, fields)


TYPE_MESSAGES = {
    "int_type": gettext_lazy("This field must be a whole number."),
    "bool_type": gettext_lazy("This field must be true or false."),
    "string_type": gettext_lazy("This field must be text."),
    "list_type": gettext_lazy("This field must be a list."),
}


def _field_name(loc: tuple) -> str:
    parts = [str(p) for p in loc]
    source, rest = (parts[0], parts[1:]) if parts else ("body", [])
    if source == "body" and len(rest) > 1:
        rest = rest[1:]  # drop the operation's parameter name
    return ".".join(rest) or source


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        message = str(error.get("msg", _("Invalid value.")))
        if error.get("type") == "extra_forbidden":
            message = _("This field is not accepted here.")
        elif error.get("type") == "missing":
            message = _("This field is required.")
        elif error.get("type") in TYPE_MESSAGES:
            message = str(TYPE_MESSAGES[error["type"]])
        fields.setdefault(_field_name(tuple(error.get("loc", ()))), []).append(message)
    return error_response(request, 422, _("Some details need correcting."), "invalid", fields)


@api.exception_handler(AuthenticationError)
def _not_authenticated(request, exc):
    message = exc.message if exc.message != "Unauthorized" else None
    response = error_response(
        request,
        401,
        message or _("Sign in, or send an API token as Authorization: Bearer <token>."),
        "not_authenticated",
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(Throttled)
def _throttled(request, exc: Throttled):
    return error_response(request, 429, _("Too many requests. Wait a little and try again."))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if exc.status_code == 400 and isinstance(exc.__cause__, DuplicateKey):
        return error_response(
            request,
            422,
            _("Some details need correcting."),
            "invalid",
            {exc.__cause__.key: [_("This field appears more than once in the body.")]},
        )
    if exc.status_code == 400:  # ninja could not parse the body
        return error_response(
            request,
            422,
            _("The request body is not valid JSON."),
            "invalid",
            {"body": [_("Send a JSON object.")]},
        )
    return error_response(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def _http404(request, exc):
    return error_response(request, 404, _("Not found."))


@api.exception_handler(PermissionDenied)
def _permission_denied(request, exc):
    return error_response(request, 403, _("You may not do this."))


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    return error_response(request, 413, _("The request body is too large."))


@api.exception_handler(Exception)
def _unexpected(request, exc):
    request_id = getattr(request, "request_id", "")
    logger.exception("API error (request %s)", request_id)
    return error_response(
        request,
        500,
        _(
            "Something went wrong on our side. Quote reference %(reference)s to Customer "
            "Relations (%(phone)s)."
        )
        % {"reference": request_id, "phone": settings.CUSTOMER_RELATIONS_PHONE},
        "server_error",
    )


# --- What every request goes through before ninja -----------------------------------------


def _json_error(status: int, detail: str, **headers) -> JsonResponse:
    response = JsonResponse({"detail": detail, "code": STATUS_CODES[status]}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _guard(view, *, uploads: bool = False):
    """Refuse oversized bodies (413) and non-JSON bodies (415); a wrong method is a JSON 405.
    An address whose operations take files (`core.api.accepts_files`) also takes
    multipart/form-data, up to the upload limit. The API authenticates by itself, so the
    site's login redirect does not apply."""

    def guarded(request: HttpRequest, *args, **kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        multipart = uploads and content_type == "multipart/form-data"
        limit = upload_limit() if multipart else MAX_BODY_BYTES
        if length > limit:
            return _json_error(
                413, _("The request body is larger than %(limit)s bytes.") % {"limit": limit}
            )
        wrong_type = content_type not in JSON_TYPES and not multipart
        if request.method in BODY_METHODS and length > 0 and wrong_type:
            accepted = (
                _("application/json or multipart/form-data") if uploads else "application/json"
            )
            return _json_error(415, _("Send the request body as %(types)s.") % {"types": accepted})
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and response.get("Content-Type", "").startswith("text/html"):
            allow = response.get("Allow", "")
            return _json_error(
                405, _("This address accepts only %(methods)s.") % {"methods": allow}, Allow=allow
            )
        return response

    guarded.csrf_exempt = True  # the API's session auth checks CSRF itself
    guarded.login_required = False
    return guarded


def _not_found(request, rest: str = ""):
    return _json_error(404, _("There is no such API address."))


_not_found.csrf_exempt = True
_not_found.login_required = False


# --- Routers: each app registers its own here ---------------------------------------------


def _add_routers() -> None:
    api.add_router("", registry_router)
    api.add_router("", systems_router)
    api.add_router("", apitokens_router)
    api.add_router("", accounts_router)
    api.add_router("", tasks_router)
    api.add_router("", banking_router)
    api.add_router("", home_router)
    api.add_router("", integrations_router)
    api.add_router("", documents_router)
    api.add_router("", participation_router)
    api.add_router("", conversations_router)
    api.add_router("", certification_router)


def urls():
    """The API's URL patterns for config/urls.py: ninja's, guarded, then a JSON 404."""
    _add_routers()
    patterns, app_name, namespace = api.urls
    upload_routes = {
        str(p.pattern) for p in patterns if isinstance(p, URLPattern) and p.name in UPLOAD_VIEWS
    }
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            uploads = str(pattern.pattern) in upload_routes
            pattern.callback = _guard(pattern.callback, uploads=uploads)
    return [*patterns, re_path(r"^(?P<rest>.*)$", _not_found)], app_name, namespace
