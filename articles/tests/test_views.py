"""The article list and article page of the dashboard."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.selectors import highlight_segments
from entities.models import Mention
from entities.tests.factories import build_world, make_actor, make_article, make_place, mention


@pytest.fixture
def world(db):
    return build_world(3)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/articles/", "/articles/?status=done&q=talks", "detail"])
def test_article_pages_have_fixed_queries(client, world, django_assert_max_num_queries, url):
    if url == "detail":
        url = f"/articles/{world['articles'][0].pk}/"
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200
    before = _queries(client, url)
    more = build_world(6, prefix="B")
    # More articles, and more mentions and meetings in the article shown.
    article = world["articles"][0]
    for actor in more["actors"][:4]:
        Mention.objects.create(
            article=article,
            actor=actor,
            text="x",
            start=0,
            end=1,
            sentence_start=0,
            sentence_end=1,
        )
    assert _queries(client, url) == before


def test_article_list_counts_from_its_status_tabs(client, world, django_assert_num_queries):
    """The tabs' counts (the rare statuses by their index, the total once) are the list's
    count: listing a million articles does not count them twice."""
    with django_assert_num_queries(3):  # the rare statuses, the total, the page's rows
        page = client.get("/articles/", {"status": "done"}).context["page"]
    assert page.paginator.count == 3


def test_article_list_filters_by_status_and_search(client, world):
    response = client.get("/articles/")
    assert response.context["page"].paginator.count == 4
    assert response.context["status_counts"] == {
        "queued": 0,
        "processing": 0,
        "done": 3,
        "failed": 1,
    }
    failed = client.get("/articles/", {"status": "failed"})
    html = failed.content.decode()
    assert [a.status for a in failed.context["page"].object_list] == ["failed"]
    assert failed.context["page"].paginator.count == 1
    assert "Empty text." in html
    assert client.get("/articles/", {"status": "done"}).context["page"].paginator.count == 3
    found = client.get("/articles/", {"q": "town1"})
    assert [a.title for a in found.context["page"].object_list] == ["Talks in Town1"]
    assert found.context["page"].paginator.count == 1  # a search counts what it found
    assert client.get("/articles/", {"status": "bogus"}).context["status"] == ""


def test_article_detail_highlights_and_links_entities(client, world):
    article = world["articles"][0]
    response = client.get(f"/articles/{article.pk}/")
    html = response.content.decode()
    host = world["actors"][0]
    city = world["cities"][0]
    assert (
        f'<a class="hl hl-person" href="/actors/{host.slug}/" title="Sergei Host0">Sergei Host0</a>'
        in html
    )
    assert f'<a class="hl hl-place" href="/places/{city.slug}/" title="Town0">Town0</a>' in html
    detail = response.context["detail"]
    assert [e["actor"].name for e in detail.actors][0] == "Sergei Host0"
    assert [e["count"] for e in detail.actors] == [2, 1, 1]
    assert [e["role"].title for e in detail.roles] == ["Defense Minister"]
    assert len(detail.meetings) == 1
    assert "".join(s.text for s in detail.segments) == article.text


def test_article_text_with_script_is_shown_as_text(client, db):
    actor = make_actor("Bad Actor")
    place = make_place("Homs")
    article = make_article(
        'Bad Actor wrote <script>alert("x")</script> & <b>bold</b> in Homs.',
        title="<script>alert(1)</script>",
    )
    mention(article, "Bad Actor", actor=actor)
    mention(article, "Homs", place=place)
    html = client.get(f"/articles/{article.pk}/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_highlight_segments_skip_overlaps_and_keep_every_character():
    text = "Abu Mohammad al-Jolani spoke in Idlib."
    spans = [(0, 22), (13, 22), (32, 37), (30, 99)]
    mentions = [Mention(start=s, end=e, text=text[s:e]) for s, e in spans]
    segments = highlight_segments(text, mentions)
    assert "".join(s.text for s in segments) == text
    assert [s.text for s in segments if s.mention] == ["Abu Mohammad al-Jolani", "Idlib"]


def test_status_box_polls_only_while_processing(client, db):
    queued = make_article("Waiting.", status=Article.Status.QUEUED)
    html = client.get(f"/articles/{queued.pk}/").content.decode()
    assert f'data-article-status="/articles/{queued.pk}/status.json"' in html
    assert 'data-status="queued"' in html
    assert "js/article-status.js" in html
    assert "<script>" not in html  # no inline script: data attributes only


def test_reprocess_button_only_for_staff(client, world):
    article = world["articles"][0]
    url = f"/articles/{article.pk}/"
    assert "/reprocess/" not in client.get(url).content.decode()
    staff = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    client.force_login(staff)
    html = client.get(url).content.decode()
    assert f'action="/articles/{article.pk}/reprocess/"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_article_detail_404(client, db):
    assert client.get("/articles/424242/").status_code == 404
