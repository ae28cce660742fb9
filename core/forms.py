"""Forms are the single definition of field validation; services turn a failure into Invalid."""

import re
import unicodedata

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.errors import Invalid
from core.text import sentence


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


def validated(form: forms.Form, *, message: str | None = None) -> dict:
    """The bound form's cleaned data, or Invalid with per-field messages."""
    if not form.is_valid():
        raise Invalid(message or _("Some details need correcting."), fields=field_errors(form))
    return form.cleaned_data


# One definition each of what surrounding space, a name's letter, a written telephone number
# and an e-mail address are: the forms check them and the API's schemas state the same patterns
# (core.api), so what the OpenAPI document promises is what the forms accept. Each is written
# with explicit characters only (no \\s, \\w or \\d), so Python and the JSON Schema (ECMA-262)
# validators a client uses read it alike.
#
# SPACE is what str.strip() removes (the forms trim text with it);
# CONTROL the control characters a text may not contain once trimmed.
SPACE = r"[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
CONTROL = r"\x00-\x1f\x7f-\x9f"
# A letter of the scripts people's names are written in (Latin, Greek, Cyrillic, Armenian,
# Hebrew, Arabic, the Indic and South-East Asian scripts, Georgian, Ethiopic, Cherokee, Canadian
# syllabics, kana, CJK, Hangul, ...): whole blocks, so a few of their signs count as letters too.
LETTER = (
    r"[A-Za-z\xaa\xb5\xba\xc0-\xd6\xd8-\xf6\xf8-\u1fff\u2c00-\u2dff\u3040-\u318f"
    r"\u31a0-\u31ff\u3400-\u4dbf\u4e00-\ua4ff\ua640-\ua6ff\ua720-\ua7ff\uac00-\ud7a3"
    r"\uf900-\ufaff\ufb00-\ufdff\ufe70-\ufefc\uff21-\uff3a\uff41-\uff5a\uff66-\uffdc]"
)
TELEPHONE_PATTERN = rf"^{SPACE}*\+?[0-9()./ -]*[0-9][0-9()./ -]*{SPACE}*$"
# An e-mail address as the portal takes it: a dot-atom local part and a domain of letters,
# digits and hyphens with a top-level domain of letters (Django's EmailValidator also takes
# quoted local parts and address literals; nobody registers a business contact with those).
EMAIL_PATTERN = (
    rf"^{SPACE}*[A-Za-z0-9!#$%&'*+/=?^_`{{|}}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{{|}}~-]+)*"
    rf"@([A-Za-z0-9]([A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.)+[A-Za-z]{{2,63}}{SPACE}*$"
)
_LETTER = re.compile(LETTER)
_EMAIL = re.compile(EMAIL_PATTERN)
_TELEPHONE = re.compile(TELEPHONE_PATTERN)


def has_letter(value: str) -> bool:
    return bool(_LETTER.search(value or ""))


def written_as_telephone(value: str) -> bool:
    return bool(_TELEPHONE.match(value or ""))


def checked_email(value: str) -> str:
    """An e-mail address trimmed, or a sentence saying how to write it."""
    value = (value or "").strip()
    if value and not _EMAIL.match(value):
        raise forms.ValidationError(_("Enter an e-mail address such as name@example.com."))
    return value


def clean_text(value: str, label: str) -> str:
    """Text as typed, NFC-normalized and trimmed; control characters are refused."""
    value = unicodedata.normalize("NFC", value or "").strip()
    if any(unicodedata.category(ch) in {"Cc", "Cs"} for ch in value):
        raise forms.ValidationError(
            sentence(_("{label} contains characters that cannot be stored."), label=label)
        )
    return value


class RequiredChoiceField(forms.TypedChoiceField):
    """A choice the person must make themselves: nothing is chosen for them.

    A select starts on an empty "Choose …" option (radios start unchecked), and leaving it
    says what to choose, e.g. "Choose an information system.". Only where there is one
    possibility is it shown chosen."""

    def __init__(self, *, prompt: str, **kwargs):
        self.prompt = prompt
        kwargs["error_messages"] = {
            "required": format_lazy("{}.", prompt),
            **kwargs.get("error_messages", {}),
        }
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
    missing = (
        _("Choose {label}.")
        if isinstance(bound_field.field, forms.ChoiceField)
        else _("Enter {label}.")
    )
    sentences = [
        sentence(missing, label=label) if str(e) == generic else str(e) for e in bound_field.errors
    ]
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
