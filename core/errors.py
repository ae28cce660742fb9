"""The one family of domain errors. Views show `message`; the API maps `status` and `code`.

A message may be marked for translation (`gettext_lazy`, or a `core.text.sentence` of one):
it is then read in the language active where it is read, so a person sees the refusal in
their language and the audit log (which reads it under `translation.override("en")`) keeps
it in English."""

from django.utils import translation

from core.text import tidy


class DomainError(Exception):
    """A refusal with a sentence for a person and a machine code."""

    status = 400
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, fields: dict | None = None):
        super().__init__(message)
        self._message = message
        if code:
            self.code = code
        self.fields = fields or {}

    @property
    def message(self) -> str:
        """The sentence in the active language."""
        return tidy(str(self._message))

    @property
    def english(self) -> str:
        """The sentence in English, as the audit log keeps it."""
        with translation.override("en"):
            return self.message

    def __str__(self) -> str:
        return self.message


class NotFound(DomainError):
    """Missing, or not visible to the actor: the two are deliberately indistinguishable."""

    status = 404
    code = "not_found"


class Forbidden(DomainError):
    """Visible, but the actor may not do this."""

    status = 403
    code = "forbidden"


class RuleViolation(DomainError):
    """A business rule forbids it (last holder, duplicate person, ...)."""

    status = 409
    code = "conflict"


class Invalid(DomainError):
    """Bad input; `fields` maps field names to lists of messages."""

    status = 422
    code = "invalid"


class TooLarge(Invalid):
    """An upload over the size limit: bad input like Invalid (a page shows it under its
    field), answered 413 by the API."""

    status = 413
    code = "too_large"


class RateLimited(DomainError):
    """Too many attempts in a short time; `retry_after` is in seconds."""

    status = 429
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int = 60, code: str | None = None):
        super().__init__(message, code=code)
        self.retry_after = retry_after


def require(condition: bool, message: str, *, code: str = "forbidden") -> None:
    """Refuse with 403 unless `condition` holds."""
    if not condition:
        raise Forbidden(message, code=code)
