"""The one definition of what valid banking information looks like."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from banking.models import Currency
from core.forms import RequiredChoiceField
from documents.forms import DocumentField

# What a number of the wrong shape is told, per number.
DIGITS_MESSAGES = {
    "institution number": _("Enter the institution number as 3 digits (0–9)."),
    "transit number": _("Enter the transit number as 5 digits (0–9)."),
    "account number": _("Enter the account number as 5 to 12 digits (0–9)."),
}


def _digits(count: str, what: str) -> RegexValidator:
    # [0-9] and \Z, not \d and $: only ASCII digits, and no trailing newline.
    return RegexValidator(rf"\A[0-9]{{{count}}}\Z", DIGITS_MESSAGES[what])


# Spaces (also the no-break and thin ones a copied statement carries) and hyphens or dashes.
SEPARATORS = str.maketrans("", "", " \u00a0\u2009\u202f-\u2010\u2011\u2013")


class DigitsField(forms.CharField):
    """A bank number as people copy it from a cheque or a statement: the spaces and hyphens
    they type between groups of digits are removed, then the digits are checked."""

    def __init__(self, *, count: str, what: str, **kwargs):
        super().__init__(
            strip=False,  # only separators go: a newline or a tab is refused
            validators=[_digits(count, what)],
            widget=forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
            ),
            **kwargs,
        )

    def to_python(self, value) -> str:
        return super().to_python(value).translate(SEPARATORS)


class BankingForm(forms.Form):
    bank_name = forms.CharField(label=_("Bank name"), max_length=100)
    institution_number = DigitsField(
        label=_("Institution number"),
        count="3",
        what="institution number",
        help_text=_("3 digits, e.g. 001."),
    )
    transit_number = DigitsField(
        label=_("Transit number"),
        count="5",
        what="transit number",
        help_text=_("5 digits, the branch number."),
    )
    account_number = DigitsField(
        label=_("Account number"),
        count="5,12",
        what="account number",
        help_text=_("5 to 12 digits. Spaces and hyphens between the digits are fine."),
    )
    currency = RequiredChoiceField(
        label=_("Currency"),
        choices=Currency.choices,
        prompt=_("Choose the account's currency"),
        error_messages={"required": _("Choose the account's currency.")},
    )

    def clean_bank_name(self) -> str:
        name = " ".join(self.cleaned_data["bank_name"].split())
        if not name or not name.isprintable():
            raise forms.ValidationError(_("Enter the bank's name in plain text."))
        return name


DOCUMENT_HELP = _(
    "A void cheque, or a letter from the bank, showing the new account: the approvers compare "
    "the numbers with it."
)


class BankingChangeForm(BankingForm):
    """The page's form: the details, and the supporting document uploaded with them (checked
    by its content in documents.services, like every upload)."""

    document = DocumentField(
        label=_("Void cheque or bank letter"),
        required=False,  # the service says it is missing, beside every other correction
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required (the label says so), though the service names it missing with the rest.
        self.fields["document"].widget.attrs["required"] = True
        # Our sentence, read in the reader's language, before what documents accepts.
        self.fields["document"].help_text = format_lazy(
            "{} {}", DOCUMENT_HELP, self.fields["document"].help_text
        )
