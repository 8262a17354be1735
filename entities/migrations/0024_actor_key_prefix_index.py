# A prefix index on the actor's own key for the name search (see entities.models.prefix_index):
# a two-letter prefix ("al") was read through the trigram GIN index, rechecking 10,000 rows.

import conflict_tracker.db_indexes
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0023_mention_role_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="actor",
            index=conflict_tracker.db_indexes.PostgresIndex(
                fields=["key", "id"],
                name="entities_actor_key_prefix",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            ),
        ),
    ]
