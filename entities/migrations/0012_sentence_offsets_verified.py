"""Before the sentence copies go (the next migration): every mention's and meeting source's
offsets must cut the very sentence it keeps from its article's text.

The rows that disagree are found by the database (one query per table, no text leaves it); only
their articles' texts are read here. A row whose copy is in the text elsewhere gets the offsets of
that occurrence (for a mention, the one that holds the mention's words; else the nearest). A copy
the text no longer holds at all stops the migration with the articles to re-process, so no
sentence is dropped unseen.
"""

from collections import defaultdict

from django.db import migrations
from django.db.models import F
from django.db.models.functions import Substr

BATCH = 500


def _occurrences(text: str, sentence: str) -> list[int]:
    found, at = [], text.find(sentence)
    while at >= 0:
        found.append(at)
        at = text.find(sentence, at + 1)
    return found


def repaired_start(text: str, sentence: str, *, near: int, inside: tuple[int, int] | None):
    """Where `sentence` starts in `text`: the occurrence holding `inside` (a mention's words) if
    any, else the one nearest `near`; None if the text does not hold it."""
    starts = _occurrences(text, sentence) if sentence else []
    if inside is not None:
        holding = [s for s in starts if s <= inside[0] and inside[1] <= s + len(sentence)]
        starts = holding or starts
    return min(starts, key=lambda s: (abs(s - near), s)) if starts else None


def _verify(apps, model_name: str, *, with_words: bool) -> list[int]:
    """Repair `model_name`'s disagreeing rows; returns the articles whose text lacks a copy."""
    model = apps.get_model("entities", model_name)
    Article = apps.get_model("articles", "Article")
    cut = Substr("article__text", F("sentence_start") + 1, F("sentence_end") - F("sentence_start"))
    fields = ["pk", "article_id", "sentence", "sentence_start"]
    if with_words:
        fields += ["start", "end"]
    wrong = defaultdict(list)
    for row in (
        model.objects.annotate(cut=cut)
        .exclude(sentence=F("cut"))
        .order_by("article_id", "pk")
        .values_list(*fields)
        .iterator(chunk_size=BATCH)
    ):
        wrong[row[1]].append(row)
    lost, fixed = set(), []
    article_ids = sorted(wrong)
    for i in range(0, len(article_ids), BATCH):
        texts = dict(
            Article.objects.filter(pk__in=article_ids[i : i + BATCH]).values_list("pk", "text")
        )
        for article_id in article_ids[i : i + BATCH]:
            for pk, _, sentence, old_start, *words in wrong[article_id]:
                start = repaired_start(
                    texts[article_id],
                    sentence,
                    near=old_start,
                    inside=tuple(words) if words else None,
                )
                if start is None:
                    lost.add(article_id)
                else:
                    fixed.append(
                        model(pk=pk, sentence_start=start, sentence_end=start + len(sentence))
                    )
    model.objects.bulk_update(fixed, ["sentence_start", "sentence_end"], batch_size=BATCH)
    return sorted(lost)


def sentence_offsets_verify(apps, schema_editor):
    lost = set(_verify(apps, "Mention", with_words=True))
    lost.update(_verify(apps, "MeetingSource", with_words=False))
    if lost:
        ids = " ".join(str(pk) for pk in sorted(lost)[:50])
        more = f" (and {len(lost) - 50} more)" if len(lost) > 50 else ""
        raise RuntimeError(
            f"{len(lost)} article(s) have mentions or meeting sources whose sentence is not in the "
            f"article's text any more, so dropping the copies would lose it: {ids}{more}. "
            "Re-process them with the release before this one (manage.py reprocess --sync "
            "<ids>), then run migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_status_published_index"),
        ("entities", "0011_corrections_undo_and_rejections"),
    ]

    operations = [
        migrations.RunPython(sentence_offsets_verify, migrations.RunPython.noop, elidable=True),
    ]
