"""The indexes the schema keeps: no two that serve the same lookups, and one for each list order.

Every foreign key column is indexed once: by its own index, or by a composite index or unique
constraint that starts with it, never by both.
"""

from django.apps import apps
from django.db import models

from articles.models import Article
from entities.models import Actor, Place


def _leading_columns(model) -> list[tuple[str, ...]]:
    """The column lists of every plain b-tree index PostgreSQL would create for `model` (the
    search's GIN indexes and partial unique ones serve other lookups)."""
    found = []
    for field in model._meta.local_fields:
        if field.primary_key or field.unique or field.db_index:
            found.append((field.column,))
    for index in model._meta.indexes:
        if type(index) is models.Index and index.fields and not index.condition:
            found.append(tuple(model._meta.get_field(f.lstrip("-")).column for f in index.fields))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and not constraint.condition:
            found.append(tuple(model._meta.get_field(f).column for f in constraint.fields))
    return found


def test_no_index_is_the_leading_part_of_another():
    for model in [*apps.get_app_config("entities").get_models(), Article]:
        indexes = _leading_columns(model)
        assert len(indexes) == len(set(indexes)), (model, indexes)
        for short in indexes:
            for long in indexes:
                if len(long) > len(short) and long[: len(short)] == short:
                    raise AssertionError(f"{model.__name__}: {short} is the start of {long}")


def test_list_orders_and_filters_have_an_index():
    def index_columns(model) -> set[tuple[str, ...]]:
        return {tuple(index.fields) for index in model._meta.indexes}

    assert ("name",) in index_columns(Actor)
    assert ("name",) in index_columns(Place)
    assert ("status", "published") in index_columns(Article)
