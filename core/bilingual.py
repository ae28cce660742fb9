"""Operator data in English and French (issue 20): what staff write once for everyone (role
types, information systems, participation types, announcements, notices) has a French
companion field beside each English one (`name` and `name_fr`, `body` and `body_fr`), blank
until staff write it.

`localized(entry, "name")` is the text for the active language: the French where it is
written, else the English, marked as such (`Localized.lang` is "en", `Localized.missing` is
True) so that a page can say so: the `localized` template tag wraps it in
`<span lang="en">` with the note « (en anglais seulement) », so that a screen reader reads it
in the right voice and a person knows why. In English the English is always shown.
The audit log, the API's `name` fields and every stored sentence keep the English.
"""

from django.utils.functional import lazy
from django.utils.translation import get_language, gettext_lazy


class Localized(str):
    """A text with the language it is written in."""

    lang: str = "en"
    missing: bool = False

    def __new__(cls, text: str, lang: str, *, missing: bool = False):
        value = super().__new__(cls, text)
        value.lang = lang
        value.missing = missing
        return value


def in_french() -> bool:
    return (get_language() or "en").startswith("fr")


def localized(entry: object, field: str) -> Localized:
    """`entry.<field>` in the active language (see the module's note)."""
    english = getattr(entry, field, "") or ""
    if not in_french():
        return Localized(english, "en")
    french = getattr(entry, f"{field}_fr", "") or ""
    if french.strip():
        return Localized(french, "fr")
    return Localized(english, "en", missing=bool(english.strip()))


def write_french(Model, french: dict[str, tuple[str, str]]) -> None:
    """Fill the blank French name and description of each catalogue entry by its code (takes
    the model, for migrations; what staff wrote is left alone)."""
    for entry in Model.objects.filter(code__in=list(french)):
        name, description = french[entry.code]
        changed = []
        if not entry.name_fr.strip():
            entry.name_fr = name
            changed.append("name_fr")
        if not entry.description_fr.strip():
            entry.description_fr = description
            changed.append("description_fr")
        if changed:
            entry.save(update_fields=changed)


# `localized`, put together when read (in an e-mail: once per recipient's language).
localized_lazy = lazy(localized, str)


def _names(entries) -> str:
    return ", ".join(str(entry) for entry in entries)


# "A, B, C": the entries' names in the reader's language, when read.
localized_list = lazy(_names, str)


# The text fields of a catalogue entry (role type, information system, participation type),
# each with its French, as staff edit them; their labels and widgets for a ModelForm's Meta.
CATALOGUE_TEXT = ["name", "name_fr", "description", "description_fr"]
CATALOGUE_TEXT_LABELS = {
    "name": gettext_lazy("Name"),
    "name_fr": gettext_lazy("Name in French"),
    "description": gettext_lazy("Description"),
    "description_fr": gettext_lazy("Description in French"),
}


def catalogue_text_widgets() -> dict:
    from django import forms

    return {
        "description": forms.Textarea(attrs={"rows": 3}),
        "description_fr": forms.Textarea(attrs={"rows": 3}),
    }
