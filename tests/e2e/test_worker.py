"""The article pipeline with a real worker: upload, queue, process, merge; and its failures."""

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.ingest import ArticleInput
from articles.models import Article
from articles.services import (
    article_create,
    article_process,
    articles_enqueue,
    articles_requeue_stuck,
)
from articles.tests.support import REPORT_ANADOLU, REPORT_TASS
from entities.models import Actor, Meeting, MeetingSource, Mention
from entities.tests.test_facts import snapshot
from tests.conftest import ROOT

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PROCESS_TIMEOUT = 120
# The upload form posted from a separate web process, configured like production but for its broker.
WEB_UPLOAD = f"""
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment

setup_test_environment()
client = Client()
client.force_login(get_user_model().objects.get(username="analyst"))
response = client.post("/articles/upload/", {{"text": {REPORT_TASS!r}, "published": "2018-12-29"}})
print(response.status_code)
"""


def wait_for(condition, timeout=PROCESS_TIMEOUT, interval=0.1, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"Timed out after {timeout}s waiting for {message}.")


def statuses(*articles) -> list[str]:
    return [Article.objects.get(pk=a.pk).status for a in articles]


def long_report(paragraphs: int = 400) -> str:
    """A long report (hundreds of KB) so that processing lasts long enough to be interrupted."""
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    body = [
        f"On {days[n % 7]} shelling killed {n + 3} people in Idlib and Aleppo, the Syrian "
        f"Observatory for Human Rights said. Sergei Lavrov told reporters in Moscow that talks "
        f"with Mevlut Cavusoglu would continue, report number {n}."
        for n in range(paragraphs)
    ]
    return REPORT_TASS + "\n\n" + "\n\n".join(body)


@pytest.fixture
def analyst(client):
    user = get_user_model().objects.create_user("analyst", password="pw")
    client.force_login(user)
    return user


def test_two_outlets_uploaded_through_the_form_make_one_merged_meeting(
    client, analyst, start_worker
):
    start_worker()
    uploaded = []
    for text, outlet in ((REPORT_TASS, "TASS"), (REPORT_ANADOLU, "Anadolu Agency")):
        response = client.post(
            reverse("article_upload"),
            {"text": text, "source_name": outlet, "published": "2018-12-29"},
        )
        assert response.status_code == 302, response.content
        uploaded.append(Article.objects.get(source_name=outlet))

    def all_done():
        states = [client.get(reverse("article_status", args=[a.pk])).json() for a in uploaded]
        assert not any(s["status"] == "failed" for s in states), states
        return states if all(s["status"] == "done" for s in states) else None

    states = wait_for(all_done, message="both articles to be processed")
    assert all(s["actors"] >= 2 and s["places"] >= 2 and s["meetings"] == 1 for s in states)

    names = set(Actor.objects.values_list("name", flat=True))
    assert {"Sergei Lavrov", "Mevlut Cavusoglu"} <= names
    assert Actor.objects.filter(name="Sergei Lavrov").count() == 1
    meeting = Meeting.objects.get()
    assert meeting.place.name == "Moscow"
    assert meeting.date == dt.date(2018, 12, 29)
    assert {"Sergei Lavrov", "Mevlut Cavusoglu"} <= set(
        meeting.participants.values_list("name", flat=True)
    )
    assert set(meeting.sources.values_list("article_id", flat=True)) == {a.pk for a in uploaded}
    assert {"Moscow", "Manbij"} <= set(
        Mention.objects.filter(place__isnull=False).values_list("place__name", flat=True)
    )


SHELLING = (
    "Syrian government forces shelled the town of Khan Sheikhoun in Idlib province on "
    "Wednesday, the Syrian Observatory for Human Rights said. Rescue workers were still "
    "searching the rubble of two houses in the evening, the monitor added."
)


def test_an_import_goes_to_the_worker_in_batches(start_worker, worker_env, tmp_path):
    """`import_articles` without --sync, in its own process: the worker stores the batch."""
    reports = [
        {"id": "t", "published": "2018-12-29", "source_name": "TASS", "text": REPORT_TASS},
        {"id": "a", "published": "2018-12-29", "source_name": "Anadolu", "text": REPORT_ANADOLU},
        {"id": "s", "published": "2019-01-02", "text": SHELLING},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(report) + "\n" for report in reports))
    start_worker()
    imported = subprocess.run(
        [sys.executable, "manage.py", "import_articles", str(feed)],
        cwd=ROOT, env=worker_env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    assert "Imported 3, duplicates 0, rejected 0 (of 3)." in imported.stdout

    articles = list(Article.objects.order_by("pk"))
    wait_for(lambda: set(statuses(*articles)) == {"done"}, message="the imported batch")
    assert {a.attempts for a in Article.objects.all()} == {1}
    meeting = Meeting.objects.get()
    assert set(meeting.sources.values_list("article_id", flat=True)) == {
        articles[0].pk,
        articles[1].pk,
    }
    assert Mention.objects.filter(article=articles[2], place__name="Khan Sheikhoun").exists()


def test_an_upload_worker_serves_uploads_while_a_bulk_import_waits(start_worker, analyst):
    """Uploads have a queue of their own: a worker that serves only it processes an analyst's
    upload at once, however many imported batches wait on the bulk queue."""
    imported = [
        article_create(
            article_input=ArticleInput(title="", text=f"{SHELLING} Report {n}."), enqueue=False
        )[0]
        for n in range(3)
    ]
    articles_enqueue(article_ids=[a.pk for a in imported])  # outside a transaction: sent now
    start_worker(queues=settings.CELERY_UPLOAD_QUEUE)
    uploaded, _ = article_create(
        article_input=ArticleInput(title="", text=REPORT_TASS, published=dt.date(2018, 12, 29))
    )

    wait_for(lambda: statuses(uploaded) == ["done"], message="the upload")
    time.sleep(2)  # time enough for a worker that also took bulk messages to start on them
    assert set(statuses(*imported)) == {"queued"}


def _processing(article) -> bool:
    return Article.objects.get(pk=article.pk).status == Article.Status.PROCESSING


def _no_duplicates(article) -> None:
    """What the interrupted run left equals a clean run: nothing was stored twice."""
    interrupted = snapshot()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.QUEUED)
    article_process(article_id=article.pk, force=True)
    assert snapshot() == interrupted
    mentions = Mention.objects.filter(article=article)
    assert mentions.count() == len(set(mentions.values_list("actor", "place", "start", "end")))


def test_a_pool_process_killed_mid_task_is_redelivered_and_processed_once(start_worker):
    worker = start_worker()
    article, _ = article_create(
        article_input=ArticleInput(title="", text=long_report(), published=dt.date(2018, 12, 29))
    )
    wait_for(lambda: _processing(article), interval=0.01, message="processing to start")
    (child,) = worker.children()
    os.kill(child, signal.SIGKILL)

    wait_for(lambda: statuses(article) == ["done"], message="the redelivered task")
    article.refresh_from_db()
    # Claimed again by the redelivered message (a stale message from an earlier run may add one).
    assert article.attempts >= 2, worker.output()[-3000:]
    assert "WorkerLostError" in worker.output() or "SIGKILL" in worker.output()
    _no_duplicates(article)


def test_a_worker_killed_mid_task_leaves_the_article_for_the_sweep(start_worker):
    worker = start_worker()
    article, _ = article_create(
        article_input=ArticleInput(title="", text=long_report(), published=dt.date(2018, 12, 29))
    )
    wait_for(lambda: _processing(article), interval=0.01, message="processing to start")
    worker.kill_all()
    time.sleep(0.5)
    assert statuses(article) == ["processing"]  # nobody holds it now

    start_worker()
    # The sweep (celery beat, every minute) re-queues what sat in processing past the time limit.
    assert articles_requeue_stuck(older_than_seconds=3600, processing_older_than_seconds=0) == 1
    wait_for(lambda: statuses(article) == ["done"], message="the swept article")
    _no_duplicates(article)


def test_an_upload_while_redis_is_down_is_processed_after_it_returns(
    worker_env, start_worker, own_redis
):
    """The web process, the worker and the sweep all use a Redis of this test's own."""
    start_worker(broker_url=own_redis.url)
    env = {**worker_env, "CELERY_BROKER_URL": own_redis.url}
    own_redis.stop()

    get_user_model().objects.create_user("analyst", password="pw")
    upload = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", WEB_UPLOAD],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert upload.returncode == 0, upload.stderr
    assert upload.stdout.strip().splitlines()[-1] == "302", upload.stdout
    assert "the sweep will re-queue it" in upload.stderr
    article = Article.objects.get()
    assert article.status == Article.Status.QUEUED

    own_redis.start()
    time.sleep(1)
    sweep = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from articles.services import articles_requeue_stuck\n"
         "print(articles_requeue_stuck(older_than_seconds=0))"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert sweep.returncode == 0, sweep.stderr
    assert sweep.stdout.strip().splitlines()[-1] == "1"
    wait_for(lambda: statuses(article) == ["done"], message="the article after Redis returned")
    assert MeetingSource.objects.filter(article=article).exists()


def test_a_worker_killed_mid_batch_and_restarted_without_beat_finishes_the_batch(start_worker):
    """No sweep runs here: the restarted worker takes back, once they are past the time limit,
    the claims the dead one left in processing."""
    worker = start_worker()
    reports = [
        f"Local councillor Nadim Sarraf number {n} met Hana Qasem in Homs on Monday, "
        f"residents said, before shelling resumed near the market of quarter {n}."
        for n in range(24)
    ]
    articles = [
        article_create(
            article_input=ArticleInput(title="", text=text, published=dt.date(2019, 3, 4)),
            enqueue=False,
        )[0]
        for text in reports
    ]
    articles_enqueue(article_ids=[a.pk for a in articles])  # one batch
    wait_for(lambda: _processing(articles[0]), interval=0.01, message="the batch to be claimed")
    worker.kill_all()
    left = statuses(*articles)
    assert "processing" in left, left  # killed mid-batch: claims with no live run

    restarted = start_worker(CELERY_TASK_TIME_LIMIT=40, CELERY_TASK_SOFT_TIME_LIMIT=35)
    wait_for(
        lambda: set(statuses(*articles)) == {"done"},
        message=f"the batch after the restart:\n{restarted.output()[-3000:]}",
    )
    assert "left unfinished or unsent" in restarted.output()
    _no_duplicates(articles[1])
