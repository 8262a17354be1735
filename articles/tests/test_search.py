"""Article search by title and text: full-text on PostgreSQL, a substring on SQLite."""

import pytest
from django.db import connection

from articles.models import Article
from articles.selectors import article_search_list, article_text_search
from entities.tests.factories import make_article

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search needs PostgreSQL"
)


@pytest.fixture
def reports(db):
    return {
        "sarin": make_article(
            "Doctors said the patients showed signs of Sarin exposure after the strike on the "
            "town. Rescue workers attacked the fires with water from a tanker.",
            title="Strike on a town in the north",
        ),
        "chlorine": make_article(
            "Residents reported a smell of chlorine gas after barrels fell on the district.",
            title="Barrels dropped on a district",
        ),
        "talks": make_article(
            "The two ministers held talks about a ceasefire in the capital on Monday.",
            title="Ministers discuss a sarin inquiry",
        ),
    }


def _titles(articles) -> set[str]:
    return {article.title for article in articles}


def test_a_word_of_the_text_alone_finds_the_report(reports):
    # The word is in the text of one report and the title of another: both are found.
    found = article_text_search(Article.objects.all(), q="sarin")
    assert _titles(found) == {reports["sarin"].title, reports["talks"].title}
    assert not article_text_search(Article.objects.all(), q="mustard").exists()


def test_an_empty_query_keeps_every_article(reports):
    assert article_text_search(Article.objects.all(), q="   ").count() == 3


def test_articles_page_and_api_search_the_text(client, api, reports, django_assert_max_num_queries):
    response = client.get("/articles/", {"q": "chlorine"})
    assert [a.title for a in response.context["page"].object_list] == [reports["chlorine"].title]
    body = api.get("/api/v1/articles/", {"q": "chlorine"}).json()
    assert [row["title"] for row in body["results"]] == [reports["chlorine"].title]
    with django_assert_max_num_queries(2):  # count and page
        rows = list(article_search_list(q="the"))  # a word of every report on SQLite
    assert len(rows) == (0 if connection.vendor == "postgresql" else 3)  # a stop word there


@postgresql_only
def test_full_text_search_stems_and_reads_web_search_syntax(reports):
    def search(q: str) -> set[str]:
        return _titles(article_text_search(Article.objects.all(), q=q))

    assert search("attacks") == {reports["sarin"].title}  # "attacked", stemmed
    assert search("sarin -ministers") == {reports["sarin"].title}
    assert search('"chlorine gas"') == {reports["chlorine"].title}
    assert search("chlorine or ceasefire") == {reports["chlorine"].title, reports["talks"].title}
    assert search("barrel") == {reports["chlorine"].title}  # "Barrels" in the title


@postgresql_only
def test_the_text_search_index_serves_the_query(reports):
    query = article_text_search(Article.objects.all(), q="sarin").values("pk")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "articles_text_search" in plan, plan


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite fallback")
def test_on_sqlite_the_search_is_a_substring_of_title_outlet_or_text(reports):
    Article.objects.filter(pk=reports["talks"].pk).update(source_name="Tanker Weekly")
    found = article_text_search(Article.objects.all(), q="TANKER")
    assert _titles(found) == {reports["sarin"].title, reports["talks"].title}
