import pytest
from django.core.cache import cache

from entities.tests.factories import build_world


@pytest.fixture
def world(db):
    """Three articles, six officials, three towns, meetings with sources and roles."""
    return build_world(3)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The directories cache activity per database state; tests reuse ids after rollbacks."""
    cache.clear()
    yield
    cache.clear()
