"""The provider's authorization endpoint: the portal's own sign-in, then the portal's rule
that only a person with access to a system signs in to it. The other endpoints (token,
userinfo, JWKS, revocation, introspection, logout) are django-oauth-toolkit's, configured in
settings.OAUTH2_PROVIDER and oidc.validators."""

from django.shortcuts import render
from oauth2_provider import views as dot
from oauth2_provider.exceptions import OAuthToolkitError

from core.errors import DomainError
from oidc.queries import client_for
from oidc.services import sign_in_to_system


class AuthorizationView(dot.AuthorizationView):
    """Anonymous visitors go to /login/ (lockout and all) and come back here. A request DOT
    itself refuses (unknown client, redirect URI mismatch, no PKCE) gets DOT's answer; a
    person without access to the client's system gets a page saying so, and no code."""

    def get(self, request, *args, **kwargs):
        if "login" in request.GET.get("prompt", "").split():
            return super().get(request, *args, **kwargs)
        try:
            _, credentials = self.validate_authorization_request(request)
        except OAuthToolkitError:
            return super().get(request, *args, **kwargs)  # renders DOT's own refusal
        refusal = self._refusal(request, credentials.get("client_id"))
        return refusal or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        refusal = self._refusal(request, request.POST.get("client_id"))
        return refusal or super().post(request, *args, **kwargs)

    def _refusal(self, request, client_id):
        client = client_for(client_id)
        if client is None:
            return render(
                request,
                "oidc/refused.html",
                {
                    "system_name": "this application",
                    "message": "This application is not one of the operator's systems, so the "
                    "portal does not sign you in to it.",
                },
                status=403,
            )
        try:
            sign_in_to_system(client.system, actor=request.user)
        except DomainError as exc:
            return render(
                request,
                "oidc/refused.html",
                {"system_name": client.system.name, "message": exc.message},
                status=403,
            )
        return None
