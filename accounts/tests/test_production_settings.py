"""Production settings (only environment variables differ): Django's deployment checks pass,
and the session and CSRF cookies are Secure, SameSite and __Host- (security case 27)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "TESTING": "false",
    "SECRET_KEY": "production-like-secret-key-" + "k3y!" * 12,
    "ALLOWED_HOSTS": "portal.example",
    "SITE_URL": "https://portal.example",
}


def run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(PRODUCTION)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_djangos_deployment_security_checks_pass():
    # Django's own deployment checks (security.W0xx); other apps' checks are theirs to pass.
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", "--tag", "security")
    output = result.stdout + result.stderr
    assert "System check identified" in output, output
    assert "(security." not in output, output


def test_cookies_are_secure_http_only_same_site_and_host_prefixed():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_NAME, "
        "s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_SAMESITE, s.SESSION_IDLE_SECONDS, "
        "s.SESSION_ABSOLUTE_SECONDS, s.AXES_FAILURE_LIMIT, s.ACCOUNTS_IP_FAILURE_LIMIT]))"
    )
    env_code = "import os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; " + code
    result = run("-c", env_code)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == [
        "__Host-sessionid", True, True, "Lax", "__Host-csrftoken", True, "Lax",
        1800, 43200, 10, 50,
    ]  # fmt: skip
