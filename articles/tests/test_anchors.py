"""Provenance anchors: each sentence a fact came from has id="s-<start>" on the article page,
and the actor, place and meeting pages link to it."""

import re

from articles.anchors import sentence_blocks, sentence_spans
from articles.selectors import Segment, highlight_segments
from entities.models import Mention
from entities.tests.factories import make_actor, make_article, make_meeting, make_place, mention

TEXT = "The envoy Ana Ruiz arrived in Qamari on Monday. Talks were short. Ruiz left Qamari."


def test_blocks_cut_plain_text_at_sentence_edges_and_keep_every_character(db):
    article = make_article(TEXT)
    actor = make_actor("Ana Ruiz")
    first = mention(article, "Ana Ruiz", actor=actor)
    last = mention(article, "Ruiz", actor=actor, occurrence=1)
    segments = highlight_segments(TEXT, [first, last])
    spans = sentence_spans(
        [(first.sentence_start, first.sentence_end), (last.sentence_start, last.sentence_end)],
        length=len(TEXT),
    )
    blocks = sentence_blocks(segments, spans)
    assert "".join(s.text for b in blocks for s in b.segments) == TEXT
    assert [b.anchor for b in blocks] == [0, None, last.sentence_start]
    assert "".join(s.text for s in blocks[0].segments) == TEXT[: first.sentence_end]
    assert "".join(s.text for s in blocks[2].segments) == "Ruiz left Qamari."


def test_overlapping_or_outside_spans_are_dropped():
    assert sentence_spans([(0, 10), (5, 20), (10, 12), (30, 99)], length=40) == [(0, 10), (10, 12)]
    segments = [Segment("abcdef")]
    blocks = sentence_blocks(segments, [(2, 4)])
    assert [(b.anchor, "".join(s.text for s in b.segments)) for b in blocks] == [
        (None, "ab"),
        (2, "cd"),
        (None, "ef"),
    ]


def test_article_page_anchors_each_sentence_with_a_fact(client, db, django_assert_max_num_queries):
    article = make_article(TEXT)
    actor = make_actor("Ana Ruiz")
    place = make_place("Qamari")
    mention(article, "Ana Ruiz", actor=actor)
    mention(article, "Qamari", place=place)
    mention(article, "Ruiz", actor=actor, occurrence=1)
    mention(article, "Qamari", place=place, occurrence=1)
    with django_assert_max_num_queries(5):
        html = client.get(article.get_absolute_url()).content.decode()
    anchored = dict(re.findall(r'<span class="text-sentence" id="s-(\d+)">(.*?)</span>', html))
    second = TEXT.index("Ruiz left")
    assert set(anchored) == {"0", str(second)}
    assert 'id="s-0">The envoy <a class="hl hl-person"' in html
    assert "Talks were short." not in "".join(anchored.values())


def test_provenance_links_point_at_the_sentence(client, db):
    article = make_article(TEXT)
    actor = make_actor("Ana Ruiz")
    other = make_actor("Bo Lind")
    place = make_place("Qamari")
    second = TEXT.index("Ruiz left")
    mention(article, "Ruiz", actor=actor, occurrence=1)
    mention(article, "Qamari", place=place, occurrence=1)
    meeting = make_meeting([actor, other], place=place, sources=[(article, "Talks were short.")])
    target = f'href="/articles/{article.pk}/#s-{second}"'
    assert target in client.get(actor.get_absolute_url()).content.decode()
    assert target in client.get(place.get_absolute_url()).content.decode()
    talks = TEXT.index("Talks")
    assert (
        f'href="/articles/{article.pk}/#s-{talks}"'
        in client.get(meeting.get_absolute_url()).content.decode()
    )
    # The meeting's sentence is anchored on the article page too.
    assert f'id="s-{talks}"' in client.get(article.get_absolute_url()).content.decode()
    assert Mention.objects.count() == 2
