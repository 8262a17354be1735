import datetime as dt

import pytest
from django.db import OperationalError
from django.utils import timezone

from articles import services, tasks
from articles.ingest import ArticleInput
from articles.models import Article
from articles.services import article_create
from articles.tests.support import REPORT_TASS, needs_engine


def create(text=REPORT_TASS):
    return article_create(
        article_input=ArticleInput(title="", text=text, published=dt.date(2018, 12, 29)),
        enqueue=False,
    )[0]


def test_process_articles_is_acked_late_with_time_limits(settings):
    task = tasks.process_articles
    assert task.acks_late and task.reject_on_worker_lost
    assert (task.soft_time_limit, task.time_limit) == (
        settings.CELERY_TASK_SOFT_TIME_LIMIT,
        settings.CELERY_TASK_TIME_LIMIT,
    )
    assert OperationalError in task.autoretry_for
    assert ValueError not in task.autoretry_for


@needs_engine
@pytest.mark.django_db
def test_process_articles_runs_the_service():
    article = create()
    tasks.process_articles.apply(args=[[article.pk]])
    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error


@needs_engine
@pytest.mark.django_db
def test_a_transient_error_is_retried_then_succeeds(monkeypatch):
    real_extract, calls = services._extract, []

    def flaky(article):
        calls.append(article.pk)
        if len(calls) == 1:
            raise OperationalError("could not connect to server")
        return real_extract(article)

    monkeypatch.setattr(services, "_extract", flaky)
    article = create()
    tasks.process_articles.apply(args=[[article.pk]])
    article.refresh_from_db()
    assert article.status == Article.Status.DONE, article.error
    assert (len(calls), article.attempts) == (2, 2)


@pytest.mark.django_db
def test_other_errors_are_not_retried(monkeypatch):
    calls = []

    def broken(article):
        calls.append(article.pk)
        raise KeyError("actors")

    monkeypatch.setattr(services, "_extract", broken)
    article = create()
    tasks.process_articles.apply(args=[[article.pk]], kwargs={"force": True})
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "KeyError" in article.error
    assert len(calls) == 1


@pytest.mark.django_db
def test_sweep_requeues_articles_whose_worker_died(settings):
    settings.ARTICLE_REQUEUE_AFTER_SECONDS = 300
    article = create()
    limit = settings.CELERY_TASK_TIME_LIMIT + tasks.PROCESSING_MARGIN_SECONDS
    long_ago = timezone.now() - dt.timedelta(seconds=limit + 5)
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PROCESSING, updated_at=long_ago, queued_at=long_ago
    )
    recent = create("Lavrov spoke in Moscow.")
    Article.objects.filter(pk=recent.pk).update(
        status=Article.Status.PROCESSING, updated_at=timezone.now() - dt.timedelta(seconds=30)
    )
    assert tasks.sweep_stuck_articles.apply().get() == 1
    recent.refresh_from_db()
    assert recent.status == Article.Status.PROCESSING
