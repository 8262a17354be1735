import pytest

from entities.tests.factories import build_world


@pytest.fixture
def world(db):
    """Three articles, six officials, three towns, meetings with sources and roles."""
    return build_world(3)
