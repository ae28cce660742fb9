"""The provider's authorization endpoint: the portal's own sign-in, then the portal's rule
that only a person with access to a system signs in to it. The other endpoints (token,
userinfo, JWKS, revocation, introspection, logout) are django-oauth-toolkit's, configured in
settings.OAUTH2_PROVIDER and oidc.validators."""

import base64
import hashlib
import json
from urllib.parse import unquote_plus, urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext
from oauth2_provider import views as dot
from oauth2_provider.exceptions import OAuthToolkitError
from oauth2_provider.models import get_access_token_model, get_application_model

from core.errors import DomainError
from oidc.queries import client_for, machine_access
from oidc.services import sign_in_to_system
from oidc.validators import may_still_use, subject_of


class AuthorizationView(dot.AuthorizationView):
    """Anonymous visitors go to /login/ (lockout and all) and come back here. A request DOT
    itself refuses (unknown client, redirect URI mismatch, no PKCE) gets DOT's answer; a
    person without access to the client's system gets a page saying so, and no code."""

    def get(self, request, *args, **kwargs):
        prompt = request.GET.get("prompt", "").split()
        if "login" in prompt:
            return super().get(request, *args, **kwargs)
        try:
            _, credentials = self.validate_authorization_request(request)
        except OAuthToolkitError:
            return super().get(request, *args, **kwargs)  # renders DOT's own refusal
        refusal = self._refusal(request, credentials.get("client_id"))
        if refusal is not None and "none" in prompt:
            # OIDC Core 3.1.2.6: prompt=none shows no page; the refusal goes back to the
            # client's registered redirect URI (oauthlib has just validated it).
            return self._error_to_client(credentials, "access_denied", refusal.message)
        return refusal or super().get(request, *args, **kwargs)

    def _error_to_client(self, credentials, error: str, description: str):
        parameters = {"error": error, "error_description": description}
        if credentials.get("state"):
            parameters["state"] = credentials["state"]
        redirect_uri = credentials["redirect_uri"]
        separator = "&" if "?" in redirect_uri else "?"
        application = get_application_model().objects.get(client_id=credentials["client_id"])
        return self.redirect(redirect_uri + separator + urlencode(parameters), application)

    def post(self, request, *args, **kwargs):
        refusal = self._refusal(request, request.POST.get("client_id"))
        return refusal or super().post(request, *args, **kwargs)

    def _refusal(self, request, client_id):
        client = client_for(client_id)
        if client is None:
            response = render(
                request,
                "oidc/refused.html",
                {
                    "system_name": gettext("this application"),
                    "message": gettext(
                        "This application is not one of the operator's systems, so the portal "
                        "does not sign you in to it."
                    ),
                },
                status=403,
            )
            response.message = "This application is not one of the operator's systems."
            return response
        try:
            sign_in_to_system(client.system, actor=request.user)
        except DomainError as exc:
            response = render(
                request,
                "oidc/refused.html",
                {"system_name": client.system.name, "message": exc.message},
                status=403,
            )
            response.message = exc.english  # told to the system: the protocol's English
            return response
        return None


def _caller_client_id(request) -> str | None:
    """The client asking (already authenticated by DOT's view): Basic credentials, a Bearer
    token's application, or client_id in the body."""
    header = request.headers.get("Authorization", "")
    kind, _, value = header.partition(" ")
    if kind.lower() == "basic":
        try:
            client_id = base64.b64decode(value).decode().split(":", 1)[0]
        except (ValueError, UnicodeDecodeError):
            return None
        return unquote_plus(client_id)
    if kind.lower() == "bearer":
        token = _access_token(value)
        return token.application.client_id if token and token.application else None
    return request.POST.get("client_id")


def _access_token(value: str | None):
    if not value:
        return None
    checksum = hashlib.sha256(value.encode()).hexdigest()
    return (
        get_access_token_model()
        .objects.select_related("user", "application__system_client__system")
        .filter(token_checksum=checksum)
        .first()
    )


class IntrospectTokenView(dot.IntrospectTokenView):
    """RFC 7662, narrowed: a system learns only about its own tokens (and those of the
    machine accounts for it), and a token whose person or machine account no longer has
    access to the system is reported inactive at once."""

    def _answer(self, request, value):
        response = self.get_token_response(value)
        token = _access_token(value)
        if response.status_code != 200 or token is None:
            return response
        machine = machine_access(token.application)
        if machine is not None:
            return self._machine_answer(request, response, token, machine)
        if (
            token.application is None
            or token.application.client_id != _caller_client_id(request)
            or not may_still_use(token.user, token.application)
        ):
            return JsonResponse({"active": False})
        data = json.loads(response.content)
        data["sub"] = subject_of(token.user)
        return JsonResponse(data)

    @staticmethod
    def _machine_answer(request, response, token, machine):
        """A machine account's token is described to the machine itself and to the system it
        is for, with the organization, system and level it acts with; it is inactive at once
        when the account no longer counts (revoked, expired, its organization or system
        ended)."""
        caller = _caller_client_id(request)
        caller_system = client_for(caller)
        told = caller == token.application.client_id or (
            caller_system is not None and caller_system.system_id == machine.account.system_id
        )
        if not told or not machine.allowed:
            return JsonResponse({"active": False})
        return JsonResponse({**json.loads(response.content), **machine.as_claims()})

    def get(self, request, *args, **kwargs):
        return self._answer(request, request.GET.get("token"))

    def post(self, request, *args, **kwargs):
        return self._answer(request, request.POST.get("token"))


class UserInfoView(dot.UserInfoView):
    """OpenID Connect userinfo, with the token only in the Authorization header (RFC 9700
    section 4.3.2; the library gates this for resource views, not here) and refused once the
    person has lost access to the system."""

    def _create_userinfo_response(self, request):
        if "access_token" in request.GET:
            return JsonResponse(
                {
                    "error": "invalid_request",
                    "error_description": "Send the access token in the Authorization header.",
                },
                status=400,
            )
        kind, _, value = request.headers.get("Authorization", "").partition(" ")
        token = _access_token(value) if kind.lower() == "bearer" else None
        if token is not None and not may_still_use(token.user, token.application):
            response = JsonResponse(
                {"error": "invalid_token", "error_description": "Access has been revoked."},
                status=401,
            )
            response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            return response
        return super()._create_userinfo_response(request)


class DiscoveryView(dot.ConnectDiscoveryInfoView):
    """DOT's discovery document, made exact: it names the revocation and introspection
    endpoints the portal serves, and only RS256 (HS256 would need the client's secret in the
    clear, and secrets are stored hashed)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        data = json.loads(response.content)
        data["id_token_signing_alg_values_supported"] = ["RS256"]
        data["revocation_endpoint"] = self._get_endpoint_url(request, "revoke-token")
        data["introspection_endpoint"] = self._get_endpoint_url(request, "introspect")
        for endpoint in ("revocation", "introspection"):
            data[f"{endpoint}_endpoint_auth_methods_supported"] = [
                "client_secret_basic",
                "client_secret_post",
            ]
        answer = JsonResponse(data)
        answer["Access-Control-Allow-Origin"] = "*"
        return answer
