"""Pages: create a token (its secret shown once) and revoke one, from Manage My Information."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from apitokens import services
from apitokens.access import get_token_for
from apitokens.forms import ApiTokenForm
from core.errors import DomainError, Invalid
from core.forms import show_errors
from core.reauth import reauth_required
from core.text import sentence
from core.views import attempt


def _create_page(request, form, status=200):
    return render(request, "apitokens/create.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
@reauth_required
def create_api_token(request):
    """GET: the form on a page of its own. POST (from here or from Manage My Information):
    the token, its secret shown once; a correction is shown on this page, under its field."""
    if request.method == "GET":
        return _create_page(request, ApiTokenForm())
    form = ApiTokenForm(request.POST)
    try:
        token, secret = services.create_api_token(
            request.user, data=request.POST.dict(), actor=request.user
        )
    except Invalid as exc:
        show_errors(form, exc)
        return _create_page(request, form, status=422)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _create_page(request, form, status=exc.status)
    response = render(request, "apitokens/created.html", {"token": token, "secret": secret})
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_http_methods(["GET", "POST"])
def revoke_api_token(request, token_id: int):
    """GET: what revoking ends, and the button (a confirmation: it cannot be undone)."""
    token = get_token_for(request.user, token_id)
    if request.method == "GET":
        return render(request, "apitokens/revoke.html", {"token": token})
    attempt(
        request,
        lambda: services.revoke_api_token(token, actor=request.user),
        sentence(_("The API token {name!r} is revoked."), name=token.name),
    )
    return redirect("/me/#api-tokens")
