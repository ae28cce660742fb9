"""`make bench`: the portal under gunicorn with production settings, on a scale database,
driven by wrk on 127.0.0.1, on SQLite and then on PostgreSQL; every page as a ratio to three
floors measured in the same run on the same database (a constant view, one row by pk, and the
same row bare: no middleware, no session, bench/wsgi.py).

    python -m bench                      # 2,000 organizations / 50,000 persons, both databases
    python -m bench --full               # seed_scale's defaults: 10,000 / 250,000
    python -m bench --persons 1000000    # the search target's size
    python -m bench --engines sqlite     # one database only (sqlite or postgres)
    DATABASE_URL=postgres://... python -m bench --engines postgres   # a given PostgreSQL

PostgreSQL is a throwaway server started by scripts/with-postgres.sh (as the tests start one),
seeded afresh each run; the SQLite scale database is built once and kept under $BENCH_DIR
(default /tmp/portal-bench). Results are printed and written into docs/performance.md between
its bench markers (--no-write to skip).
"""

import argparse
import base64
import http.client
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from audit.keys import DEVELOPMENT_KEY

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
TARGET_RATIO = 0.67  # every page at least this share of the one-row floor's throughput
SEARCH_P95_MS = 20.0
WORKER_MB = 150.0
# As the TLS-terminating proxy in front of production does (TRUST_X_FORWARDED_PROTO).
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


@dataclass
class Target:
    key: str
    label: str
    path: str
    headers: dict = field(default_factory=dict)
    floor: bool = False


@dataclass
class Result:
    target: Target
    rps: float = 0.0
    p50: float = 0.0  # milliseconds
    p95: float = 0.0
    p99: float = 0.0
    requests: int = 0
    errors: int = 0
    skipped: str = ""


def targets(info: dict) -> list[Target]:
    org, member = info["org_id"], info["member_id"]
    base = f"/organizations/{org}/contacts"
    bearer = {"Authorization": f"Bearer {info['service_token']}"} if info["service_token"] else {}
    check = f"/api/v1/access/check?org_id={org}&person_id={member}&system=mpi"
    return [
        # A signed-in page with no data of its own: what session, account, middleware and the
        # base template cost every page before it does anything (a third floor, for reading).
        Target("actions", "Actions (signed in, static page)", "/actions/"),
        Target("news", "News", "/news/"),
        Target("tasks", "Tasks", "/tasks/"),
        Target("by_role", "By Role", f"{base}/by-role/"),
        Target("role_holders", "By Role: holders", f"{base}/by-role/primary_contact/"),
        Target("by_person", "By Person", f"{base}/by-person/"),
        Target("person_roles", "By Person: one person", f"{base}/by-person/{member}/"),
        Target(
            "search_page",
            "Person search (page)",
            f"{base}/by-role/primary_contact/?q={info['search_name']}",
        ),
        Target(
            "search_api", "Person search (API, name)", f"/api/v1/persons?q={info['search_name']}"
        ),
        Target(
            "search_api_email",
            "Person search (API, e-mail)",
            f"/api/v1/persons?q={info['search_email']}",
        ),
        Target("contacts_api", "Contacts list (API)", f"/api/v1/organizations/{org}/contacts"),
        Target("members_api", "Members list (API)", f"/api/v1/organizations/{org}/members"),
        Target("audit_api", "Audit list (API)", f"/api/v1/organizations/{org}/audit"),
        Target("news_api", "News (API)", "/api/v1/news"),
        Target("tasks_api", "Tasks (API)", "/api/v1/tasks"),
        Target("access_page", "Access (page)", f"/organizations/{org}/access/"),
        Target("access_check", "Access check (API, service token)", check, headers=bearer),
    ]


# --- processes ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd: list[str], env: dict, *, capture: bool = False) -> str:
    done = subprocess.run(cmd, cwd=ROOT, env=env, text=True, capture_output=capture)
    if done.returncode != 0:
        if capture:
            sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"bench: {' '.join(cmd[:4])} failed (exit {done.returncode})")
    return done.stdout if capture else ""


def ensure_wrk() -> str | None:
    """wrk from Debian's packages; installed when missing and we may (else a Python fallback)."""
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("bench: installing wrk (apt-get install -y wrk) ...", flush=True)
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        if subprocess.run(["apt-get", "install", "-y", "wrk"], **quiet).returncode != 0:
            subprocess.run(["apt-get", "update"], **quiet)
            subprocess.run(["apt-get", "install", "-y", "wrk"], **quiet)
    return shutil.which("wrk")


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Server:
    def __init__(self, env: dict, workers: int):
        self.port = free_port()
        self.env = env
        self.workers = workers
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.proc = subprocess.Popen(
            [gunicorn, "bench.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--worker-class", "sync", "--log-level", "warning"],
            cwd=ROOT, env=self.env,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _ = self.get("/healthz", {})
                if status == 200 and len(children(self.proc.pid)) >= self.workers:
                    return self
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise SystemExit("bench: gunicorn exited while starting")
            time.sleep(0.3)
        self.__exit__()
        raise SystemExit("bench: gunicorn did not answer /healthz within 60 s")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str, headers: dict) -> tuple[int, bytes]:
        request = urllib.request.Request(self.url(path), headers={**PROXY_HEADERS, **headers})
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, b""

    def worker_peaks(self) -> list[float]:
        return [peak_rss_mb(pid) for pid in children(self.proc.pid)]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# --- load ----------------------------------------------------------------------------------


def load_wrk(wrk: str, url: str, headers: dict, *, seconds: float, connections: int) -> dict:
    cmd = [wrk, "-t", "2", "-c", str(connections), "-d", f"{max(1, round(seconds))}s",
           "--timeout", "10s", "-s", str(ROOT / "bench" / "report.lua")]  # fmt: skip
    for name, value in headers.items():
        cmd += ["-H", f"{name}: {value}"]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=seconds + 60).stdout
    line = next((ln for ln in out.splitlines() if ln.startswith("BENCHJSON ")), None)
    if line is None:
        raise SystemExit(f"bench: wrk printed no result:\n{out}")
    raw = json.loads(line.removeprefix("BENCHJSON "))
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50": raw["p50_us"] / 1000,
        "p95": raw["p95_us"] / 1000,
        "p99": raw["p99_us"] / 1000,
        "errors": raw["non_2xx_3xx"] + raw["socket_errors"],
    }


def load_python(port: int, path: str, headers: dict, *, seconds: float, connections: int) -> dict:
    """A keep-alive load generator in threads, used only where wrk cannot be installed."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status < 400
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                ok = False
            mine.append((time.perf_counter() - started) * 1000)
            if not ok:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    ordered = sorted(latencies) or [0.0]

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "errors": errors[0],
    }


# --- the run -------------------------------------------------------------------------------


def server_env(database_url: str, workdir: Path) -> dict:
    env = dict(os.environ)
    key_file = workdir / "banking.key"
    if not key_file.exists():
        key_file.write_text(base64.b64encode(os.urandom(32)).decode())
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        BENCH_VIEWS="true",
        TRUST_X_FORWARDED_PROTO="true",
        BACKGROUND_TASKS="database",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="config.settings",
        # One benchmark user searches thousands of times a second: lift the per-user limit
        # (security case 49) on this loopback-only server, so the search API is measured.
        API_RATE_LIMIT_SEARCH="1000000/min",
    )
    env.setdefault("BANKING_KEY", key_file.read_text().strip())
    # The servers continue chains the test process began with the development key.
    env.setdefault("AUDIT_HMAC_KEY", DEVELOPMENT_KEY.decode())
    env.pop("PYTEST_VERSION", None)
    return env


def measure(server: Server, target: Target, args, wrk: str | None, cookie: str) -> Result:
    headers = {**PROXY_HEADERS, "Cookie": cookie, **target.headers}
    status, _ = server.get(target.path, headers)
    if status != 200:
        return Result(target, skipped=f"HTTP {status}")
    run_load = (
        (lambda s: load_wrk(wrk, server.url(target.path), headers, seconds=s,
                            connections=args.connections))
        if wrk
        else (lambda s: load_python(server.port, target.path, headers, seconds=s,
                                    connections=args.connections))
    )  # fmt: skip
    run_load(args.warmup)
    figures = run_load(args.duration)
    if figures["requests"] == 0:
        return Result(target, skipped="no answer within wrk's 10 s timeout")
    result = Result(target, **{k: figures[k] for k in ("rps", "p50", "p95", "p99", "requests")})
    result.errors = figures["errors"]
    print(
        f"  {target.label:<36} {result.rps:8.0f} req/s  p50 {result.p50:6.1f} ms  "
        f"p95 {result.p95:6.1f} ms  p99 {result.p99:6.1f} ms"
        + (f"  ({result.errors} errors)" if result.errors else ""),
        flush=True,
    )
    return result


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = os.getloadavg()[0]
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; load average at start {load:.1f}"
    )


ENGINES = ("sqlite", "postgres")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--organizations", type=int, default=2_000)
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument(
        "--full", action="store_true", help="10,000 organizations / 250,000 persons"
    )
    parser.add_argument("--duration", type=float, default=5.0, help="seconds of load per page")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated page keys (floors always run)")
    parser.add_argument("--no-write", action="store_true", help="do not update the doc")
    parser.add_argument("--python-load", action="store_true", help="skip wrk, use the fallback")
    parser.add_argument(
        "--engines",
        default=",".join(ENGINES),
        help="sqlite, postgres or both (default): each measured against its own floors",
    )
    parser.add_argument("--report-to", default="", help=argparse.SUPPRESS)  # the nested run
    raw = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(raw)
    if args.full:
        args.organizations, args.persons = 10_000, 250_000
    engines = [e.strip().lower() for e in args.engines.split(",") if e.strip()]
    unknown = sorted(set(engines) - set(ENGINES))
    if unknown:
        parser.error(f"unknown engine {', '.join(unknown)}: choose from {', '.join(ENGINES)}")

    started = time.monotonic()
    sections = []
    for engine in engines:
        given = os.environ.get("DATABASE_URL", "")
        if engine == "postgres" and not given.startswith("postgres"):
            sections.append(("PostgreSQL", postgres_run(raw)))
            continue
        label, report = bench_engine(args, engine)
        sections.append((label, report))
    report = "\n\n".join(
        text if len(sections) == 1 else f"### {label}\n\n{text}" for label, text in sections
    )
    if args.report_to:
        Path(args.report_to).write_text(report)
        return 0
    print()
    print(report)
    if not args.no_write:
        write_doc(report)
        print(f"bench: wrote {DOC.relative_to(ROOT)}")
    print(f"bench: done in {time.monotonic() - started:.0f} s")
    return 0


def postgres_run(raw: list[str]) -> str:
    """The same bench against a throwaway PostgreSQL server (scripts/with-postgres.sh, as the
    tests start one): its report, or why it was not measured."""
    kept, skip = [], False
    for arg in raw:
        if skip:
            skip = False
            continue
        if arg in ("--engines", "--report-to"):
            skip = True
            continue
        if arg.startswith(("--engines=", "--report-to=")) or arg == "--no-write":
            continue
        kept.append(arg)
    out = Path(os.environ.get("BENCH_DIR", "/tmp/portal-bench")) / "postgres-report.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    print("bench: PostgreSQL on a throwaway server (scripts/with-postgres.sh)", flush=True)
    done = subprocess.run(
        ["bash", "scripts/with-postgres.sh", sys.executable, "-m", "bench",
         "--engines", "postgres", "--report-to", str(out), *kept],
        cwd=ROOT,
    )  # fmt: skip
    if done.returncode == 3:
        return "Not measured: no PostgreSQL server binaries here (apt-get install postgresql)."
    if done.returncode != 0 or not out.exists():
        return f"Not measured: the PostgreSQL run failed (exit {done.returncode})."
    return out.read_text()


def bench_engine(args, engine: str) -> tuple[str, str]:
    """One engine's whole run: its scale database, the floors and every page; its report."""
    workdir = Path(os.environ.get("BENCH_DIR", "/tmp/portal-bench"))
    workdir.mkdir(parents=True, exist_ok=True)
    if engine == "postgres":
        database_url, label = os.environ["DATABASE_URL"], "PostgreSQL"
    else:
        db = workdir / f"scale-{args.organizations}-{args.persons}.sqlite3"
        database_url, label = f"sqlite:///{db}", "SQLite"
    env = server_env(database_url, workdir)
    py = sys.executable

    print(f"bench: {label} scale database {database_url.rsplit('@', 1)[-1]}", flush=True)
    run([py, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    run([py, "manage.py", "seed_demo", "-v", "0"], env)
    run([py, "manage.py", "seed_scale", "--organizations", str(args.organizations),
         "--persons", str(args.persons)], env)  # fmt: skip
    out = run([py, "-m", "bench.prepare"], env, capture=True)
    info = json.loads(out.strip().splitlines()[-1])
    print(
        f"bench: signed in as {info['user']}, Primary Contact of {info['org_id']} "
        f"({info['org_members']:,} members); {info['persons']:,} persons",
        flush=True,
    )
    wrk = None if args.python_load else ensure_wrk()
    print(f"bench: load generator {'wrk' if wrk else 'Python threads (wrk unavailable)'}; "
          f"{args.connections} connections, {args.duration:g} s per page", flush=True)  # fmt: skip

    floors = [
        Target("constant", "floor: constant view", "/bench/constant/", floor=True),
        Target("one_row", "floor: one row by pk", f"/bench/one-row/{info['org_pk']}/", floor=True),
        Target("bare", "floor: one row, bare", f"/bench/bare/{info['org_pk']}/", floor=True),
    ]
    only = {k.strip() for k in args.only.split(",") if k.strip()}
    pages = [t for t in targets(info) if not only or t.key in only]
    with Server(env, args.workers) as server:
        results_floor_before = [measure(server, t, args, wrk, info["cookie"]) for t in floors]
        results = [measure(server, t, args, wrk, info["cookie"]) for t in pages]
        results_floor_after = [measure(server, t, args, wrk, info["cookie"]) for t in floors]
        peaks = server.worker_peaks()
    floor = {}
    for before, after in zip(results_floor_before, results_floor_after, strict=True):
        merged = Result(before.target)
        for name in ("rps", "p50", "p95", "p99"):
            setattr(merged, name, statistics.mean([getattr(before, name), getattr(after, name)]))
        merged.requests = before.requests + after.requests
        floor[before.target.key] = merged
    drift = {k: results_floor_after[i].rps / results_floor_before[i].rps - 1
             for i, k in enumerate(("constant", "one_row", "bare"))}  # fmt: skip

    return label, render(args, info, label, floor, results, peaks, drift, wrk is not None)


def render(args, info, engine, floor, results, peaks, drift, used_wrk) -> str:
    const, row, bare = floor["constant"], floor["one_row"], floor["bare"]
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}.",
        "",
        f"Scale: {info['organizations']:,} organizations, {info['persons']:,} persons "
        f"({engine}); signed in as the Primary Contact of the largest organization "
        f"({info['org_members']:,} members). gunicorn, {args.workers} sync workers, DEBUG off; "
        f"{'wrk' if used_wrk else 'a Python load generator'}, {args.connections} connections, "
        f"{args.duration:g} s per page after {args.warmup:g} s of warm-up.",
        "",
        f"Floors (mean of a run before and after the pages; drift {drift['constant']:+.0%}, "
        f"{drift['one_row']:+.0%} and {drift['bare']:+.0%}): constant view {const.rps:,.0f} "
        f"req/s, p50 {const.p50:.1f} ms, p95 {const.p95:.1f} ms; one row by pk {row.rps:,.0f} "
        f"req/s, p50 {row.p50:.1f} ms, p95 {row.p95:.1f} ms; the same row bare (no middleware, "
        f"no session, no URL resolver: bench/wsgi.py) {bare.rps:,.0f} req/s, p50 "
        f"{bare.p50:.1f} ms, p95 {bare.p95:.1f} ms. The stack's own work per request is "
        f"{1 - row.rps / bare.rps:.0%} of the bare floor's throughput.",
        "",
        "Throughput ratio: page req/s ÷ floor req/s (higher is better; target ≥ "
        f"{TARGET_RATIO} of the one-row floor). Latency ratio: page latency ÷ floor latency "
        "(lower is better).",
        "",
        "| page | req/s | ÷ const | ÷ row | ÷ bare | p50 ms (× const, × row) "
        "| p95 ms (× const, × row) | p99 ms (× const, × row) | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        if r.skipped:
            lines.append(f"| {r.target.label} | – | | | | | | | not measured ({r.skipped}) |")
            continue

        def lat(name: str, r=r) -> str:
            value = getattr(r, name)
            return (
                f"{value:.1f} ({value / getattr(const, name):.1f}×, "
                f"{value / getattr(row, name):.1f}×)"
            )

        ratio = r.rps / row.rps
        verdict = "met" if ratio >= TARGET_RATIO else "**missed**"
        if r.errors:  # e.g. 429 from the API's per-user rate limit: not a valid figure
            verdict = f"**{r.errors} of {r.requests} answers not 2xx** (429: rate limit?)"
        lines.append(
            f"| {r.target.label} | {r.rps:,.0f} | {r.rps / const.rps:.2f} | {ratio:.2f} | "
            f"{r.rps / bare.rps:.2f} | {lat('p50')} | {lat('p95')} | {lat('p99')} | {verdict} |"
        )
    lines += ["", "Person search service, in process (no HTTP), "
              f"{info['persons']:,} persons:", "",
              "| search by | n | p50 ms | p95 ms | p99 ms | target p95 < 20 ms |",
              "|---|---:|---:|---:|---:|---|"]  # fmt: skip
    for kind, t in info["search"].items():
        verdict = "met" if t["p95"] < SEARCH_P95_MS else "**missed**"
        lines.append(
            f"| {kind} | {t['n']} | {t['p50']:.2f} | {t['p95']:.2f} | {t['p99']:.2f} | {verdict} |"
        )
    peak = max(peaks, default=0.0)
    lines += [
        "",
        f"Peak memory per worker (VmHWM): {', '.join(f'{p:.0f} MB' for p in peaks)} "
        f"(target < {WORKER_MB:.0f} MB: {'met' if 0 < peak < WORKER_MB else '**missed**'}).",
    ]
    return "\n".join(lines)


def write_doc(report: str) -> None:
    text = DOC.read_text() if DOC.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n## Latest run\n\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{BEGIN}\n{report}\n{END}{tail}")


if __name__ == "__main__":
    sys.exit(main())
