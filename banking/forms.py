"""The one definition of what valid banking information looks like."""

from django import forms
from django.core.validators import RegexValidator

from banking.models import Currency
from core.forms import RequiredChoiceField
from documents.forms import DocumentField


def _digits(count: str, what: str) -> RegexValidator:
    # [0-9] and \Z, not \d and $: only ASCII digits, and no trailing newline.
    return RegexValidator(
        rf"\A[0-9]{{{count}}}\Z", f"Enter the {what} as {count.replace(',', ' to ')} digits (0–9)."
    )


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
    bank_name = forms.CharField(label="Bank name", max_length=100)
    institution_number = DigitsField(
        label="Institution number",
        count="3",
        what="institution number",
        help_text="3 digits, e.g. 001.",
    )
    transit_number = DigitsField(
        label="Transit number",
        count="5",
        what="transit number",
        help_text="5 digits, the branch number.",
    )
    account_number = DigitsField(
        label="Account number",
        count="5,12",
        what="account number",
        help_text="5 to 12 digits. Spaces and hyphens between the digits are fine.",
    )
    currency = RequiredChoiceField(
        label="Currency", choices=Currency.choices, prompt="Choose the account's currency"
    )

    def clean_bank_name(self) -> str:
        name = " ".join(self.cleaned_data["bank_name"].split())
        if not name or not name.isprintable():
            raise forms.ValidationError("Enter the bank's name in plain text.")
        return name


class BankingChangeForm(BankingForm):
    """The page's form: the details, and the supporting document uploaded with them (checked
    by its content in documents.services, like every upload)."""

    document = DocumentField(
        label="Void cheque or bank letter",
        required=False,  # the service says it is missing, beside every other correction
        help_text="A void cheque, or a letter from the bank, showing the new account: the "
        "approvers compare the numbers with it.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required (the label says so), though the service names it missing with the rest.
        self.fields["document"].widget.attrs["required"] = True
