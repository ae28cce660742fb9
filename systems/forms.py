"""Input for grants and requests, shared by pages, the API and services."""

import unicodedata

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.bilingual import CATALOGUE_TEXT, CATALOGUE_TEXT_LABELS, catalogue_text_widgets
from core.forms import IsoDateInput, RequiredChoiceField, clean_text
from systems.models import InformationSystem

REASON_MAX = 1000


class GrantTermsForm(forms.Form):
    """The level and expiry of a grant, checked against the system's levels."""

    level = forms.ChoiceField(
        label=_("Access level"), error_messages={"required": _("Choose an access level.")}
    )
    expires = forms.DateField(
        label=_("Expires after"),
        required=False,
        help_text=_("The last day the access counts, as YYYY-MM-DD. Leave empty for no expiry."),
        widget=IsoDateInput(),
    )

    def __init__(self, *args, system: InformationSystem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(level, level.title()) for level in system.levels]

    def clean_expires(self):
        expires = self.cleaned_data.get("expires")
        if expires is not None and expires < timezone.localdate():
            raise forms.ValidationError(_("The expiry date must be today or later."))
        return expires


class RequestReasonForm(forms.Form):
    level = forms.ChoiceField(label=_("Access level"))
    reason = forms.CharField(
        label=_("Why do you need it?"),
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
            raise forms.ValidationError(_("The reason contains characters that cannot be stored."))
        return reason


class RequestAccessForm(forms.Form):
    """The Request Access page: which organization, which system at which level, and why."""

    organization = RequiredChoiceField(
        label=_("On behalf of"),
        coerce=int,
        prompt=_("Choose an organization"),
        error_messages={"required": _("Choose an organization.")},
    )
    access = RequiredChoiceField(
        label=_("Access to"),
        help_text=_("The system and the level of access you need."),
        prompt=_("Choose an information system"),
        error_messages={"required": _("Choose an information system.")},
    )
    reason = forms.CharField(
        label=_("Why do you need it?"),
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
        label=_("Name"),
        max_length=120,
        help_text=_("For example “Quarterly access review, Q1 2027”."),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        help_text=_(
            "The last day on which grants can be confirmed, as YYYY-MM-DD. Grants not "
            "confirmed by then are revoked."
        ),
        widget=IsoDateInput(),
    )
    organizations = forms.CharField(
        label=_("Organization IDs"),
        required=False,
        max_length=2000,
        help_text=_("Separated by commas or spaces. Leave empty to review every organization."),
    )

    def clean_name(self):
        value = self.cleaned_data.get("name") or ""
        if any(unicodedata.category(ch) in {"Cc", "Cs"} for ch in value):
            raise forms.ValidationError(_("The name contains characters that cannot be stored."))
        name = " ".join(clean_text(value, "The name").split(" "))
        if not name:
            raise forms.ValidationError(_("Give the review a name."))
        return name

    def clean_organizations(self) -> list[int]:
        """The Organization IDs listed (empty: all of them). Whether the deadline is still
        ahead and each ID an active organization, the service asks (systems.reviews)."""
        words = (self.cleaned_data.get("organizations") or "").replace(",", " ").split()
        if not all(w.isascii() and w.isdigit() and int(w) <= MAX_ID for w in words):
            raise forms.ValidationError(
                _("Enter Organization IDs as numbers, separated by commas or spaces.")
            )
        return sorted({int(w) for w in words})


class InformationSystemForm(forms.ModelForm):
    """One of the operator's information systems as staff edit it (the code is given once)."""

    levels_text = forms.CharField(
        label=_("Access levels"),
        max_length=400,
        help_text=_("From least to most powerful, separated by commas, e.g. read, submit."),
    )

    class Meta:
        model = InformationSystem
        fields = ["code", *CATALOGUE_TEXT, "open_to_all", "is_active", "sort_order"]
        labels = {
            "code": _("Code"),
            **CATALOGUE_TEXT_LABELS,
            "open_to_all": _("Open to all members"),
            "is_active": _("In use"),
            "sort_order": _("Position in lists"),
        }
        help_texts = {
            "code": _("Lower case letters, digits and hyphens; it cannot change later."),
            "open_to_all": _(
                "Every member of an organization may use its lowest level without a grant."
            ),
        }
        widgets = catalogue_text_widgets()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["code"]
            self.fields["levels_text"].initial = ", ".join(self.instance.levels)

    def clean_levels_text(self) -> list[str]:
        levels = [v.strip().lower() for v in self.cleaned_data["levels_text"].split(",")]
        levels = [v for v in levels if v]
        if not levels or len(set(levels)) != len(levels):
            raise forms.ValidationError(_("List each access level once, e.g. read, submit."))
        return levels


class MachineAccountForm(forms.Form):
    """What a machine account is for: its name, purpose and level, checked against the system."""

    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("How people will recognise it, e.g. “Meter data upload server”."),
        error_messages={"required": _("Give the machine account a name.")},
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the machine account is for.")},
    )
    level = forms.ChoiceField(
        label=_("Access level"), error_messages={"required": _("Choose an access level.")}
    )

    def __init__(self, *args, system: InformationSystem, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(level, level.title()) for level in system.levels]

    def clean_name(self):
        name = " ".join((self.cleaned_data.get("name") or "").split())
        if any(ord(ch) < 32 for ch in name):
            raise forms.ValidationError(_("The name contains characters that cannot be stored."))
        return name

    def clean_purpose(self):
        purpose = " ".join((self.cleaned_data.get("purpose") or "").split())
        if any(ord(ch) < 32 for ch in purpose):
            raise forms.ValidationError(_("The purpose contains characters that cannot be stored."))
        return purpose


class RequestMachineAccountForm(forms.Form):
    """The page asking for a machine account: name, system and level, owner, purpose (the
    service validates name, purpose and level again with MachineAccountForm)."""

    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("How people will recognise it, e.g. “Meter data upload server”."),
    )
    access = RequiredChoiceField(
        label=_("Access to"),
        help_text=_("The one system, and the level, the machine may use."),
        prompt=_("Choose an information system"),
        error_messages={"required": _("Choose an information system.")},
    )
    owner = forms.IntegerField(
        label=_("Owner's Person ID"),
        min_value=1,
        max_value=MAX_ID,
        help_text=_(
            "A member of the organization who answers for the machine. When they leave "
            "it, or hold no role in it any more, the machine account is revoked."
        ),
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the machine does with the system."),
    )

    def __init__(self, *args, systems, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["access"].choices = [
            (f"{s.code}:{level}", f"{s.name} – {level}") for s in systems for level in s.levels
        ]
