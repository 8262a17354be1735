"""Celery tasks: parse the message, call one service.

`process_articles` acknowledges its message only after it ran (acks_late) and is redelivered
when its worker process dies (reject_on_worker_lost, from settings); it retries only on transient
errors. A message names one uploaded article, or a batch of imported ones.
`sweep_stuck_articles` runs from celery beat and sends again what got lost; a worker that starts
does the same for what a dead worker held (`_reclaim_orphaned`), so recovery does not need beat.
"""

from __future__ import annotations

import logging
import time

from celery import shared_task
from celery.signals import worker_process_init, worker_ready
from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from kombu.exceptions import OperationalError as BrokerOperationalError

from articles import services

logger = logging.getLogger(__name__)

# Errors that go away by themselves: the database or the broker was briefly unreachable.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerOperationalError, ConnectionError)
# How long after the hard time limit an article still "processing" is taken to be orphaned.
PROCESSING_MARGIN_SECONDS = 60


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=8,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
    bind=True,
)
def process_articles(self, article_ids: list[int], force: bool = False) -> None:
    delivery_info = self.request.delivery_info or {}
    services.articles_process(
        article_ids=[int(article_id) for article_id in article_ids],
        force=bool(force),
        # A redelivered message means the worker that held it died: take over its articles.
        reclaim=bool(delivery_info.get("redelivered")),
    )


@shared_task(ignore_result=True)
def sweep_stuck_articles() -> int:
    return services.articles_requeue_stuck(
        older_than_seconds=settings.ARTICLE_REQUEUE_AFTER_SECONDS,
        processing_older_than_seconds=settings.CELERY_TASK_TIME_LIMIT + PROCESSING_MARGIN_SECONDS,
    )


@shared_task(ignore_result=True)
def reclaim_orphaned_articles() -> None:
    """Sent by a starting worker to run when the claims it saw are past the time limit."""
    _reclaim()


@worker_ready.connect
def _reclaim_orphaned(**kwargs) -> None:
    """A worker that starts takes back what a dead worker held (SIGKILL, out of memory, a lost
    machine): recovery does not wait for celery beat's sweep, nor depend on it running. Claims
    too young to tell from a live run's are looked at again once they are past the time limit."""
    try:
        recheck_in = _reclaim()
        if recheck_in is not None:
            reclaim_orphaned_articles.apply_async(countdown=recheck_in)
    except Exception:
        logger.warning("Could not re-queue unfinished articles; the sweep will.", exc_info=True)
    finally:
        connections.close_all()


def _reclaim() -> float | None:
    sent, recheck_in = services.articles_reclaim_orphaned(
        processing_older_than_seconds=settings.CELERY_TASK_TIME_LIMIT
    )
    if sent:
        logger.warning("Re-queued %s article(s) left unfinished or unsent.", sent)
    return recheck_in


@worker_process_init.connect
def _warm_nlp(**kwargs) -> None:
    """Load the spaCy model and the gazetteer once in each worker process, before its first
    article."""
    try:
        from extraction import load_nlp
        from extraction.resources import get_resources

        started = time.monotonic()
        load_nlp()
        get_resources()
        logger.info("NLP model and gazetteer loaded in %.1f s.", time.monotonic() - started)
    except Exception:
        logger.warning("Could not preload the NLP model; the first article will.", exc_info=True)
