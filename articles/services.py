"""Writes to articles: upload, processing by the worker, re-queueing.

The slow NLP runs outside any transaction; what an article produced is then replaced in one short
transaction, so running the pipeline twice on one article leaves the same rows.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.db import IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Length
from django.utils import timezone

from articles.ingest import title_clean, title_from_text
from articles.models import Article, content_hash

logger = logging.getLogger(__name__)

# An article whose worker died this many times in a row is marked failed instead of retried again.
MAX_ATTEMPTS = 5
ERROR_MAX_CHARS = 2000
# A worker that finds other articles waiting takes a few along: the model reads them in one batch.
BATCH_MAX_ARTICLES = 8
BATCH_MAX_CHARS = 80_000


def article_create(
    *,
    title: str,
    text: str,
    source_url: str = "",
    source_name: str = "",
    published: dt.date | None = None,
    uploaded_by=None,
    enqueue: bool = True,
) -> tuple[Article, bool]:
    """Save an article and queue it for processing once the transaction commits.

    The same text uploaded again (by content hash) returns the existing article and False. The
    unique constraint decides, so two simultaneous uploads of one text make one row. With
    `enqueue=False` the caller processes it itself (the importer's --sync).
    """
    digest = content_hash(text)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=title_clean(title) or title_from_text(text) or "Untitled article",
                text=text,
                source_url=source_url or "",
                source_name=source_name or "",
                published=published,
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
    """Send the article to the worker after the current transaction commits."""
    transaction.on_commit(partial(_send, article_id, force))


def _send(article_id: int, force: bool) -> None:
    from articles.tasks import process_article

    try:
        process_article.apply_async(args=[article_id], kwargs={"force": force} if force else {})
    except Exception:
        # The article stays queued; the periodic sweep sends it again when the broker is back.
        logger.warning(
            "Could not send article %s to the worker; the sweep will re-queue it.",
            article_id,
            exc_info=True,
        )


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


def article_process(*, article_id: int, force: bool = False, reclaim: bool = False) -> None:
    """Extract an article's facts and store them; the worker's one call.

    Only one run holds an article: the conditional UPDATE from queued to processing is the claim.
    `reclaim` lets a redelivered message (its worker died) take over an article left in processing.
    Transient database errors propagate for the task to retry; anything else marks the article
    failed with a reason the analyst can read.

    On PostgreSQL the run also claims a few other articles waiting in the queue (SKIP LOCKED), so
    that a backlog is extracted in batches, which the model reads much faster than one by one.
    """
    claim = _article_claim(article_id=article_id, reclaim=reclaim)
    if claim is None:
        return
    article, token = claim
    if token > MAX_ATTEMPTS:
        _article_fail(
            article_id=article_id,
            token=token,
            error=f"Gave up after {MAX_ATTEMPTS} attempts: the worker stopped each time while "
            "processing this article (out of memory or killed). Shorten the text and reprocess.",
        )
        return
    batch = [(article, token, force)]
    if connection.features.has_select_for_update_skip_locked:
        batch += [
            (extra, extra.attempts, False)
            for extra in _articles_claim_waiting(exclude=article.pk, chars=len(article.text))
        ]
    _articles_run(batch)


def _articles_run(batch: list[tuple[Article, int, bool]]) -> None:
    """Extract the claimed articles together (the model batches them) and store each in its own
    short transaction. The first is the message's article; the others were waiting in the queue."""
    from celery.exceptions import SoftTimeLimitExceeded

    from articles.extraction import EXTRACTOR_VERSION

    def current(article: Article, force: bool) -> bool:
        return (
            not force
            and article.extracted_hash == article.content_hash
            and article.extractor_version == EXTRACTOR_VERSION
        )

    unfinished = list(batch)
    try:
        stale = [article for article, _, force in batch if not current(article, force)]
        extractions = dict(zip((a.pk for a in stale), _extract_all(stale), strict=True))
        for article, token, force in batch:
            result = None if current(article, force) else extractions[article.pk]
            if isinstance(result, Exception):
                logger.error("Processing article %s failed", article.pk, exc_info=result)
                _article_fail(article_id=article.pk, token=token, error=_failure_reason(result))
            else:
                _article_finish(article=article, token=token, extraction=result)
            unfinished.pop(0)
    except (OperationalError, InterfaceError):
        for article, token, _ in unfinished:
            _article_release(article_id=article.pk, token=token)
        raise
    except SoftTimeLimitExceeded as exc:
        # The message's article fails; any others go back to the queue, to be tried alone.
        for article, token, _ in unfinished:
            if article is batch[0][0]:
                _article_fail(article_id=article.pk, token=token, error=_failure_reason(exc))
            else:
                _article_release(article_id=article.pk, token=token)
    except Exception as exc:
        logger.exception("Processing articles %s failed", [a.pk for a, _, _ in unfinished])
        for article, token, _ in unfinished:
            _article_fail(article_id=article.pk, token=token, error=_failure_reason(exc))


def _articles_claim_waiting(*, exclude: int, chars: int) -> list[Article]:
    """Claim more queued articles for this run, oldest first, while the batch stays small.

    Rows another worker is claiming are skipped (SKIP LOCKED), so two workers never wait on each
    other or take the same article. Their own queue messages later find them taken and do nothing.
    """
    budget = BATCH_MAX_CHARS - chars
    if budget <= 0:
        return []
    with transaction.atomic():
        waiting = (
            Article.objects.select_for_update(skip_locked=True)
            .filter(status=Article.Status.QUEUED)
            .exclude(pk=exclude)
            .order_by("queued_at", "pk")
            .annotate(length=Length("text"))
            .values_list("pk", "length")[: BATCH_MAX_ARTICLES - 1]
        )
        chosen = []
        for pk, length in waiting:
            if length > budget:
                break
            budget -= length
            chosen.append(pk)
        if not chosen:
            return []
        now = timezone.now()
        Article.objects.filter(pk__in=chosen, status=Article.Status.QUEUED).update(
            status=Article.Status.PROCESSING,
            attempts=F("attempts") + 1,
            error="",
            updated_at=now,
        )
    return list(Article.objects.filter(pk__in=chosen).order_by("queued_at", "pk"))


def _extract_all(articles: list[Article]) -> list:
    """Each article's Extraction, or the exception its extraction raised."""
    if len(articles) <= 1:
        return [_extract_or_error(article) for article in articles]
    from articles.extraction import extract_many

    results: list = []
    try:
        for extraction in extract_many((a.text, a.published) for a in articles):
            results.append(extraction)
    except (OperationalError, InterfaceError):
        raise
    except Exception as exc:
        if _is_time_limit(exc):
            raise
        # The batch stops at the article that failed; the rest are extracted one by one.
        results.append(exc)
        results.extend(_extract_or_error(a) for a in articles[len(results) :])
    return results


def _extract_or_error(article: Article):
    try:
        return _extract(article)
    except (OperationalError, InterfaceError):
        raise
    except Exception as exc:
        if _is_time_limit(exc):
            raise
        return exc


def _is_time_limit(exc: BaseException) -> bool:
    from celery.exceptions import SoftTimeLimitExceeded

    return isinstance(exc, SoftTimeLimitExceeded)


def _article_claim(*, article_id: int, reclaim: bool) -> tuple[Article, int] | None:
    claimable = Q(status=Article.Status.QUEUED)
    if reclaim:
        claimable |= Q(status=Article.Status.PROCESSING)
    now = timezone.now()
    claimed = Article.objects.filter(claimable, pk=article_id).update(
        status=Article.Status.PROCESSING,
        attempts=F("attempts") + 1,
        error="",
        updated_at=now,
    )
    if not claimed:
        return None
    article = Article.objects.get(pk=article_id)
    return article, article.attempts


def _extract(article: Article):
    from articles.extraction import extract

    return extract(article.text, published=article.published, title=article.title)


def _article_finish(*, article: Article, token: int, extraction) -> None:
    """In one short transaction: replace this article's facts and mark it done.

    The final UPDATE is conditional on this run still holding the article (the claim token); if
    another run took it over, everything here is rolled back and that run's result stands.
    """
    from articles.extraction import EXTRACTOR_VERSION
    from entities.services import article_facts_replace

    with transaction.atomic():
        _commit_without_waiting_for_disk()
        if extraction is not None:
            article_facts_replace(
                article=article, extraction=extraction, previous=article.processed_at is not None
            )
        now = timezone.now()
        finished = Article.objects.filter(
            pk=article.pk,
            status=Article.Status.PROCESSING,
            attempts=token,
            content_hash=article.content_hash,
        ).update(
            status=Article.Status.DONE,
            error="",
            processed_at=now,
            updated_at=now,
            extractor_version=(extraction.extractor_version or EXTRACTOR_VERSION)
            if extraction is not None
            else article.extractor_version,
            extracted_hash=article.content_hash,
        )
        if not finished:
            transaction.set_rollback(True)


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


def _article_release(*, article_id: int, token: int) -> None:
    """Back to queued after a transient error, so the retry can claim it; best effort."""
    try:
        Article.objects.filter(
            pk=article_id, status=Article.Status.PROCESSING, attempts=token
        ).update(status=Article.Status.QUEUED, updated_at=timezone.now())
    except (OperationalError, InterfaceError):
        logger.warning("Could not release article %s; the sweep will.", article_id)


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
    ids = list(Article.objects.filter(waiting).order_by("pk").values_list("pk", flat=True))
    if not ids:
        return 0
    # Conditional again: an article finished meanwhile is left alone.
    Article.objects.filter(waiting, pk__in=ids).update(
        status=Article.Status.QUEUED, queued_at=now, updated_at=now
    )
    for article_id in ids:
        _send(article_id, False)
    return len(ids)


def articles_process_pending(*, article_ids: list[int] | None = None, force: bool = False) -> int:
    """Process queued articles inline, in this process (the importer's --sync)."""
    queryset = Article.objects.filter(status=Article.Status.QUEUED)
    if article_ids is not None:
        queryset = queryset.filter(pk__in=article_ids)
    count = 0
    for article_id in queryset.order_by("pk").values_list("pk", flat=True):
        article_process(article_id=article_id, force=force)
        count += 1
    return count
