"""Mentions and meeting sources keep offsets; every reader cuts the sentence from the article's text
in the database, counting characters as Python does (not bytes)."""

import datetime as dt
import re

import pytest

from entities import selectors
from entities.models import MeetingSource, Mention
from entities.tests.factories import (
    make_actor,
    make_article,
    make_meeting,
    make_role,
    mention,
)

pytestmark = pytest.mark.django_db

# Two-byte letters before the sentence: an engine counting bytes would cut it four places late.
TEXT = "Mevlüt Çavuşoğlu arrived. Lavrov met Çavuşoğlu in Moscow. They left."
SENTENCE = "Lavrov met Çavuşoğlu in Moscow."


def test_no_row_keeps_a_copy_of_its_sentence():
    for model in (Mention, MeetingSource):
        assert "sentence" not in {f.name for f in model._meta.get_fields()}


def test_with_sentence_cuts_the_text_by_character_offsets():
    article = make_article(TEXT)
    lavrov = make_actor("Sergey Lavrov")
    row = mention(article, "Lavrov", actor=lavrov)
    make_meeting([lavrov], sources=[(article, SENTENCE)])
    assert row.sentence_start == TEXT.index(SENTENCE)
    assert Mention.objects.with_sentence().get().sentence == SENTENCE
    assert MeetingSource.objects.with_sentence().get().sentence == SENTENCE


def test_a_list_of_sentences_does_not_load_the_articles_texts(django_assert_num_queries):
    lavrov = make_actor("Sergey Lavrov")
    for _ in range(3):
        mention(make_article(TEXT), "Lavrov", actor=lavrov)
    with django_assert_num_queries(2) as captured:  # the articles, then their mentions
        articles = list(selectors.actor_sentence_list(actor=lavrov))
    assert [m.sentence for a in articles for m in a.found_mentions] == [SENTENCE] * 3
    for query in captured.captured_queries:
        selected = query["sql"].split(" FROM ")[0]
        assert "SUBSTR" in selected or "entities_mention" not in selected
        # The text is read only inside SUBSTR(...), never as a column of its own.
        assert not re.search(r'(SELECT|,) "articles_article"\."text"(,|$)', selected)


def test_the_actor_page_quotes_the_sentence_from_the_text(client):
    article = make_article(TEXT)
    lavrov = make_actor("Sergey Lavrov")
    mention(article, "Lavrov", actor=lavrov)
    html = client.get(lavrov.get_absolute_url()).content.decode()
    assert "<mark>Lavrov</mark> met Çavuşoğlu in Moscow." in html
    assert f"#s-{TEXT.index(SENTENCE)}" in html


def test_a_roles_recent_sources_are_its_three_newest_with_their_sentences():
    lavrov = make_actor("Sergey Lavrov")
    minister = make_role(lavrov, "Foreign Minister")
    envoy = make_role(lavrov, "Envoy")
    days = [dt.date(2017, 1, d) for d in (3, 9, 1, 5)]
    for day in days:
        mention(make_article(TEXT, published=day), "Lavrov", actor=lavrov, role=minister)
    mention(make_article(TEXT, published=dt.date(2016, 1, 1)), "Lavrov", actor=lavrov, role=envoy)
    roles = {r.title: r for r in selectors.actor_detail_get(slug=lavrov.slug).roles}
    newest = roles["Foreign Minister"].recent_sources
    assert [m.article.published.day for m in newest] == [9, 5, 3]
    assert {m.sentence for m in newest} == {SENTENCE}
    assert [m.article.published.year for m in roles["Envoy"].recent_sources] == [2016]


def test_a_roles_sources_are_indexed_by_role_and_date_and_no_other_mention_is():
    """The partial index replaces the role's plain one: it serves the role's mentions (and
    SET NULL when a role goes) and ranks them by the date each mention keeps of its article."""
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "entities_mention")
    on_role = {
        name: c for name, c in constraints.items() if c["index"] and "role_id" in c["columns"]
    }
    assert list(on_role) == ["entities_mention_role_pub_idx"]
    assert on_role["entities_mention_role_pub_idx"]["columns"] == ["role_id", "published", "id"]
