"""Password rules (NIST SP 800-63B): long, not truncated, not common, not about the person.

No composition rules. Every refusal says why, in words.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import normalize_password
from core.text import sentence

MIN_LENGTH = 15
MAX_LENGTH = 128


def _squash(text: str) -> str:
    """Lower case, letters and digits only: "Northwind Power Corp." -> "northwindpowercorp"."""
    return re.sub(r"[\W_]+", "", normalize_password(text or "").casefold())


class MaximumLengthValidator:
    """Refuse passwords longer than we hash in full, instead of silently cutting them."""

    def __init__(self, max_length: int = MAX_LENGTH):
        self.max_length = max_length

    def validate(self, password: str, user=None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                sentence(
                    _("This password is too long: use at most {count} characters."),
                    count=self.max_length,
                ),
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return sentence(_("Use at most {count} characters."), count=self.max_length)


def _organization_names(user) -> list[str]:
    """Legal names of the person's organizations, also for a person who is being invited."""
    person = getattr(user, "invited_person", None)
    if person is None and user is not None and getattr(user, "pk", None):
        person = getattr(user, "person", None) if hasattr(user, "person") else None
    if person is None or person.pk is None:
        return []
    from registry.models import Organization

    return list(
        Organization.objects.filter(memberships__person=person).values_list("legal_name", flat=True)
    )


def _distinctive_parts(name: str) -> list[str]:
    """A name, and its first word when that is distinctive ("Northwind" of "Northwind Power")."""
    parts = [_squash(name)]
    words = re.findall(r"\w+", name or "")
    if words and len(words[0]) >= 5:
        parts.append(_squash(words[0]))
    return [p for p in parts if len(p) >= 4]


_EMAIL = _("This password contains your e-mail address: choose one that does not.")
_ORGANIZATION = _("This password contains the name of your organization: choose one that does not.")
_OPERATOR = _(
    "This password contains the operator's or the portal's name: choose one that does not."
)


class PersonalInformationValidator:
    """Refuse a password that contains the account name, the e-mail address (or its part
    before the @), a name of the person's organizations, or the operator's or portal's name."""

    def validate(self, password: str, user=None) -> None:
        squashed = _squash(password)
        checks: list[tuple[str, str]] = []
        if user is not None:
            username = getattr(user, "username", "") or ""
            if len(_squash(username)) >= 3:
                checks.append(
                    (
                        _squash(username),
                        _("This password contains your account name: choose one that does not."),
                    )
                )
            email = getattr(user, "email", "") or ""
            person = getattr(user, "invited_person", None)
            emails = {email, getattr(person, "email", "") or ""}
            for address in filter(None, emails):
                local = address.split("@", 1)[0]
                for part in {_squash(address), _squash(local)}:
                    if len(part) >= 3:
                        checks.append((part, _EMAIL))
            for name in _organization_names(user):
                for part in _distinctive_parts(name):
                    checks.append((part, _ORGANIZATION))
        for name in (settings.OPERATOR_NAME, settings.OPERATOR_SHORT_NAME, settings.PORTAL_NAME):
            if len(_squash(name)) >= 4:
                checks.append((_squash(name), _OPERATOR))
        for part, what in checks:
            if part and part in squashed:
                raise ValidationError(what, code="password_personal")

    def get_help_text(self) -> str:
        return _(
            "It must not contain your account name, your e-mail address, your organization's "
            "name or the operator's name."
        )
