"""A monthly rollup of each place's events by their own dates, for the overview's towns in play,
filled from the events in the database (one INSERT ... SELECT: no row passes through Python)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import TruncMonth


def event_months_fill(apps, schema_editor):
    connection = schema_editor.connection
    events = apps.get_model("entities", "Event")
    months = apps.get_model("entities", "PlaceEventMonth")
    select = (
        events.objects.filter(place__isnull=False, date__isnull=False)
        .annotate(month=TruncMonth("date"))
        .order_by()
        .values("place_id", "month")
        .annotate(event_count=Count("*"))
    )
    sql, params = select.query.sql_with_params()
    table = connection.ops.quote_name(months._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (place_id, month, event_count) {sql}", params)


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0020_place_geo_precision"),
    ]

    operations = [
        migrations.CreateModel(
            name="PlaceEventMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(help_text="First day of the month.")),
                ("event_count", models.PositiveIntegerField()),
                (
                    "place",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="event_months",
                        to="entities.place",
                    ),
                ),
            ],
            options={
                "ordering": ["place", "month"],
                "indexes": [
                    models.Index(
                        fields=["month", "place", "event_count"],
                        name="entities_placeeventmonth_idx",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("place", "month"), name="entities_placeeventmonth_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(event_months_fill, migrations.RunPython.noop, elidable=True),
    ]
