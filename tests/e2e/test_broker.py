"""A broker that accepts connections and never answers (Redis frozen by SIGSTOP, a half-open
connection) must not hold the web: uploads answer with their saved, queued article.

The web side runs in its own process, configured like production but for its broker, which is a
TCP server of this test's own; it needs no other service (a SQLite file of its own).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading

import pytest

from tests.conftest import ROOT

# Each request may wait one connect and one read on the broker; gunicorn kills a request at 30 s.
BROKER_TIMEOUT_SECONDS = 2
REQUEST_DEADLINE_SECONDS = 20

WEB = """
import json, time
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment
from articles.ingest import ArticleInput
from articles.models import Article
from articles.services import article_create, articles_enqueue

setup_test_environment()
client = Client()
client.force_login(get_user_model().objects.create_user("analyst", password="pw"))
# Long enough to pass the minimum article length.
MORE = " Residents fled to nearby villages as the shelling went on, local officials said." * 3
answers = {}
started = time.monotonic()
response = client.post("/articles/upload/", {"text": "Rebels shelled Nadira on Monday." + MORE})
answers["form"] = [response.status_code, time.monotonic() - started, response.get("Location")]
started = time.monotonic()
response = client.post(
    "/api/v1/articles/", {"text": "Troops left Nadira on Tuesday." + MORE}, content_type="application/json"
)
answers["api"] = [response.status_code, time.monotonic() - started, response.json()]
ids = [
    article_create(article_input=ArticleInput(title='', text=f'Report {n} on the shelling of Nadira.' + MORE), enqueue=False)[0].pk
    for n in range(40)
]
started = time.monotonic()
articles_enqueue(article_ids=ids)  # two batches; outside a transaction it sends at once
answers["import"] = [None, time.monotonic() - started, None]
answers["statuses"] = sorted(set(Article.objects.values_list("status", flat=True)))
answers["pks"] = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:2])
print(json.dumps(answers))
"""


class SilentBroker:
    """Accepts TCP connections on 127.0.0.1 and never reads or answers."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        self.accepted = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)
            self.accepted += 1

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def silent_broker():
    broker = SilentBroker()
    yield broker
    broker.close()


def test_uploads_answer_with_the_queued_article_while_the_broker_never_answers(
    silent_broker, tmp_path
):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "conflict_tracker.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'web.sqlite3'}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{silent_broker.port}/0",
        "BROKER_TIMEOUT_SECONDS": str(BROKER_TIMEOUT_SECONDS),
        "GAZETTEER_CACHE_DIR": str(tmp_path),
    }
    try:
        web = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", WEB],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    except subprocess.TimeoutExpired as stuck:
        pytest.fail(f"The uploads hung on the silent broker:\n{stuck.stderr}")
    assert web.returncode == 0, web.stderr
    answers = json.loads(web.stdout.strip().splitlines()[-1])
    assert silent_broker.accepted >= 1  # the sends did reach the broker

    status, seconds, location = answers["form"]
    assert status == 302 and location == f"/articles/{answers['pks'][0]}/"
    assert seconds < REQUEST_DEADLINE_SECONDS
    status, seconds, body = answers["api"]
    assert status == 201 and body["status"] == "queued" and body["id"] == answers["pks"][1]
    assert seconds < REQUEST_DEADLINE_SECONDS
    # Everything stays queued for the sweep, and each failure is logged.
    assert answers["statuses"] == ["queued"]
    assert web.stderr.count("the sweep will re-queue it.") == 2
    # The import's second batch is not sent after the first one failed.
    assert web.stderr.count("the sweep will re-queue them.") == 2
    assert "Not sending 8 more articles now" in web.stderr
    assert answers["import"][1] < REQUEST_DEADLINE_SECONDS
