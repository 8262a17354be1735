"""Server time of the dashboard pages on the benchmark database: median and 95th percentile.

Usage (after bench/make_db.py built the database):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_bench .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --database-url postgres://postgres@127.0.0.1:5432/ct_bench \
        --database-url postgres://postgres@127.0.0.1:5432/ct_bench_1m
    # options: --runs 40 (timed requests per page, after 3 warm-up requests)
    #          --slowest (print the SQL of each page's slowest query, for EXPLAIN ANALYZE)
    #          --database-url URL (repeatable; default DATABASE_URL): one table, a column group
    #          per database (each measured by a child process of this script)

Each page is requested through Django's test Client in this process, so the figure is the time
Django spends (URL routing, queries, template rendering), without network or a web server. The
target is a p95 under 100 ms on PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def setup() -> None:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict_tracker.settings")
    # No collected static manifest is needed to render pages.
    os.environ.setdefault(
        "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    import django

    django.setup()


def page_urls() -> dict[str, str]:
    """The pages measured, on the busiest actor, city and meeting of the database."""
    from django.db.models import Count

    from articles.models import Article
    from entities.models import Actor, Event, Meeting, Place

    actor = Actor.objects.by_mentions().first()
    city = Place.objects.filter(kind="city").by_mentions().first()
    meeting = Meeting.objects.annotate(n=Count("sources")).order_by("-n").first()
    article = Article.objects.filter(status="done").order_by("-published").first()
    event = Event.objects.annotate(n=Count("sources")).order_by("-n").first()
    if not (actor and city and meeting and article):
        raise SystemExit("The database has no facts: run bench/make_db.py first.")
    country = city.country_code or "SY"
    urls = {
        "home": "/",
        "actor list": "/actors/",
        "actor list, search": "/actors/?q=al&sort=last_seen",
        "actor detail": actor.get_absolute_url(),
        "place list": "/places/",
        "place detail (city)": city.get_absolute_url(),
        "meeting list": "/meetings/",
        "meeting list, filtered": f"/meetings/?country={country}&from=2016-01-01&to=2017-12-31",
        "meeting detail": meeting.get_absolute_url(),
        "event list": "/events/",
        "event list, filtered": "/events/?type=airstrike&governorate=Idlib&date_after=2016-01-01",
        "home, a year": "/?start=2016-01-01&end=2016-12-31",
        "actor detail, a year": f"{actor.get_absolute_url()}?start=2016-01-01&end=2016-12-31",
        "place detail, a year": f"{city.get_absolute_url()}?start=2016-01-01&end=2016-12-31",
        "network": "/network/",
        "network, filtered": f"/network/?country={country}&start=2016-01-01",
        "article list": "/articles/",
        "article detail": article.get_absolute_url(),
    }
    if event is not None:  # a database built before events were stored has none to open
        urls["event detail"] = event.get_absolute_url()
    return urls


class _QueryCounter:
    """A database execute wrapper that counts the queries of one request and keeps the slowest."""

    def __init__(self) -> None:
        self.count = 0
        self.slowest: tuple[float, str] = (0.0, "")
        self.total = 0.0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = (time.perf_counter() - started) * 1000
            self.total += took
            if took > self.slowest[0]:
                cursor = context["cursor"]
                text = cursor.mogrify(sql, params).decode() if params is not None else sql
                self.slowest = (took, text)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--database-url", action="append", dest="urls")
    parser.add_argument(
        "--slowest", action="store_true", help="Print the SQL of each page's slowest query."
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args.runs, slowest=args.slowest)
        return
    from multidb import child_run, database_name, database_urls, table_print

    results = {
        database_name(url): child_run(
            Path(__file__),
            url,
            ["--runs", str(args.runs)] + (["--slowest"] if args.slowest else []),
        )
        for url in database_urls(args.urls)
    }
    table_print(
        "page",
        results,
        [("p50", "p50 ms", ".1f"), ("p95", "p95 ms", ".1f"), ("queries", "queries", "d")],
    )
    for name, result in results.items():
        print(
            f"{name}: {result['articles']} articles, worst p95 {result['worst']:.1f} ms "
            "(target < 100 ms)"
        )


def measure(runs: int, *, slowest: bool = False) -> None:
    from multidb import result_emit

    setup()
    from django.db import connection
    from django.test import Client

    from articles.models import Article

    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}, "
        f"{Article.objects.count()} articles; {runs} runs per page",
        flush=True,
    )
    client = Client(HTTP_HOST="localhost")
    print(f"{'page':<26} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    worst = 0.0
    rows = {}
    for name, url in page_urls().items():
        for _ in range(3):
            assert client.get(url).status_code == 200, url
        queries = _QueryCounter()
        with connection.execute_wrapper(queries):
            client.get(url)
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
        p95 = percentile(timings, 0.95)
        worst = max(worst, p95)
        median = statistics.median(timings)
        print(f"{name:<26} {median:>10.1f} {p95:>8.1f} {queries.count:>8}", flush=True)
        rows[name] = {"p50": median, "p95": p95, "queries": queries.count}
        if slowest:
            took, sql = queries.slowest
            print(
                f"  SQL {queries.total:.1f} ms in all; slowest query {took:.1f} ms: {sql}",
                flush=True,
            )
    print(f"worst p95: {worst:.1f} ms (target < 100 ms)")
    result_emit({"rows": rows, "worst": worst, "articles": Article.objects.count()})


if __name__ == "__main__":
    main()
