"""Real services for the end-to-end and browser tests: a `celery worker` subprocess, a private Redis.

CI sets DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis); without both these tests skip.
The worker connects to the test database that pytest-django created, so it sees what the test
commits (`transactional_db`).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from conflict_tracker.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]
READY_TIMEOUT = 90
WORKER_QUEUES = (settings.CELERY_UPLOAD_QUEUE, settings.CELERY_TASK_DEFAULT_QUEUE)


@pytest.fixture
def worker_env(transactional_db) -> dict[str, str]:
    """Environment for subprocesses: this test's database and broker."""
    if connection.vendor != "postgresql":
        pytest.skip("The worker tests need PostgreSQL: set DATABASE_URL=postgres://...")
    if not settings.CELERY_BROKER_URL:
        pytest.skip("The worker tests need Redis: set CELERY_BROKER_URL=redis://...")
    db = connection.settings_dict
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    url = f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "DJANGO_SETTINGS_MODULE": "conflict_tracker.settings",
        "PYTHONUNBUFFERED": "1",
    }
    return env


@dataclass
class Worker:
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def children(self) -> list[int]:
        found = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout.split()
        return [int(pid) for pid in found]

    def kill_all(self) -> None:
        """SIGKILL the whole worker, pool processes included: the machine died."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)


@pytest.fixture
def start_worker(worker_env, tmp_path) -> Callable[..., Worker]:
    """Start `celery -A conflict_tracker worker` and wait until it is ready."""
    workers: list[Worker] = []

    def start(
        *, broker_url: str | None = None, pool: str = "prefork", queues: str | None = None, **env
    ) -> Worker:
        name = f"e2e-{uuid.uuid4().hex[:8]}@%h"
        log = tmp_path / f"worker-{len(workers)}.log"
        environment = {**worker_env, **{k: str(v) for k, v in env.items()}}
        if broker_url:
            environment["CELERY_BROKER_URL"] = broker_url
        command = [
            sys.executable, "-m", "celery", "-A", "conflict_tracker", "worker",
            f"--pool={pool}", "--concurrency=1", "-Q", queues or ",".join(WORKER_QUEUES),
            "-n", name, "--loglevel=INFO", "--without-gossip", "--without-mingle",
        ]  # fmt: skip
        handle = log.open("wb")
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=handle, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        worker = Worker(process, log)
        workers.append(worker)
        deadline = time.monotonic() + READY_TIMEOUT
        while " ready." not in worker.output():
            if process.poll() is not None or time.monotonic() > deadline:
                worker.stop()
                pytest.fail(f"The celery worker did not start:\n{worker.output()[-3000:]}")
            time.sleep(0.2)
        return worker

    # Messages left in the queue by earlier tests name rows of other test runs: drop them.
    celery_app.control.purge()
    yield start
    for worker in workers:
        worker.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RedisServer:
    """A redis-server of the test's own, so it can be stopped without harming anyone else."""

    port: int
    workdir: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


@pytest.fixture
def own_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not on PATH.")
    server = RedisServer(free_port(), tmp_path)
    server.start()
    yield server
    server.stop()
