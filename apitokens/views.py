"""Pages: create a token (its secret shown once) and revoke one, from Manage My Information."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from apitokens import services
from apitokens.access import get_token_for
from core.errors import DomainError, Invalid
from core.reauth import reauth_required


@require_POST
@never_cache
@reauth_required
def create_api_token(request):
    try:
        token, secret = services.create_api_token(
            request.user, data=request.POST.dict(), actor=request.user
        )
    except Invalid as exc:
        for field, errors in exc.fields.items():
            for error in errors:
                messages.error(request, f"{field.replace('_', ' ').capitalize()}: {error}")
        return redirect("/me/#api-tokens")
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("/me/#api-tokens")
    response = render(request, "apitokens/created.html", {"token": token, "secret": secret})
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_http_methods(["GET", "POST"])
def revoke_api_token(request, token_id: int):
    """GET: what revoking ends, and the button (a confirmation: it cannot be undone)."""
    token = get_token_for(request.user, token_id)
    if request.method == "GET":
        return render(request, "apitokens/revoke.html", {"token": token})
    try:
        services.revoke_api_token(token, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"The API token {token.name!r} is revoked.")
    return redirect("/me/#api-tokens")
