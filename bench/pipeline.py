"""End-to-end throughput of the article pipeline next to extraction alone, in one run.

    .venv/bin/python bench/pipeline.py [--corpus PATH] [--limit N] [--workers 2] [--mode both]
        [--rounds 3]

Needs PostgreSQL and Redis (defaults: postgres://postgres@127.0.0.1:5432/ct_pipeline_bench, which
is dropped and created again, and redis://127.0.0.1:6379/3; override with --database-url and
--broker-url). Steps:

1. Pipeline: start `celery -A conflict_tracker worker -c N` and wait until every pool process has
   its model loaded. Then, from an empty database each time, send the corpus's distinct reports in
   - "import": as `import_articles` does: each saved, the new ones sent in batches;
   - "uploads": as the upload form and the API do: each saved and sent alone;
   and wait until all are done or failed. Articles/s counts from the first upload to the last
   article finished.
2. Extraction only: N processes each run `extract` over their share of the same texts (model
   loaded first, as in a warm worker; the idle worker stopped meanwhile); articles/s over the
   wall time of the slowest.

The load of a shared machine drifts, so each round measures extraction alone and then the
pipeline, back to back (--rounds, default 3). Prints each round and the median overhead of the
pipeline over extraction alone (target for the import: at most 20%).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "fakes-syria-news.jsonl"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/ct_pipeline_bench"
DEFAULT_BROKER = "redis://127.0.0.1:6379/3"


def corpus_read(path: Path, limit: int | None) -> list[dict]:
    """The corpus's reports that the upload checks accept, each text once as it is stored
    (cleaned of page furniture; the pipeline stores a repeated text once)."""
    from articles.ingest import ArticleRejected, article_input_clean
    from articles.models import content_hash

    records, seen = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        try:
            digest = content_hash(article_input_clean(text=record["text"]).text)
        except ArticleRejected:
            continue
        if digest not in seen:
            seen.add(digest)
            records.append(record)
    return records[:limit] if limit else records


def database_reset(url: str) -> None:
    from urllib.parse import urlparse

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = [
        "psql",
        "-h",
        parsed.hostname or "127.0.0.1",
        "-p",
        str(parsed.port or 5432),
        "-U",
        parsed.username or "postgres",
        "-d",
        "postgres",
        "-q",
        "-c",
    ]
    subprocess.run([*admin, f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run([*admin, f'CREATE DATABASE "{name}"'], check=True)


def worker_start(env: dict, workers: int, log: Path) -> subprocess.Popen:
    from conflict_tracker.celery import app

    app.control.purge()
    handle = log.open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "conflict_tracker",
            "worker",
            "--pool=prefork",
            f"--concurrency={workers}",
            "-Q",
            app.conf.task_default_queue,
            "-n",
            f"bench-{os.getpid()}@%h",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while log.read_text(errors="replace").count("NLP model and gazetteer loaded") < workers:
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"The worker did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)
    return process


def worker_pause(worker: subprocess.Popen) -> None:
    """Stop the idle worker's processes while extraction alone is measured (SIGSTOP)."""
    os.killpg(worker.pid, signal.SIGSTOP)


def worker_resume(worker: subprocess.Popen) -> None:
    os.killpg(worker.pid, signal.SIGCONT)


def pipeline_run(records: list[dict], corpus: Path, mode: str) -> tuple[float, int, int]:
    """Articles/s from the first upload to the last article done, and how many (failed)."""
    from articles.importing import articles_import
    from articles.ingest import article_input_clean
    from articles.models import Article
    from articles.services import article_create

    started = time.perf_counter()
    if mode == "import":
        # What `import_articles PATH` does: save each report, send the new ones in batches.
        articles_import(paths=[corpus])
        ids = list(Article.objects.values_list("pk", flat=True))
    else:
        # What the upload form and the API do: save one report, send it alone.
        ids = []
        for record in records:
            cleaned = article_input_clean(
                text=record["text"],
                title=record.get("title") or "",
                source_name=record.get("source_name") or "",
                published=record.get("published"),
            )
            article, _ = article_create(article_input=cleaned)
            ids.append(article.pk)
    # The database held nothing else: counting all rows is the cheapest poll, and the poll must
    # not load the machine it measures.
    finished = Article.objects.filter(status__in=["done", "failed"])
    while finished.count() < len(ids):
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    failed = Article.objects.filter(status="failed").count()
    return len(ids) / elapsed, len(ids), failed


def _extract_share(args) -> tuple[float, float, int]:
    items, queue_start = args
    from extraction import extract, load_nlp
    from extraction.resources import get_resources

    nlp = load_nlp()
    get_resources()
    queue_start.wait()
    started = time.perf_counter()
    for text, published, title in items:
        extract(text, published=published, title=title, nlp=nlp)
    return started, time.perf_counter(), len(items)


def extraction_run(records: list[dict], processes: int) -> float:
    items = [
        (
            r["text"].strip(),
            dt.date.fromisoformat(r["published"][:10]) if r.get("published") else None,
            r.get("title") or "",
        )
        for r in records
    ]
    shares = [items[i::processes] for i in range(processes)]
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier = manager.Barrier(processes)
        with context.Pool(processes) as pool:
            results = pool.map(_extract_share, [(share, barrier) for share in shares])
    started = min(r[0] for r in results)
    ended = max(r[1] for r in results)
    return sum(r[2] for r in results) / (ended - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="Only the first N distinct reports.")
    parser.add_argument("--workers", type=int, default=2, help="Worker processes (default 2).")
    parser.add_argument(
        "--mode",
        choices=["import", "uploads", "both"],
        default="both",
        help="How the reports arrive: one import (batched messages), one upload each, or both "
        "(default).",
    )
    parser.add_argument("--rounds", type=int, default=3, help="Rounds to take the median of.")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--broker-url", default=DEFAULT_BROKER)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database_url
    os.environ["CELERY_BROKER_URL"] = args.broker_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict_tracker.settings")
    sys.path.insert(0, str(ROOT))
    database_reset(args.database_url)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True
    )
    import django
    from django.core.management import call_command

    django.setup()

    records = corpus_read(args.corpus, args.limit)
    var = ROOT / "var"
    var.mkdir(exist_ok=True)
    corpus = var / "bench-pipeline-corpus.jsonl"  # the distinct reports, as the import reads them
    corpus.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    log = var / "bench-pipeline-worker.log"
    modes = ["import", "uploads"] if args.mode == "both" else [args.mode]
    labels = {
        "import": "import_articles (batches per message)",
        "uploads": "one upload at a time (one message each)",
    }
    # A shared machine's load drifts: each round measures extraction alone and then the pipeline,
    # back to back, and the rounds' median is reported.
    worker = worker_start(dict(os.environ), args.workers, log)
    overheads: dict[str, list[float]] = {mode: [] for mode in modes}
    failed = 0
    try:
        for round_number in range(1, args.rounds + 1):
            worker_pause(worker)
            extraction_rate = extraction_run(records, args.workers)
            worker_resume(worker)
            line = f"round {round_number}: extraction alone {extraction_rate:.2f} articles/s"
            for mode in modes:
                call_command("flush", "--noinput", verbosity=0)  # every run starts from nothing
                rate, count, mode_failed = pipeline_run(records, corpus, mode)
                failed += mode_failed
                overheads[mode].append((extraction_rate / rate - 1) * 100)
                line += f"; {mode} {rate:.2f} articles/s (+{overheads[mode][-1]:.1f}%)"
            print(line, flush=True)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(60)

    print(f"articles: {count} distinct reports ({failed} failed), {args.workers} processes")
    for mode in modes:
        print(
            f"pipeline overhead over extraction alone, {labels[mode]}: "
            f"median {statistics.median(overheads[mode]):.1f}% "
            f"(rounds: {', '.join(f'{o:.1f}%' for o in overheads[mode])})"
        )
    print("target: the import pipeline's overhead <= 20%")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
