"""Helpers shared by the tests: race tests (real threads, one database connection each, released
at once), a Redis server, the demo data's IDs, the newest audit entry, signing in through the
browser."""

import contextlib
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from types import SimpleNamespace

from django.db import close_old_connections, connection

from core.errors import DomainError


def race(*calls: Callable[[], object]) -> list[str]:
    """Run the calls in threads that start together; return each outcome, sorted: "done", or
    the code of the DomainError that refused it."""
    barrier = threading.Barrier(len(calls))
    results: list[str] = []

    def run(call):
        try:
            barrier.wait()
            call()
            results.append("done")
        except DomainError as exc:
            results.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    return sorted(results)


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A throwaway redis-server on 127.0.0.1 and a free port, nothing kept on disk; yields its
    redis:// URL and stops it (by its own PID) on exit. Raises FileNotFoundError without
    Debian's redis-server."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise FileNotFoundError("redis-server is not installed")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="portal-redis-") as workdir:
        command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                   "--appendonly", "no", "--dir", workdir, "--protected-mode", "yes"]  # fmt: skip
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # noqa: S603
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
                        conn.sendall(b"PING\r\n")
                        if conn.recv(16).startswith(b"+PONG"):
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {port}")
                time.sleep(0.05)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


# --- The demo data's IDs, for tests that cannot take the personas fixture ---------------------


class _Demo:
    """The demo data's IDs by name, shaped like the personas fixture (`DEMO.northwind.org_id`,
    `DEMO.person("alice").person_id`) for permission tables and other module-level test data.
    Read from seed_demo's own tables: the one place the demo data is written down."""

    def __init__(self) -> None:
        from demo.management.commands.seed_demo import ORGANIZATIONS, PEOPLE

        names = {100001: "northwind", 100002: "lakeshore"}
        for org_id, *_ in ORGANIZATIONS:
            setattr(self, names.get(org_id, str(org_id)), SimpleNamespace(org_id=org_id))
        self._people = {row[0]: SimpleNamespace(person_id=row[1]) for row in PEOPLE}

    def person(self, account: str) -> SimpleNamespace:
        return self._people[account]


DEMO = _Demo()


def last_audit(action: str | None = None):
    """The newest audit entry (of `action`, when given), or None."""
    from audit.models import AuditEntry

    entries = AuditEntry.objects.order_by("-id")
    if action:
        entries = entries.filter(action=action)
    return entries.first()


def browser_sign_in(page, base: str, username: str, password: str | None = None) -> None:
    """Sign in through the sign-in page by its visible labels (the demo's password unless
    told), and arrive on News."""
    import re

    from playwright.sync_api import expect

    from demo.management.commands.seed_demo import PASSWORD

    password = PASSWORD if password is None else password
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.get_by_label("Account name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/news/$"))


def browser_sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def reads_french(user):
    """The person reads the portal in French from now on (their saved preference)."""
    user.language = "fr"
    user.save(update_fields=["language"])
    return user


def french_client(user):
    """A test client signed in as `user`, who reads the portal in French."""
    from django.test import Client

    client = Client()
    client.force_login(reads_french(user))
    return client


def as_read(response) -> str:
    """A page as a person reads it: entities decoded, non-breaking spaces (before ":", inside
    « ») as plain spaces."""
    import html

    return html.unescape(response.content.decode()).replace("\u00a0", " ")


def french_page(response, title: str = "") -> str:
    """A page answered 200 in French (`lang="fr-CA"`), its <title> starting with `title`;
    returns it as a person reads it."""
    assert response.status_code == 200, response.status_code
    page = as_read(response)
    assert '<html lang="fr-CA"' in page
    assert f"<title>{title}" in page, page[page.find("<title>") : page.find("</title>")]
    return page
