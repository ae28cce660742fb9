"""The participation forms: the single definition of their fields' validation (services call
them through core.forms.validated)."""

import re

from django import forms

from core.bilingual import CATALOGUE_TEXT, CATALOGUE_TEXT_LABELS, catalogue_text_widgets
from core.forms import IsoDateInput, clean_text
from participation.models import ParticipationType, Requirement
from registry.models import RoleType


def requirement_fields_form(requirement: Requirement) -> type[forms.Form]:
    """A form of the requirement's own fields (`Requirement.fields`), all required."""
    attrs = {}
    for spec in requirement.fields or []:
        attrs[spec["name"]] = forms.CharField(
            label=spec.get("label") or spec["name"],
            max_length=int(spec.get("max_length") or 200),
            required=True,
            error_messages={
                "required": f"Enter the {(spec.get('label') or spec['name']).lower()}."
            },
        )
    return type("RequirementFieldsForm", (forms.Form,), attrs)


class StartForm(forms.Form):
    """The yes/no answers to the type's conditions; built per type (see for_type)."""

    @classmethod
    def for_type(cls, ptype: ParticipationType, data=None):
        form = cls(data)
        for requirement in ptype.requirements.all():
            if requirement.condition:
                form.fields[requirement.code] = forms.TypedChoiceField(
                    label=requirement.condition,
                    choices=[("yes", "Yes"), ("no", "No")],
                    coerce=lambda v: v == "yes",
                    widget=forms.RadioSelect,
                    help_text=f"If yes, the application asks for {requirement.name}.",
                    error_messages={"required": "Answer yes or no."},
                )
        return form


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The organization reads it: say what to change.",
        error_messages={"required": "Say what the organization must change."},
    )

    def clean_reason(self) -> str:
        value = clean_text(self.cleaned_data["reason"], "The reason")
        if not value:
            raise forms.ValidationError("Say what the organization must change.")
        return value


class FeeForm(forms.Form):
    reference = forms.CharField(
        label="Payment reference",
        max_length=100,
        help_text="The payment processor's reference. Never card numbers.",
        error_messages={"required": "Enter the payment processor's reference."},
    )
    amount = forms.DecimalField(
        label="Amount received",
        max_digits=10,
        decimal_places=2,
        min_value=0,
        error_messages={"required": "Enter the amount received."},
    )

    def clean_reference(self) -> str:
        value = clean_text(self.cleaned_data["reference"], "The reference")
        digits = re.sub(r"[\s-]", "", value)
        if re.fullmatch(r"\d{13,19}", digits):
            raise forms.ValidationError(
                "That looks like a card number: enter the processor's reference instead."
            )
        return value


class AuthorizeForm(forms.Form):
    effective_from = forms.DateField(
        label="Effective from",
        widget=IsoDateInput,
        error_messages={"required": "Give the date the participation takes effect."},
    )


class ParticipationTypeForm(forms.ModelForm):
    class Meta:
        model = ParticipationType
        fields = ["code", *CATALOGUE_TEXT, "is_active", "sort_order"]
        labels = {
            "code": "Code",
            **CATALOGUE_TEXT_LABELS,
            "is_active": "Offered",
            "sort_order": "Position in lists",
        }
        help_texts = {
            "code": "Lower case letters, digits and hyphens; it cannot change later.",
            "is_active": "Organizations can start applications for it.",
        }
        widgets = catalogue_text_widgets()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["code"]


class RequirementForm(forms.ModelForm):
    """One requirement as staff edit it. Form fields are typed one per line,
    `name | Label | maximum length`."""

    fields_text = forms.CharField(
        label="Fields (form of fields only)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One per line: name | Label | maximum length, e.g. bank_name | Bank name | 200.",
    )

    class Meta:
        model = Requirement
        fields = [
            "code",
            "name",
            "kind",
            "instructions",
            "order",
            "fee_amount",
            "currency",
            "roles",
            "condition",
        ]
        labels = {
            "code": "Code",
            "order": "Position",
            "fee_amount": "Fee amount (fee only)",
            "currency": "Currency (fee only)",
            "roles": "Roles to be held (contact roles only)",
            "condition": "Condition (optional)",
        }
        help_texts = {
            "code": "Lower case letters, digits and hyphens.",
            "order": "Requirements are listed by position, smallest first.",
            "condition": "A yes/no question asked when the application starts; the "
            "requirement applies only on yes. Leave empty: it always applies.",
        }
        widgets = {
            "instructions": forms.Textarea(attrs={"rows": 3}),
            "roles": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, participation_type: ParticipationType, **kwargs):
        super().__init__(*args, **kwargs)
        self.participation_type = participation_type
        self.fields["roles"].queryset = RoleType.objects.order_by("sort_order", "name")
        self.fields["currency"].required = False
        if self.instance.pk:
            self.fields["fields_text"].initial = "\n".join(
                f"{f['name']} | {f.get('label', '')} | {f.get('max_length', 200)}"
                for f in self.instance.fields or []
            )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        taken = Requirement.objects.filter(
            participation_type=self.participation_type, code=code
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"{self.participation_type.name} already has {code}.")
        return code

    def clean_fields_text(self) -> list[dict]:
        specs = []
        for number, line in enumerate((self.cleaned_data.get("fields_text") or "").splitlines()):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            name = parts[0]
            label = parts[1] if len(parts) > 1 and parts[1] else name
            length = parts[2] if len(parts) > 2 and parts[2] else "200"
            if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", name) or not length.isdigit():
                raise forms.ValidationError(
                    f"Line {number + 1} should read name | Label | maximum length, the name in "
                    f"lower case letters, digits and underscores."
                )
            specs.append({"name": name, "label": label[:100], "max_length": min(int(length), 1000)})
        if len({s["name"] for s in specs}) != len(specs):
            raise forms.ValidationError("Each field needs its own name.")
        return specs

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Requirement.Kind.FORM and not cleaned.get("fields_text"):
            self.add_error("fields_text", "A form of fields needs at least one field.")
        if kind == Requirement.Kind.FEE and not cleaned.get("fee_amount"):
            self.add_error("fee_amount", "A fee needs its amount.")
        if kind == Requirement.Kind.ROLES and not cleaned.get("roles"):
            self.add_error("roles", "Choose the roles the organization must hold.")
        if kind != Requirement.Kind.FEE:
            cleaned["fee_amount"] = None
        cleaned["currency"] = (cleaned.get("currency") or "CAD").upper()
        return cleaned

    def save(self, commit=True):
        requirement = super().save(commit=False)
        requirement.fields = (
            self.cleaned_data.get("fields_text") or []
            if requirement.kind == Requirement.Kind.FORM
            else []
        )
        requirement.fee_amount = self.cleaned_data.get("fee_amount")
        requirement.currency = self.cleaned_data["currency"]
        if commit:
            requirement.save()
            self.save_m2m()
        return requirement
