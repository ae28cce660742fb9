"""Forms are the single definition of field validation; services turn a failure into Invalid."""

import unicodedata

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from core.errors import Invalid


def field_errors(form: forms.Form) -> dict[str, list[str]]:
    """A bound form's errors as plain sentences per field."""
    return {name: [str(m) for m in msgs] for name, msgs in form.errors.items()}


def show_errors(form: forms.Form, exc: Invalid, *, rename: dict[str, str] | None = None) -> None:
    """Show a service's Invalid on the (bound) form it came from: each message under its field
    (above the form when the form has no such field, or under `rename[field]`), never twice;
    the refusal's sentence when it names no field."""
    errors = form.errors  # validates the form first: its own messages come first
    for field, messages in exc.fields.items():
        name = (rename or {}).get(field, field)
        target = name if name in form.fields else None
        for message in messages:
            if message not in errors.get(target or NON_FIELD_ERRORS, []):
                form.add_error(target, message)
    if not exc.fields:
        form.add_error(None, exc.message)


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


class RequiredChoiceField(forms.TypedChoiceField):
    """A choice the person must make themselves: nothing is chosen for them.

    A select starts on an empty "Choose …" option (radios start unchecked), and leaving it
    says what to choose, e.g. "Choose an information system.". Only where there is one
    possibility is it shown chosen."""

    def __init__(self, *, prompt: str, **kwargs):
        self.prompt = prompt
        kwargs["error_messages"] = {"required": f"{prompt}.", **kwargs.get("error_messages", {})}
        kwargs["initial"] = None  # a default would be a choice made for the person
        super().__init__(**kwargs)

    def _set_choices(self, value) -> None:
        real = [choice for choice in list(value) if choice[0] not in self.empty_values]
        # One possibility is no choice: it is shown chosen (and the person need not choose).
        self.initial = real[0][0] if len(real) == 1 else None
        if len(real) != 1 and not isinstance(self.widget, forms.RadioSelect):
            real = [("", self.prompt), *real]
        forms.TypedChoiceField.choices.fset(self, real)

    choices = property(forms.TypedChoiceField.choices.fget, _set_choices)


def error_sentences(bound_field) -> list[str]:
    """A field's errors, each a sentence that names what to do without the label beside it
    (the error summary lists them alone): Django's bare "This field is required." becomes
    "Enter <label>." or "Choose <label>.". Each sentence once."""
    generic = str(forms.Field.default_error_messages["required"])
    label = str(bound_field.label or bound_field.name)
    if len(label) > 1 and not label[1].isupper():
        label = label[0].lower() + label[1:]
    verb = "Choose" if isinstance(bound_field.field, forms.ChoiceField) else "Enter"
    sentences = [f"{verb} {label}." if str(e) == generic else str(e) for e in bound_field.errors]
    # A view that re-binds a service's Invalid onto the form it validated repeats an error.
    return list(dict.fromkeys(sentences))


class IsoDateInput(forms.DateInput):
    """A date typed as YYYY-MM-DD beside a hint saying so: one order for everyone, where a
    browser's date picker shows the order of its own locale (often the US month first)."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"autocomplete": "off", "spellcheck": "false", "class": "date", **(attrs or {})},
            format="%Y-%m-%d",
        )
