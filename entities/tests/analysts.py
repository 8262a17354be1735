"""The Analysts group for tests. The data migration creates it, but a transactional test (the
browser tests) flushes the database, and the group with it, so tests make sure it exists."""

import importlib

from django.apps import apps
from django.contrib.auth.models import Group

GROUP_MIGRATION = importlib.import_module("entities.migrations.0007_analysts_group")


def analysts_group() -> Group:
    """The group with the permissions the migration gives it (created again if flushed)."""
    GROUP_MIGRATION.analysts_create(apps, None)
    return Group.objects.get(name=GROUP_MIGRATION.GROUP)
