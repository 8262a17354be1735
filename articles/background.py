"""The embedded default's worker: with no broker, an analyst's upload is extracted by one thread
of the web process after the upload is answered, so the analyst lands on the article page at
once and watches its status (queued, processing, done or failed) there.

One thread, so articles are extracted one after the other, as by a worker with concurrency 1,
and spaCy is never run by two threads at once. Each run closes its database connections when it
ends. An article whose run is cut short (the server stopped) stays queued: the overview counts
it as queued too long, and `manage.py reprocess ID` or the article page's Reprocess button sends
it again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connections

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def run_later(function: Callable, /, *args, **kwargs) -> Future:
    """Run `function(*args, **kwargs)` in the background thread, after what it is running now."""
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embedded-worker")
        return _executor.submit(_run, function, args, kwargs)


def _run(function: Callable, args: tuple, kwargs: dict):
    try:
        return function(*args, **kwargs)
    except Exception:
        logger.exception("Background processing failed; the article stays as it was left.")
        raise
    finally:
        connections.close_all()
