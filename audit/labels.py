"""How an audit entry names what it is about: in English where it is stored (the log's own
language: its CSV, the API's `target`, the hash chain), in the reader's language where a
sentence is read.

A model whose label has words of its own names its rows with a template registered here:

    LABEL = labels.register("section", gettext_noop("the section {name}"))

    @property
    def audit_label(self) -> str:
        return labels.english(LABEL, name=self.name)

and `read(target_type, stored)` gives a stored label back in the active language, reading its
values out of it with the English template. A label no template matches (one written before
its template, or cut at 200 characters) reads as it was stored.
"""

import re
from functools import cache

from django.utils import translation
from django.utils.translation import gettext

from core.text import sentence

_TEMPLATES: dict[str, list[str]] = {}


def register(target_type: str, template: str) -> str:
    """Name `target_type`'s rows with `template` (English, marked with gettext_noop)."""
    _TEMPLATES.setdefault(target_type, []).append(template)
    return template


def english(template: str, **values: object) -> str:
    """The label as the log stores it, whatever the language of the request."""
    with translation.override("en"):
        return sentence(template, **values)[:200]


def read(target_type: str, stored: str) -> str:
    """`stored` (a target label) in the active language."""
    for template in _TEMPLATES.get(target_type, ()):
        match = _pattern(template).fullmatch(stored)
        if match:
            return sentence(gettext(template), **match.groupdict())
    return stored


@cache
def _pattern(template: str) -> re.Pattern:
    pieces = re.split(r"\{(\w+)\}", template)
    return re.compile(
        "".join(
            re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>.+?)"
            for i, piece in enumerate(pieces)
        ),
        re.S,
    )


def templates() -> dict[str, list[str]]:
    """Every registered template, by target type (for the tests)."""
    return {kind: list(found) for kind, found in _TEMPLATES.items()}
