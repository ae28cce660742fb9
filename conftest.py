"""Shared fixtures: the demo personas, a browser on Debian's Chromium, and database helpers."""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).parent / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORD = "Market-Demo-2026"


def _let_flush_pass_the_audit_triggers() -> None:
    """Django flushes SQLite with DELETE, which the append-only triggers refuse: lift them for
    the flush between transactional tests only."""
    from django.db.backends.sqlite3 import base  # imports its operations module first

    DatabaseOperations = base.DatabaseOperations

    from audit.triggers import sqlite_trigger_sql

    original = DatabaseOperations.sql_flush
    if getattr(original, "_lifts_audit_triggers", False):
        return

    def sql_flush(self, style, tables, **kwargs):
        statements = original(self, style, tables, **kwargs)
        if "audit_auditentry" not in tables:
            return statements
        drop, create = sqlite_trigger_sql()
        return [*drop, *statements, *create]

    sql_flush._lifts_audit_triggers = True
    DatabaseOperations.sql_flush = sql_flush


_let_flush_pass_the_audit_triggers()


@pytest.fixture(scope="session", autouse=True)
def _compiled_messages():
    """The French catalogue compiled (scripts/test.sh does it too; this covers a bare pytest):
    each .mo older than its .po is rebuilt into a temporary file and moved into place, so
    that parallel workers never read half a file. Without msgfmt, the French tests fail."""
    import os
    import shutil
    import subprocess

    if shutil.which("msgfmt") is None:
        return
    for po in Path(__file__).resolve().parent.glob("locale/*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        partial = mo.with_name(f".{mo.name}.{os.getpid()}")
        subprocess.run(["msgfmt", "--check", "-o", str(partial), str(po)], check=True)
        os.replace(partial, mo)


@pytest.fixture(scope="session", autouse=True)
def _throwaway_documents_folder():
    """Tests store documents in a folder of their own (settings.DOCUMENTS_ROOT under the
    system's temporary directory); it goes when the session ends."""
    import shutil
    import tempfile

    from django.conf import settings

    yield
    root = Path(settings.DOCUMENTS_ROOT)
    if root.is_relative_to(tempfile.gettempdir()) and root.name.startswith("portal-test-"):
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo data once; each test's transaction is rolled back afterwards."""
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, request):
    """Argon2 is deliberately slow; tests that are about hashing mark themselves."""
    if "real_hashing" not in request.keywords:
        settings.PASSWORD_HASHERS = [
            "django.contrib.auth.hashers.MD5PasswordHasher",
            "django.contrib.auth.hashers.Argon2PasswordHasher",  # verifies the session's seed
        ]


@pytest.fixture(autouse=True)
def _english_between_tests():
    """Each test starts in English: a request in French (LocaleMiddleware, a person's own
    language) leaves French active in the thread, and a refusal or e-mail marked for
    translation read outside a request would then be French in the next test."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


class Personas(SimpleNamespace):
    """The demo data's people and organizations, by first name."""

    def person(self, name: str):
        return getattr(self, name).person


def load_personas() -> Personas:
    from accounts.models import User
    from core.testing import DEMO
    from registry.models import Organization

    if not User.objects.filter(username="alice").exists():
        # A transactional test flushed the database: load the demo data again.
        call_command("seed_demo", verbosity=0)
    users = {u.username: u for u in User.objects.select_related("person")}
    return Personas(
        **users,
        northwind=Organization.objects.get(org_id=DEMO.northwind.org_id),
        lakeshore=Organization.objects.get(org_id=DEMO.lakeshore.org_id),
    )


@pytest.fixture
def personas(db) -> Personas:
    return load_personas()


@pytest.fixture
def live_personas(transactional_db) -> Personas:
    return load_personas()


def pytest_collection_modifyitems(config, items):
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    for item in items:
        if "postgres_only" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL row locks"))
        if "browser" in item.keywords and not Path(CHROMIUM).exists():
            if os.environ.get("CI") == "true":
                continue  # let it fail loudly: CI must have Chromium
            item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def redis_url():
    """A throwaway Redis for the shared-cache tests (rate limits, sessions); skipped where
    Debian's redis-server is missing, except under CI=true (.ci/run installs it)."""
    from core.testing import redis_server

    try:
        server = redis_server()
        url = server.__enter__()
    except FileNotFoundError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("redis-server is not installed")
    yield url
    server.__exit__(None, None, None)


@pytest.fixture
def shared_cache(settings, redis_url):
    """Settings as CACHE_URL=<the throwaway Redis> gives them, emptied for the test."""
    from django.core.cache import cache

    from config.env import redis_caches

    settings.CACHES = redis_caches(redis_url)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    cache.clear()
    yield redis_url
    cache.clear()


@pytest.fixture
def is_postgres() -> bool:
    return connection.vendor == "postgresql"
