"""Yearly rollups of mentions per actor and per place, beside the monthly ones, filled from
them in the database (one INSERT ... SELECT each: no row passes through Python)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Sum
from django.db.models.functions import TruncYear


def years_fill(apps, schema_editor):
    connection = schema_editor.connection
    for month_name, year_name, owner in (
        ("ActorMonth", "ActorYear", "actor"),
        ("PlaceMonth", "PlaceYear", "place"),
    ):
        months = apps.get_model("entities", month_name)
        years = apps.get_model("entities", year_name)
        select = (
            months.objects.annotate(first_day_of_year=TruncYear("month"))
            .order_by()
            .values(f"{owner}_id", "first_day_of_year")
            .annotate(mentions=Sum("mention_count"), articles=Sum("article_count"))
            .values_list(f"{owner}_id", "first_day_of_year", "mentions", "articles")
        )
        sql, params = select.query.sql_with_params()
        table = connection.ops.quote_name(years._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({owner}_id, year, mention_count, article_count) {sql}",
                params,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0018_event_list_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActorYear",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.DateField(help_text="First day of the year.")),
                ("mention_count", models.PositiveIntegerField()),
                (
                    "article_count",
                    models.PositiveIntegerField(help_text="Distinct articles naming it."),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="years",
                        to="entities.actor",
                    ),
                ),
            ],
            options={
                "ordering": ["actor", "year"],
                "indexes": [
                    models.Index(
                        fields=["year", "article_count", "actor"],
                        name="entities_actoryear_year_idx",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("actor", "year"), name="entities_actoryear_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PlaceYear",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.DateField(help_text="First day of the year.")),
                ("mention_count", models.PositiveIntegerField()),
                (
                    "article_count",
                    models.PositiveIntegerField(help_text="Distinct articles naming it."),
                ),
                (
                    "place",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="years",
                        to="entities.place",
                    ),
                ),
            ],
            options={
                "ordering": ["place", "year"],
                "indexes": [
                    models.Index(
                        fields=["year", "article_count", "place"],
                        name="entities_placeyear_year_idx",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("place", "year"), name="entities_placeyear_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(years_fill, migrations.RunPython.noop, elidable=True),
    ]
