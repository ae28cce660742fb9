"""The JSON API v1: one NinjaAPI, one error handler, shared schemas, paging and rate limits.

Each app adds its operations in `<app>/api.py` (a ninja Router) and registers it at the
bottom of this module. See docs/architecture.md, "How to add API operations".
"""

import logging
import threading
import time
from typing import Generic, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, re_path
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.throttling import BaseThrottle
from pydantic import ConfigDict

from apitokens.auth import default_auth
from core.errors import DomainError
from core.middleware import client_ip

logger = logging.getLogger("api")

T = TypeVar("T")

MAX_LIMIT = 100
DEFAULT_LIMIT = 50
MAX_BODY_BYTES = 64 * 1024
JSON_TYPES = ("application/json",)
BODY_METHODS = {"POST", "PUT", "PATCH"}

STATUS_CODES = {
    400: "invalid",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
}


# --- Schemas every app shares -------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(description="A sentence for a person.")
    code: str = Field(description="A machine code, e.g. last_holder, duplicate_person.")
    fields: dict[str, list[str]] | None = Field(None, description="Per-field messages (422 only).")


class In(Schema):
    """Base for request bodies: a field the operation does not know is refused (422)."""

    model_config = ConfigDict(extra="forbid")


class Page(Schema, Generic[T]):
    items: list[T]
    count: int = Field(description="How many items there are in all, across pages.")


class ListParams(Schema):
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=10_000, description=f"Items per page (capped at {MAX_LIMIT})."
    )
    offset: int = Field(0, ge=0, le=2**31 - 1)


def page(rows, params: ListParams) -> dict:
    """The list envelope. `rows` is a queryset (two queries: count, then the page) or a list."""
    limit = min(params.limit, MAX_LIMIT)
    if isinstance(rows, list):
        return {"items": rows[params.offset : params.offset + limit], "count": len(rows)}
    count = rows.count()
    items = list(rows[params.offset : params.offset + limit]) if params.offset < count else []
    return {"items": items, "count": count}


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """Documented error responses; every operation can answer 401, 413, 415, 422 and 429."""
    return {status: ErrorOut for status in sorted({401, 413, 415, 422, 429, *statuses})}


def responses(status: int, schema, *error_statuses: int) -> dict:
    return {status: schema, **errors(*error_statuses)}


# --- Rate limits --------------------------------------------------------------------------

DEFAULT_RATES = {"search": "60/min", "auth": "10/min"}
_PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "d": 86400}


class RateLimit(BaseThrottle):
    """A fixed window per token (or per account for the session, per address when anonymous).
    Rates come from settings.API_RATE_LIMITS, e.g. {"search": "60/min"}."""

    _local = threading.local()

    def __init__(self, scope: str) -> None:
        self.scope = scope

    def _rate(self) -> tuple[int, int]:
        rates = {**DEFAULT_RATES, **getattr(settings, "API_RATE_LIMITS", {})}
        number, _, period = rates[self.scope].partition("/")
        return int(number), _PERIODS[period]

    def _ident(self, request: HttpRequest) -> str:
        token = getattr(request, "api_token", None)
        if token is not None:
            return f"token:{token.pk}"
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return f"user:{user.pk}"
        return f"ip:{client_ip(request)}"

    def allow_request(self, request: HttpRequest) -> bool:
        allowed, period = self._rate()
        now = time.time()
        window = int(now // period)
        key = f"api-rate:{self.scope}:{self._ident(request)}:{window}"
        cache.add(key, 0, timeout=period + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=period + 1)
            used = 1
        self._local.wait = (window + 1) * period - now
        return used <= allowed

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)


def rate_limited(scope: str) -> list[RateLimit]:
    """For an operation's `throttle=`: `@router.get(..., throttle=rate_limited("search"))`."""
    return [RateLimit(scope)]


# --- The API and its one error handler ----------------------------------------------------

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
        message = str(error.get("msg", "Invalid value."))
        if error.get("type") == "extra_forbidden":
            message = "This field is not accepted here."
        elif error.get("type") == "missing":
            message = "This field is required."
        fields.setdefault(_field_name(tuple(error.get("loc", ()))), []).append(message)
    return error_response(request, 422, "Some details need correcting.", "invalid", fields)


@api.exception_handler(AuthenticationError)
def _not_authenticated(request, exc):
    message = exc.message if exc.message != "Unauthorized" else None
    response = error_response(
        request,
        401,
        message or "Sign in, or send an API token as Authorization: Bearer <token>.",
        "not_authenticated",
    )
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(Throttled)
def _throttled(request, exc: Throttled):
    return error_response(request, 429, "Too many requests. Wait a little and try again.")


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if exc.status_code == 400:  # ninja could not parse the body
        return error_response(
            request,
            422,
            "The request body is not valid JSON.",
            "invalid",
            {"body": ["Send a JSON object."]},
        )
    return error_response(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def _http404(request, exc):
    return error_response(request, 404, "Not found.")


@api.exception_handler(PermissionDenied)
def _permission_denied(request, exc):
    return error_response(request, 403, "You may not do this.")


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    return error_response(request, 413, "The request body is too large.")


@api.exception_handler(Exception)
def _unexpected(request, exc):
    request_id = getattr(request, "request_id", "")
    logger.exception("API error (request %s)", request_id)
    return error_response(
        request,
        500,
        f"Something went wrong on our side. Quote reference {request_id} to Customer "
        f"Relations ({settings.CUSTOMER_RELATIONS_PHONE}).",
        "server_error",
    )


# --- What every request goes through before ninja -----------------------------------------


def _json_error(status: int, detail: str, **headers) -> JsonResponse:
    response = JsonResponse({"detail": detail, "code": STATUS_CODES[status]}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _guard(view):
    """Refuse oversized bodies (413) and non-JSON bodies (415); a wrong method is a JSON 405.
    The API authenticates by itself, so the site's login redirect does not apply."""

    def guarded(request: HttpRequest, *args, **kwargs):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_BODY_BYTES:
            return _json_error(413, f"The request body is larger than {MAX_BODY_BYTES} bytes.")
        if request.method in BODY_METHODS and length > 0:
            content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            if content_type not in JSON_TYPES:
                return _json_error(415, "Send the request body as application/json.")
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and response.get("Content-Type", "").startswith("text/html"):
            allow = response.get("Allow", "")
            return _json_error(405, f"This address accepts only {allow}.", Allow=allow)
        return response

    guarded.csrf_exempt = True  # the API's session auth checks CSRF itself
    guarded.login_required = False
    return guarded


def _not_found(request, rest: str = ""):
    return _json_error(404, "There is no such API address.")


_not_found.csrf_exempt = True
_not_found.login_required = False


# --- Routers: each app registers its own here ---------------------------------------------


def _add_routers() -> None:
    """Imported here, not at the top, because every app's api.py imports this module."""
    from accounts.api import router as accounts_router
    from apitokens.api import router as apitokens_router
    from banking.api import router as banking_router
    from notices.api import router as notices_router
    from registry.api import router as registry_router
    from systems.api import router as systems_router
    from tasks.api import router as tasks_router

    api.add_router("", registry_router)
    api.add_router("", systems_router)
    api.add_router("", apitokens_router)
    api.add_router("", accounts_router)
    api.add_router("", tasks_router)
    api.add_router("", banking_router)
    api.add_router("", notices_router)


def urls():
    """The API's URL patterns for config/urls.py: ninja's, guarded, then a JSON 404."""
    _add_routers()
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _guard(pattern.callback)
    return [*patterns, re_path(r"^(?P<rest>.*)$", _not_found)], app_name, namespace
