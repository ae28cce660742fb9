"""The one definition of what valid banking information looks like."""

from django import forms
from django.core.validators import RegexValidator

from banking.models import Currency


def _digits(count: str, what: str) -> RegexValidator:
    # [0-9] and \Z, not \d and $: only ASCII digits, and no trailing newline.
    return RegexValidator(
        rf"\A[0-9]{{{count}}}\Z",
        f"Enter the {what} as {count.replace(',', ' to ')} digits (0–9), with no spaces.",
    )


class BankingForm(forms.Form):
    bank_name = forms.CharField(label="Bank name", max_length=100)
    institution_number = forms.CharField(
        label="Institution number",
        strip=False,
        max_length=3,
        validators=[_digits("3", "institution number")],
        help_text="3 digits, e.g. 001.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    transit_number = forms.CharField(
        label="Transit number",
        strip=False,
        max_length=5,
        validators=[_digits("5", "transit number")],
        help_text="5 digits, the branch number.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    account_number = forms.CharField(
        label="Account number",
        strip=False,
        max_length=12,
        validators=[_digits("5,12", "account number")],
        help_text="5 to 12 digits.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    currency = forms.ChoiceField(label="Currency", choices=Currency.choices, initial="CAD")

    def clean_bank_name(self) -> str:
        name = " ".join(self.cleaned_data["bank_name"].split())
        if not name or not name.isprintable():
            raise forms.ValidationError("Enter the bank's name in plain text.")
        return name
