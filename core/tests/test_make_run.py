"""A newcomer's first `make run` (scripts/serve-dev.sh) and `make demo-reset`: a quiet start
that names the address to open and where e-mails go, a busy port refused before the address is
printed, e-mailed links on the port served, and the demo data restored on demand."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.tests.multi_server import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 180  # a first run migrates a fresh database; the machine may be busy


def dev_env(tmp_path: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    for name in ("DEBUG", "SITE_URL", "EMAIL_BACKEND", "EMAIL_FILE_PATH", "DATABASE_URL"):
        env.pop(name, None)
    env.update(
        TESTING="false",
        DATABASE_URL=f"sqlite:///{tmp_path / 'first-run.sqlite3'}",
        EMAIL_FILE_PATH=str(tmp_path / "sent-mail"),
        **extra,
    )
    return env


def test_a_busy_port_is_refused_before_the_address_is_printed(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            ["bash", "scripts/serve-dev.sh", str(port)],
            cwd=ROOT,
            env=dev_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=START_SECONDS,
        )
    assert result.returncode == 1
    assert f"Port {port} is already in use" in result.stderr
    assert "PORT=8080 make run" in result.stderr
    assert "http://" not in result.stdout  # no address that does not answer
    assert not (tmp_path / "first-run.sqlite3").exists()  # nothing done before the check


def _sign_in_and_ask_for_a_reset(base: str) -> None:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )

    def post(path: str, fields: dict) -> None:
        page = opener.open(base + path, timeout=60).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        opener.open(urllib.request.Request(base + path, data=data), timeout=60).read()

    post("/login/", {"username": "alice", "password": "Market-Demo-2026"})
    assert "Alice" in opener.open(base + "/me/", timeout=60).read().decode()
    post("/password-reset/", {"username": "bob"})


def test_the_first_run_is_quiet_names_the_address_and_writes_e_mail_to_files(tmp_path):
    port = free_port()
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            ["bash", "scripts/serve-dev.sh", str(port)],
            cwd=ROOT,
            env=dev_env(tmp_path),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # the script, its runserver and the reloader's child
        )
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            urllib.request.urlopen(base + "/login/", timeout=5).read()
        except OSError:
            assert server.poll() is None, log.read_text()
            return False
        return True

    try:
        wait_for(answers, START_SECONDS, log.read_text)
        _sign_in_and_ask_for_a_reset(base)
        sent = tmp_path / "sent-mail"
        # The worker beside the server delivers the e-mail.
        wait_for(
            lambda: (
                sent.exists()
                and any("Subject: Reset your password" in p.read_text() for p in sent.iterdir())
            ),
            60,
            log.read_text,
        )
        time.sleep(1)  # let runserver and the worker flush their lines
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    output = log.read_text()
    before_address = output.split("Portal on")[0].strip().splitlines()
    assert len(before_address) <= 4, output  # preparing, demo data, e-mail folder
    assert f"Portal on http://127.0.0.1:{port}/" in output
    assert f"each one is written as a file in {tmp_path / 'sent-mail'}" in output
    for noise in ("Applying", "AXES", "django_tasks"):
        assert noise not in output, output
    assert "Subject:" not in output, output  # e-mail bodies are not in the terminal
    mails = [p.read_text() for p in (tmp_path / "sent-mail").iterdir()]
    # The demo data's own notices (a returned requirement) may be written beside the reset.
    resets = [mail for mail in mails if "Subject: Reset your password" in mail]
    assert len(resets) == 1, mails
    # The e-mailed link points at the port served, not 8000.
    assert f"http://127.0.0.1:{port}/password-reset/" in resets[0]


@pytest.mark.django_db(transaction=True)
def test_demo_reset_erases_changes_and_loads_the_demo_data_again(live_personas, settings):
    from registry.models import Organization, Person

    Person.objects.filter(pk=live_personas.person("alice").pk).update(job_title="Changed")
    lakeshore = Organization.objects.filter(org_id=live_personas.lakeshore.org_id)
    lakeshore.update(legal_name="Renamed Energy Inc.")
    settings.DEBUG = True
    call_command("reset_demo", verbosity=0)
    assert Person.objects.get(user__username="alice").job_title == "Director, Market Operations"
    assert lakeshore.get().legal_name == "Lakeshore Energy Inc."


@pytest.mark.django_db
def test_demo_reset_is_refused_outside_development(personas):
    from registry.models import Organization

    with pytest.raises(CommandError, match="only in development"):
        call_command("reset_demo")
    assert Organization.objects.count() >= 2
