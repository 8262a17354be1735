"""Mentions and meeting sources keep their sentence as offsets in the article's text only; the
copies (about 30 an article) go. Migrating back fills them again from the offsets."""

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Substr


def sentence_copies_refill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    text = Subquery(Article.objects.filter(pk=OuterRef("article_id")).values("text")[:1])
    for name in ("Mention", "MeetingSource"):
        apps.get_model("entities", name).objects.update(
            sentence=Substr(text, F("sentence_start") + 1, F("sentence_end") - F("sentence_start"))
        )


class Migration(migrations.Migration):
    dependencies = [
        ("entities", "0012_sentence_offsets_verified"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, sentence_copies_refill),
        # blank=True changes nothing in the database; migrating back, it lets the re-added
        # columns start as "" on the existing rows before the refill.
        migrations.AlterField(
            model_name="meetingsource", name="sentence", field=models.TextField(blank=True)
        ),
        migrations.AlterField(
            model_name="mention", name="sentence", field=models.TextField(blank=True)
        ),
        migrations.RemoveField(model_name="meetingsource", name="sentence"),
        migrations.RemoveField(model_name="mention", name="sentence"),
    ]
