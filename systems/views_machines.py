"""Machine account pages: access -> form -> one service call -> message + redirect. The
credentials page is the one page that shows a secret, once, never cached."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import DomainError, Forbidden, Invalid
from core.forms import show_errors
from core.text import sentence
from core.views import attempt
from registry.access import get_organization_for, get_person_by_number
from systems import machines, queries
from systems.access import get_machine_account_for, get_system
from systems.forms import RequestMachineAccountForm
from systems.rules import (
    machine_credentials_refusal,
    machine_renewal_refusal,
    machine_request_refusal,
    machine_revoke_refusal,
)


def with_machine_actions(user, accounts: list) -> list:
    """Each account's refusals for the actions a person may take on it (None: offered). The
    same predicates the services require; no query."""
    for account in accounts:
        account.credentials_refusal = machine_credentials_refusal(user, account)
        account.renewal_refusal = machine_renewal_refusal(user, account)
        account.revoke_refusal = machine_revoke_refusal(user, account)
        refusals = [
            account.credentials_refusal,
            account.renewal_refusal,
            account.revoke_refusal,
        ]
        # Why an action is not offered; an ended account says only how it ended.
        account.refusals = (
            list(dict.fromkeys(r for r in refusals if r is not None)) if account.is_live else []
        )
    return accounts


def _crumbs(org, label: str) -> list[dict]:
    back = reverse("systems-manage-access", args=[org.org_id]) + "#machine-accounts"
    return [{"label": _("Manage Access"), "url": back}, {"label": label}]


def _back(org) -> str:
    return reverse("systems-manage-access", args=[org.org_id]) + "#machine-accounts"


@require_http_methods(["GET", "POST"])
def request_machine_account(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    refusal = machine_request_refusal(request.user, org)
    if refusal is not None:
        raise Forbidden(refusal)
    form = RequestMachineAccountForm(
        request.POST if request.method == "POST" else None, systems=queries.systems()
    )
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            code, _colon, level = form.cleaned_data["access"].partition(":")
            try:
                owner = get_person_by_number(form.cleaned_data["owner"])
                account = machines.request_machine_account(
                    org,
                    get_system(code),
                    owner=owner,
                    name=form.cleaned_data["name"],
                    purpose=form.cleaned_data["purpose"],
                    level=level,
                    actor=request.user,
                )
            except Invalid as exc:
                show_errors(form, exc)
            except DomainError as exc:
                if exc.status == 404:
                    form.add_error(
                        "owner",
                        sentence(
                            _("No person with ID {number} belongs to {org}."),
                            number=form.cleaned_data["owner"],
                            org=org.legal_name,
                        ),
                    )
                else:
                    form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    sentence(
                        _(
                            "The machine account “{name}” has gone to another Rights "
                            "Administrator of {org} for approval."
                        ),
                        name=account.name,
                        org=org.legal_name,
                    ),
                )
                return redirect(_back(org))
    return render(
        request,
        "systems/machine_request.html",
        {"org": org, "form": form, "crumbs": _crumbs(org, _("Request a machine account"))},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def issue_machine_credentials(request, org_id: int, account_id: int):
    """GET says what issuing does; POST issues and shows the secret this once."""
    org = get_organization_for(request.user, org_id)
    account = get_machine_account_for(request.user, org, account_id)
    secret = None
    if request.method == "POST":
        try:
            secret = machines.issue_machine_credentials(account, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(_back(org))
    response = render(
        request,
        "systems/machine_credentials.html",
        {
            "org": org,
            "account": account,
            "secret": secret,
            "refusal": machine_credentials_refusal(request.user, account),
            "crumbs": _crumbs(org, sentence(_("Credentials of {name}"), name=account.name)),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def renew_machine_account(request, org_id: int, account_id: int):
    org = get_organization_for(request.user, org_id)
    account = get_machine_account_for(request.user, org, account_id)
    attempt(
        request,
        lambda: machines.renew_machine_account(account, actor=request.user),
        sentence(
            _(
                "The renewal of “{name}” has gone to another Rights Administrator of "
                "{org} for approval."
            ),
            name=account.name,
            org=org.legal_name,
        ),
    )
    return redirect(_back(org))


@require_http_methods(["GET", "POST"])
def revoke_machine_account(request, org_id: int, account_id: int):
    org = get_organization_for(request.user, org_id)
    account = get_machine_account_for(request.user, org, account_id)
    if request.method == "POST":
        attempt(
            request,
            lambda: machines.revoke_machine_account(
                account, actor=request.user, reason=(request.POST.get("reason") or "")[:500]
            ),
            sentence(
                _("“{name}” is revoked: its client and tokens no longer work."),
                name=account.name,
            ),
        )
        return redirect(_back(org))
    return render(
        request,
        "systems/machine_revoke.html",
        {
            "org": org,
            "account": account,
            "refusal": machine_revoke_refusal(request.user, account),
            "back": _back(org),
            "crumbs": _crumbs(org, sentence(_("Revoke {name}"), name=account.name)),
        },
    )
