"""The article list as CSV: the rows /articles/ shows with its search and status, every page."""

from django.http import HttpRequest, StreamingHttpResponse

from articles import selectors
from articles.models import Article
from entities import exports


def article_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    status = status if status in Article.Status.values else ""
    articles = exports.queryset_all(selectors.article_search_list(q=q, status=status))
    absolute = exports.absolute_for(request)
    rows = (exports.article_row(article, absolute=absolute) for article in articles)
    return exports.csv_response(filename="articles.csv", columns=exports.ARTICLE_COLUMNS, rows=rows)
