"""Input validation for persons and organizations, shared by pages, the API and services."""

import phonenumbers
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.bilingual import CATALOGUE_TEXT
from core.forms import (
    RequiredChoiceField,
    checked_email,
    clean_text,
    has_letter,
    written_as_telephone,
)
from core.text import sentence
from registry.models import RoleType

NAME_MAX = 100


def normalize_phone(raw: str) -> str:
    """A telephone number in E.164; numbers without a country code are read as the
    default region's (Canada unless PHONE_DEFAULT_REGION says otherwise)."""
    raw = (raw or "").strip()
    if not raw:
        raise forms.ValidationError(_("Enter a telephone number."))
    if len(raw) > 40:
        raise forms.ValidationError(_("That telephone number is too long."))
    if not written_as_telephone(raw):
        raise forms.ValidationError(
            _(
                "Write the telephone number with digits, spaces and + ( ) - . / only, "
                "e.g. 416-555-0100."
            )
        )
    try:
        number = phonenumbers.parse(raw, settings.PHONE_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise forms.ValidationError(
            _("Enter a telephone number such as 416-555-0100 or +44 20 7946 0958.")
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(
            _("That is not a valid telephone number. Include the area code, e.g. 416-555-0100.")
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class AddressFields(forms.Form):
    street = forms.CharField(label=_("Street address"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    province = forms.CharField(label=_("Province or state"), max_length=100, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    country = forms.CharField(label=_("Country"), max_length=100, required=False, initial="Canada")

    def clean(self):
        data = super().clean()
        for name in ["street", "city", "province", "postal_code", "country"]:
            if name in data:
                try:
                    data[name] = clean_text(data[name], self.fields[name].label or name)
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        return data


class PersonDetailsForm(AddressFields):
    """A person's contact details: what Manage My Information and registration edit."""

    first_name = forms.CharField(label=_("First name"), max_length=NAME_MAX)
    last_name = forms.CharField(label=_("Last name"), max_length=NAME_MAX)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Business e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Telephone"),
        max_length=40,
        help_text=_("With area code. Numbers without a country code are read as Canadian."),
        widget=forms.TextInput(attrs={"type": "tel"}),
    )

    field_order = ["first_name", "last_name", "job_title", "email", "phone"]

    def clean_first_name(self):
        return self._name(
            "first_name", _("Enter a first name."), _("First name must contain letters.")
        )

    def clean_last_name(self):
        return self._name(
            "last_name", _("Enter a last name."), _("Last name must contain letters.")
        )

    def _name(self, field: str, missing: str, no_letter: str) -> str:
        value = clean_text(self.cleaned_data.get(field, ""), self.fields[field].label)
        if not value:
            raise forms.ValidationError(missing)
        if not has_letter(value):
            raise forms.ValidationError(no_letter)
        return value

    def clean_job_title(self):
        return clean_text(self.cleaned_data.get("job_title", ""), self.fields["job_title"].label)

    def clean_email(self):
        return checked_email(self.cleaned_data.get("email"))

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))


# WCAG 1.3.5: the purpose of each field about the person filling it in, for browsers and
# assistive tools to fill and label it. Only on forms about oneself: registering someone
# else must not offer one's own details.
MY_AUTOCOMPLETE = {
    "first_name": "given-name",
    "last_name": "family-name",
    "job_title": "organization-title",
    "email": "email",
    "phone": "tel",
    "street": "address-line1",  # street-address is for a multi-line textarea only
    "city": "address-level2",
    "province": "address-level1",
    "postal_code": "postal-code",
    "country": "country-name",
}


class MyDetailsForm(PersonDetailsForm):
    """Manage My Information: one's own details, each field with its autocomplete purpose."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, token in MY_AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["email"].help_text = _(
            "A new address is used once you confirm it from the link we send to it."
        )


class OrganizationForm(AddressFields):
    legal_name = forms.CharField(label=_("Legal name"), max_length=200)

    field_order = ["legal_name"]

    def clean_legal_name(self):
        value = clean_text(self.cleaned_data.get("legal_name", ""), self.fields["legal_name"].label)
        if not value:
            raise forms.ValidationError(_("Enter the organization's legal name."))
        return value


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name, e-mail or Person ID"),
        max_length=100,
        min_length=2,
        error_messages={
            "required": _("Type a name, an e-mail address or a Person ID to search."),
            "min_length": _("Type at least 2 characters to search."),
        },
    )

    def clean_q(self):
        return clean_text(self.cleaned_data.get("q", ""), _("The search"))


class ChooseOrganizationForm(forms.Form):
    """Update Organization's first question; nothing is chosen for the person."""

    organization = RequiredChoiceField(
        label=_("Which organization do you want to update?"),
        coerce=int,
        widget=forms.RadioSelect,
        prompt=_("Choose an organization"),
        error_messages={"required": _("Choose an organization.")},
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [
            (
                o.org_id,
                sentence(_("{org} (Organization ID {org_id})"), org=o.legal_name, org_id=o.org_id),
            )
            for o in organizations
        ]


class RoleTypeForm(forms.ModelForm):
    """A registration role's editable fields, as `registry.services.save_role_type` takes
    them (the admin and the back office both start from it)."""

    class Meta:
        model = RoleType
        fields = [
            "code",
            *CATALOGUE_TEXT,
            "mandatory",
            "recommended_holders",
            "managed_by",
            "sort_order",
            "communications_only",
        ]


class SectionForm(forms.Form):
    """A section: a named shared point of contact and the communications-only roles it holds
    (`registry.rules.section_may_hold`)."""

    name = forms.CharField(
        label=_("Section name"),
        max_length=100,
        help_text=_("A desk, a team or a control room, e.g. Settlements Desk."),
    )
    email = forms.EmailField(
        label=_("Shared e-mail"),
        max_length=254,
        help_text=_("We send a link to it: notices go there once it is confirmed."),
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Telephone"),
        max_length=40,
        help_text=_("With area code. Numbers without a country code are read as Canadian."),
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles it holds"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only roles whose holders receive communications and decide nothing."),
        error_messages={
            "invalid_choice": _(
                "A section can hold only a role that receives communications "
                "and decides nothing (such as Settlement Contact); %(value)s is not one."
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        from registry.rules import section_may_hold

        super().__init__(*args, **kwargs)
        self.role_types = {
            r.code: r
            for r in RoleType.objects.filter(communications_only=True)
            if section_may_hold(r)
        }
        self.fields["roles"].choices = [(code, r.name) for code, r in self.role_types.items()]

    def clean_name(self):
        value = clean_text(self.cleaned_data.get("name", ""), self.fields["name"].label)
        if not value:
            raise forms.ValidationError(_("Enter the section's name."))
        if not has_letter(value):
            raise forms.ValidationError(_("Section name must contain letters."))
        return value

    def clean_email(self):
        return checked_email(self.cleaned_data.get("email"))

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))

    def clean_roles(self):
        return [self.role_types[code] for code in dict.fromkeys(self.cleaned_data["roles"])]
