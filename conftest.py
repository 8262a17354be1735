"""Project-wide test setup."""

import os

import pytest
from django.core.cache import caches

# Browser tests run Playwright's sync API next to pytest-django's live_server.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # With no broker, an upload is processed inside the request, where a test's transaction and
    # captureOnCommitCallbacks can see it; the tests of the background thread turn it back on.
    settings.UPLOADS_IN_BACKGROUND = False
    # live_server serves static files straight from the finders; no manifest is built in tests.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Rate-limit counts in memory, so tests without a database can clear them; the database
    # cache that production uses without CACHE_URL has its own test (test_rate_limits.py).
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "throttle",
        },
    }


@pytest.fixture(autouse=True)
def _fresh_cache(_test_settings):
    """API throttle counts and the dashboard's cached activity live in the caches: each test
    starts and ends without them (ids are reused after rollbacks)."""
    for alias in ("default", "throttle"):
        caches[alias].clear()
    yield
    for alias in ("default", "throttle"):
        caches[alias].clear()


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def api_login_required(monkeypatch):
    """The API as API_REQUIRE_LOGIN=1 configures it. DRF binds a view's default classes when
    the view class is defined, so the setting is read at start-up; a test swaps the default in."""
    from rest_framework.permissions import IsAuthenticated
    from rest_framework.views import APIView

    monkeypatch.setattr(APIView, "permission_classes", [IsAuthenticated])


@pytest.fixture
def api_world(db):
    """The API tests' data: actors, places, meetings and articles with known slugs and counts."""
    from tests.api.world import build_world

    return build_world()
