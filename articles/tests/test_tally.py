"""The article count the overview and the article list show: kept by PostgreSQL triggers in
ArticleTally, counted on SQLite."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, ArticleTally, content_hash
from articles.selectors import article_status_counts, article_total
from entities.tests.factories import make_article

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the tally's triggers are PostgreSQL's"
)


def _stored() -> int | None:
    return ArticleTally.objects.filter(pk=1).values_list("total", flat=True).first()


def test_the_total_follows_uploads_and_deletes(db):
    for n in range(3):
        make_article(f"Shelling hit the town, report {n}.")
    make_article("Nothing could be read.", status=Article.Status.FAILED)
    assert article_total() == 4
    assert article_status_counts() == {"queued": 0, "processing": 0, "done": 3, "failed": 1}
    Article.objects.filter(status=Article.Status.FAILED).delete()
    assert article_total() == 3


@postgresql_only
def test_every_writer_moves_the_tally(db):
    """The ORM one row at a time, a bulk insert, a queryset delete and SQL by hand all keep
    the stored total equal to a count of the rows."""
    make_article("A convoy reached the city.")
    assert _stored() == Article.objects.count() == 1
    Article.objects.bulk_create(
        Article(title=f"Bulk {n}", text=f"Bulk {n}", content_hash=content_hash(f"Bulk {n}"))
        for n in range(5)
    )
    assert _stored() == Article.objects.count() == 6
    Article.objects.filter(title__in=["Bulk 0", "Bulk 1"]).delete()
    assert _stored() == Article.objects.count() == 4
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_article WHERE title = 'Bulk 2'")
    assert _stored() == Article.objects.count() == 3


@postgresql_only
def test_a_removed_tally_row_is_counted_then_written_again(db):
    for n in range(2):
        make_article(f"Clashes went on, report {n}.")
    ArticleTally.objects.all().delete()
    assert article_total() == 2  # counted while the row is missing
    make_article("A third report.")
    assert _stored() == 3  # the next insert wrote it from a full count


@postgresql_only
def test_the_article_list_reads_the_tally_not_every_article(client, db):
    for n in range(3):
        make_article(f"Talks resumed, report {n}.")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/articles/").context["page"]
    assert page.paginator.count == 3
    unfiltered = [
        q["sql"]
        for q in queries.captured_queries
        if "COUNT(" in q["sql"]
        and 'FROM "articles_article"' in q["sql"]
        and "WHERE" not in q["sql"]
    ]
    assert unfiltered == []
