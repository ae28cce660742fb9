"""Processes for the multi-server test: a recording SMTP server, gunicorn app servers and
`db_worker` processes on 127.0.0.1, all with production settings against one database."""

import contextlib
import http.client
import json
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller
from django.conf import settings

from bench.__main__ import server_env

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 120  # generous: the machine may be busy with other test processes
REQUEST_SECONDS = 60
STOP_SECONDS = 20
# As the TLS-terminating proxy in front of production does (TRUST_X_FORWARDED_PROTO).
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
SMTP_LOG = logging.getLogger("mail.log")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition: Callable[[], bool], seconds: float, explain: Callable[[], str]) -> None:
    """Poll until `condition()` holds; fail with `explain()` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not done within {seconds} s: {explain()}")
        time.sleep(0.1)


class Recorder:
    """An aiosmtpd handler keeping every message it is given, once per recipient."""

    def __init__(self) -> None:
        self.received: list[tuple[str, Message]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        message = message_from_bytes(envelope.content)
        self.received.extend((rcpt, message) for rcpt in envelope.rcpt_tos)
        return "250 OK"


class Process:
    """A child process with its output in a log file; stopped by its own PID."""

    def __init__(self, name: str, command: list[str], env: dict, log: Path) -> None:
        self.name, self.log = name, log
        with log.open("wb") as out:
            self.proc = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def check_running(self) -> None:
        if self.proc.poll() is not None:
            raise AssertionError(f"{self.name} exited ({self.proc.returncode}): {self.output()}")

    def stop(self) -> None:
        """SIGTERM (gunicorn and db_worker finish what they are doing), SIGKILL if that hangs."""
        for signal_it, seconds in ((self.proc.terminate, STOP_SECONDS), (self.proc.kill, None)):
            if self.proc.poll() is not None:
                return
            signal_it()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=seconds)


class Server(Process):
    """gunicorn serving the portal with sync workers, as docs/operations.md describes."""

    def __init__(self, name: str, env: dict, log: Path, workers: int) -> None:
        self.port = free_port()
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        command = [gunicorn, "config.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
                   "--workers", str(workers), "--worker-class", "sync",
                   "--log-level", "warning"]  # fmt: skip
        super().__init__(name, command, env, log)

    def request(self, method: str, path: str, headers: dict, body: bytes | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_SECONDS)
        try:
            conn.request(method, path, body=body, headers={**PROXY_HEADERS, **headers})
            response = conn.getresponse()
            return response.status, response.read().decode(errors="replace")
        finally:
            conn.close()

    def post(self, token: str, path: str, data: dict) -> tuple[int, str]:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        return self.request("POST", path, headers, json.dumps(data).encode())

    def ready(self) -> bool:
        self.check_running()
        try:
            return self.request("GET", "/healthz", {})[0] == 200
        except OSError:
            return False


class Worker(Process):
    def __init__(self, worker_id: str, env: dict, log: Path) -> None:
        self.worker_id = worker_id
        command = [sys.executable, "manage.py", "db_worker", "--worker-id", worker_id,
                   "--interval", "0.2", "--no-startup-delay", "--no-reload", "-v", "1"]  # fmt: skip
        super().__init__(worker_id, command, env, log)

    def ready(self) -> bool:
        self.check_running()
        return f"Starting worker worker_id={self.worker_id}" in self.output()


def production_env(database_name: str, smtp_port: int, workdir: Path) -> dict:
    """The environment of every app server and worker: the benchmark's production settings
    over plain HTTP on loopback (DEBUG off, not testing, the database task queue), without
    its bench-only switches, with SMTP to `smtp_port`, on the test database."""
    url = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{database_name}").geturl()
    env = server_env(url, workdir)
    for bench_only in ("BENCH_VIEWS", "API_RATE_LIMIT_SEARCH"):
        env.pop(bench_only, None)
    env.update(
        SITE_URL="https://portal.example",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        LOG_LEVEL="INFO",  # the workers log each task they start
        # The test process mints API tokens bound (keyed) to each account's password: the
        # servers must hold the same key to recognise them.
        SECRET_KEY=settings.SECRET_KEY,
    )
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        # Where the environment turns bytecode caches off, every child would compile the
        # whole stack again (twice the start-up time): keep them, outside the working tree.
        env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "portal-pycache"))
    return env


class Cluster:
    """`servers` app servers and `workers` db_workers sharing one database and one SMTP
    server; everything started is stopped on exit, by PID."""

    def __init__(
        self,
        database_name: str,
        logs: Path,
        *,
        servers: int = 2,
        workers: int = 2,
        processes_per_server: int = 2,
        env: dict | None = None,
    ):
        self.database_name, self.logs = database_name, logs
        self.extra_env = env or {}
        self.counts = servers, workers, processes_per_server
        self.servers: list[Server] = []
        self.workers: list[Worker] = []
        self.smtp = Recorder()
        self.controller: Controller | None = None

    @property
    def worker_ids(self) -> list[str]:
        return [w.worker_id for w in self.workers]

    def __enter__(self) -> "Cluster":
        self.smtp_log_level = SMTP_LOG.level
        SMTP_LOG.setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command at INFO
        try:
            port = free_port()
            self.controller = Controller(self.smtp, hostname="127.0.0.1", port=port)
            self.controller.start()
            env = {**production_env(self.database_name, port, self.logs), **self.extra_env}
            servers, workers, processes = self.counts
            for n in range(1, servers + 1):
                log = self.logs / f"server-{n}.log"
                self.servers.append(Server(f"server-{n}", env, log, processes))
            for n in range(1, workers + 1):
                self.workers.append(Worker(f"worker-{n}", env, self.logs / f"worker-{n}.log"))
            everything = [*self.servers, *self.workers]
            wait_for(
                lambda: all(p.ready() for p in everything),
                START_SECONDS,
                lambda: "; ".join(f"{p.name}: {p.output()[-2000:]}" for p in everything),
            )
        except BaseException:
            self.__exit__()
            raise
        return self

    def stop_workers(self) -> None:
        for worker in self.workers:
            worker.stop()

    def __exit__(self, *exc) -> None:
        for process in [*self.servers, *self.workers]:
            process.stop()
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
        SMTP_LOG.setLevel(self.smtp_log_level)

    def worker_logs(self) -> str:
        return "\n".join(w.output() for w in self.workers)

    def state(self, outbox) -> str:
        """What the queue and the SMTP server hold, and the tail of each log, for a timeout."""
        statuses = dict(Counter(outbox.values_list("status", flat=True)))
        everything = [*self.servers, *self.workers]
        tails = "; ".join(f"{p.name}: {p.output()[-1500:]}" for p in everything)
        return f"outbox {statuses}, {len(self.smtp.received)} messages received; {tails}"
