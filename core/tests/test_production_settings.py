"""Production differs only by environment variables, and passes Django's deploy checks."""

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST_ONLY = {"PYTEST_VERSION", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
PRODUCTION = {
    "DEBUG": "false",
    "TESTING": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "portal.example",
    "DATABASE_URL": "sqlite:////tmp/portal-deploy-check.sqlite3",
    "CACHE_URL": "redis://127.0.0.1:6379/0",  # not contacted by the checks
    "AUDIT_HMAC_KEY": secrets.token_urlsafe(48),
    "DOCUMENTS_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
}


def _run(*code: str, without: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """`python *code` under the production variables, less those named in `without`."""
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    env.update(PRODUCTION)
    for name in without:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, *code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_deploy_check_passes_with_production_variables():
    result = _run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_without_the_documents_key():
    result = _run("manage.py", "check", "--deploy", without=("DOCUMENTS_KEY", "DOCUMENTS_KEY_FILE"))
    assert result.returncode != 0
    assert "documents.E002" in result.stderr + result.stdout
    assert "cannot be encrypted at rest" in result.stderr + result.stdout


def test_production_cookies_are_secure_host_only_and_http_only():
    script = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings');"
        "django.setup(); from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE,"
        " s.SECURE_HSTS_SECONDS > 0, s.DEBUG, s.EMAIL_BACKEND)"
    )
    result = _run("-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "True",
        "Lax",
        "True",
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
    ]


def test_a_bad_setting_value_fails_loudly():
    env_bad = {**PRODUCTION, "DEBUG": "maybe"}
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY} | env_bad
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr
