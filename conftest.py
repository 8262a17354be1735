"""Project-wide test setup."""

import os

import pytest
from django.core.cache import cache

# Browser tests run Playwright's sync API next to pytest-django's live_server.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # live_server serves static files straight from the finders; no manifest is built in tests.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """API throttle counts and the dashboard's cached activity live in the cache: each test
    starts and ends without them (ids are reused after rollbacks)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def api_world(db):
    """The API tests' data: actors, places, meetings and articles with known slugs and counts."""
    from tests.api.world import build_world

    return build_world()
