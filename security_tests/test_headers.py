"""Security headers on every answer, pages and API alike (issue 9; security case 27): a
Content-Security-Policy without 'unsafe-inline', nosniff, a referrer policy, frame denial,
and HSTS under the production settings. No template relies on inline script or style."""

import json
import re
from pathlib import Path

import pytest

from core.tests.test_production_settings import _run

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent

PAGES = ["/login/", "/password-reset/", "/register-organization/", "/news/", "/me/", "/admin/"]
API = ["/api/v1/openapi.json", "/api/v1/me", "/api/v1/organizations", "/api/v1/no-such-thing"]


def directives(header: str) -> dict[str, list[str]]:
    parts = [p.strip().split() for p in header.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def assert_hardened(response) -> None:
    csp = directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    # The sign-in forms alone may also end at an information system's HTTPS address (SSO).
    sign_in = response.wsgi_request.path in ("/login/", "/login/code/")
    assert csp["form-action"] == (["'self'", "https:"] if sign_in else ["'self'"])
    assert csp["base-uri"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] in {"same-origin", "no-referrer"}


@pytest.mark.parametrize("path", PAGES)
def test_pages_send_the_security_headers_signed_in_or_not(client, personas, path):
    assert_hardened(client.get(path))
    client.force_login(personas.staff if path == "/admin/" else personas.alice)
    response = client.get(path)
    assert response.status_code in {200, 302}  # /login/ sends a signed-in person to News
    assert_hardened(response)


@pytest.mark.parametrize("path", API)
def test_api_answers_send_the_security_headers(client, personas, path):
    assert_hardened(client.get(path))  # 401 / 404 answers too
    client.force_login(personas.alice)
    assert_hardened(client.get(path))


def test_error_answers_send_the_security_headers(client, personas):
    client.force_login(personas.alice)
    assert_hardened(client.get(f"/organizations/{personas.lakeshore.org_id}/"))  # another org: 404
    assert_hardened(client.post("/news/", {}))  # no CSRF token with enforce? still a header


def test_the_admin_works_under_the_policy(client, personas):
    """The back office loads only same-origin scripts and styles (no inline ones)."""
    client.force_login(personas.staff)
    for path in ["/admin/", "/admin/registry/organization/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"<style[\s>]", html), path
        assert not re.search(r"\sstyle=", html), path


def _template_files():
    dirs = [ROOT / "templates", *ROOT.glob("*/templates")]
    return sorted(p for d in dirs for p in d.rglob("*.html") if ".venv" not in p.parts)


def test_no_template_has_inline_script_or_style():
    offenders = []
    for path in _template_files():
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"<style[\s>]", text):
            offenders.append(f"{path}: inline <script> or <style>")
        if re.search(r"\sstyle=", text) or re.search(r"\son[a-z]+=", text):
            offenders.append(f"{path}: style= or on*= attribute")
        if "javascript:" in text:
            offenders.append(f"{path}: javascript: URL")
    assert offenders == []
    assert len(_template_files()) > 20  # the glob found the templates


def test_rendered_pages_have_no_inline_script_or_style(client, personas):
    client.force_login(personas.alice)
    for path in [
        "/news/",
        "/actions/",
        "/tasks/",
        "/me/",
        f"/organizations/{personas.northwind.org_id}/",
    ]:
        html = client.get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\sstyle=", html), path


def test_production_sends_hsts_and_secure_redirects():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_SSL_REDIRECT, 'csp.middleware.CSPMiddleware' in s.MIDDLEWARE, "
        "s.X_FRAME_OPTIONS, s.SECURE_CONTENT_TYPE_NOSNIFF]))"
    )
    setup = "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
    result = _run("-c", setup + script)
    assert result.returncode == 0, result.stderr
    hsts, subdomains, redirect, csp, frames, nosniff = json.loads(
        result.stdout.strip().splitlines()[-1]
    )
    assert hsts >= 31536000 and subdomains and redirect and csp
    assert (frames, nosniff) == ("DENY", True)


def test_hsts_header_on_a_secure_request(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    assert settings.CONTENT_SECURITY_POLICY  # the policy is configured, not only defaulted


def test_the_sign_in_forms_may_end_at_an_information_systems_https_address(client, db):
    # Single sign-on: the sign-in form's redirects end at the system's callback.
    policy = client.get("/login/")["Content-Security-Policy"]
    form_action = next(d for d in policy.split(";") if d.strip().startswith("form-action"))
    assert "'self'" in form_action and "https:" in form_action
    other = client.get("/password-reset/")["Content-Security-Policy"]
    assert "https:" not in next(d for d in other.split(";") if "form-action" in d)
