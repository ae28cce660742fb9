"""Input for grants and requests, shared by pages, the API and services."""

from django import forms
from django.utils import timezone

from core.forms import IsoDateInput, RequiredChoiceField, clean_text
from systems.models import InformationSystem

REASON_MAX = 1000


class GrantTermsForm(forms.Form):
    """The level and expiry of a grant, checked against the system's levels."""

    level = forms.ChoiceField(
        label="Access level", error_messages={"required": "Choose an access level."}
    )
    expires = forms.DateField(
        label="Expires after",
        required=False,
        help_text="The last day the access counts, as YYYY-MM-DD. Leave empty for no expiry.",
        widget=IsoDateInput(),
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

    organization = RequiredChoiceField(
        label="On behalf of", coerce=int, prompt="Choose an organization"
    )
    access = RequiredChoiceField(
        label="Access to",
        help_text="The system and the level of access you need.",
        prompt="Choose an information system",
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


MAX_ID = 2**31 - 1  # the largest Organization ID the database (and the API) takes


class StartReviewCampaignForm(forms.Form):
    """Staff start an access review: a name, a deadline, and all or some organizations."""

    name = forms.CharField(
        label="Name", max_length=120, help_text="For example “Quarterly access review, Q1 2027”."
    )
    deadline = forms.DateField(
        label="Deadline",
        help_text="The last day on which grants can be confirmed, as YYYY-MM-DD. Grants not "
        "confirmed by then are revoked.",
        widget=IsoDateInput(),
    )
    organizations = forms.CharField(
        label="Organization IDs",
        required=False,
        max_length=2000,
        help_text="Separated by commas or spaces. Leave empty to review every organization.",
    )

    def clean_name(self):
        name = " ".join(clean_text(self.cleaned_data.get("name"), "The name").split(" "))
        if not name:
            raise forms.ValidationError("Give the review a name.")
        return name

    def clean_organizations(self) -> list[int]:
        """The Organization IDs listed (empty: all of them). Whether the deadline is still
        ahead and each ID an active organization, the service asks (systems.reviews)."""
        words = (self.cleaned_data.get("organizations") or "").replace(",", " ").split()
        if not all(w.isascii() and w.isdigit() and int(w) <= MAX_ID for w in words):
            raise forms.ValidationError(
                "Enter Organization IDs as numbers, separated by commas or spaces."
            )
        return sorted({int(w) for w in words})


class InformationSystemForm(forms.ModelForm):
    """One of the operator's information systems as staff edit it (the code is given once)."""

    levels_text = forms.CharField(
        label="Access levels",
        max_length=400,
        help_text="From least to most powerful, separated by commas, e.g. read, submit.",
    )

    class Meta:
        model = InformationSystem
        fields = ["code", "name", "description", "open_to_all", "is_active", "sort_order"]
        labels = {"code": "Code", "is_active": "In use", "sort_order": "Position in lists"}
        help_texts = {"code": "Lower case letters, digits and hyphens; it cannot change later."}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["code"]
            self.fields["levels_text"].initial = ", ".join(self.instance.levels)

    def clean_levels_text(self) -> list[str]:
        levels = [v.strip().lower() for v in self.cleaned_data["levels_text"].split(",")]
        levels = [v for v in levels if v]
        if not levels or len(set(levels)) != len(levels):
            raise forms.ValidationError("List each access level once, e.g. read, submit.")
        return levels


class MachineAccountForm(forms.Form):
    """What a machine account is for: its name, purpose and level, checked against the system."""

    name = forms.CharField(
        label="Name",
        max_length=120,
        help_text="How people will recognise it, e.g. “Meter data upload server”.",
        error_messages={"required": "Give the machine account a name."},
    )
    purpose = forms.CharField(
        label="Purpose",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what the machine account is for."},
    )
    level = forms.ChoiceField(
        label="Access level", error_messages={"required": "Choose an access level."}
    )

    def __init__(self, *args, system: InformationSystem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(level, level.title()) for level in system.levels]

    def clean_name(self):
        name = " ".join((self.cleaned_data.get("name") or "").split())
        if any(ord(ch) < 32 for ch in name):
            raise forms.ValidationError("The name contains characters that cannot be stored.")
        return name

    def clean_purpose(self):
        purpose = " ".join((self.cleaned_data.get("purpose") or "").split())
        if any(ord(ch) < 32 for ch in purpose):
            raise forms.ValidationError("The purpose contains characters that cannot be stored.")
        return purpose


class RequestMachineAccountForm(forms.Form):
    """The page asking for a machine account: name, system and level, owner, purpose (the
    service validates name, purpose and level again with MachineAccountForm)."""

    name = forms.CharField(
        label="Name",
        max_length=120,
        help_text="How people will recognise it, e.g. “Meter data upload server”.",
    )
    access = RequiredChoiceField(
        label="Access to",
        help_text="The one system, and the level, the machine may use.",
        prompt="Choose an information system",
    )
    owner = forms.IntegerField(
        label="Owner's Person ID",
        min_value=1,
        max_value=MAX_ID,
        help_text="A member of the organization who answers for the machine. When they leave "
        "it, or hold no role in it any more, the machine account is revoked.",
    )
    purpose = forms.CharField(
        label="Purpose",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the machine does with the system.",
    )

    def __init__(self, *args, systems, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["access"].choices = [
            (f"{s.code}:{level}", f"{s.name} – {level}") for s in systems for level in s.levels
        ]
