# Prefix indexes for the name search (see entities.models.prefix_index, name_prefix_index).

import conflict_tracker.db_indexes
import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0021_place_event_months"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="actor",
            index=conflict_tracker.db_indexes.PostgresIndex(
                django.contrib.postgres.indexes.OpClass(
                    django.db.models.functions.text.Upper("name"), name="text_pattern_ops"
                ),
                name="entities_actor_uname_prefix",
            ),
        ),
        migrations.AddIndex(
            model_name="actoralias",
            index=conflict_tracker.db_indexes.PostgresIndex(
                fields=["key", "actor"],
                name="entities_actoralias_key_prefix",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            ),
        ),
        migrations.AddIndex(
            model_name="place",
            index=conflict_tracker.db_indexes.PostgresIndex(
                django.contrib.postgres.indexes.OpClass(
                    django.db.models.functions.text.Upper("name"), name="text_pattern_ops"
                ),
                name="entities_place_uname_prefix",
            ),
        ),
    ]
