"""REST API of articles: list, read with extracted facts, upload, reprocess."""

from django.conf import settings
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAdminUser
from rest_framework.response import Response

from articles import selectors
from articles.ingest import (
    ArticleInput,
    ArticleRejected,
    article_input_clean,
    size_check,
    typed_text_check,
    upload_input_clean,
    upload_parse,
)
from articles.models import Article
from articles.serializers import (
    ArticleCreatedSerializer,
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleFileUploadSerializer,
    ArticleSerializer,
    ArticleTextUploadSerializer,
)
from articles.services import article_create, article_reprocess
from conflict_tracker.api_defaults import StrictFilterSet
from conflict_tracker.api_errors import PayloadTooLarge, UnsupportedFileType
from conflict_tracker.api_guards import JSONParser, UploadRateThrottle
from conflict_tracker.api_support import ApiViewMixin

# Which input field an ingest rejection is about.
_REJECTION_FIELD = {"bad_date": "published", "bad_url": "source_url"}


SEARCH_HELP = (
    "Words of the title or text. On PostgreSQL a full-text search in web-search syntax "
    '(`sarin attack`, `"chlorine gas"`, `idlib -aleppo`, `sarin or chlorine`) with English '
    "stemming; on SQLite a substring of the title, outlet or text. `search` is the same parameter."
)


class ArticleFilter(StrictFilterSet):
    q = filters.CharFilter(method="filter_search", help_text=SEARCH_HELP)
    search = filters.CharFilter(method="filter_search", help_text=SEARCH_HELP)
    status = filters.ChoiceFilter(choices=Article.Status.choices)
    published_after = filters.DateFilter(field_name="published", lookup_expr="gte")
    published_before = filters.DateFilter(field_name="published", lookup_expr="lte")
    source_name = filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Article
        fields = ["q", "search", "status", "published_after", "published_before", "source_name"]

    def filter_search(self, queryset, name, value):
        return selectors.article_text_search(queryset, q=value)


def article_input_from_request(data: dict, *, field: str) -> ArticleInput:
    """The upload checked exactly as the upload form checks it; rejections become API errors."""
    fields = {
        "title": data.get("title", ""),
        "source_url": data.get("source_url", ""),
        "source_name": data.get("source_name", ""),
        "published": data.get("published"),
    }
    try:
        for name in ("title", "source_name"):
            try:
                typed_text_check(fields[name] or "", what=f"`{name}`")
            except ArticleRejected as rejected:
                raise exceptions.ValidationError({name: [rejected.message]}) from None
        upload = data.get("file")
        if upload is not None:
            size_check(upload.size)  # before reading the file
            parsed = upload_parse(name=upload.name, data=upload.read())
            return upload_input_clean(upload=parsed, **fields)
        typed_text_check(data["text"])
        return article_input_clean(text=data["text"], **fields)
    except ArticleRejected as rejected:
        if rejected.code == "too_large":
            raise PayloadTooLarge(rejected.message, code=rejected.code) from None
        if rejected.code == "unsupported_type":
            raise UnsupportedFileType(rejected.message, code=rejected.code) from None
        name = _REJECTION_FIELD.get(rejected.code, field)
        raise exceptions.ValidationError({name: [rejected.message]}, code=rejected.code) from None


@extend_schema_view(
    list=extend_schema(
        summary="List articles",
        description="Without their text; `?q=` searches title and text.",
    ),
    retrieve=extend_schema(
        summary="An article with its extracted actors, places and meetings",
    ),
    create=extend_schema(
        summary="Upload an article",
        description="JSON `{title?, text, source_url?, source_name?, published?}` or multipart "
        "with `file`. Checked like the upload form. The same text uploaded again is not stored "
        "twice: the answer is then **200** with the existing article and `duplicate: true` "
        "(a new article is **201** with `duplicate: false`). Needs a signed-in user.",
        request={
            "application/json": ArticleTextUploadSerializer,
            "multipart/form-data": ArticleFileUploadSerializer,
        },
        responses={201: ArticleCreatedSerializer, 200: ArticleCreatedSerializer},
    ),
)
class ArticleViewSet(
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    lookup_value_regex = r"\d+"
    filterset_class = ArticleFilter
    ordering_fields = ["published", "created_at", "title", "status"]
    ordering = ["-published", "-created_at"]
    # Uploads are JSON or multipart, never a urlencoded form.
    parser_classes = [JSONParser, MultiPartParser]
    throttle_scope = "uploads"

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.article_detail_list()
        return selectors.article_list()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ArticleDetailSerializer
        if self.action == "create":
            return ArticleCreateSerializer
        return ArticleSerializer

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.action == "create":
            throttles.append(UploadRateThrottle())
        return throttles

    def create(self, request, *args, **kwargs):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if declared.isdigit() and int(declared) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise PayloadTooLarge(
                f"The request body is {int(declared):,} bytes, over the "
                f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes the server accepts."
            )
        serializer = ArticleCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        article, created = self.perform_create(serializer)
        body = ArticleCreatedSerializer(
            article, context={**self.get_serializer_context(), "duplicate": not created}
        ).data
        return Response(
            body,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
            headers={"Location": body["url"]},
        )

    def perform_create(self, serializer):
        field = "file" if serializer.validated_data.get("file") is not None else "text"
        cleaned = article_input_from_request(serializer.validated_data, field=field)
        return article_create(article_input=cleaned, uploaded_by=self.request.user)

    @extend_schema(
        summary="Queue an article for extraction again (staff)",
        request=None,
        responses={202: OpenApiResponse(ArticleSerializer, description="Queued again.")},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAdminUser])
    def reprocess(self, request, pk=None):
        article = self.get_object()
        article_reprocess(article=article)
        article = selectors.article_list().get(pk=article.pk)
        body = ArticleSerializer(article, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_202_ACCEPTED)
