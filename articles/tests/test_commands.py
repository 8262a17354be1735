import datetime as dt
import json
import re
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.utils import timezone

from articles.ingest import ArticleInput
from articles.models import Article
from articles.tests.support import MORE, REPORT_ANADOLU, REPORT_TASS, needs_engine
from entities.tests.test_facts import snapshot


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def corpus(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "a1",
                "title": "Talks",
                "published": "2018-12-29",
                "text": REPORT_TASS,
                "source_name": "TASS",
                "source_url": "https://tass.example/1",
            }
        ),
        "{not json",
        json.dumps({"id": "a3", "title": "No text"}),
        json.dumps({"id": "a4", "published": "29 Dec", "text": f"Lavrov spoke. {MORE}"}),
        "",
        json.dumps({"id": "a6", "text": "\x00\x01\x02\x03"}),
        json.dumps({"id": "a7", "published": "2018-12-29", "text": REPORT_ANADOLU}),
        json.dumps({"id": "a8", "text": REPORT_TASS.replace("\n\n", "\n")}),  # same text
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    folder = tmp_path / "folder" / "nested"
    folder.mkdir(parents=True)
    (folder / "one.html").write_text(
        "<html><body><article><h1>Shelling</h1><p>Shelling hit Idlib "
        f"on Monday.</p><p>{MORE}</p></article></body></html>"
    )
    (folder / "two.md").write_bytes(f"# Aid\n\nAid reached Douma. {MORE}".encode("utf-16"))
    (folder / "notes.pdf").write_bytes(b"%PDF")  # not an article type: not picked up
    (folder / "empty.txt").write_text("   \n")
    return tmp_path


@pytest.mark.django_db
def test_import_reports_imported_duplicates_and_each_rejection(
    corpus, django_capture_on_commit_callbacks
):
    user = get_user_model().objects.create_user("importer")
    with django_capture_on_commit_callbacks() as callbacks:
        out = run(
            "import_articles",
            str(corpus / "feed.jsonl"),
            str(corpus / "folder"),
            str(corpus / "missing.txt"),
            "--user",
            "importer",
        )
    assert "Imported 4, duplicates 1, rejected 6 (of 11)." in out
    assert "rejected feed.jsonl:2: Not a JSON object" in out
    assert 'rejected feed.jsonl:3 (id a3): The line has no "text"' in out
    assert "rejected feed.jsonl:4 (id a4): The publication date '29 Dec' is not a date" in out
    assert "rejected feed.jsonl:6 (id a6): The text contains NUL characters" in out
    assert "empty.txt: The article has no text" in out
    assert "missing.txt: No such file or folder." in out
    # The four new articles go to the worker as one batch, in the order they were read.
    assert len(callbacks) == 1
    with mock.patch("articles.tasks.process_articles.apply_async") as send:
        callbacks[0]()
    imported = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    assert len(imported) == 4
    send.assert_called_once_with(args=[imported], kwargs={}, queue="bulk")
    tass = Article.objects.get(source_name="TASS")
    assert (tass.title, str(tass.published), tass.uploaded_by, tass.source_url) == (
        "Talks",
        "2018-12-29",
        user,
        "https://tass.example/1",
    )
    assert Article.objects.get(title="Aid").text == f"# Aid\n\nAid reached Douma. {MORE}"
    assert Article.objects.get(title="Shelling").text == (
        f"Shelling\n\nShelling hit Idlib on Monday.\n\n{MORE}"
    )


@needs_engine
@pytest.mark.django_db
def test_sync_import_processes_and_a_second_run_changes_nothing(corpus):
    out = run("import_articles", str(corpus / "feed.jsonl"), "--sync")
    assert "Imported 2, duplicates 1, rejected 4 (of 7)." in out
    assert "Processed 2: done 2, failed 0." in out
    assert set(Article.objects.values_list("status", flat=True)) == {"done"}
    before = snapshot(), list(Article.objects.values_list("pk", "updated_at"))

    again = run("import_articles", str(corpus / "feed.jsonl"), "--sync")
    assert "Imported 0, duplicates 3, rejected 4 (of 7)." in again
    assert (snapshot(), list(Article.objects.values_list("pk", "updated_at"))) == before


def test_import_with_an_unknown_user_stops_before_importing(db, corpus):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        run("import_articles", str(corpus / "feed.jsonl"), "--user", "nobody")
    assert not Article.objects.exists()


@needs_engine
@pytest.mark.django_db
def test_reprocess_failed_and_by_id(corpus):
    run("import_articles", str(corpus / "feed.jsonl"), "--sync")
    tass, anadolu = Article.objects.order_by("pk")
    Article.objects.filter(pk=anadolu.pk).update(status="failed", error="boom")

    assert "Processed 1: done 1, failed 0." in run("reprocess", "--failed", "--sync")
    anadolu.refresh_from_db()
    assert (anadolu.status, anadolu.error, anadolu.attempts) == ("done", "", 1)

    before = snapshot()
    assert "Processed 2: done 2, failed 0." in run("reprocess", "--all", "--sync")
    assert snapshot() == before
    with pytest.raises(CommandError, match="No article with id 999"):
        run("reprocess", str(tass.pk), "999")
    with pytest.raises(CommandError, match="Name article ids"):
        run("reprocess")


@pytest.mark.django_db
def test_reprocess_queues_for_the_worker(corpus, django_capture_on_commit_callbacks):
    run("import_articles", str(corpus / "feed.jsonl"))
    ids = sorted(Article.objects.values_list("pk", flat=True))
    Article.objects.update(status="done")
    with django_capture_on_commit_callbacks() as callbacks:
        out = run("reprocess", *map(str, ids))
    assert out.strip() == "Queued 2 for processing."
    assert len(callbacks) == 1  # one message for the batch, to extract them again
    with mock.patch("articles.tasks.process_articles.apply_async") as send:
        callbacks[0]()
    send.assert_called_once_with(args=[ids], kwargs={"force": True}, queue="bulk")
    assert set(Article.objects.values_list("status", flat=True)) == {"queued"}


@needs_engine
@pytest.mark.django_db
def test_load_demo_is_idempotent(tmp_path):
    demo = tmp_path / "articles.jsonl"
    demo.write_text(json.dumps({"id": "d1", "published": "2018-12-29", "text": REPORT_TASS}) + "\n")
    assert "1 new (1 processed, 0 failed), 0 already loaded" in run(
        "load_demo", "--path", str(demo)
    )
    assert "0 new (0 processed, 0 failed), 1 already loaded" in run(
        "load_demo", "--path", str(demo)
    )
    assert Article.objects.get().status == "done"


@pytest.mark.django_db
def test_jsonl_fields_that_are_not_strings_reject_their_line(tmp_path):
    lines = [
        {"id": "t1", "title": {"a": 1}, "text": REPORT_TASS},
        {"id": "t2", "text": {"a": 1}},
        {"id": "t3", "text": REPORT_ANADOLU, "published": "2018-12-29garbage"},
        {"id": "t4", "text": REPORT_ANADOLU, "source_name": 7},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = run("import_articles", str(feed))
    assert "Imported 0, duplicates 0, rejected 4 (of 4)." in out
    assert 'rejected feed.jsonl:1 (id t1): The field "title" is an object ({"a": 1})' in out
    assert 'rejected feed.jsonl:2 (id t2): The field "text" is an object' in out
    assert "rejected feed.jsonl:3 (id t3): The publication date '2018-12-29garbage'" in out
    assert 'rejected feed.jsonl:4 (id t4): The field "source_name" is a number (7)' in out
    assert not Article.objects.exists()


@needs_engine
@pytest.mark.django_db(transaction=True)
def test_reprocess_sync_counts_an_article_another_worker_is_taking_as_held(corpus):
    """Another run claiming an article while `reprocess --sync` runs keeps it: it is held, not
    failed. A second connection locks the row the way a claim in progress does."""
    if connection.vendor != "postgresql":
        pytest.skip("Row locks that a claim skips need PostgreSQL: set DATABASE_URL=postgres://...")
    run("import_articles", str(corpus / "feed.jsonl"), "--sync")
    tass, anadolu = Article.objects.order_by("pk")
    other = connections.create_connection("default")
    try:
        other.set_autocommit(False)
        with other.cursor() as cursor:
            # Another worker's claim transaction is on this row (KEY SHARE lets the re-queueing
            # UPDATE through, as a claim that has not reached its UPDATE yet would).
            cursor.execute("SELECT id FROM articles_article WHERE id = %s FOR KEY SHARE", [tass.pk])
        out = run("reprocess", "--all", "--sync")
    finally:
        other.rollback()
        other.close()
    assert "Processed 2: done 1, failed 0, held by another worker 1." in out
    assert Article.objects.get(pk=tass.pk).status == "queued"  # the other run's to process
    assert Article.objects.get(pk=anadolu.pk).status == "done"


def _largest_id_list(queries) -> int:
    """The most values any one query lists in an IN (...) clause."""
    lists = [m for q in queries for m in re.findall(r" IN \(([^()]*)\)", q["sql"])]
    return max((len(values.split(",")) for values in lists), default=0)


@pytest.mark.django_db
def test_reprocess_all_streams_in_chunks(monkeypatch, django_capture_on_commit_callbacks):
    from django.test.utils import CaptureQueriesContext

    from articles import services

    monkeypatch.setattr(services, "REQUEUE_CHUNK", 2)
    articles = [
        services.article_create(
            article_input=ArticleInput(title="", text=f"Report {n}. {MORE}"), enqueue=False
        )[0]
        for n in range(5)
    ]
    Article.objects.update(status="done")
    Article.objects.filter(pk=articles[2].pk).update(status="processing")
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks() as callbacks,
    ):
        out = run("reprocess", "--all")
    assert "Skipped 1 being processed right now." in out and "Queued 4 for processing." in out
    assert len(callbacks) == 3  # one send per chunk of two ids, as the chunks are read
    assert _largest_id_list(queries.captured_queries) <= 2
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert [statuses[a.pk] for a in articles] == [
        "queued",
        "queued",
        "processing",
        "queued",
        "queued",
    ]


@pytest.mark.django_db
def test_the_sweep_sends_a_bounded_number_each_run(monkeypatch, django_capture_on_commit_callbacks):
    from articles import services

    monkeypatch.setattr(services, "SWEEP_MAX_ARTICLES", 2)
    for n in range(3):
        services.article_create(
            article_input=ArticleInput(title="", text=f"Stuck {n}. {MORE}"), enqueue=False
        )
    Article.objects.update(queued_at=timezone.now() - dt.timedelta(hours=1))
    with mock.patch("articles.tasks.process_articles.apply_async"):
        assert services.articles_requeue_stuck(older_than_seconds=60) == 2
        assert services.articles_requeue_stuck(older_than_seconds=60) == 1


@pytest.mark.django_db
def test_import_reads_json_lines_one_at_a_time(tmp_path, monkeypatch):
    from articles import importing

    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "".join(json.dumps({"id": f"r{n}", "text": f"Report {n}. {MORE}"}) + "\n" for n in range(3))
    )
    items = importing._items([feed], [])
    first = next(items)
    # Lines added after the first was read are still imported: the file is not read up front.
    with feed.open("a") as handle:
        handle.write(json.dumps({"id": "late", "text": f"Late report. {MORE}"}) + "\n")
    assert first.label == "feed.jsonl:1"
    assert [item.label for item in items] == ["feed.jsonl:2", "feed.jsonl:3", "feed.jsonl:4"]
    assert importing._item_count([feed]) == 4


@pytest.mark.django_db
def test_processed_summary_asks_in_chunks(monkeypatch):
    from django.test.utils import CaptureQueriesContext

    from articles import importing, services

    monkeypatch.setattr(importing, "SUMMARY_CHUNK", 2)
    ids = [
        services.article_create(
            article_input=ArticleInput(title=f"R{n}", text=f"Report {n}. {MORE}"), enqueue=False
        )[0].pk
        for n in range(5)
    ]
    Article.objects.filter(pk__in=ids[:3]).update(status="done")
    Article.objects.filter(pk=ids[4]).update(status="failed", error="Broken.")
    with CaptureQueriesContext(connection) as queries:
        done, failed = importing.processed_summary(ids)
    assert done == 3 and failed == [(ids[4], "R4", "Broken.")]
    assert _largest_id_list(queries.captured_queries) <= 2
