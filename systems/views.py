"""Pages: access -> form -> one service call -> message + redirect."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import DomainError, Invalid
from registry.access import get_member_for, get_organization_for
from registry.models import Organization
from registry.queries import roles_of
from systems import queries, services
from systems.access import get_grant_for, get_grantee, get_system
from systems.forms import RequestAccessForm
from systems.models import AccessRequest
from systems.rules import can_grant_access, can_revoke_grant_of


def _crumbs(org, *extra) -> list[dict]:
    return [
        {"label": "Manage Access", "url": reverse("systems-manage-access", args=[org.org_id])},
        *extra,
    ]


@require_GET
def manage_access(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    by_system = request.GET.get("view") == "system"
    return render(
        request,
        "systems/manage_access.html",
        {
            "org": org,
            "by_system": by_system,
            "members": None if by_system else queries.members_with_grants(org),
            "systems": queries.systems_with_holders(org) if by_system else None,
            "can_grant": can_grant_access(request.user, org),
            "crumbs": [{"label": "Manage Access"}],
        },
    )


@require_GET
def person_access(request, org_id: int, person_id: int):
    org = get_organization_for(request.user, org_id)
    person = get_member_for(request.user, org, person_id)
    can_grant = can_grant_access(request.user, org)
    own = getattr(request.user, "person", None)
    is_self = own is not None and own.pk == person.pk
    grants = queries.grants_of(org, person)
    may_revoke = can_grant and can_revoke_grant_of(request.user, org, roles_of(org, person))
    catalogue = queries.systems()
    return render(
        request,
        "systems/person_access.html",
        {
            "org": org,
            "person": person,
            "grants": grants,
            "may_revoke": may_revoke,
            "can_grant": can_grant and not is_self,
            "is_self": is_self,
            "systems": catalogue,
            "explanation": queries.explain(org, person),
            "crumbs": _crumbs(org, {"label": person.full_name}),
        },
    )


@require_POST
def grant_access(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    person = get_grantee(org, request.POST.get("person_id"))
    system = get_system(request.POST.get("system"))
    try:
        grant = services.grant_access(
            org,
            person,
            system,
            level=request.POST.get("level") or None,
            expires=request.POST.get("expires") or None,
            actor=request.user,
        )
    except Invalid as exc:
        for errors in exc.fields.values():
            for error in errors:
                messages.error(request, error)
    except DomainError as exc:
        messages.error(request, exc.message)
        if exc.status == 404:
            return redirect("systems-manage-access", org_id=org.org_id)
    else:
        until = f" until {grant.expires:%Y-%m-%d}" if grant.expires else ""
        messages.success(
            request,
            f"{person.full_name} may now use {system.name} ({grant.level}){until} on behalf "
            f"of {org.legal_name}.",
        )
    return redirect("systems-person-access", org_id=org.org_id, person_id=person.person_id)


@require_http_methods(["GET", "POST"])
def revoke_access(request, org_id: int, grant_id: int):
    org = get_organization_for(request.user, org_id)
    grant = get_grant_for(request.user, org, grant_id)
    person, system = grant.person, grant.system
    back = reverse("systems-person-access", args=[org.org_id, person.person_id])
    if request.method == "POST":
        try:
            services.revoke_access(org, grant, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                f"{person.full_name} no longer has access to {system.name} on behalf of "
                f"{org.legal_name}.",
            )
        return redirect(back)
    return render(
        request,
        "systems/confirm_revoke.html",
        {
            "org": org,
            "grant": grant,
            "back": back,
            "crumbs": _crumbs(org, {"label": person.full_name, "url": back}, {"label": "Revoke"}),
        },
    )


@require_http_methods(["GET", "POST"])
def request_access(request):
    person = getattr(request.user, "person", None)
    organizations = list(Organization.objects.visible_to(request.user)) if person else []
    catalogue = queries.systems()
    form = RequestAccessForm(
        request.POST if request.method == "POST" else None,
        organizations=organizations,
        systems=catalogue,
    )
    if request.method == "POST" and form.is_valid():
        org = get_organization_for(request.user, form.cleaned_data["organization"])
        code, _, level = form.cleaned_data["access"].partition(":")
        try:
            access_request = services.request_access(
                org,
                get_system(code),
                level=level,
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except Invalid as exc:
            for errors in exc.fields.values():
                for error in errors:
                    form.add_error(None, error)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                f"Your request for {access_request.system.name} ({access_request.level}) has "
                f"gone to the Rights Administrators of {org.legal_name}. You will be told "
                f"by e-mail when they decide.",
            )
            return redirect("systems-request-access")
    mine = (
        AccessRequest.objects.filter(person=person)
        .select_related("organization", "system")
        .order_by("-created_at", "-pk")[:20]
        if person
        else []
    )
    return render(
        request,
        "systems/request_access.html",
        {"form": form, "requests": mine, "person": person, "organizations": organizations},
    )
