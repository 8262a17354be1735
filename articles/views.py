import math

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_GET, require_POST

from articles import ingest, selectors, services
from articles.anchors import sentence_blocks, sentence_spans
from articles.forms import ArticleUploadForm
from articles.models import Article
from articles.services import article_create
from conflict_tracker.api_guards import UploadRateThrottle
from entities.models import MeetingSource, Mention


def article_list(request):
    """Articles newest first, filtered by status and a search over title and outlet."""
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    status = status if status in Article.Status.values else ""
    articles = selectors.article_search_list(q=q, status=status)
    status_counts = selectors.article_status_counts()
    paginator = Paginator(articles, 25)
    if not q:  # the tabs' counts are the list's: no second count of every row
        paginator.count = status_counts[status] if status else sum(status_counts.values())
    context = {
        "page": paginator.get_page(request.GET.get("page")),
        "q": q,
        "status": status,
        "statuses": Article.Status.choices,
        "status_counts": status_counts,
    }
    return render(request, "articles/list.html", context)


def article_detail(request, pk: int):
    """An article's text with what was extracted highlighted, and the facts drawn from it."""
    detail = selectors.article_detail_get(pk=pk)
    spans = [(m.sentence_start, m.sentence_end) for m in detail.article.mention_list]
    spans += [(s.sentence_start, s.sentence_end) for s in detail.article.meeting_source_list]
    blocks = sentence_blocks(
        detail.segments, sentence_spans(spans, length=len(detail.article.text))
    )
    context = {"detail": detail, "article": detail.article, "blocks": blocks}
    return render(request, "articles/detail.html", context)


# --- Upload, live status and reprocessing (the article pipeline) ---------------------------------


@login_required
def article_upload(request):
    """Paste or upload a report; it is saved, queued, and the worker extracts its facts.

    Uploads share the API's `uploads` rate (API_THROTTLE_UPLOADS) per user: past it, 429.
    """
    if request.method == "POST":
        throttle = UploadRateThrottle()
        if not throttle.allow_request(request):
            return _upload_throttled(request, throttle)
        form = ArticleUploadForm(request.POST, request.FILES)
        if form.is_valid():
            article, created = article_create(
                article_input=form.cleaned_data["article"], uploaded_by=request.user
            )
            if created:
                messages.success(request, "Article saved; its facts are being extracted.")
            else:
                messages.info(
                    request, "This text was uploaded before: here is the existing article."
                )
            return redirect(article)
    else:
        form = ArticleUploadForm()
    context = {
        "form": form,
        "max_size": ingest.size_limit_text(),
        "min_chars": settings.ARTICLE_MIN_CHARS,
    }
    return render(request, "articles/upload.html", context)


@require_POST
@login_required
def article_upload_read(request):
    """What an uploaded file gives before it is saved: the upload page fills the title, date,
    outlet and address a person left empty from an HTML page's own."""
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"error": "Choose a file to read."}, status=400)
    try:
        ingest.size_check(upload.size)
        read = ingest.upload_parse(name=upload.name, data=upload.read())
    except ingest.ArticleRejected as rejected:
        return JsonResponse({"error": rejected.message, "code": rejected.code}, status=400)
    return JsonResponse(
        {
            "title": read.title or ingest.title_from_text(read.text),
            "published": read.published.isoformat() if read.published else "",
            "source_name": read.source_name,
            "source_url": read.source_url,
            "chars": len(read.text),
        }
    )


def _upload_throttled(request, throttle: UploadRateThrottle):
    """The form again, with what was pasted, and why nothing was saved (429)."""
    seconds = max(1, math.ceil(throttle.wait() or 1))
    message = (
        f"Too many uploads: the limit is {throttle.rate}. Nothing was saved; "
        f"try again in {seconds} second{pluralize(seconds)}."
    )
    form = ArticleUploadForm(initial=request.POST.dict())
    context = {"form": form, "max_size": ingest.size_limit_text(), "throttled": message}
    response = render(request, "articles/upload.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


@require_GET
def article_status(request, pk: int):
    """Processing status and fact counts, polled by the article page while it is processed."""
    article = get_object_or_404(
        Article.objects.only("pk", "status", "error", "processed_at"), pk=pk
    )
    mentions = Mention.objects.filter(article_id=article.pk)
    return JsonResponse(
        {
            "id": article.pk,
            "status": article.status,
            "error": article.error,
            "processed_at": article.processed_at.isoformat() if article.processed_at else None,
            "actors": mentions.filter(actor__isnull=False).values("actor").distinct().count(),
            "places": mentions.filter(place__isnull=False).values("place").distinct().count(),
            "meetings": MeetingSource.objects.filter(article_id=article.pk)
            .values("meeting")
            .distinct()
            .count(),
        }
    )


@require_POST
@staff_member_required
def article_reprocess(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    if services.article_reprocess(article=article):
        messages.success(request, "Article queued for processing again.")
    else:
        messages.info(request, "The article is being processed right now; try again when done.")
    return redirect(article)
