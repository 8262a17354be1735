"""Server time of the analyst's workbench on the benchmark database: the duplicates queue (cold,
i.e. the finders run, and warm, from the cache) and the full exports (time, rows, peak memory).

Usage (after bench/make_db.py built the database):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_bench .venv/bin/python bench/workbench.py
    # options: --runs 10 (timed requests of each warm page, after one warm-up)

Requests go through Django's test Client in this process, as in bench/pages.py. The queue is
requested as a member of the Analysts group: a user `bench-analyst` is created if missing. Peak
memory is Python's (tracemalloc) while the whole streamed export is read.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

from pages import percentile, setup


def _analyst():
    from django.contrib.auth.models import Group, User

    user, _ = User.objects.get_or_create(username="bench-analyst")
    user.groups.add(Group.objects.get(name="Analysts"))
    return user


def _timed(client, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, url
    size = (
        sum(len(chunk) for chunk in response.streaming_content)
        if response.streaming
        else len(response.content)
    )
    return (time.perf_counter() - started) * 1000, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from articles.models import Article
    from entities.models import Actor, Meeting, Place

    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}, "
        f"{Article.objects.count()} articles, {Actor.objects.count()} actors, "
        f"{Place.objects.count()} places, {Meeting.objects.count()} meetings"
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(_analyst())

    cache.clear()
    cold, _ = _timed(client, "/duplicates/")
    print(f"duplicates queue, cold (finders run): {cold:.0f} ms")
    warm = [_timed(client, "/duplicates/")[0] for _ in range(args.runs)]
    print(
        f"duplicates queue, warm: median {statistics.median(warm):.1f} ms, "
        f"p95 {percentile(warm, 0.95):.1f} ms"
    )
    for url in (
        "/actors/export.csv",
        "/places/export.csv",
        "/places/export.geojson",
        "/meetings/export.csv",
        "/meetings/export.geojson",
        "/articles/export.csv",
    ):
        ms, size = _timed(client, url)
        # Memory in a second request: tracing every allocation slows Python down several times.
        tracemalloc.start()
        _timed(client, url)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"{url:<26} {ms:>8.0f} ms {size / 1e6:>7.1f} MB  peak Python memory {peak / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
