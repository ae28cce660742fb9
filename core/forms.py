"""Forms are the single definition of field validation; services turn a failure into Invalid."""

import unicodedata

from django import forms

from core.errors import Invalid


def field_errors(form: forms.Form) -> dict[str, list[str]]:
    """A bound form's errors as plain sentences per field."""
    return {name: [str(m) for m in msgs] for name, msgs in form.errors.items()}


def validated(form: forms.Form, *, message: str = "Some details need correcting.") -> dict:
    """The bound form's cleaned data, or Invalid with per-field messages."""
    if not form.is_valid():
        raise Invalid(message, fields=field_errors(form))
    return form.cleaned_data


def clean_text(value: str, label: str) -> str:
    """Text as typed, NFC-normalized and trimmed; control characters are refused."""
    value = unicodedata.normalize("NFC", value or "").strip()
    if any(unicodedata.category(ch) in {"Cc", "Cs"} for ch in value):
        raise forms.ValidationError(f"{label} contains characters that cannot be stored.")
    return value
