"""Input for grants and requests, shared by pages, the API and services."""

from django import forms
from django.utils import timezone

from systems.models import InformationSystem

REASON_MAX = 1000


class GrantTermsForm(forms.Form):
    """The level and expiry of a grant, checked against the system's levels."""

    level = forms.ChoiceField(label="Access level")
    expires = forms.DateField(
        label="Expires after",
        required=False,
        help_text="The last day the access counts, as YYYY-MM-DD. Leave empty for no expiry.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, system: InformationSystem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(level, level.title()) for level in system.levels]

    def clean_expires(self):
        expires = self.cleaned_data.get("expires")
        if expires is not None and expires < timezone.localdate():
            raise forms.ValidationError("The expiry date must be today or later.")
        return expires


class RequestReasonForm(forms.Form):
    level = forms.ChoiceField(label="Access level")
    reason = forms.CharField(
        label="Why do you need it?",
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, system: InformationSystem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(level, level.title()) for level in system.levels]

    def clean_reason(self):
        reason = " ".join((self.cleaned_data.get("reason") or "").split())
        if any(ord(ch) < 32 for ch in reason):
            raise forms.ValidationError("The reason contains characters that cannot be stored.")
        return reason


class RequestAccessForm(forms.Form):
    """The Request Access page: which organization, which system at which level, and why."""

    organization = forms.TypedChoiceField(label="On behalf of", coerce=int)
    access = forms.ChoiceField(
        label="Access to", help_text="The system and the level of access you need."
    )
    reason = forms.CharField(
        label="Why do you need it?",
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organizations, systems, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [
            (o.org_id, f"{o.legal_name} ({o.org_id})") for o in organizations
        ]
        self.fields["access"].choices = [
            (f"{s.code}:{level}", f"{s.name} – {level}") for s in systems for level in s.levels
        ]
