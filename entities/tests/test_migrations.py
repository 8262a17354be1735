"""The migrations that drop the sentence copies: offsets are checked (and repaired from the copy)
first, a copy the text no longer holds stops the migration, and migrating back fills them again."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from entities.models import MeetingSource, Mention

BEFORE = [("entities", "0011_corrections_undo_and_rejections")]
AFTER = [("entities", "0013_sentence_copies_removed")]
TEXT = "Çavuşoğlu spoke first. Lavrov met Çavuşoğlu in Moscow. Lavrov left."
SECOND = "Lavrov met Çavuşoğlu in Moscow."

verified = importlib.import_module("entities.migrations.0012_sentence_offsets_verified")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_schema(transactional_db):
    """The schema before the copies went; the latest schema again afterwards."""
    apps = _migrate(BEFORE)
    yield apps
    apps.get_model("articles", "Article").objects.all().delete()  # so that 0011 passes
    _migrate(_leaves())


def _leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _rows(apps, *, sentence: str, start: int):
    Article = apps.get_model("articles", "Article")
    Actor = apps.get_model("entities", "Actor")
    Meeting = apps.get_model("entities", "Meeting")
    article = Article.objects.create(title="t", text=TEXT, content_hash="h", status="done")
    actor = Actor.objects.create(kind="person", name="Lavrov", key="lavrov", slug="lavrov")
    words = TEXT.index("Lavrov met")
    apps.get_model("entities", "Mention").objects.create(
        article=article,
        actor=actor,
        text="Lavrov",
        start=words,
        end=words + 6,
        sentence=sentence,
        sentence_start=start,
        sentence_end=start + len(sentence),
    )
    apps.get_model("entities", "MeetingSource").objects.create(
        meeting=Meeting.objects.create(),
        article=article,
        sentence=sentence,
        sentence_start=start,
        sentence_end=start + len(sentence),
    )
    return article


def test_offsets_that_disagree_with_the_copy_are_repaired_from_it(old_schema):
    # Offsets one character off (as bytes would count "ş"): the copy says where the sentence is.
    _rows(old_schema, sentence=SECOND, start=TEXT.index(SECOND) + 2)
    _migrate(AFTER)
    # Only the columns 0013 has (the model is the latest one).
    mention = Mention.objects.with_sentence().only("sentence_start", "sentence_end").get()
    source = MeetingSource.objects.with_sentence().get()
    assert mention.sentence == source.sentence == SECOND
    assert (mention.sentence_start, mention.sentence_end) == (
        TEXT.index(SECOND),
        TEXT.index(SECOND) + len(SECOND),
    )


def test_a_copy_the_text_does_not_hold_stops_the_migration(old_schema):
    article = _rows(old_schema, sentence="Lavrov met Shoigu.", start=0)
    with pytest.raises(RuntimeError, match=rf"lose it: {article.pk}\. Re-process them"):
        _migrate(AFTER)
    # Nothing was dropped: the copy is still there to re-process from.
    assert old_schema.get_model("entities", "Mention").objects.get().sentence == (
        "Lavrov met Shoigu."
    )


def test_migrating_back_fills_the_copies_from_the_offsets(old_schema):
    _rows(old_schema, sentence=SECOND, start=TEXT.index(SECOND))
    _migrate(AFTER)
    apps = _migrate(BEFORE)
    assert apps.get_model("entities", "Mention").objects.get().sentence == SECOND
    assert apps.get_model("entities", "MeetingSource").objects.get().sentence == SECOND


@pytest.mark.parametrize(
    ("sentence", "near", "inside", "expected"),
    [
        ("Lavrov", 30, None, TEXT.index("Lavrov")),  # the nearest occurrence
        ("Lavrov", 0, (55, 61), TEXT.rindex("Lavrov")),  # the one holding the mention's words
        ("Shoigu", 0, None, None),  # not in the text
        ("", 0, None, None),
    ],
)
def test_repaired_start(sentence, near, inside, expected):
    assert verified.repaired_start(TEXT, sentence, near=near, inside=inside) == expected


@pytest.fixture
def before_published(transactional_db):
    """The schema before mentions kept their article's date; the latest schema afterwards."""
    apps = _migrate([("entities", "0016_event_date_place_index")])
    yield apps
    _migrate(_leaves())


def test_mentions_get_their_articles_date(before_published):
    import datetime as dt

    apps = before_published
    Article = apps.get_model("articles", "Article")
    Actor = apps.get_model("entities", "Actor")
    actor = Actor.objects.create(kind="person", name="Lavrov", key="lavrov", slug="lavrov")
    for n, day in enumerate([dt.date(2017, 3, 4), None]):
        article = Article.objects.create(
            title="t", text=TEXT, content_hash=f"h{n}", status="done", published=day
        )
        apps.get_model("entities", "Mention").objects.create(
            article=article,
            actor=actor,
            text="Lavrov",
            start=0,
            end=6,
            sentence_start=0,
            sentence_end=10,
        )
    _migrate([("entities", "0017_mention_published")])
    assert sorted(Mention.objects.values_list("article__published", "published"), key=str) == [
        (None, None),
        (dt.date(2017, 3, 4), dt.date(2017, 3, 4)),
    ]
