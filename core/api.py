"""What every app's API module shares: schemas, the list envelope, documented errors and rate
limits. `config/api.py` assembles the one NinjaAPI from the apps' routers; apps import from here,
never from config (core is the bottom layer)."""

import threading
import time
from datetime import date
from typing import Annotated, Generic, TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.throttling import BaseThrottle
from pydantic import BeforeValidator, ConfigDict, StringConstraints

from core.forms import CONTROL, EMAIL_PATTERN, LETTER, SPACE, TELEPHONE_PATTERN
from core.middleware import client_ip

__all__ = [
    "DEFAULT_LIMIT",
    "EMAIL_PATTERN",
    "FILLED_TEXT",
    "NAME_TEXT",
    "SAFE_TEXT",
    "Email",
    "Filled",
    "Name",
    "Telephone",
    "Text",
    "MAX_LIMIT",
    "SEARCH_TEXT",
    "STATUS_CODES",
    "ErrorOut",
    "In",
    "IsoDate",
    "ListParams",
    "Page",
    "UPLOAD_VIEWS",
    "RateLimit",
    "Schema",
    "accepts_files",
    "errors",
    "page",
    "rate_limited",
    "responses",
]

T = TypeVar("T")

MAX_LIMIT = 100
DEFAULT_LIMIT = 50

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
    """Base for request bodies: a field the operation does not know is refused (422), and
    values are read strictly: `true` is not the integer 1, `"5"` is not 5 (a date field takes
    an ISO date string, `IsoDate`). Patterns are Python's (the forms' own, e.g. a letter is
    `[^\\W\\d_]`), so what a field's pattern admits is what the form behind it accepts."""

    model_config = ConfigDict(extra="forbid", strict=True, regex_engine="python-re")


# --- Text fields as the forms read them ---------------------------------------------------
# The forms trim text and refuse control characters (core.forms.clean_text), names need a
# letter, telephones are written with digits and + ( ) - . / (core.forms). These shapes state
# the same in the OpenAPI document, so a request the document allows is not refused as 422,
# and one it forbids is not accepted.
_TEXT = f"[^{CONTROL}]"  # any character but a control character
_SOLID = f"[^{CONTROL}{SPACE[1:-1]}]"  # and not a space either
SAFE_TEXT = rf"^{SPACE}*{_TEXT}*?{SPACE}*$"
FILLED_TEXT = rf"^{SPACE}*{_SOLID}{_TEXT}*?{SPACE}*$"
SEARCH_TEXT = rf"^{SPACE}*{_SOLID}{_TEXT}*?{_SOLID}{SPACE}*$"  # 2 characters or more
NAME_TEXT = rf"^{SPACE}*{_TEXT}*?{LETTER}{_TEXT}*?{SPACE}*$"


def Text(max_length: int):  # noqa: N802 (a type, spelled as one)
    """Optional free text: anything printable, at most `max_length` characters."""
    return Annotated[str, StringConstraints(max_length=max_length, pattern=SAFE_TEXT)]


def Filled(max_length: int):  # noqa: N802
    """Required free text: at least one character that is not a space."""
    return Annotated[str, StringConstraints(max_length=max_length, pattern=FILLED_TEXT)]


def Name(max_length: int):  # noqa: N802
    """A name: printable text with at least one letter."""
    return Annotated[str, StringConstraints(max_length=max_length, pattern=NAME_TEXT)]


def Email():  # noqa: N802
    """An e-mail address (at most 254 characters, as the registry stores them)."""
    return Annotated[str, StringConstraints(max_length=254, pattern=EMAIL_PATTERN)]


def Telephone():  # noqa: N802
    """A telephone number as people write it, e.g. 416-555-0100 or +44 20 7946 0958: digits,
    spaces and + ( ) - . / (the pattern). Which numbers exist is no pattern: one written so
    that is no real number (no such area code) is refused, 422, with a sentence saying so."""
    return Annotated[
        str,
        StringConstraints(max_length=40, pattern=TELEPHONE_PATTERN),
        Field(
            json_schema_extra={"format": "tel"},
            description="A telephone number with its area code, e.g. 416-555-0100 or "
            "+44 20 7946 0958 (422 if it is not a real number).",
        ),
    ]


def _iso_date(value):
    """JSON has no date type: a strict date field reads the ISO string, and nothing else."""
    if isinstance(value, str):
        return date.fromisoformat(value)
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class Page(Schema, Generic[T]):
    items: list[T]
    count: int = Field(description="How many items there are in all, across pages.")


class ListParams(Schema):
    model_config = ConfigDict(regex_engine="python-re")

    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=10_000, description=f"Items per page (capped at {MAX_LIMIT})."
    )
    offset: int = Field(0, ge=0, le=2**31 - 1)


def page(rows, params: ListParams, *, count: int | None = None, out=None) -> dict:
    """The list envelope. `rows` is a queryset (two queries: count, then the page) or a list;
    `count` when the caller knows it without counting the rows; `out`, if given, turns each
    row of the page into what the operation answers."""
    limit = min(params.limit, MAX_LIMIT)
    if isinstance(rows, list):
        items, count = rows[params.offset : params.offset + limit], len(rows)
    else:
        count = rows.count() if count is None else count
        items = list(rows[params.offset : params.offset + limit]) if params.offset < count else []
    return {"items": [out(row) for row in items] if out else items, "count": count}


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """Documented error responses; every operation can answer 401, 413, 415, 422 and 429."""
    return {status: ErrorOut for status in sorted({401, 413, 415, 422, 429, *statuses})}


def responses(status: int, schema, *error_statuses: int) -> dict:
    return {status: schema, **errors(*error_statuses)}


# --- Uploads ------------------------------------------------------------------------------

# The operations that take multipart/form-data (a file): config/api.py lets their bodies be
# as large as an upload may be; every other operation takes JSON of at most 64 KB.
UPLOAD_VIEWS: set[str] = set()


def accepts_files(view):
    """Mark an operation as taking a multipart body; put it *under* the router's decorator:

    @router.post("/organizations/{org_id}/documents", ...)
    @accepts_files
    def upload_document(request, org_id: int, file: File[UploadedFile]): ...
    """
    UPLOAD_VIEWS.add(view.__name__)
    return view


def upload_limit() -> int:
    """The largest multipart body: the largest document, and room for the form around it."""
    return int(getattr(settings, "DOCUMENTS_MAX_BYTES", 10 * 1024 * 1024)) + 64 * 1024


# --- Rate limits --------------------------------------------------------------------------

DEFAULT_RATES = {"search": "60/min", "auth": "10/min"}
_PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "d": 86400}


def count_in_window(key: str, timeout: int) -> int:
    """Add one to the counter `key` (created with `timeout` seconds to live) and return it.
    With the shared Redis cache (CACHE_URL) this is one atomic MULTI: SET NX EX, INCR, so every
    worker of every server counts in the same place and the counter never outlives its
    window. Django's per-process memory cache counts per worker (check core.W001 says so)."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        made = backend.make_and_validate_key(key)
        with backend._cache.get_client(made, write=True).pipeline(transaction=True) as pipe:
            pipe.set(made, 0, ex=timeout, nx=True)
            pipe.incr(made)
            return pipe.execute()[1]
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


class RateLimit(BaseThrottle):
    """A fixed window per token (or per account for the session, per address when anonymous),
    counted in the shared cache (`count_in_window`). Rates come from settings.API_RATE_LIMITS,
    e.g. {"search": "60/min"}."""

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
        used = count_in_window(key, period + 1)
        self._local.wait = (window + 1) * period - now
        return used <= allowed

    def wait(self) -> float | None:
        return getattr(self._local, "wait", None)


def rate_limited(scope: str) -> list[RateLimit]:
    """For an operation's `throttle=`: `@router.get(..., throttle=rate_limited("search"))`."""
    return [RateLimit(scope)]
