"""Indexes that exist on PostgreSQL only, declared in Meta.indexes like any other.

GIN over trigrams (name search), GiST over trigrams (the closest names first, by distance) or
over a text-search vector (article search), and B-trees with an operator class for prefix
matches (names starting with what was typed) need PostgreSQL and its extensions. On another
database (SQLite, in development) these indexes create and drop nothing, and the searches they
serve fall back to plain scans (entities.selectors, articles.selectors), so one set of models
and migrations serves both.
"""

from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.db import models


class _NoStatement:
    """What the schema editor runs in place of a PostgreSQL-only index: an SQL comment."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return f"-- {self.name}: PostgreSQL only"


class _PostgresOnly:
    """Creates and drops the index on PostgreSQL, nothing elsewhere."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return _NoStatement(self.name)
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return _NoStatement(self.name)
        return super().remove_sql(model, schema_editor, **kwargs)


class PostgresGinIndex(_PostgresOnly, GinIndex):
    pass


class PostgresGistIndex(_PostgresOnly, GistIndex):
    pass


class PostgresIndex(_PostgresOnly, models.Index):
    """A B-tree with a PostgreSQL operator class (`varchar_pattern_ops` for prefix matches)
    or included columns, which SQLite cannot write."""
