"""The public "Register an Organization" form, and the staff decisions' inputs.

Field validation reuses the registry's forms: an organization is validated like any other, and
each contact like any registered person (names, e-mail, telephone in E.164).
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from backoffice.models import EntityType
from core.bilingual import CATALOGUE_TEXT_LABELS, catalogue_text_widgets
from core.forms import RequiredChoiceField, clean_text
from core.text import sentence
from registry import forms as registry_forms
from registry.forms import OrganizationForm, PersonDetailsForm
from registry.rules import Role

# The mandatory contacts an application names, in the order the form shows them.
CONTACT_ROLES = [
    (Role.AUTHORIZED_REPRESENTATIVE, "ar"),
    (Role.PRIMARY_CONTACT, "pc"),
    (Role.RIGHTS_ADMINISTRATOR, "ra"),
]
SUBMITTER_PREFIX = "submitter"
REASON_MAX = 2000


class ApplicationOrganizationForm(OrganizationForm):
    """The organization: its legal name, business number, entity type and address."""

    business_number = forms.CharField(
        label=_("Business number"),
        max_length=30,
        help_text=_("The 9-digit business number from the Canada Revenue Agency."),
    )
    entity_type = RequiredChoiceField(
        label=_("Type of entity"),
        choices=EntityType.choices,
        prompt=_("Choose the type of entity"),
        error_messages={"required": _("Choose the type of entity.")},
    )

    field_order = [
        "legal_name",
        "business_number",
        "entity_type",
        "street",
        "city",
        "province",
        "postal_code",
        "country",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["street", "city", "province", "postal_code", "country"]:
            self.fields[name].required = True

    def clean_business_number(self):
        raw = clean_text(self.cleaned_data.get("business_number", ""), "Business number")
        # Accept "123 456 789" and the program-account form "123456789 RT0001": keep the BN9.
        compact = re.sub(r"[\s-]", "", raw).upper()
        match = re.fullmatch(r"(\d{9})([A-Z]{2}\d{4})?", compact, flags=re.ASCII)
        if not match:
            raise forms.ValidationError(_("Enter the 9-digit business number, e.g. 123456789."))
        return match.group(1)


class ApplicationContactForm(PersonDetailsForm):
    """A contact named in an application: name, job title, e-mail and telephone."""

    street = city = province = postal_code = country = None


class RejectApplicationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The submitter receives this reason by e-mail."),
    )

    def clean_reason(self):
        value = clean_text(self.cleaned_data.get("reason", ""), "The reason")
        if len(value) < 5:
            raise forms.ValidationError(_("Explain the reason in a sentence."))
        return value


class AppointRepresentativeForm(forms.Form):
    person_id = forms.IntegerField(
        label=_("Person ID of the new Authorized Representative"),
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("Search for the person first; the Person ID confirms it is the right one."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit log and sent to the organization's contacts."),
    )

    def clean_reason(self):
        value = clean_text(self.cleaned_data.get("reason", ""), "The reason")
        if len(value) < 5:
            raise forms.ValidationError(_("Explain the reason in a sentence."))
        return value


class ApplicationForms:
    """The organization form plus one contact form per mandatory role and the submitter's."""

    def __init__(self, data=None):
        self.organization = ApplicationOrganizationForm(data=data, prefix="org")
        self.contacts = [
            (Role(code), ApplicationContactForm(data=data, prefix=prefix))
            for code, prefix in CONTACT_ROLES
        ]
        self.submitter = ApplicationContactForm(data=data, prefix=SUBMITTER_PREFIX)
        self.submitter.fields["job_title"].required = False

    @property
    def all(self) -> list[forms.Form]:
        return [self.organization, *(f for _, f in self.contacts), self.submitter]

    @property
    def sections(self) -> list[tuple[str, forms.Form]]:
        """Each form with the heading it is shown under, for one error summary."""
        return [
            (_("The organization"), self.organization),
            *((role.label, form) for role, form in self.contacts),
            (_("Your details"), self.submitter),
        ]

    @property
    def has_errors(self) -> bool:
        return any(form.errors for form in self.all)

    def is_valid(self) -> bool:
        valid = all([form.is_valid() for form in self.all])  # validate every form
        return self._check_shared_emails() and valid

    def _check_shared_emails(self) -> bool:
        """One e-mail is one person: a contact may hold several roles, under one name."""
        seen: dict[str, tuple[str, str]] = {}
        ok = True
        for role, form in self.contacts:
            data = getattr(form, "cleaned_data", {})
            email = (data.get("email") or "").lower()
            if not email or "first_name" not in data or "last_name" not in data:
                continue
            name = (data["first_name"].casefold(), data["last_name"].casefold())
            if email in seen and seen[email][0] != name:
                form.add_error(
                    "email",
                    sentence(
                        _(
                            "This e-mail is already given for the {role} under another name. "
                            "One e-mail belongs to one person."
                        ),
                        role=seen[email][1],
                    ),
                )
                ok = False
            seen.setdefault(email, (name, role.label))
        return ok

    def errors(self) -> dict[str, list[str]]:
        """Per-field messages keyed by the prefixed field name (as posted)."""
        out: dict[str, list[str]] = {}
        for form in self.all:
            for name, messages in form.errors.items():
                key = form.add_prefix(name) if name != "__all__" else "__all__"
                out.setdefault(key, []).extend(str(m) for m in messages)
        return out

    def bind_errors(self, fields: dict[str, list[str]]) -> None:
        """Show a service's per-field messages on the right sub-form."""
        for key, messages in fields.items():
            for form in self.all:
                prefix = f"{form.prefix}-"
                if key.startswith(prefix) and key[len(prefix) :] in form.fields:
                    for message in messages:
                        if message not in form.errors.get(key[len(prefix) :], []):
                            form.add_error(key[len(prefix) :], message)
                    break


class OrganizationSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name or Organization ID"), max_length=100, required=False
    )


class DeactivateAccountForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the account deactivated?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the audit log, e.g. who asked and how you checked it was them."),
    )

    def clean_reason(self) -> str:
        return clean_text(self.cleaned_data["reason"], "The reason")


class RoleTypeForm(registry_forms.RoleTypeForm):
    """A registration role as staff edit it (the code is given once, at creation)."""

    class Meta(registry_forms.RoleTypeForm.Meta):
        labels = {
            "code": _("Code"),
            **CATALOGUE_TEXT_LABELS,
            "mandatory": _("Mandatory"),
            "communications_only": _("Receives communications only"),
            "recommended_holders": _("Recommended number of holders"),
            "managed_by": _("Holders of these roles may add and remove its holders"),
            "sort_order": _("Position in lists"),
        }
        help_texts = {
            "code": _("Lower case letters, digits and underscores; it cannot change later."),
            "managed_by": _("Operator staff always may."),
            "communications_only": _(
                "Its holders only receive the operator's communications (settlement, metering, "
                "emergency preparedness): a section (a shared mailbox) may hold it. Never a "
                "mandatory role, nor one that decides (banking, access)."
            ),
        }
        widgets = {
            "managed_by": forms.CheckboxSelectMultiple,
            **catalogue_text_widgets(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["code"]
        self.fields["managed_by"].required = False
