"""The staff workplace: the staff home, organizations and persons (search and detail).

Every page is `staff_page` (one answer to everyone else, see `registry.access`); writes are
one service call each, like every other page. What other feature apps know (banking status,
access, access reviews) comes through their template tags (`banking_tags`, `systems_tags`),
so that the feature apps stay independent of each other."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from backoffice import staff_queries
from backoffice.access import staff_page
from backoffice.forms import OrganizationSearchForm
from registry import queries as registry_queries
from registry import services as registry_services
from registry.access import get_organization_for, get_person_for
from registry.forms import PersonSearchForm
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
            "account": staff_queries.account_state(person),
            "audit": staff_queries.person_audit(person),
        },
    )
