from django.shortcuts import get_object_or_404, render

from articles.models import Article


def article_detail(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    return render(request, "articles/detail.html", {"article": article})
