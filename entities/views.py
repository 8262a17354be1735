from django.shortcuts import render

from articles.models import Article


def home(request):
    articles = Article.objects.only("id", "title", "published", "status")[:20]
    return render(request, "entities/home.html", {"articles": articles})
