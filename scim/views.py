"""Pages: an organization's SCIM tokens (issue, the secret shown once; revoke).
Access -> form -> one service call -> message + redirect."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.errors import DomainError, Invalid
from core.forms import show_errors
from core.reauth import reauth_required
from core.text import sentence
from core.views import attempt
from registry.access import get_organization_for
from scim import queries, services
from scim.access import get_scim_token_for
from scim.forms import ScimTokenForm
from scim.rules import can_manage_scim_tokens, scim_refusal_sentence


def _list_url(org) -> str:
    return reverse("scim-tokens", args=[org.org_id])


def _page(request, org, form=None, status=200):
    may_manage = can_manage_scim_tokens(request.user, org)
    tokens = list(queries.tokens_of(org)) if may_manage else []
    context = {
        "org": org,
        "can_manage": may_manage,
        "refusal": scim_refusal_sentence(org),
        "tokens": tokens,
        "form": form or ScimTokenForm(),
        "scim_url": request.build_absolute_uri(reverse("scim-root")),
        "crumbs": [{"label": _("SCIM provisioning")}],
    }
    return render(request, "scim/tokens.html", context, status=status)


@require_GET
def scim_tokens(request, org_id: int):
    return _page(request, get_organization_for(request.user, org_id))


@require_POST
@never_cache
@reauth_required
def issue_scim_token(request, org_id: int):
    org = get_organization_for(request.user, org_id)
    data = {"name": request.POST.get("name", "")}
    try:
        token, secret = services.issue_scim_token(org, data=data, actor=request.user)
    except Invalid as exc:
        form = ScimTokenForm(data=data)
        show_errors(form, exc)
        messages.error(request, _("The token was not issued: some details need correcting."))
        return _page(request, org, form, status=422)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(_list_url(org))
    response = render(
        request,
        "scim/created.html",
        {
            "org": org,
            "token": token,
            "secret": secret,
            "scim_url": request.build_absolute_uri(reverse("scim-root")),
            "crumbs": [
                {"label": _("SCIM provisioning"), "url": _list_url(org)},
                {"label": _("Token issued")},
            ],
        },
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_POST
def revoke_scim_token(request, org_id: int, token_id: int):
    org = get_organization_for(request.user, org_id)
    token = get_scim_token_for(request.user, org, token_id)
    attempt(
        request,
        lambda: services.revoke_scim_token(token, actor=request.user),
        sentence(_("The SCIM token {name!r} is revoked."), name=token.name),
    )
    return redirect(_list_url(org))
