"""Every route needs a signed-in person unless it is on this explicit public list."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from core.testing import DEMO

# Pages anyone may open. Adding a public page means adding it here, in review.
PUBLIC_PAGES = {
    "login",
    "sign-in-code",  # the second step of sign-in, between password and session
    "health",
    "favicon",
    "password-reset",
    "password-reset-sent",
    "password-reset-answer",
    "password-reset-link",
    "account-name",  # forgot your account name: e-mailed to the address given
    "account-name-sent",
    "set-language",  # the language switcher, on the sign-in page too
    "session-keep-alive",  # "Stay signed in": answers 401 once the session has ended
    "invitation-accept",
    "invitation-link",
    "section-confirm-email",  # the link sent to a section's shared mailbox (it never signs in)
    "register-organization",
    "backoffice-application-sent",
    "admin:login",
    "oauth2_provider:authorize",
    "oauth2_provider:token",
    "oauth2_provider:revoke-token",
    "oauth2_provider:introspect",
    "oauth2_provider:jwks-info",
    "oauth2_provider:oidc-connect-discovery-info",
    "oauth2_provider:user-info",
    "oauth2_provider:rp-initiated-logout",
}
# API operations anyone may call (the API answers 401 to everything else).
PUBLIC_API = {"api-v1:openapi-json", "api-v1:openapi-view", "api-v1:api-root", None}
PUBLIC_API_PREFIXES = ("api/v1/auth/",)
# SCIM (scim/endpoints.py) answers like the API: its discovery endpoints to anyone, its
# resources only to an organization's SCIM token (401 otherwise).
SCIM_PREFIX = "scim/v2/"
PUBLIC_SCIM = {
    "scim-root",
    "scim-service-provider-config",
    "scim-resource-types",
    "scim-resource-type",
    "scim-schemas",
    "scim-schema",
}


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}{p.name}" if p.name else None
            yield prefix + str(p.pattern), name, p.callback


def _example(route: str) -> str:
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<int:[^>]+>", f"{DEMO.northwind.org_id}", route)
    route = re.sub(r"<(?:slug|str|uuid|path):[^>]+>", "x", route)
    route = re.sub(r"<[^>]+>", f"{DEMO.northwind.org_id}", route)
    route = re.sub(r"\(\?P<[^>]+>[^)]*\)", "x", route)
    return "/" + route.replace("\\", "")


ROUTES = [r for r in _walk(get_resolver().url_patterns) if "(?P<rest>" not in r[0]]


def test_the_only_public_pages_are_the_listed_ones():
    public = {
        name
        for route, name, view in ROUTES
        if not route.startswith("api/")
        and not route.startswith("static/")
        and not route.startswith(SCIM_PREFIX)
        and getattr(view, "login_required", True) is False
    }
    assert public <= PUBLIC_PAGES, f"public but not on the list: {public - PUBLIC_PAGES}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "name"),
    [
        (r, n)
        for r, n, _ in ROUTES
        if not r.startswith(("api/", SCIM_PREFIX)) and n not in PUBLIC_PAGES
    ],
)
def test_every_other_page_sends_anonymous_visitors_to_sign_in(client, route, name):
    for method in ("get", "post"):
        response = getattr(client, method)(_example(route))
        assert response.status_code == 302, (method, route, response.status_code)
        assert re.match(r"^/(admin/)?login/", response["Location"]), response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "name"),
    [
        (r, n)
        for r, n, _ in ROUTES
        if r.startswith("api/") and n not in PUBLIC_API and not r.startswith(PUBLIC_API_PREFIXES)
    ],
)
def test_every_api_operation_answers_401_to_anonymous_callers(client, route, name):
    for method in ("get", "post", "patch", "delete"):
        response = client.generic(
            method.upper(), _example(route), "{}", content_type="application/json"
        )
        assert response.status_code in (401, 405), (method, route, response.status_code)
        if response.status_code == 401:
            assert response.json()["code"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "name"),
    [(r, n) for r, n, _ in ROUTES if r.startswith(SCIM_PREFIX) and n not in PUBLIC_SCIM],
)
def test_every_scim_resource_answers_401_to_anonymous_callers(client, route, name):
    for method in ("get", "post", "put", "patch", "delete"):
        response = client.generic(
            method.upper(), _example(route), "{}", content_type="application/scim+json"
        )
        assert response.status_code == 401, (method, route, response.status_code)
        assert response.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
