"""Places record how their point was found (ACLED's geo_precision) and, for a village placed at
another place's point from a report's own words, which place that was. Every place that already
has a point got it from the gazetteer: precision 1."""

import django.db.models.deletion
from django.db import migrations, models


def points_are_own(apps, schema_editor):
    Place = apps.get_model("entities", "Place")
    Place.objects.filter(latitude__isnull=False, longitude__isnull=False).update(geo_precision=1)


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0019_year_rollups"),
    ]

    operations = [
        migrations.AddField(
            model_name="place",
            name="geo_precision",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "Its own point"),
                    (2, "The point of the town the report puts it in or near"),
                    (3, "The point of the governorate the report puts it in"),
                ],
                help_text="How its point was found (ACLED's geo_precision); empty when it has none.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="place",
            name="located_near",
            field=models.ForeignKey(
                blank=True,
                help_text="The town or governorate whose point it was given, from a report's own words.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="entities.place",
            ),
        ),
        migrations.RunPython(points_are_own, migrations.RunPython.noop, elidable=True),
    ]
