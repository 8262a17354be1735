"""Writes to articles: upload, processing by the worker, re-queueing.

The slow NLP runs outside any transaction; what the articles of a message produced is then replaced
in one short transaction, so running the pipeline twice on an article leaves the same rows.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Max, Q, QuerySet
from django.db.models.functions import Length
from django.utils import timezone

from articles.ingest import ArticleInput, title_clean, title_from_text
from articles.models import Article, content_hash

if TYPE_CHECKING:
    from extraction.types import Extraction

logger = logging.getLogger(__name__)

# Articles sent in bulk (imports, re-processing, the sweep) go to the worker in batches, whose
# facts are stored in one transaction that shares its queries among them. An upload goes alone.
BATCH_MAX_ARTICLES = 32
BATCH_MAX_CHARS = 400_000
# Articles one sweep sends at most; the next sweep (a minute later) takes the rest.
SWEEP_MAX_ARTICLES = 5000
# Articles per chunk of a bulk re-queue (`reprocess --all`): one SELECT and one UPDATE each.
REQUEUE_CHUNK = 1000

# An article whose worker died this many times in a row is marked failed instead of retried again.
MAX_ATTEMPTS = 5
ERROR_MAX_CHARS = 2000


def article_create(
    *, article_input: ArticleInput, uploaded_by=None, enqueue: bool = True
) -> tuple[Article, bool]:
    """Save a checked article (the upload form's, the API's or the importer's `ArticleInput`)
    and queue it for processing once the transaction commits.

    The same text uploaded again (by content hash) returns the existing article and False. The
    unique constraint decides, so two simultaneous uploads of one text make one row. With
    `enqueue=False` the caller processes it itself (the importer's --sync).
    """
    text = article_input.text
    digest = content_hash(text)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title_clean(article_input.title)
                or title_from_text(text)
                or "Untitled article",
                text=text,
                source_url=article_input.source_url or "",
                source_name=article_input.source_name or "",
                published=article_input.published,
                content_hash=digest,
                uploaded_by=uploaded_by,
                status=Article.Status.QUEUED,
                queued_at=timezone.now(),
            )
    except IntegrityError:
        existing = Article.objects.filter(content_hash=digest).first()
        if existing is None:
            raise
        return existing, False
    if enqueue:
        article_enqueue(article_id=article.pk)
    return article, True


def article_enqueue(*, article_id: int, force: bool = False) -> None:
    """Send the article to the worker after the current transaction commits, on the uploads
    queue: an analyst waits for it."""
    transaction.on_commit(partial(_send, [article_id], force, queue=settings.CELERY_UPLOAD_QUEUE))


def articles_enqueue(*, article_ids: Sequence[int], force: bool = False) -> None:
    """Send many articles to the worker after the current transaction commits, in batches of at
    most BATCH_MAX_ARTICLES and BATCH_MAX_CHARS of text, one message each."""
    transaction.on_commit(partial(_send_batches, list(article_ids), force))


def _send_batches(article_ids: list[int], force: bool) -> None:
    lengths = dict(
        Article.objects.filter(pk__in=article_ids)
        .annotate(length=Length("text"))
        .values_list("pk", "length")
    )
    batches: list[list[int]] = [[]]
    chars = 0
    for article_id in article_ids:
        length = lengths.get(article_id, 0)
        batch = batches[-1]
        if batch and (len(batch) >= BATCH_MAX_ARTICLES or chars + length > BATCH_MAX_CHARS):
            batches.append([])
            chars = 0
        batches[-1].append(article_id)
        chars += length
    for i, batch in enumerate(batches):
        if batch and not _send(batch, force):
            # The broker is down or frozen: each further send would wait out its timeout too.
            rest = sum(len(b) for b in batches[i + 1 :])
            if rest:
                logger.warning(
                    "Not sending %s more articles now; the sweep will re-queue them.", rest
                )
            return


def _send(article_ids: list[int], force: bool, queue: str | None = None) -> bool:
    """Send one message (to the bulk queue unless told); whether the broker took it. It gives up
    after the broker timeout (settings.BROKER_TIMEOUT_SECONDS), so a request that sends never
    waits much longer. With no broker, tasks run in-process: an upload in the background thread
    (articles.background, unless UPLOADS_IN_BACKGROUND is off), the rest right here."""
    from articles.tasks import process_articles

    if (
        settings.CELERY_TASK_ALWAYS_EAGER
        and settings.UPLOADS_IN_BACKGROUND
        and queue == settings.CELERY_UPLOAD_QUEUE
    ):
        # No broker: the web process's own thread runs the task once the upload is answered.
        from articles.background import run_later

        run_later(process_articles.apply, args=[article_ids], kwargs={"force": force})
        return True
    try:
        process_articles.apply_async(
            args=[article_ids],
            kwargs={"force": force} if force else {},
            queue=queue or settings.CELERY_TASK_DEFAULT_QUEUE,
        )
    except Exception:
        # The articles stay queued; the periodic sweep sends them again when the broker is back.
        logger.warning(
            "Could not send article%s %s to the worker; the sweep will re-queue %s.",
            "s" if len(article_ids) > 1 else "",
            ", ".join(map(str, article_ids)),
            "them" if len(article_ids) > 1 else "it",
            exc_info=True,
        )
        return False
    return True


@transaction.atomic
def articles_delete(*, articles: Sequence[Article]) -> int:
    """Delete articles with what they produced (meetings, events and roles only they attested),
    and recount the actors and places they named, in one transaction. Returns how many."""
    from entities.services import articles_facts_remove

    ids = [article.pk for article in articles]
    locked = list(Article.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    articles_facts_remove(articles=locked)
    deleted, _ = Article.objects.filter(pk__in=[a.pk for a in locked]).delete()
    return len(locked) if deleted else 0


def article_published_change(*, article: Article) -> None:
    """After an edit of `article.published`: the newest-article dates (`last_seen`) of what it
    names follow."""
    from entities.services import articles_counters_refresh

    articles_counters_refresh(article_ids=[article.pk])


def article_reprocess(*, article: Article, force: bool = True, enqueue: bool = True) -> bool:
    """Queue an article again; False when it is being processed right now (nothing to do).

    Unless forced, unchanged text already extracted with the current extractor is not redone.
    With `enqueue=False` the caller processes it itself.
    """
    now = timezone.now()
    # Forgetting what the stored facts were extracted from makes whichever run takes the article
    # extract it again, even one that claims it along with the article it was sent for.
    forget = {"extracted_hash": ""} if force else {}
    queued = (
        Article.objects.filter(pk=article.pk)
        .exclude(status=Article.Status.PROCESSING)
        .update(
            status=Article.Status.QUEUED,
            error="",
            attempts=0,
            queued_at=now,
            updated_at=now,
            **forget,
        )
    )
    article.refresh_from_db()
    if queued and enqueue:
        article_enqueue(article_id=article.pk, force=force)
    return bool(queued)


def articles_requeue(
    *, articles: QuerySet[Article], force: bool = True
) -> Iterator[tuple[list[int], int]]:
    """Mark the selected articles queued again, REQUEUE_CHUNK at a time in primary-key order
    (keyset: never an OFFSET, nor a list of every id); yields, per chunk, the ids queued and how
    many a worker is processing right now (left to it). The caller sends or processes each chunk
    before the next is read, so a million articles cost a million rows of work, not of memory.
    Unless forced, unchanged text already extracted with the current extractor is not redone."""
    forget = {"extracted_hash": ""} if force else {}
    last = 0
    while True:
        chunk = list(
            articles.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:REQUEUE_CHUNK]
        )
        if not chunk:
            return
        last = chunk[-1]
        now = timezone.now()
        with transaction.atomic():
            ids = list(
                Article.objects.filter(pk__in=chunk)
                .exclude(status=Article.Status.PROCESSING)
                # Like the UPDATE itself: a claim in progress (KEY SHARE) does not stop it.
                .select_for_update(skip_locked=True, no_key=True)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            Article.objects.filter(pk__in=ids).update(
                status=Article.Status.QUEUED,
                error="",
                attempts=0,
                queued_at=now,
                updated_at=now,
                **forget,
            )
        yield ids, len(chunk) - len(ids)


def article_process(*, article_id: int, force: bool = False, reclaim: bool = False) -> None:
    """Extract one article's facts and store them (`articles_process` of one)."""
    articles_process(article_ids=[article_id], force=force, reclaim=reclaim)


def articles_process(
    *, article_ids: Sequence[int], force: bool = False, reclaim: bool = False
) -> None:
    """Extract the articles' facts and store them; the worker's one call.

    Only one run holds an article: the conditional UPDATE from queued to processing is the claim,
    and an article another run holds is left to it. `reclaim` lets a redelivered message (its
    worker died) take over articles left in processing. Unless `force`, unchanged text already
    extracted by the current extractor is not extracted again.

    Each article is extracted on its own, outside any transaction; then the batch is stored in
    one short transaction, which shares its queries among the articles. When that fails, each
    article is stored on its own, so that only the one at fault is marked failed, with a reason
    the analyst can read. Transient database errors propagate for the task to retry.
    """
    from celery.exceptions import SoftTimeLimitExceeded

    work = []
    unique_ids = list(dict.fromkeys(article_ids))  # each once, in the order given
    for article in _articles_claim(article_ids=unique_ids, reclaim=reclaim):
        if article.attempts > MAX_ATTEMPTS:
            _article_fail(
                article_id=article.pk,
                token=article.attempts,
                error=f"Gave up after {MAX_ATTEMPTS} attempts: the worker stopped each time "
                "while processing this article (out of memory or killed). Shorten the text and "
                "reprocess.",
            )
        else:
            work.append(article)
    results: list[tuple[Article, Extraction | None]] = []
    reading = None
    try:
        for article in work:
            if _extraction_current(article, force=force):
                results.append((article, None))
                continue
            reading = article
            try:
                results.append((article, _extract(article)))
            except (OperationalError, InterfaceError, SoftTimeLimitExceeded):
                raise
            except Exception as exc:
                logger.exception("Extracting article %s failed", article.pk)
                _article_fail(
                    article_id=article.pk, token=article.attempts, error=_failure_reason(exc)
                )
            reading = None
        _articles_finish(results)
    except (OperationalError, InterfaceError):
        for article in work:
            _article_release(article_id=article.pk, token=article.attempts)
        raise
    except SoftTimeLimitExceeded as exc:
        # The article being read fails; the others go back to the queue, each sent alone.
        for article in work:
            if article is reading:
                _article_fail(
                    article_id=article.pk, token=article.attempts, error=_failure_reason(exc)
                )
            elif _article_release(article_id=article.pk, token=article.attempts):
                _send([article.pk], False)


def _extraction_current(article: Article, *, force: bool) -> bool:
    from extraction import EXTRACTOR_VERSION

    return (
        not force
        and article.extracted_hash == article.content_hash
        and article.extractor_version == EXTRACTOR_VERSION
    )


def _articles_claim(*, article_ids: list[int], reclaim: bool) -> list[Article]:
    """Take the articles this run may process, in the order given: queued ones (and, when
    reclaiming, ones left in processing). Each claim adds one to `attempts`, the run's token."""
    claimable = Q(status=Article.Status.QUEUED)
    if reclaim:
        claimable |= Q(status=Article.Status.PROCESSING)
    claim = {
        "status": Article.Status.PROCESSING,
        "attempts": F("attempts") + 1,
        "error": "",
        "updated_at": timezone.now(),
    }
    if len(article_ids) > 1 and connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            # Rows another run is claiming right now are skipped, not waited for.
            by_pk = {
                article.pk: article
                for article in Article.objects.filter(claimable, pk__in=article_ids)
                .select_for_update(skip_locked=True)
                .order_by()
            }
            if by_pk:
                Article.objects.filter(pk__in=list(by_pk)).update(**claim)
        for article in by_pk.values():  # as the UPDATE left the rows
            article.status = Article.Status.PROCESSING
            article.attempts += 1
            article.error, article.updated_at = "", claim["updated_at"]
    else:
        claimed = [
            pk for pk in article_ids if Article.objects.filter(claimable, pk=pk).update(**claim)
        ]
        by_pk = Article.objects.in_bulk(claimed) if claimed else {}
    return [by_pk[pk] for pk in article_ids if pk in by_pk]


def _extract(article: Article) -> Extraction:
    from extraction import extract

    return extract(article.text, published=article.published, title=article.title)


class _TakenOver(Exception):
    """Another run took over one of the batch's articles: its result stands, not this one's."""


def _articles_finish(results: list[tuple[Article, Extraction | None]]) -> None:
    """Store the extracted facts and mark the articles done: together in one transaction, else
    (that failed) one by one, marking failed the articles whose storing fails."""
    from celery.exceptions import SoftTimeLimitExceeded

    if len(results) > 1:
        try:
            _articles_store(results)
            return
        except (OperationalError, InterfaceError, SoftTimeLimitExceeded):
            raise
        except _TakenOver:
            pass
        except Exception:
            logger.warning(
                "Storing articles %s together failed; storing them one by one.",
                [article.pk for article, _ in results],
                exc_info=True,
            )
    for article, extraction in results:
        try:
            _articles_store([(article, extraction)])
        except (OperationalError, InterfaceError, SoftTimeLimitExceeded):
            raise
        except _TakenOver:
            logger.info("Article %s was taken over by another run; its result stands.", article.pk)
        except Exception as exc:
            logger.exception("Storing the facts of article %s failed", article.pk)
            _article_fail(article_id=article.pk, token=article.attempts, error=_failure_reason(exc))


def _articles_store(results: list[tuple[Article, Extraction | None]]) -> None:
    """In one short transaction: replace the articles' facts and mark them done.

    The final UPDATE is conditional on this run still holding every article (its claim token);
    if another run took one over, everything here is rolled back (_TakenOver).
    """
    from entities.services import ArticleFacts, articles_facts_replace
    from extraction import EXTRACTOR_VERSION

    with transaction.atomic():
        _commit_without_waiting_for_disk()
        articles_facts_replace(
            [
                ArticleFacts(article, extraction, previous=article.processed_at is not None)
                for article, extraction in results
                if extraction is not None
            ]
        )
        now = timezone.now()
        held = Q()
        for article, _ in results:
            held |= Q(pk=article.pk, attempts=article.attempts, content_hash=article.content_hash)
        by_version: dict[str, list[int]] = defaultdict(list)
        for article, extraction in results:
            if extraction is None:
                by_version[article.extractor_version].append(article.pk)
            else:
                by_version[extraction.extractor_version or EXTRACTOR_VERSION].append(article.pk)
        finished = 0
        for version, article_ids in by_version.items():
            finished += Article.objects.filter(
                held, status=Article.Status.PROCESSING, pk__in=article_ids
            ).update(
                status=Article.Status.DONE,
                error="",
                processed_at=now,
                updated_at=now,
                extractor_version=version,
                extracted_hash=F("content_hash"),
            )
        if finished != len(results):
            raise _TakenOver


def _commit_without_waiting_for_disk() -> None:
    """On PostgreSQL, let this transaction's COMMIT return before its WAL reaches the disk.

    A crash can then lose the last few results, never corrupt them: the article is left in
    processing, and the sweep processes it again. That saves a disk flush per article.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _article_fail(*, article_id: int, token: int, error: str) -> None:
    Article.objects.filter(pk=article_id, status=Article.Status.PROCESSING, attempts=token).update(
        status=Article.Status.FAILED,
        error=error[:ERROR_MAX_CHARS],
        updated_at=timezone.now(),
    )


def _article_release(*, article_id: int, token: int) -> bool:
    """Back to queued, so that a retry can claim it; best effort. Whether it was released."""
    try:
        return bool(
            Article.objects.filter(
                pk=article_id, status=Article.Status.PROCESSING, attempts=token
            ).update(status=Article.Status.QUEUED, updated_at=timezone.now())
        )
    except (OperationalError, InterfaceError):
        logger.warning("Could not release article %s; the sweep will.", article_id)
        return False


def _failure_reason(exc: BaseException) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(exc, SoftTimeLimitExceeded):
        return (
            "Processing took longer than the time limit. The text may be too long or unusual; "
            "split it into separate reports and upload them again."
        )
    detail = str(exc).strip() or "no details"
    return f"Extraction failed ({type(exc).__name__}: {detail}). Reprocess it, or report the bug."


def articles_requeue_stuck(
    *, older_than_seconds: int, processing_older_than_seconds: int | None = None
) -> int:
    """Send again the articles waiting too long: never sent (broker down) or whose worker died.

    Articles queued before `older_than_seconds` ago are sent again. Articles in processing since
    before `processing_older_than_seconds` ago go back to queued and are sent too: no run lasts
    that long, the hard time limit kills it first. Returns how many were sent.
    """
    now = timezone.now()
    waiting = Q(
        status=Article.Status.QUEUED,
        queued_at__lt=now - dt.timedelta(seconds=older_than_seconds),
    )
    if processing_older_than_seconds is not None:
        waiting |= Q(
            status=Article.Status.PROCESSING,
            updated_at__lt=now - dt.timedelta(seconds=processing_older_than_seconds),
        )
    with transaction.atomic():
        # Rows another sweep or starting worker is taking right now are left to it, so that two
        # of them running at once do not both send the same articles.
        ids = list(
            Article.objects.filter(waiting)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:SWEEP_MAX_ARTICLES]
        )
        if ids:
            Article.objects.filter(pk__in=ids).update(
                status=Article.Status.QUEUED, queued_at=now, updated_at=now
            )
    if ids:
        _send_batches(ids, False)
    return len(ids)


def articles_reclaim_orphaned(*, processing_older_than_seconds: int) -> tuple[int, float | None]:
    """At a worker's start: send again what a dead worker held, without waiting for the sweep.

    An article in processing for longer than the task time limit has no live run: the hard
    limit would have stopped it. It goes back to queued and is sent, as are articles queued
    and never sent (the broker was down). Returns how many were sent, and in how many seconds
    the younger claims seen now will be that old (None when there are none): a worker restarted
    at once after a crash looks again then.
    """
    from django.conf import settings

    sent = articles_requeue_stuck(
        older_than_seconds=settings.ARTICLE_REQUEUE_AFTER_SECONDS,
        processing_older_than_seconds=processing_older_than_seconds,
    )
    newest = Article.objects.filter(status=Article.Status.PROCESSING).aggregate(
        newest=Max("updated_at")
    )["newest"]
    if newest is None:
        return sent, None
    due = newest + dt.timedelta(seconds=processing_older_than_seconds) - timezone.now()
    return sent, max(due.total_seconds(), 0.0) + 1.0
