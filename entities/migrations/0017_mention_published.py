"""Each mention keeps its article's publication date, and the (actor, article) and (place, article)
indexes become (actor, published, article) and (place, published, article).

The copy is written in the database, by ranges of mention ids (one UPDATE joined to the articles
per range, each committed on its own: no row passes through Python, and an interrupted run
resumes where it stopped, since only rows still without a date are written). The old indexes go
before the copy and the new ones are built after it, so the UPDATE maintains neither.
"""

from django.db import migrations, models

# Mention ids per UPDATE: about 40,000 articles' mentions, a few seconds each at 25 million.
BATCH = 1_000_000


def published_copy(apps, schema_editor):
    Mention = apps.get_model("entities", "Mention")
    connection = schema_editor.connection
    mention = connection.ops.quote_name(Mention._meta.db_table)
    article = connection.ops.quote_name(apps.get_model("articles", "Article")._meta.db_table)
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {mention} SET published = (SELECT a.published FROM {article} a "
                f"WHERE a.id = {mention}.article_id) WHERE published IS NULL"
            )
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(id), max(id) FROM {mention}")
        low, high = cursor.fetchone()
        if low is None:
            return
        for start in range(low, high + 1, BATCH):
            cursor.execute(
                f"UPDATE {mention} m SET published = a.published FROM {article} a "
                "WHERE a.id = m.article_id AND a.published IS NOT NULL "
                "AND m.published IS NULL AND m.id >= %s AND m.id < %s",
                [start, start + BATCH],
            )
        cursor.execute(f"ANALYZE {mention}")


class Migration(migrations.Migration):
    # Each range commits on its own (see published_copy).
    atomic = False

    dependencies = [
        ("articles", "0003_status_published_index"),
        ("entities", "0016_event_date_place_index"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="mention",
            name="entities_mention_actor_idx",
        ),
        migrations.RemoveIndex(
            model_name="mention",
            name="entities_mention_place_idx",
        ),
        migrations.AddField(
            model_name="mention",
            name="published",
            field=models.DateField(
                blank=True,
                editable=False,
                help_text="Its article's publication date, copied by the fact store in the same "
                "transaction (and moved with the article's date), so an actor's or place's "
                "newest articles and its mentions in a period are one range of its index.",
                null=True,
            ),
        ),
        migrations.RunPython(published_copy, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(
                fields=["actor", "published", "article"], name="entities_mention_actor_pub_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(
                fields=["place", "published", "article"], name="entities_mention_place_pub_idx"
            ),
        ),
    ]
