"""Build a PostgreSQL database of 20,000 to 1,000,000 articles with their facts, for the page and
API benchmarks.

Usage (from the project folder; the database is created if it does not exist):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_bench .venv/bin/python bench/make_db.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct_bench_1m nice -n 10 \
        .venv/bin/python bench/make_db.py --articles 1000000 --fresh
    # options: --articles 20000   how many articles in the end (default 20,000)
    #          --corpus PATH      JSON Lines reports (default ../shared/corpus/fakes-syria-news.jsonl)
    #          --fresh            drop and recreate the database first
    #          --synthetic        generated rows written with COPY (the default above 100,000
    #                             articles; --copy forces the corpus mode below)
    #          --actors 50000 --places 10000   sizes of the synthetic world

Two modes. The corpus mode (up to 100,000 articles by default):

1. Migrates, then imports the corpus once with the real pipeline (`articles_import(sync=True)`:
   the extraction engine runs on every report). A second run skips this: the texts are stored.
2. Replicates what the extracted articles produced until the database holds --articles articles:
   each copy gets a new title, a new content hash (a marker appended to the text, so every mention
   span still points at the same words), a publication date shifted by up to two years, and copies
   of its mentions, meetings (dated like the copy), participants and meeting sources, and events
   (dated like the copy) with their sources and sides, written with bulk_create in batches.
3. Recounts the actors' and places' stored counters (`counters_rebuild`), since the copies are
   written around the service that keeps them, then VACUUM ANALYZE: the recount rewrites the
   counted rows and the rollups, and until a vacuum marks their pages all-visible (as autovacuum
   does in production) every "index-only" read of a rollup also visits the table.

The synthetic mode (bench/synthetic_db.py; a million articles in about half an hour on two
cores) migrates an empty database, generates about 50,000 actors (persons, organizations and
armed groups in the corpus's proportions, names from name parts, with aliases), 10,000 places in
Syria's bounding box under its governorates, roles for a quarter of the persons, then articles of
~1.5 KB from sentence templates published 2011-2024, ~25 mentions each with valid offsets (actors
and places picked Zipf-like: a few in a large share of the articles, a long tail), a meeting per
~40 articles with 2-4 participants and 1.25 sources, about three events per article (one report
each, most with a perpetrator, as in the corpus copy). It writes everything with COPY in chunks of
5,000 articles, re-creates the indexes and constraints it set aside (checking every row), then
VACUUM ANALYZE; the stored counters go in as zeros and step 3 recounts them. It needs an empty
database: pass --fresh to rebuild.

The corpus file is read in place, never copied. Only PostgreSQL is accepted: SQLite figures would
say nothing about production.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fakes-syria-news.jsonl"
)


def database_ensure(url: str, *, fresh: bool) -> None:
    """Create the database named in `url` (dropping it first with `fresh`)."""
    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        if fresh:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def django_setup() -> None:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict_tracker.settings")
    import django

    django.setup()


def corpus_import(corpus: Path) -> None:
    from articles.importing import articles_import, processed_summary

    started = time.monotonic()
    report = articles_import(paths=[corpus], sync=True)
    done, failed = processed_summary(report.processed)
    print(
        f"corpus: {report.imported} imported ({done} done, {len(failed)} failed), "
        f"{report.duplicates} already there, in {time.monotonic() - started:.0f} s"
    )


def replicate(target: int, *, batch_articles: int = 400, seed: int = 20170405) -> None:
    """Copy the extracted articles and their facts until there are `target` articles."""
    from django.db import transaction

    from articles.models import Article, content_hash
    from entities.models import (
        EventActor,
        EventSource,
        Meeting,
        MeetingParticipant,
        MeetingSource,
        Mention,
    )

    rng = random.Random(seed)
    originals = list(
        Article.objects.filter(status=Article.Status.DONE)
        .exclude(title__contains="[bench copy")
        .order_by("pk")
    )
    if not originals:
        raise SystemExit("No processed article to replicate: the corpus import failed.")
    missing = target - Article.objects.count()
    if missing <= 0:
        print(f"already {Article.objects.count()} articles")
        return
    ids = [a.pk for a in originals]
    mentions: dict[int, list[Mention]] = {pk: [] for pk in ids}
    for m in Mention.objects.filter(article_id__in=ids).order_by("pk"):
        mentions[m.article_id].append(m)
    sources: dict[int, list[MeetingSource]] = {pk: [] for pk in ids}
    for s in MeetingSource.objects.filter(article_id__in=ids).select_related("meeting"):
        sources[s.article_id].append(s)
    participants: dict[int, list[MeetingParticipant]] = {}
    for p in MeetingParticipant.objects.filter(meeting__sources__article_id__in=ids).distinct():
        participants.setdefault(p.meeting_id, []).append(p)
    event_sources: dict[int, list[EventSource]] = {pk: [] for pk in ids}
    for s in EventSource.objects.filter(article_id__in=ids).select_related("event"):
        event_sources[s.article_id].append(s)
    sides: dict[int, list[EventActor]] = {}
    for side in EventActor.objects.filter(source__article_id__in=ids):
        sides.setdefault(side.source_id, []).append(side)

    copy_number = Article.objects.filter(title__contains="[bench copy").count() // len(originals)
    made = 0
    started = time.monotonic()
    while made < missing:
        copy_number += 1
        for offset in range(0, len(originals), batch_articles):
            chunk = originals[offset : offset + batch_articles][: missing - made]
            if not chunk:
                break
            with transaction.atomic():
                new_id, shifts = _copy_chunk(
                    chunk,
                    copy_number,
                    rng,
                    mentions,
                    sources,
                    participants,
                    models=(Article, Meeting, MeetingParticipant, MeetingSource, Mention),
                    hasher=content_hash,
                )
                _copy_events(chunk, new_id, shifts, event_sources, sides)
                made += len(chunk)
            print(f"\r{made}/{missing} copies ({time.monotonic() - started:.0f} s)", end="")
            if made >= missing:
                break
    print()


def _copy_events(chunk, new_id, shifts, event_sources, sides) -> None:
    """One new event per (article copy, original event), dated like the copy, with the copy's
    source and the original source's sides."""
    from entities.models import Event, EventActor, EventSource

    keys, new_events, new_sources = [], [], []
    for a in chunk:
        for s in event_sources.get(a.pk, []):
            original = s.event
            keys.append(s)
            new_events.append(
                Event(
                    type=original.type,
                    date=original.date + shifts[a.pk] if original.date else None,
                    date_precision=original.date_precision,
                    place_id=original.place_id,
                    geo_precision=original.geo_precision,
                    admin1=original.admin1,
                )
            )
            new_sources.append((new_id[a.pk], s))
    Event.objects.bulk_create(new_events, batch_size=2000)
    rows = [
        EventSource(
            event_id=event.pk,
            article_id=article_id,
            sentence=s.sentence,
            sentence_start=s.sentence_start,
            sentence_end=s.sentence_end,
            spans=s.spans,
            **{name: getattr(s, name) for name in TOLL_FIELDS},
        )
        for event, (article_id, s) in zip(new_events, new_sources, strict=True)
    ]
    EventSource.objects.bulk_create(rows, batch_size=2000)
    EventActor.objects.bulk_create(
        [
            EventActor(
                event_id=row.event_id,
                source_id=row.pk,
                actor_id=side.actor_id,
                name=side.name,
                name_key=side.name_key,
                side=side.side,
                basis=side.basis,
            )
            for row, original in zip(rows, keys, strict=True)
            for side in sides.get(original.pk, [])
        ],
        batch_size=2000,
    )


TOLL_FIELDS = (
    "killed",
    "killed_civilians",
    "killed_children",
    "killed_women",
    "killed_combatants",
    "wounded",
)


def _copy_chunk(chunk, copy_number, rng, mentions, sources, participants, *, models, hasher):
    Article, Meeting, MeetingParticipant, MeetingSource, Mention = models
    shifts = {a.pk: dt.timedelta(days=rng.randint(-730, 0)) for a in chunk}
    copies = []
    for a in chunk:
        text = f"{a.text}\n\n[bench copy {copy_number}]"
        copies.append(
            Article(
                title=f"{a.title} [bench copy {copy_number}]",
                text=text,
                source_url="",
                source_name=a.source_name,
                published=a.published + shifts[a.pk] if a.published else None,
                content_hash=hasher(text),
                status=Article.Status.DONE,
                extractor_version=a.extractor_version,
                extracted_hash=hasher(text),
                processed_at=a.processed_at,
            )
        )
    Article.objects.bulk_create(copies)
    new_id = {a.pk: c.pk for a, c in zip(chunk, copies, strict=True)}
    new_date = {a.pk: c.published for a, c in zip(chunk, copies, strict=True)}

    new_mentions = [
        Mention(
            article_id=new_id[a.pk],
            published=new_date[a.pk],
            actor_id=m.actor_id,
            place_id=m.place_id,
            role_id=m.role_id,
            text=m.text,
            start=m.start,
            end=m.end,
            sentence_start=m.sentence_start,
            sentence_end=m.sentence_end,
        )
        for a in chunk
        for m in mentions.get(a.pk, [])
    ]
    Mention.objects.bulk_create(new_mentions, batch_size=2000)

    # One new meeting per (article copy, original meeting), dated like the copy.
    meeting_keys = []
    new_meetings = []
    for a in chunk:
        for meeting_id in dict.fromkeys(s.meeting_id for s in sources.get(a.pk, [])):
            original = next(s.meeting for s in sources[a.pk] if s.meeting_id == meeting_id)
            meeting_keys.append((a.pk, meeting_id))
            new_meetings.append(
                Meeting(
                    kind=original.kind,
                    date=original.date + shifts[a.pk] if original.date else None,
                    date_precision=original.date_precision,
                    place_id=original.place_id,
                )
            )
    Meeting.objects.bulk_create(new_meetings, batch_size=2000)
    new_meeting = {key: m.pk for key, m in zip(meeting_keys, new_meetings, strict=True)}
    MeetingParticipant.objects.bulk_create(
        [
            MeetingParticipant(meeting_id=new_meeting[key], actor_id=p.actor_id, role_id=p.role_id)
            for key in meeting_keys
            for p in participants.get(key[1], [])
        ],
        batch_size=2000,
    )
    MeetingSource.objects.bulk_create(
        [
            MeetingSource(
                meeting_id=new_meeting[(a.pk, s.meeting_id)],
                article_id=new_id[a.pk],
                sentence_start=s.sentence_start,
                sentence_end=s.sentence_end,
            )
            for a in chunk
            for s in sources.get(a.pk, [])
        ],
        batch_size=2000,
    )
    return new_id, shifts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--fresh", action="store_true")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--synthetic", action="store_true", default=None)
    mode.add_argument("--copy", dest="synthetic", action="store_false")
    parser.add_argument("--actors", type=int, default=50_000)
    parser.add_argument("--places", type=int, default=10_000)
    args = parser.parse_args()
    if args.synthetic is None:
        args.synthetic = args.articles > 100_000
    if args.articles < 1 or args.actors < 100 or args.places < 200:
        raise SystemExit("--articles must be positive, --actors >= 100 and --places >= 200.")
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit(
            "Set DATABASE_URL to a PostgreSQL database, "
            "e.g. postgres://postgres@127.0.0.1:5432/ct_bench"
        )
    if not args.synthetic and not args.corpus.is_file():
        raise SystemExit(f"{args.corpus} is missing; pass --corpus PATH.")
    started = time.monotonic()
    database_ensure(url, fresh=args.fresh)
    django_setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    if args.synthetic:
        from synthetic_db import build

        build(articles=args.articles, actors=args.actors, places=args.places)
    else:
        corpus_import(args.corpus)
        replicate(args.articles)
    # Both modes write rows around the fact-storing service: recount the stored counters.
    started = time.monotonic()
    call_command("counters_rebuild", verbosity=0)
    print(f"counters_rebuild: {time.monotonic() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    from articles.models import Article
    from entities.models import (
        Actor,
        ActorAlias,
        Event,
        Meeting,
        MeetingParticipant,
        MeetingSource,
        Mention,
        Place,
        Role,
    )

    print(
        f"{connection.settings_dict['NAME']}: {Article.objects.count()} articles, "
        f"{Mention.objects.count()} mentions, "
        f"{Meeting.objects.count()} meetings, {Event.objects.count()} events, "
        f"{Actor.objects.count()} actors, "
        f"{Place.objects.count()} places, {ActorAlias.objects.count()} actor aliases, "
        f"{Role.objects.count()} roles, {MeetingParticipant.objects.count()} participants, "
        f"{MeetingSource.objects.count()} meeting sources"
    )
    print(f"total time: {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
