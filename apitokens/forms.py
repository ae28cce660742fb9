"""Input validation for API tokens, shared by the page, the API and the services."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_DAYS = 366


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        error_messages={"required": _("Give the token a name.")},
        help_text=_("What the token is for, e.g. “Nightly contact export”."),
    )
    expires_in_days = forms.IntegerField(
        label=_("Expires after (days)"),
        required=False,
        min_value=1,
        max_value=MAX_DAYS,
        help_text=_("Leave empty for a token that lasts until you revoke it."),
    )

    def clean_name(self) -> str:
        value = unicodedata.normalize("NFC", self.cleaned_data.get("name") or "").strip()
        if any(unicodedata.category(ch) in {"Cc", "Cs"} for ch in value):
            raise forms.ValidationError(_("The name contains characters that cannot be stored."))
        if not value:
            raise forms.ValidationError(_("Give the token a name."))
        return value
