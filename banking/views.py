"""Update Banking Information: pages that never get cached (Cache-Control: no-store)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from banking import queries, services
from banking.access import get_banking_organization_for
from banking.forms import BankingChangeForm
from banking.rules import can_reveal_banking, can_submit_banking
from core.errors import DomainError, Invalid
from core.forms import show_errors
from core.reauth import reauth_required
from core.text import sentence
from documents.services import FIELD as DOCUMENT_FIELD


@never_cache
@require_GET
def choose_organization(request):
    orgs = queries.banking_organizations(request.user)
    if len(orgs) == 1:
        return redirect("banking-organization", orgs[0].org_id)
    return render(request, "banking/choose_organization.html", {"organizations": orgs})


@never_cache
@reauth_required
@require_http_methods(["GET", "POST"])
def organization_banking(request, org_id: int):
    org = get_banking_organization_for(request.user, org_id)
    can_submit = can_submit_banking(request.user, org)
    form = BankingChangeForm(request.POST or None, request.FILES or None) if can_submit else None
    status = 200
    if request.method == "POST":
        try:
            change = services.submit_banking_change(
                org,
                data=request.POST.dict(),
                file=request.FILES.get("document"),
                actor=request.user,
            )
        except Invalid as exc:
            status = 422
            if form is not None:
                show_errors(form, exc, rename={DOCUMENT_FIELD: "document"})
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("banking-organization", org.org_id)
        else:
            messages.success(
                request,
                sentence(
                    _(
                        "Your banking change (account {account}) has been submitted. It is not "
                        "in force until another contact of {org} approves it."
                    ),
                    account=change.masked_account,
                    org=org.legal_name,
                ),
            )
            return redirect("banking-organization", org.org_id)
    context = {
        "org": org,
        "form": form,
        "can_submit": can_submit,
        "can_reveal": can_reveal_banking(request.user, org),
        **queries.banking_summary(org),
    }
    return render(request, "banking/organization_banking.html", context, status=status)


@never_cache
@reauth_required
@require_POST
def reveal_banking(request, org_id: int):
    org = get_banking_organization_for(request.user, org_id)
    try:
        numbers = services.reveal_banking(org, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("banking-organization", org.org_id)
    return render(request, "banking/reveal.html", {"org": org, "numbers": numbers})
