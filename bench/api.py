"""Requests per second and latency of the main API list endpoints under concurrent load.

Usage (after bench/make_db.py built the 20,000-article database):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_bench .venv/bin/python bench/api.py
    .venv/bin/python bench/api.py --database-url postgres://postgres@127.0.0.1:5432/ct_bench \
        --database-url postgres://postgres@127.0.0.1:5432/ct_bench_1m
    # options: --workers 4 (gunicorn processes)   --clients 4 (load processes)
    #          --threads 8 (connections per load process)   --seconds 10 (per endpoint)
    #          --max-requests 20000 (per endpoint)   --port (default: a free one)
    #          --database-url URL (repeatable; default DATABASE_URL): one table at the end, a
    #          column group per database, each measured in turn by a child process
    #          --cache-url URL (default CACHE_URL, else redis://127.0.0.1:6379/3): the shared
    #          cache the rate limits count in, Redis as in docker-compose.yml; "" for the
    #          database table a deployment without Redis uses

It starts gunicorn on 127.0.0.1 (never anything else) against that database, then for each
endpoint runs load processes, each with keep-alive HTTP/1.1 connections in threads, for a bounded
time and number of requests. It prints requests per second, median, p95 and p99 latency and any
non-200 answers, and the number of SQL queries of one request to each endpoint (through Django's
test client in the same process, before the load). The rate limits are raised out of the way
(API_THROTTLE_ANON, API_THROTTLE_USER) so the figure is the API's, not the limit's; the throttles
still run on every request, counting in Redis as in production. (Counting in the database table
instead puts every request's UPDATE on one row: at 32 connections that row's lock, not the API,
sets the latency.)
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing as mp
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only address this script ever talks to

ENDPOINTS = {
    "actors": "/api/v1/actors/",
    "actors, search": "/api/v1/actors/?search=al&ordering=-mention_count",
    "actors, active in 2017": "/api/v1/actors/?active_after=2017-01-01&active_before=2017-12-31",
    "places": "/api/v1/places/",
    "places, Syria bbox": "/api/v1/places/?bbox=35.5,32.3,42.4,37.4",
    "places, GeoJSON": "/api/v1/places/?format=geojson",
    "meetings": "/api/v1/meetings/",
    "meetings, Syria 2016-17": "/api/v1/meetings/?country=SY&date_after=2016-01-01"
    "&date_before=2017-12-31",
    "events": "/api/v1/events/",
    "events, airstrikes in Idlib": "/api/v1/events/?type=airstrike&governorate=Idlib",
    # A month: a year at a million reports (360,000 events) is more than one export holds.
    "events, ACLED CSV of a month": "/api/v1/events.csv?date_after=2016-01-01"
    "&date_before=2016-01-31",
    "events, GeoJSON of a month": "/api/v1/events.geojson?date_after=2016-01-01"
    "&date_before=2016-01-31",
    "articles": "/api/v1/articles/",
    "articles, 2017": "/api/v1/articles/?published_after=2017-01-01&published_before=2017-12-31",
    "articles, CSV page of 100": "/api/v1/articles/?format=csv&page_size=100",
}


def _worker(port: int, path: str, threads: int, seconds: float, budget, results) -> None:
    """One load process: `threads` keep-alive connections for `seconds` or until the budget of
    requests shared by all processes is spent. Reports latencies, statuses and its busy span."""
    started = time.monotonic()
    deadline = started + seconds
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def run() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        own: list[float] = []
        own_statuses: dict[int, int] = {}
        while time.monotonic() < deadline:
            with budget.get_lock():
                if budget.value <= 0:
                    break
                budget.value -= 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": "*/*"})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=30)
                status = 0
            own.append(time.perf_counter() - started)
            own_statuses[status] = own_statuses.get(status, 0) + 1
        connection.close()
        with lock:
            latencies.extend(own)
            for status, count in own_statuses.items():
                statuses[status] = statuses.get(status, 0) + count

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    results.put((latencies, statuses, started, time.monotonic()))


def load(port: int, path: str, *, clients: int, threads: int, seconds: float, max_requests: int):
    context = mp.get_context("spawn")
    budget = context.Value("q", max_requests)
    results = context.Queue()
    processes = [
        context.Process(target=_worker, args=(port, path, threads, seconds, budget, results))
        for _ in range(clients)
    ]
    for process in processes:
        process.start()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    spans: list[tuple[float, float]] = []
    for _ in processes:
        own, own_statuses, began, ended = results.get()
        spans.append((began, ended))
        latencies.extend(own)
        for status, count in own_statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    for process in processes:
        process.join()
    # From the first load process starting to the last one finishing (CLOCK_MONOTONIC is
    # system-wide), without the time spent spawning the processes.
    elapsed = max(end for _, end in spans) - min(begin for begin, _ in spans)
    return latencies, statuses, elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def port_check(port: int) -> None:
    """Refuse a port something else listens on: its answers would be measured instead."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            raise SystemExit(f"{HOST}:{port} is already in use; choose another --port.") from None


# The rate limits, raised out of the way; the throttles still count every request.
UNTHROTTLED = {"API_THROTTLE_ANON": "100000000/second", "API_THROTTLE_USER": "100000000/second"}


def cache_check(url: str) -> None:
    """Stops with a clear message when the Redis the throttles should count in does not answer."""
    if not url:
        return
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        raise SystemExit(
            f"The cache at {url} does not answer ({error}). Start Redis, pass --cache-url, or "
            'pass --cache-url "" to count the rate limits in the database table.'
        ) from None


def gunicorn_start(port: int, workers: int) -> subprocess.Popen:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        raise SystemExit(
            "Set DATABASE_URL to the PostgreSQL benchmark database, e.g. "
            "postgres://postgres@127.0.0.1:5432/ct_bench (built by bench/make_db.py)."
        )
    env = {
        **os.environ,
        "DEBUG": "0",
        "ALLOWED_HOSTS": HOST,
        **UNTHROTTLED,
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "LOG_LEVEL": "WARNING",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "conflict_tracker.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    port_check(port)
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)
    for _ in range(150):
        time.sleep(0.2)
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/api/v1/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            continue
    server_stop(server)
    raise SystemExit("gunicorn did not answer within 30 seconds")


def server_drain(port: int, workers: int, *, limit: float = 600.0) -> None:
    """Wait until requests the clients gave up on (timeouts) have left the workers.

    Sync workers finish every request they accepted, so after a slow endpoint they may still be
    busy when the next one's load starts: its figures would be this backlog's. One cheap request
    per worker queued behind the backlog comes back only when it is done.
    """

    def ping() -> None:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=limit)
            connection.request("GET", "/api/v1/")
            connection.getresponse().read()
            connection.close()
        except (OSError, http.client.HTTPException):
            pass

    pool = [threading.Thread(target=ping) for _ in range(workers)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()


def server_stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


class _QueryCounter:
    """A database execute wrapper that counts the queries of one request."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def query_counts(names: list[str]) -> dict[str, int]:
    """SQL queries of one request to each endpoint, through Django's test client."""
    for name, value in UNTHROTTLED.items():
        os.environ.setdefault(name, value)
    os.environ.setdefault(
        "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict_tracker.settings")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    counts = {}
    for name in names:
        client.get(ENDPOINTS[name], HTTP_ACCEPT="*/*")  # warm-up: caches, imports
        counter = _QueryCounter()
        with connection.execute_wrapper(counter):
            response = client.get(ENDPOINTS[name], HTTP_ACCEPT="*/*")
        if response.status_code != 200:
            raise SystemExit(f"{ENDPOINTS[name]} answered {response.status_code}")
        counts[name] = counter.count
    connection.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--max-requests", type=int, default=20000)
    parser.add_argument("--port", type=int, default=0, help="Default: a free port.")
    parser.add_argument("--only", help="Measure only endpoints whose name contains this.")
    parser.add_argument("--database-url", action="append", dest="urls")
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/3"),
        help='Where the rate limits count (default: CACHE_URL, else Redis db 3); "" for the '
        "database table.",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    cache_check(args.cache_url)
    os.environ["CACHE_URL"] = args.cache_url
    if not args.child:
        from multidb import child_run, database_name, database_urls, table_print

        argv = [
            f"--{option}={value}"
            for option, value in (
                ("workers", args.workers),
                ("clients", args.clients),
                ("threads", args.threads),
                ("seconds", args.seconds),
                ("max-requests", args.max_requests),
                ("port", args.port),
                ("cache-url", args.cache_url),
            )
        ] + (["--only", args.only] if args.only else [])
        results = {
            database_name(url): child_run(Path(__file__), url, argv)
            for url in database_urls(args.urls)
        }
        table_print(
            "endpoint",
            results,
            [
                ("p50", "p50 ms", ".1f"),
                ("p95", "p95 ms", ".1f"),
                ("queries", "queries", "d"),
                ("rps", "req/s", ".1f"),
            ],
        )
        return
    measure(args)


def measure(args) -> None:
    from multidb import result_emit

    names = [name for name in ENDPOINTS if not args.only or args.only in name]
    counts = query_counts(names)
    rows = {}
    port = args.port or free_port()
    server = gunicorn_start(port, args.workers)
    try:
        concurrency = args.clients * args.threads
        print(
            f"gunicorn {args.workers} sync workers on {HOST}:{port}; {concurrency} "
            f"connections from {args.clients} processes; up to {args.seconds:g} s or "
            f"{args.max_requests} requests per endpoint"
        )
        load_1, load_5, _ = os.getloadavg()
        print(
            f"{os.cpu_count()} CPUs, load average {load_1:.1f} (1 min) {load_5:.1f} (5 min) "
            "before the run: other work on the machine lowers these figures"
        )
        print(f"database {os.environ['DATABASE_URL'].rsplit('/', 1)[-1]}", flush=True)
        print(f"{'endpoint':28} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  answers")
        for name in names:
            path = ENDPOINTS[name]
            # Warm up: connections, query plans, Python imports in every worker.
            load(port, path, clients=1, threads=args.workers, seconds=2, max_requests=40)
            latencies, statuses, elapsed = load(
                port,
                path,
                clients=args.clients,
                threads=args.threads,
                seconds=args.seconds,
                max_requests=args.max_requests,
            )
            server_drain(port, args.workers)
            if not latencies:
                print(f"{name:28} no answers")
                continue
            answers = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
            print(
                f"{name:28} {len(latencies) / elapsed:8.1f} "
                f"{statistics.median(latencies) * 1000:8.1f} "
                f"{percentile(latencies, 0.95) * 1000:8.1f} "
                f"{percentile(latencies, 0.99) * 1000:8.1f}  {answers}",
                flush=True,
            )
            rows[name] = {
                "rps": len(latencies) / elapsed,
                "p50": statistics.median(latencies) * 1000,
                "p95": percentile(latencies, 0.95) * 1000,
                "p99": percentile(latencies, 0.99) * 1000,
                "queries": counts[name],
                "answers": answers,
            }
    finally:
        server_stop(server)
    result_emit({"rows": rows})


if __name__ == "__main__":
    main()
