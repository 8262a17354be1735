import datetime as dt

import pytest
from django.db import OperationalError
from django.utils import timezone

from articles import services
from articles.ingest import ArticleInput
from articles.models import Article, content_hash
from articles.services import (
    article_create,
    article_process,
    article_reprocess,
    articles_requeue_stuck,
)
from articles.tests.support import REPORT_ANADOLU, REPORT_TASS, needs_engine
from entities.models import Actor, Meeting, MeetingSource, Mention
from entities.tests.test_facts import snapshot
from extraction.types import Extraction

PUBLISHED = dt.date(2018, 12, 29)


def create(text=REPORT_TASS, **fields):
    return article_create(
        article_input=ArticleInput(
            title=fields.pop("title", ""), text=text, published=PUBLISHED, **fields
        ),
        enqueue=False,
    )[0]


@pytest.mark.django_db
def test_create_saves_queued_and_enqueues_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        article, created = article_create(
            article_input=ArticleInput(
                title="", text=REPORT_TASS, source_name="TASS", published=PUBLISHED
            )
        )
    assert created
    assert article.status == Article.Status.QUEUED
    assert article.content_hash == content_hash(REPORT_TASS)
    assert article.title.startswith("Russian Foreign Minister Sergei Lavrov met")
    assert article.queued_at is not None
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_same_text_again_returns_the_existing_article(django_capture_on_commit_callbacks):
    first, _ = article_create(article_input=ArticleInput(title="One", text=REPORT_TASS))
    rewrapped = REPORT_TASS.replace(" ", "  ").replace("\n\n", "\n")
    with django_capture_on_commit_callbacks() as callbacks:
        again, created = article_create(article_input=ArticleInput(title="Two", text=rewrapped))
    assert (again.pk, created, again.title) == (first.pk, False, "One")
    assert callbacks == []
    assert Article.objects.count() == 1


@needs_engine
@pytest.mark.django_db
def test_process_stores_facts_and_marks_done():
    from extraction import EXTRACTOR_VERSION

    article = create()
    article_process(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    assert article.processed_at is not None
    assert (article.extractor_version, article.extracted_hash, article.attempts) == (
        EXTRACTOR_VERSION,
        article.content_hash,
        1,
    )
    names = set(Actor.objects.filter(mentions__article=article).values_list("name", flat=True))
    assert {"Sergei Lavrov", "Mevlut Cavusoglu"} <= names
    meeting = Meeting.objects.filter(sources__article=article).distinct().get()
    assert {"Sergei Lavrov", "Mevlut Cavusoglu"} <= set(
        meeting.participants.values_list("name", flat=True)
    )


@needs_engine
@pytest.mark.django_db
def test_reprocessing_is_idempotent(django_capture_on_commit_callbacks):
    tass, anadolu = create(), create(REPORT_ANADOLU)
    article_process(article_id=tass.pk)
    article_process(article_id=anadolu.pk)
    before = snapshot()
    assert Meeting.objects.count() == 1
    assert MeetingSource.objects.values("article").distinct().count() == 2

    for article in (tass, anadolu, tass):
        article_reprocess(article=article, force=True, enqueue=False)
        article_process(article_id=article.pk, force=True)
    assert snapshot() == before


@needs_engine
@pytest.mark.django_db
def test_unchanged_text_is_not_extracted_again_unless_forced():
    article = create()
    article_process(article_id=article.pk)
    count = Mention.objects.filter(article=article).count()
    assert count
    Mention.objects.filter(article=article).delete()  # would come back if extraction ran

    article_reprocess(article=article, force=False, enqueue=False)
    article_process(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == Article.Status.DONE
    assert not Mention.objects.filter(article=article).exists()

    article_reprocess(article=article, force=True, enqueue=False)
    article_process(article_id=article.pk, force=True)
    assert Mention.objects.filter(article=article).count() == count


@pytest.mark.django_db
def test_an_article_held_by_another_run_is_left_alone():
    article = create()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PROCESSING, attempts=1)
    article_process(article_id=article.pk)
    article.refresh_from_db()
    assert (article.status, article.attempts) == (Article.Status.PROCESSING, 1)

    Article.objects.filter(pk=article.pk).update(status=Article.Status.DONE)
    article_process(article_id=article.pk, reclaim=True)  # a late duplicate message
    article.refresh_from_db()
    assert (article.status, article.attempts) == (Article.Status.DONE, 1)


@needs_engine
@pytest.mark.django_db
def test_a_redelivered_message_takes_over_an_orphaned_article():
    article = create()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PROCESSING, attempts=1)
    article_process(article_id=article.pk, reclaim=True)
    article.refresh_from_db()
    assert (article.status, article.attempts) == (Article.Status.DONE, 2)


@pytest.mark.django_db
def test_an_article_that_killed_its_worker_too_often_fails():
    article = create()
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PROCESSING, attempts=services.MAX_ATTEMPTS
    )
    article_process(article_id=article.pk, reclaim=True)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error.startswith(f"Gave up after {services.MAX_ATTEMPTS} attempts")


@pytest.mark.django_db
def test_an_extraction_error_marks_the_article_failed_with_the_reason(monkeypatch):
    def broken(article):
        raise ValueError("gazetteer index is corrupt")

    monkeypatch.setattr(services, "_extract", broken)
    article = create()
    article_process(article_id=article.pk, force=True)
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "ValueError: gazetteer index is corrupt" in article.error


@pytest.mark.django_db
def test_a_transient_error_releases_the_article_and_propagates(monkeypatch):
    def unreachable(article):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "_extract", unreachable)
    article = create()
    with pytest.raises(OperationalError):
        article_process(article_id=article.pk, force=True)
    article.refresh_from_db()
    assert (article.status, article.error) == (Article.Status.QUEUED, "")


@pytest.mark.django_db
def test_requeue_stuck_sends_old_queued_and_orphaned_processing_articles():
    now = timezone.now()
    old_queued = create()
    fresh_queued = create(REPORT_ANADOLU)
    orphaned = create("Lavrov spoke.")
    running = create("Cavusoglu spoke.")
    done = create("Nobody spoke.")
    Article.objects.filter(pk=old_queued.pk).update(queued_at=now - dt.timedelta(minutes=10))
    Article.objects.filter(pk=orphaned.pk).update(
        status=Article.Status.PROCESSING, updated_at=now - dt.timedelta(minutes=10)
    )
    Article.objects.filter(pk=running.pk).update(status=Article.Status.PROCESSING, updated_at=now)
    Article.objects.filter(pk=done.pk).update(
        status=Article.Status.DONE, queued_at=now - dt.timedelta(days=1)
    )

    sent = articles_requeue_stuck(older_than_seconds=300, processing_older_than_seconds=240)

    assert sent == 2
    by_pk = {a.pk: a for a in Article.objects.all()}
    assert by_pk[running.pk].status == Article.Status.PROCESSING
    assert by_pk[done.pk].status == Article.Status.DONE
    assert by_pk[fresh_queued.pk].queued_at == fresh_queued.queued_at
    for article in (old_queued, orphaned):
        # Sent again: processed at once where tasks run in-process, else waiting in the queue.
        assert by_pk[article.pk].queued_at > now
        assert by_pk[article.pk].status != Article.Status.PROCESSING


@pytest.mark.django_db
def test_reprocess_leaves_an_article_being_processed_alone(django_capture_on_commit_callbacks):
    article = create()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PROCESSING, attempts=1)
    with django_capture_on_commit_callbacks() as callbacks:
        assert article_reprocess(article=article) is False
    assert (article.status, article.attempts, callbacks) == (Article.Status.PROCESSING, 1, [])


# Batches: imports send many articles in one message -------------------------------------------

# A third report, from another day, naming some of the same people.
REPORT_LATER = (
    "Turkish Foreign Minister Mevlut Cavusoglu met US Secretary of State Mike Pompeo in "
    "Washington on Tuesday. Cavusoglu said Turkey would not accept a Kurdish corridor in Syria."
)


def content_snapshot() -> dict:
    """`snapshot`, with meetings named by what they are instead of their primary keys."""
    state = snapshot()
    meetings = {pk: rest for pk, *rest in state.pop("meetings")}
    state["meetings"] = sorted(meetings.values(), key=str)
    state["participants"] = sorted(
        ((meetings[pk], *rest) for pk, *rest in state["participants"]), key=str
    )
    state["sources"] = sorted(((meetings[pk], *rest) for pk, *rest in state["sources"]), key=str)
    return state


def articles_reset() -> None:
    for model in (Mention, MeetingSource, Meeting, Actor):
        model.objects.all().delete()
    from entities.models import Place

    Place.objects.all().delete()
    Article.objects.update(
        status=Article.Status.QUEUED, processed_at=None, extracted_hash="", attempts=0
    )


@needs_engine
@pytest.mark.django_db
def test_a_batch_stores_the_same_facts_as_one_article_after_another():
    reports = [REPORT_TASS, REPORT_ANADOLU, REPORT_LATER]
    ids = [
        article_create(
            article_input=ArticleInput(
                title="", text=text, published=PUBLISHED + dt.timedelta(days=n)
            ),
            enqueue=False,
        )[0].pk
        for n, text in enumerate(reports)
    ]
    for article_id in ids:
        article_process(article_id=article_id)
    one_by_one = content_snapshot()
    assert len(one_by_one["meetings"]) == 2  # the two reports of the Moscow talks are one

    articles_reset()
    services.articles_process(article_ids=ids)

    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DONE}
    assert content_snapshot() == one_by_one


@needs_engine
@pytest.mark.django_db
def test_a_batch_skips_articles_another_run_holds():
    first, held, third = create(), create(REPORT_ANADOLU), create(REPORT_LATER)
    Article.objects.filter(pk=held.pk).update(status=Article.Status.PROCESSING, attempts=1)

    services.articles_process(article_ids=[first.pk, held.pk, third.pk])

    states = dict(Article.objects.values_list("pk", "status"))
    assert states == {first.pk: "done", held.pk: "processing", third.pk: "done"}
    assert not Mention.objects.filter(article_id=held.pk).exists()


@needs_engine
@pytest.mark.django_db
def test_one_article_failing_to_store_fails_alone(monkeypatch):
    from entities import services as entity_services

    good, bad, other = create(), create(REPORT_ANADOLU), create(REPORT_LATER)
    store = entity_services.articles_facts_replace

    def store_unless_bad(items):
        if any(item.article.pk == bad.pk for item in items):
            raise ValueError("slug column overflow")
        store(items)

    monkeypatch.setattr(entity_services, "articles_facts_replace", store_unless_bad)
    services.articles_process(article_ids=[good.pk, bad.pk, other.pk])

    states = dict(Article.objects.values_list("pk", "status"))
    assert states == {good.pk: "done", bad.pk: "failed", other.pk: "done"}
    assert "ValueError: slug column overflow" in Article.objects.get(pk=bad.pk).error
    assert set(Mention.objects.values_list("article_id", flat=True)) == {good.pk, other.pk}


@needs_engine
@pytest.mark.django_db
def test_one_article_failing_to_extract_fails_alone(monkeypatch):
    good, bad = create(), create(REPORT_ANADOLU)
    extract = services._extract

    def extract_unless_bad(article):
        if article.pk == bad.pk:
            raise RecursionError("maximum recursion depth exceeded")
        return extract(article)

    monkeypatch.setattr(services, "_extract", extract_unless_bad)
    services.articles_process(article_ids=[good.pk, bad.pk])

    states = dict(Article.objects.values_list("pk", "status"))
    assert states == {good.pk: "done", bad.pk: "failed"}
    assert "RecursionError" in Article.objects.get(pk=bad.pk).error


@pytest.mark.django_db
def test_the_time_limit_fails_the_article_being_read_and_sends_the_others_alone(monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    first, slow, last = create(), create(REPORT_ANADOLU), create(REPORT_LATER)

    def extract(article):
        if article.pk == slow.pk:
            raise SoftTimeLimitExceeded()
        return Extraction()

    monkeypatch.setattr(services, "_extract", extract)
    sent = []
    monkeypatch.setattr(services, "_send", lambda ids, force: sent.append(ids))
    services.articles_process(article_ids=[first.pk, slow.pk, last.pk])

    by_pk = Article.objects.in_bulk()
    assert by_pk[slow.pk].status == Article.Status.FAILED
    assert by_pk[slow.pk].error.startswith("Processing took longer than the time limit")
    assert (by_pk[first.pk].status, by_pk[last.pk].status) == ("queued", "queued")
    assert sent == [[first.pk], [last.pk]]


@pytest.mark.django_db
def test_bulk_sends_are_batched_by_count_and_text_length(monkeypatch):
    monkeypatch.setattr(services, "BATCH_MAX_ARTICLES", 3)
    monkeypatch.setattr(services, "BATCH_MAX_CHARS", 1000)
    short = [create(f"Report number {n} about Idlib.").pk for n in range(4)]
    long_one = create("Manbij. " * 150).pk  # 1,200 characters: a batch of its own
    sent = []
    monkeypatch.setattr(services, "_send", lambda ids, force: sent.append((ids, force)) or True)

    services._send_batches([*short, long_one], True)

    assert sent == [(short[:3], True), ([short[3]], True), ([long_one], True)]


@pytest.mark.django_db
def test_an_article_named_twice_in_a_batch_is_processed_once(monkeypatch):
    article, other = create(), create(REPORT_ANADOLU)
    read = []
    monkeypatch.setattr(services, "_extract", lambda a: read.append(a.pk) or Extraction())

    services.articles_process(article_ids=[article.pk, other.pk, article.pk])

    assert read == [article.pk, other.pk]
    assert dict(Article.objects.values_list("pk", "attempts")) == {article.pk: 1, other.pk: 1}
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DONE}
