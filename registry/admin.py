"""The registry in the back office. Every write is a service call (core.admin_tools)."""

from django import forms
from django.contrib import admin

from core.admin_tools import ReadOnlyAdmin, ServiceAdmin
from core.errors import DomainError
from registry import services
from registry.access import get_organization_for, get_person_by_number
from registry.forms import OrganizationForm, RoleTypeForm
from registry.models import Membership, Organization, Person, RoleAssignment, RoleType


class MembershipInline(admin.TabularInline):
    """Who belongs (read-only here: contacts change through the rules)."""

    model = Membership
    fields = ["person", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _person_field(label: str, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=1,
        help_text="Person ID (search Persons first, so that nobody is registered twice).",
    )


class OrganizationAdminForm(forms.ModelForm):
    primary_contact = _person_field("Primary Contact")
    authorized_representative = _person_field("Authorized Representative")
    rights_administrator = _person_field("Rights Administrator", required=False)

    class Meta:
        model = Organization
        fields = ["legal_name", "street", "city", "province", "postal_code", "country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # first contacts are given once, at registration
            for name in ["primary_contact", "authorized_representative", "rights_administrator"]:
                del self.fields[name]

    def _person(self, name: str):
        value = self.cleaned_data.get(name)
        if value in (None, ""):
            return None
        try:
            return get_person_by_number(value)
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from None

    def clean_primary_contact(self):
        return self._person("primary_contact")

    def clean_authorized_representative(self):
        return self._person("authorized_representative")

    def clean_rights_administrator(self):
        return self._person("rights_administrator")


@admin.register(Organization)
class OrganizationAdmin(ServiceAdmin):
    form = OrganizationAdminForm
    list_display = ["org_id", "legal_name", "city", "province", "is_active", "created_at"]
    list_filter = ["is_active", "province"]
    search_fields = ["legal_name", "=org_id"]
    readonly_fields = ["org_id", "is_active", "created_at"]
    inlines = [MembershipInline]
    list_per_page = 50

    def get_fieldsets(self, request, obj=None):
        details = ["legal_name", "street", "city", "province", "postal_code", "country"]
        if obj is None:
            return [
                (None, {"fields": details}),
                (
                    "First contacts",
                    {
                        "fields": [
                            "primary_contact",
                            "authorized_representative",
                            "rights_administrator",
                        ]
                    },
                ),
            ]
        return [(None, {"fields": ["org_id", *details, "is_active", "created_at"]})]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_through_service(self, request, obj, form, change):
        data = {name: form.cleaned_data.get(name, "") for name in OrganizationForm.base_fields}
        if change:
            current = Organization.objects.get(pk=obj.pk)
            return services.update_organization(current, data=data, actor=request.user)
        return services.create_organization(
            data=data,
            primary_contact=form.cleaned_data["primary_contact"],
            authorized_representative=form.cleaned_data["authorized_representative"],
            rights_administrator=form.cleaned_data.get("rights_administrator"),
            actor=request.user,
        )

    def has_delete_permission(self, request, obj=None):
        return False  # an organization's record is kept; its contacts change through the rules


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    """Persons are registered for an organization (Update Organization) or by an approved
    application; they correct their own details (Manage My Information)."""

    list_display = ["person_id", "last_name", "first_name", "email", "phone", "has_account"]
    search_fields = ["=person_id", "last_name", "first_name", "email"]
    list_select_related = ["user"]
    list_per_page = 50

    @admin.display(boolean=True, description="Has an account")
    def has_account(self, person: Person) -> bool:
        return person.user_id is not None


class PersonMembershipInline(MembershipInline):
    fields = ["organization", "created_at"]
    readonly_fields = fields


PersonAdmin.inlines = [PersonMembershipInline]


@admin.register(RoleType)
class RoleTypeAdmin(ServiceAdmin):
    form = RoleTypeForm
    list_display = ["name", "code", "mandatory", "recommended_holders", "sort_order"]
    search_fields = ["name", "code"]
    filter_horizontal = ["managed_by"]
    actions = ["delete_selected_via_services"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []  # the rules name roles by code

    def save_through_service(self, request, obj, form, change):
        data = {k: v for k, v in form.cleaned_data.items() if k != "managed_by"}
        return services.save_role_type(
            obj if change else None,
            data=data,
            managed_by=list(form.cleaned_data.get("managed_by") or []),
            actor=request.user,
        )

    def save_related(self, request, form, formsets, change):
        pass  # managed_by was set by the service

    def delete_through_service(self, request, obj):
        services.delete_role_type(obj, actor=request.user)


class RoleAssignmentAdminForm(forms.ModelForm):
    organization_id = forms.IntegerField(label="Organization ID", min_value=1)
    person_id = forms.IntegerField(
        label="Person ID", min_value=1, help_text="Search Persons first for the Person ID."
    )

    class Meta:
        model = RoleAssignment
        fields = ["role_type"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ServiceAdmin):
    """Role holders: added and removed through the registry's rules (a last holder stays)."""

    form = RoleAssignmentAdminForm
    list_display = ["person", "organization", "role_type", "created_at"]
    list_filter = ["role_type"]
    search_fields = [
        "membership__person__last_name",
        "membership__person__email",
        "=membership__person__person_id",
        "membership__organization__legal_name",
        "=membership__organization__org_id",
    ]
    list_select_related = ["membership__person", "membership__organization", "role_type"]
    actions = ["delete_selected_via_services"]
    list_per_page = 50

    @admin.display(description="Person", ordering="membership__person__last_name")
    def person(self, assignment: RoleAssignment) -> Person:
        return assignment.membership.person

    @admin.display(description="Organization", ordering="membership__organization__legal_name")
    def organization(self, assignment: RoleAssignment) -> Organization:
        return assignment.membership.organization

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["organization_id", "person_id", "role_type"]
        return ["person", "organization", "role_type", "created_at", "created_by"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["person", "organization", "role_type", "created_at", "created_by"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_through_service(self, request, obj, form, change):
        org = get_organization_for(request.user, form.cleaned_data["organization_id"])
        person = get_person_by_number(form.cleaned_data["person_id"])
        return services.add_contact(org, person, form.cleaned_data["role_type"], actor=request.user)

    def delete_through_service(self, request, obj):
        membership = obj.membership
        services.remove_contact(
            membership.organization, membership.person, obj.role_type, actor=request.user
        )
