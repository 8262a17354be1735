"""Rows as they were, kept in `Correction.state` so an undo can put them back.

A snapshot is every concrete column by attribute name (JSON through DjangoJSONEncoder: dates
become ISO strings, which the fields parse back on save). A restore writes only the columns the
model still has, so an undo keeps working after a later migration drops or adds a column.
"""

from django.db import models


def snapshot(row: models.Model) -> dict:
    """The row's columns: {attname: value}."""
    return {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}


def snapshots(rows) -> list[dict]:
    return [snapshot(row) for row in rows]


def restored(model: type[models.Model], data: dict, **changes) -> models.Model:
    """An unsaved row of `model` from a snapshot, with `changes` applied, primary key included."""
    names = {field.attname for field in model._meta.concrete_fields}
    values = {name: value for name, value in {**data, **changes}.items() if name in names}
    return model(**values)
