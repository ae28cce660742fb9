"""The staff workplace: the staff home, organizations and persons (search and detail).

Every page is `staff_page` (one answer to everyone else, see `registry.access`); writes are
one service call each, like every other page. What other feature apps know (banking status,
access, access reviews) comes through their template tags (`banking_tags`, `systems_tags`),
so that the feature apps stay independent of each other."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import services as account_services
from backoffice import staff_queries
from backoffice.access import staff_page
from backoffice.forms import DeactivateAccountForm, OrganizationSearchForm, RoleTypeForm
from core.errors import DomainError, Invalid, NotFound
from core.forms import show_errors
from core.text import sentence
from core.views import attempt
from registry import queries as registry_queries
from registry import services as registry_services
from registry.access import get_organization_for, get_person_for, get_role_type
from registry.forms import OrganizationForm, PersonSearchForm
from registry.rules import may_use_admin


@require_GET
@staff_page
def home(request):
    return render(
        request,
        "backoffice/staff/home.html",
        {"home": staff_queries.home(), "may_maintain": may_use_admin(request.user)},
    )


@require_GET
@staff_page
def organizations(request):
    form = OrganizationSearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    page = staff_queries.page_of(
        registry_queries.search_organizations(text), request.GET.get("page")
    )
    return render(
        request,
        "backoffice/staff/organizations.html",
        {"form": form, "text": text, "page": page},
    )


@require_GET
@staff_page
def organization(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    contacts = list(registry_queries.contacts(org))
    return render(
        request,
        "backoffice/staff/organization.html",
        {
            "org": org,
            "warnings": registry_queries.coverage_warnings(org),
            "contacts": contacts,
            "members": staff_queries.organization_members(org, request.GET.get("page")),
            "audit": staff_queries.organization_audit(org),
            "has_representative": any(
                c.role_type.code == "authorized_representative" for c in contacts
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_page
def edit_organization(request, org_id: int):
    """Correct an organization's registered legal name or address (registry.services)."""
    org = get_organization_for(request.user, org_id)
    initial = {name: getattr(org, name) for name in OrganizationForm.base_fields}
    form = OrganizationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        try:
            saved = registry_services.update_organization(
                org, data=request.POST.dict(), actor=request.user
            )
        except Invalid as exc:
            status = 422
            show_errors(form, exc)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("backoffice-organization", org.org_id)
        else:
            if all(getattr(saved, name) == value for name, value in initial.items()):
                messages.info(request, _("Nothing was changed: the details are as they were."))
            else:
                messages.success(
                    request,
                    sentence(
                        _(
                            "The registered details of {org} are saved; its Primary Contacts "
                            "are told what changed."
                        ),
                        org=saved.legal_name,
                    ),
                )
            return redirect("backoffice-organization", org.org_id)
    return render(
        request,
        "backoffice/staff/edit_organization.html",
        {"org": org, "form": form},
        status=status,
    )


@require_GET
@staff_page
def persons(request):
    text = request.GET.get("q", "").strip()
    form = PersonSearchForm(request.GET if text else None)
    results = page = None
    if not text:
        page = staff_queries.page_of(staff_queries.all_persons(), request.GET.get("page"))
    elif form.is_valid():
        # The registry's own search (by name, e-mail or Person ID), audited like every search.
        results = registry_services.search_persons(text=form.cleaned_data["q"], actor=request.user)
    return render(
        request,
        "backoffice/staff/persons.html",
        {"form": form, "text": text, "results": results, "page": page},
    )


@require_GET
@staff_page
def person(request, person_id: int):
    person = get_person_for(request.user, person_id)
    return render(
        request,
        "backoffice/staff/person.html",
        {
            "person": person,
            "organizations": registry_queries.organizations_with_roles(person),
            "account": staff_queries.account_state(person, request.user),
            "audit": staff_queries.person_audit(person),
        },
    )


# --- A person's account (accounts.services; issue 22 finding 4) ------------------------------


def _account_of(request, person_id: int):
    person = get_person_for(request.user, person_id)
    if person.user is None:
        raise NotFound(sentence(gettext_lazy("{name} has no account yet."), name=person.full_name))
    return person, person.user


def _account_change(request, person_id: int, service, done: str):
    person, user = _account_of(request, person_id)
    attempt(
        request,
        lambda: service(user, actor=request.user),
        sentence(done, name=person.full_name, account=user.username),
    )
    return redirect("backoffice-person", person_id=person.person_id)


@require_POST
@staff_page
def unlock_account(request, person_id: int):
    return _account_change(
        request,
        person_id,
        account_services.unlock_account,
        _("The account {account} of {name} is unlocked: they can sign in again now."),
    )


@require_POST
@staff_page
def reactivate_account(request, person_id: int):
    return _account_change(
        request,
        person_id,
        account_services.reactivate_account,
        _("The account {account} of {name} is active again; its old API tokens stay revoked."),
    )


@require_http_methods(["GET", "POST"])
@staff_page
def deactivate_account(request, person_id: int):
    person, user = _account_of(request, person_id)
    form = DeactivateAccountForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                account_services.deactivate_account(
                    user, reason=form.cleaned_data["reason"], actor=request.user
                )
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect("backoffice-person", person_id=person.person_id)
            messages.success(
                request,
                sentence(
                    _(
                        "The account {account} of {name} is deactivated: it signs in no more, "
                        "its sessions and API tokens have ended. Person and roles are kept."
                    ),
                    account=user.username,
                    name=person.full_name,
                ),
            )
            return redirect("backoffice-person", person_id=person.person_id)
        status = 422
    return render(
        request,
        "backoffice/staff/deactivate_account.html",
        {"person": person, "account": user, "form": form},
        status=status,
    )


# --- Role types (registry.services.save_role_type / delete_role_type) ---------------------


@require_GET
@staff_page
def role_types(request):
    return render(
        request,
        "backoffice/staff/role_types.html",
        {"roles": staff_queries.role_types_with_holders()},
    )


@require_http_methods(["GET", "POST"])
@staff_page
def edit_role_type(request, code: str | None = None):
    role_type = get_role_type(code) if code is not None else None
    form = RoleTypeForm(request.POST or None, instance=role_type)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "managed_by"}
            try:
                saved = registry_services.save_role_type(
                    role_type,
                    data=data,
                    managed_by=list(form.cleaned_data["managed_by"]),
                    actor=request.user,
                )
            except Invalid as exc:
                show_errors(form, exc)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, sentence(_("The role {role} is saved."), role=saved.name))
                return redirect("backoffice-role-types")
        status = 422
    return render(
        request,
        "backoffice/staff/role_type.html",
        {"role_type": role_type, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@staff_page
def delete_role_type(request, code: str):
    role_type = get_role_type(code)
    if request.method == "POST":
        attempt(
            request,
            lambda: registry_services.delete_role_type(role_type, actor=request.user),
            sentence(_("The role {role} is removed."), role=role_type.name),
        )
        return redirect("backoffice-role-types")
    may_delete = staff_queries.may_delete_role_type(role_type, role_type.assignments.count())
    return render(
        request,
        "backoffice/staff/delete_role_type.html",
        {"role_type": role_type, "may_delete": may_delete},
    )
