#!/usr/bin/env python3
"""Throughput benchmark: gunicorn (production-like settings) driven by wrk.

Two rounds, each on a freshly started gunicorn:
  * "no cache": PAGE_CACHE_SECONDS=0  (every request renders)
  * "cache":    PAGE_CACHE_SECONDS=300 (anonymous pages served from the page cache)
Each page is compared with a bare view (/bench/bare/, only routed when BENCHMARK=1),
which measures the cost of the WSGI stack + middleware alone.

Usage (normally through make):
  make bench                          # 10 s per page
  make bench BENCH_ARGS="--duration 30 --json bench.json"
  make bench-smoke                    # 2 s per page; exit 0 iff every page answered 200

Extra pages: --pages PATH, NAME=PATH, or NAME=PATH@USERNAME. With @USERNAME the
requests carry a session cookie for that user (username = email for the demo users,
which setup creates with `create_demo_users --force` whenever a page needs a login), e.g.
  --pages "my apps=/zh-hant/applications/@applicant@demo.futian-youth.example"
Permanent pages belong in build_pages() below.

Database: DATABASE_URL from the environment if set, else a throwaway SQLite file
(the developer's db.sqlite3 is not touched). Only stdlib + psutil.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
# Sent with every request, as a TLS-terminating proxy would: request.is_secure() is True.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


# --------------------------------------------------------------------------- pages


@dataclass
class Page:
    name: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    # Hook run after each server start (the server env is passed); returns extra request headers,
    # e.g. a session cookie for a logged-in page. See session_cookie().
    prepare: Callable[[dict[str, str]], dict[str, str]] | None = None
    # The user a logged-in page is measured as (for the query count).
    user: str = ""
    # Filled in per round from headers + prepare().
    effective_headers: dict[str, str] = field(default_factory=dict)
    # Measured only where the route exists (a bench-only route the portal may not mount yet).
    optional: bool = False


BARE = Page("bare", "/bench/bare/")
DEMO_APPLICANT = "applicant@demo.futian-youth.example"
DEMO_STAFF = "staff@demo.futian-youth.example"

# Queries each measured page takes, counted once through Django's test client.
QUERY_COUNT_CODE = """
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
User = get_user_model()
for path, user in {pages!r}:
    client = Client(SERVER_NAME="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    if user:
        client.force_login(User.objects.get(username=user))
    client.get(path)  # warm caches that are per process, as a running server has them
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    print(f"queries {{path}} {{status}} {{len(queries)}}")
"""


def count_queries(env: dict[str, str], pages: list[Page]) -> dict[str, int]:
    users = {p.path: p.user for p in pages}
    code = QUERY_COUNT_CODE.format(pages=[(path, user) for path, user in users.items()])
    out = manage({**env, "PAGE_CACHE_SECONDS": "0"}, "shell", "-c", code, capture=True)
    counts = {}
    for line in out.splitlines():
        if line.startswith("queries "):
            _q, path, _status, n = line.split()
            counts[path] = int(n)
    return counts


def build_pages(extra: list[Page]) -> list[Page]:
    """Pages measured in every round; the first one must be the bare view."""
    pages = [
        BARE,
        Page("home", "/zh-hant/"),
        Page("programme list", "/zh-hant/programmes/"),
        Page("incubator detail", "/zh-hant/incubators/workshop/"),
        Page("my applications", "/zh-hant/applications/", prepare=session_cookie(DEMO_APPLICANT)),
        Page("admin review queue", "/zh-hant/admin/portal/application/", prepare=session_cookie(DEMO_STAFF)),
        # Booking pages: sessions with seats left (the demo courses), and the capacity read path
        # alone (upcoming places with availability, portal/capacity/views.py).
        Page("booking page (courses)", "/zh-hant/courses/"),
        Page("booking page (places)", "/bench/places/", optional=True),
    ]
    for page in pages + extra:
        page.user = getattr(page.prepare, "user", "")
    return pages + extra


def session_cookie(username: str) -> Callable[[dict[str, str]], dict[str, str]]:
    """prepare-hook: log `username` in by creating a session server-side; returns a Cookie header.

    Uses the server's own settings (same database / Redis), so no login form or CSRF is involved.
    """

    code = f"""
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
user = get_user_model()._default_manager.get_by_natural_key({username!r})
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = user._meta.pk.value_to_string(user)
store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.save()
print(settings.SESSION_COOKIE_NAME + "=" + store.session_key)
"""

    def prepare(env: dict[str, str]) -> dict[str, str]:
        out = manage(env, "shell", "-c", code, capture=True)
        return {"Cookie": out.strip().splitlines()[-1]}

    prepare.user = username
    return prepare


def parse_page_arg(spec: str) -> Page:
    """PATH | NAME=PATH | NAME=PATH@USERNAME"""
    name, rest = ("", spec) if spec.startswith("/") or "=" not in spec else spec.split("=", 1)
    path, _, user = rest.partition("@")
    if not path.startswith("/"):
        raise argparse.ArgumentTypeError(f"page path must start with '/': {spec!r}")
    return Page(name or path, path, prepare=session_cookie(user) if user else None)


# --------------------------------------------------------------------------- bookings

# Places for the booking page, and bookings per second on one place-holder: CLIENTS threads (each
# its own database connection) call the capacity service at once, as 50 people pressing "Book".
BOOKINGS_CODE = """
import datetime, threading, time
from concurrent.futures import ThreadPoolExecutor
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django.db.models import Sum
from django.utils import timezone
from portal.capacity.models import Hold, Place
from portal.capacity.services import PlaceFull, hold
from portal.models import Application
from programs.models import Programme

CLIENTS, ATTEMPTS, SIZE = {clients}, {attempts}, {size}
targets = list(Programme.objects.all()[:5])
now = timezone.now()
# Upcoming sessions for the booking page (bench/places/), idempotent across runs.
kind = ContentType.objects.get_for_model(Programme)
hour = now.replace(minute=0, second=0, microsecond=0)
for n in range(50):
    Place.objects.get_or_create(target_type=kind, target_id=targets[n % len(targets)].pk,
        starts_at=hour + datetime.timedelta(days=1 + n), defaults={{"size": 20}})
start = now + datetime.timedelta(days=400, seconds=int(time.time()) % 86400)
place = Place.objects.create(target=targets[0], starts_at=start, size=SIZE)
apps = Application.objects.bulk_create(Application(scheme="bench") for _ in range(ATTEMPTS))
outcomes, errors = [], []

def book(application):
    try:
        hold([place], application=application)
        outcomes.append("held")
    except PlaceFull:
        outcomes.append("full")
    except Exception as error:
        errors.append(repr(error))
    finally:
        connections.close_all()

began = time.perf_counter()
with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
    list(pool.map(book, apps))
took = time.perf_counter() - began
place.refresh_from_db()
rows = Hold.objects.current().filter(place=place).aggregate(total=Sum("quantity"))["total"] or 0
over = max(0, place.held - place.size) + abs(place.held - rows)
print(f"bookings {{connection.vendor}} {{len(apps) / took:.0f}} {{outcomes.count('held')}} "
      f"{{outcomes.count('full')}} {{len(errors)}} {{over}} {{place.held}} {{rows}} {{place.size}}")
for error in errors[:3]:
    print("booking error", error)
"""


def measure_bookings(env: dict[str, str], *, clients: int, attempts: int, size: int) -> dict:
    """Bookings per second on one place with `clients` at once; overbooked must be 0."""
    code = BOOKINGS_CODE.format(clients=clients, attempts=attempts, size=size)
    out = manage({**env, "PAGE_CACHE_SECONDS": "0"}, "shell", "-c", code, capture=True)
    for line in out.splitlines():
        if line.startswith("booking error"):
            print("  " + line)
        if line.startswith("bookings "):
            _b, vendor, rate, held, full, errors, over, counter, rows, size_ = line.split()
            result = {
                "database": vendor,
                "clients": clients,
                "attempts": attempts,
                "size": int(size_),
                "per_second": float(rate),
                "held": int(held),
                "refused_full": int(full),
                "errors": int(errors),
                "overbooked": int(over),
                "held_counter": int(counter),
                "hold_rows": int(rows),
            }
            print(
                f"\n### Bookings on one place ({vendor}, {clients} clients at once)\n\n"
                f"{attempts} attempts for {result['size']} places: {rate} bookings/s; "
                f"{held} held, {full} refused as full, {errors} errors; "
                f"held counter {counter}, hold rows {rows}: overbooked {over}",
                flush=True,
            )
            return result
    raise SystemExit("bench: the booking measurement printed nothing")


# --------------------------------------------------------------------------- processes


def venv_bin(name: str) -> str:
    for candidate in (Path(sys.executable).parent / name, ROOT / ".venv" / "bin" / name):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        sys.exit(f"bench: {name} not found")
    return found


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    cmd = [sys.executable, str(ROOT / "manage.py"), *args]
    shown = " ".join(" ".join(a.split()) for a in args)
    print("$ manage.py", shown if len(shown) < 80 else shown[:77] + "...", flush=True)
    res = subprocess.run(cmd, cwd=ROOT, env=env, check=False, text=True, capture_output=capture)
    if res.returncode != 0:
        if capture:
            sys.stderr.write(res.stdout + res.stderr)
        raise SystemExit(f"bench: manage.py {args[0]} failed (exit {res.returncode})")
    return res.stdout if capture else ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """gunicorn in its own process group; stop() kills the whole group."""

    def __init__(self, env: dict[str, str], workers: int, log_path: Path):
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.log = open(log_path, "ab")  # closed in stop()
        cmd = [
            venv_bin("gunicorn"),
            "portal.wsgi",
            "-w",
            str(workers),
            "-b",
            f"{HOST}:{self.port}",
            "--log-level",
            "warning",
        ]
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"bench: gunicorn exited early (code {self.proc.returncode})")
            status, _ = fetch(self.base + "/healthz", {})
            if status == 200:
                return
            time.sleep(0.2)
        raise SystemExit("bench: /healthz did not answer 200 in time")

    def worker_peak_rss_mb(self) -> dict[int, float]:
        """VmHWM (peak resident set) of each gunicorn worker, in MB."""
        peaks: dict[int, float] = {}
        try:
            children = psutil.Process(self.proc.pid).children()
        except psutil.NoSuchProcess:
            return peaks
        for child in children:
            try:
                status = Path(f"/proc/{child.pid}/status").read_text()
            except OSError:
                continue
            m = re.search(r"^VmHWM:\s+(\d+)\s+kB", status, re.M)
            if m:
                peaks[child.pid] = int(m.group(1)) / 1024
        return peaks

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait()
        self.log.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, headers: dict[str, str]) -> tuple[int, str]:
    """(status, location) without following redirects; status 0 when unreachable."""
    req = urllib.request.Request(url, headers={**PROXY_HEADERS, **headers})
    try:
        with _opener.open(req, timeout=30) as resp:
            resp.read()
            return resp.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", "") or ""
    except (urllib.error.URLError, OSError):
        return 0, ""


# --------------------------------------------------------------------------- wrk

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _to_ms(value: str, unit: str) -> float:
    return float(value) * _UNITS_MS[unit]


def run_wrk(url: str, headers: dict[str, str], duration: int, threads: int, conns: int) -> dict:
    cmd = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{duration}s", "--latency"]
    for k, v in {**PROXY_HEADERS, **headers}.items():
        cmd += ["-H", f"{k}: {v}"]
    cmd.append(url)
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    out = res.stdout
    if res.returncode != 0:
        sys.stderr.write(out + res.stderr)
        raise SystemExit(f"bench: wrk failed on {url}")
    result: dict = {"rps": None, "p50_ms": None, "p99_ms": None, "non_2xx": 0, "socket_errors": 0}
    if m := re.search(r"^Requests/sec:\s+([\d.]+)", out, re.M):
        result["rps"] = float(m.group(1))
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        if m := re.search(rf"^\s+{pct}(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\b", out, re.M):
            result[key] = _to_ms(m.group(1), m.group(2))
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
        result["non_2xx"] = int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        result["socket_errors"] = sum(int(g) for g in m.groups())
    if result["rps"] is None:
        sys.stderr.write(out)
        raise SystemExit(f"bench: could not parse wrk output for {url}")
    return result


# --------------------------------------------------------------------------- rounds


def fmt_ms(v: float | None) -> str:
    if v is None:
        return "-"
    return f"{v * 1000:.0f} µs" if v < 1 else f"{v:.1f} ms"


def print_table(title: str, rows: list[dict], rss: dict[int, float]) -> None:
    print(f"\n### {title}\n")
    print("| page | path | req/s | p50 | p99 | ratio to bare | non-2xx/3xx |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        print(
            f"| {r['page']} | `{r['path']}` | {r['rps']:.0f} | {fmt_ms(r['p50_ms'])} | "
            f"{fmt_ms(r['p99_ms'])} | {ratio} | {r['non_2xx']} |"
        )
    if rss:
        workers = ", ".join(f"{mb:.1f}" for _, mb in sorted(rss.items()))
        print(f"\nPeak RSS (VmHWM) per gunicorn worker: {workers} MB; max {max(rss.values()):.1f} MB")
    sys.stdout.flush()


def run_round(
    title: str, env: dict[str, str], pages: list[Page], args: argparse.Namespace, log_path: Path
) -> dict:
    print(f"\n== Round: {title} (PAGE_CACHE_SECONDS={env['PAGE_CACHE_SECONDS']}) ==", flush=True)
    server = Server(env, args.workers, log_path)
    try:
        server.wait_ready()
        bad = []
        skipped: set[str] = set()
        for page in pages:
            page.effective_headers = {**page.headers, **(page.prepare(env) if page.prepare else {})}
            status, location = fetch(server.base + page.path, page.effective_headers)
            mark = "ok" if status == 200 else "FAIL"
            extra = f" -> {location}" if location else ""
            if status == 404 and page.optional:
                print(f"  skip 404 {page.path} (not routed in this build)", flush=True)
                skipped.add(page.path)
                continue
            print(f"  {mark:4} {status or 'no answer'} {page.path}{extra}", flush=True)
            if status != 200:
                bad.append(page.path)
        pages = [page for page in pages if page.path not in skipped]
        if bad:
            return {"title": title, "failed_urls": bad, "rows": [], "rss_mb": {}}

        if args.warmup:
            for page in pages:
                run_wrk(
                    server.base + page.path,
                    page.effective_headers,
                    args.warmup,
                    args.threads,
                    args.connections,
                )

        rows = []
        for page in pages:
            print(f"  wrk {page.path} ...", flush=True)
            r = run_wrk(
                server.base + page.path, page.effective_headers, args.duration, args.threads, args.connections
            )
            rows.append({"page": page.name, "path": page.path, **r})
        bare_rps = rows[0]["rps"]
        for r in rows:
            r["ratio"] = r["rps"] / bare_rps if bare_rps else None
        rss = server.worker_peak_rss_mb()
        print_table(title, rows, rss)
        return {
            "title": title,
            "failed_urls": [],
            "rows": rows,
            "rss_mb": {str(k): v for k, v in rss.items()},
        }
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=int, default=10, help="seconds of wrk per page (default 10)")
    ap.add_argument(
        "--smoke", action="store_true", help="2 s per page; only checks that every page answers 200"
    )
    ap.add_argument(
        "--pages",
        nargs="+",
        type=parse_page_arg,
        default=[],
        metavar="[NAME=]PATH[@USER]",
        help="extra pages; @USER sends a session cookie for that user",
    )
    ap.add_argument("--json", type=Path, help="also write the results to this JSON file")
    ap.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    ap.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    ap.add_argument(
        "--warmup", type=int, default=None, help="seconds of wrk warm-up per page (default 1; 0 in smoke)"
    )
    ap.add_argument(
        "--min-ratio",
        type=float,
        default=0.0,
        help="outside --smoke: fail if an anonymous page's 'cache' round req/s ratio to bare is lower",
    )
    ap.add_argument(
        "--applications",
        type=int,
        default=None,
        help="demo applications in the queue (default 10000; 300 in smoke)",
    )
    ap.add_argument("--skip-setup", action="store_true", help="skip collectstatic/migrate/seed_catalogue")
    args = ap.parse_args(argv)
    if args.smoke:
        args.duration = 2
    if args.applications is None:
        args.applications = 300 if args.smoke else 10_000
    if args.warmup is None:
        args.warmup = 0 if args.smoke else 1
    if not shutil.which("wrk"):
        print("bench: wrk not found (apt-get install wrk)", file=sys.stderr)
        return 1

    pages = build_pages(args.pages)
    tmp = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        BENCHMARK="1",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECRET_KEY=secrets.token_urlsafe(50),
        LOG_LEVEL=env.get("LOG_LEVEL", "WARNING"),
        PYTHONUNBUFFERED="1",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    print(f"bench: database {env['DATABASE_URL'].split('@')[-1]}; logs in {tmp}", flush=True)

    rounds = []
    queries: dict[str, int] = {}
    bookings: dict = {}
    try:
        if not args.skip_setup:
            manage(env, "collectstatic", "--noinput", "-v0")
            manage(env, "migrate", "--noinput", "-v0")
            manage(env, "seed_catalogue")
            # Units, rooms, courses, events and lab equipment with places (each app's demo.py).
            manage(env, "create_demo_places", "--force")
            if any(page.prepare for page in pages):
                # Logged-in pages need their users (staff with an authenticator, as the admin
                # requires) and a realistic queue; the bench database is throwaway unless
                # DATABASE_URL was given.
                manage(env, "create_demo_users", "--force", "--with-authenticator")
                manage(
                    env,
                    "create_demo_applications",
                    "--count",
                    str(args.applications),
                    "--owner",
                    DEMO_APPLICANT,
                )
        bookings = measure_bookings(
            env,
            clients=50,
            attempts=200 if args.smoke else 2000,
            size=100 if args.smoke else 1000,
        )
        queries = count_queries(env, pages)
        print("\nSQL queries per page: " + ", ".join(f"{p.name} {queries.get(p.path, '?')}" for p in pages))
        for title, seconds in (("no cache", "0"), ("cache", "300")):
            round_env = {**env, "PAGE_CACHE_SECONDS": seconds}
            rounds.append(run_round(title, round_env, pages, args, tmp / "gunicorn.log"))
            if rounds[-1]["failed_urls"]:
                break
    finally:
        log = tmp / "gunicorn.log"
        if log.exists() and log.stat().st_size:
            print(f"\n(gunicorn log: {log})")
            tail = log.read_text(errors="replace").splitlines()[-20:]
            print("\n".join("  " + line for line in tail))
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    all_rss = [mb for r in rounds for mb in r["rss_mb"].values()]
    if all_rss:
        print(f"\nMax worker peak RSS over all rounds: {max(all_rss):.1f} MB")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "duration": args.duration,
                    "queries": queries,
                    "smoke": args.smoke,
                    "rounds": rounds,
                    "max_rss_mb": max(all_rss, default=None),
                    "bookings": bookings,
                },
                indent=2,
            )
        )
        print(f"bench: wrote {args.json}")

    failed = [u for r in rounds for u in r["failed_urls"]]
    # Errors are shown (SQLite answers "database is locked" to writers at once); overbooking fails.
    if bookings.get("overbooked"):
        print(f"\nbench: FAILED — bookings: {bookings}", file=sys.stderr)
        return 1
    if failed:
        print(f"\nbench: FAILED — these pages did not answer 200: {', '.join(failed)}", file=sys.stderr)
        return 1
    if args.smoke:
        print("\nbench: smoke OK — every page answered 200")
        return 0
    problems = []
    for r in rounds:
        for row in r["rows"]:
            if row["non_2xx"] or row["socket_errors"]:
                problems.append(
                    f"{r['title']}: {row['path']} had {row['non_2xx']} non-2xx/3xx, "
                    f"{row['socket_errors']} socket errors"
                )
            anonymous = not any(p.effective_headers for p in pages if p.path == row["path"])
            if (
                r["title"] == "cache"
                and anonymous
                and row["ratio"] is not None
                and row["ratio"] < args.min_ratio
            ):
                problems.append(f"cache: {row['path']} ratio {row['ratio']:.2f} < {args.min_ratio}")
    for p in problems:
        print("bench: " + p, file=sys.stderr)
    return 2 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
