"""API representations of articles, and the upload input."""

from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers
from rest_framework.reverse import reverse

from articles.models import Article
from conflict_tracker.links import RowLinkField


class ArticleSerializer(serializers.ModelSerializer):
    url = RowLinkField("api-article-detail")
    mention_count = serializers.IntegerField(read_only=True)
    meeting_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "source_url",
            "source_name",
            "published",
            "status",
            "error",
            "created_at",
            "processed_at",
            "mention_count",
            "meeting_count",
        ]


class ArticleCreatedSerializer(serializers.ModelSerializer):
    """The answer to an upload: the article, and whether it was already there."""

    url = RowLinkField("api-article-detail")
    duplicate = serializers.SerializerMethodField(
        help_text="True when the same text was uploaded before: this is the existing article "
        "(status 200 instead of 201) and nothing new was queued."
    )

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "source_url",
            "source_name",
            "published",
            "status",
            "created_at",
            "duplicate",
        ]

    def get_duplicate(self, article: Article) -> bool:
        return bool(self.context.get("duplicate", False))


class TextField(serializers.CharField):
    """A CharField that takes only strings: JSON `"text": 0` is an error, not the text "0"."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ArticleCreateSerializer(serializers.Serializer):
    """Either `text` (JSON) or `file` (multipart: .txt, .md, .html, .htm), not both.

    Only the shape is checked here; the content is checked by `articles.ingest`, as for the form.
    """

    title = TextField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text="Defaults to the first line of the text.",
    )
    text = TextField(
        required=False, allow_blank=True, trim_whitespace=False, help_text="The report's text."
    )
    file = serializers.FileField(
        required=False, help_text="A .txt, .md, .html or .htm file (multipart only)."
    )
    source_url = TextField(
        required=False, allow_blank=True, max_length=2000, help_text="http:// or https:// address."
    )
    source_name = TextField(
        required=False, allow_blank=True, max_length=200, help_text="The outlet, e.g. Reuters."
    )
    published = TextField(
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Publication date, YYYY-MM-DD, from 1900 to today.",
    )

    def validate(self, attrs):
        has_text = bool(attrs.get("text"))
        has_file = attrs.get("file") is not None
        if has_text and has_file:
            raise serializers.ValidationError(
                {"text": ["Send the article's text in `text` or a file in `file`, not both."]}
            )
        if not (has_text or has_file):
            raise serializers.ValidationError(
                {"text": ["Send the article's text in `text`, or upload a file as `file`."]}
            )
        return attrs


class _ArticleFieldsSerializer(serializers.Serializer):
    """Schema only: the optional fields of both upload forms."""

    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    source_url = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="http:// or https:// address."
    )
    source_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    published = serializers.DateField(
        required=False, allow_null=True, help_text="YYYY-MM-DD, from 1900 to today."
    )


class ArticleTextUploadSerializer(_ArticleFieldsSerializer):
    """Schema only: the JSON upload."""

    text = serializers.CharField(help_text="The report's text.")


class ArticleFileUploadSerializer(_ArticleFieldsSerializer):
    """Schema only: the multipart upload."""

    file = serializers.FileField(help_text="A .txt, .md, .html or .htm file.")


class _FactActor(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    country = serializers.CharField()
    url = serializers.URLField()
    mention_count = serializers.IntegerField()


class _FactPlace(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    country = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    url = serializers.URLField()
    mention_count = serializers.IntegerField()


_FACT_MEETING = inline_serializer(
    "ArticleMeeting",
    fields={
        "id": serializers.IntegerField(),
        "url": serializers.URLField(),
        "kind": serializers.CharField(),
        "date": serializers.DateField(allow_null=True),
        "place": serializers.CharField(allow_null=True, help_text="Place slug."),
        "participants": serializers.ListField(
            child=serializers.CharField(), help_text="Actor slugs."
        ),
        "sentences": serializers.ListField(child=serializers.CharField()),
    },
)


class ArticleDetailSerializer(ArticleSerializer):
    """The article and its extracted facts, from the prefetched `mention_list` and
    `meeting_source_list`."""

    actors = serializers.SerializerMethodField()
    places = serializers.SerializerMethodField()
    meetings = serializers.SerializerMethodField()

    class Meta(ArticleSerializer.Meta):
        fields = [
            name
            for name in ArticleSerializer.Meta.fields
            if name not in ("mention_count", "meeting_count")
        ] + ["text", "extractor_version", "actors", "places", "meetings"]

    def _url(self, name: str, arg) -> str:
        return reverse(name, args=[arg], request=self.context.get("request"))

    @staticmethod
    def _tally(mentions, target: str, row) -> list[dict]:
        """One row per actor or place the mentions name, with how often they name it."""
        rows: dict[int, dict] = {}
        for mention in mentions:
            if getattr(mention, f"{target}_id") is None:
                continue
            entity = getattr(mention, target)
            entry = rows.setdefault(entity.pk, {**row(entity), "mention_count": 0})
            entry["mention_count"] += 1
        return list(rows.values())

    @extend_schema_field(_FactActor(many=True))
    def get_actors(self, article: Article) -> list[dict]:
        return self._tally(
            article.mention_list,
            "actor",
            lambda actor: {
                "slug": actor.slug,
                "name": actor.name,
                "kind": actor.kind,
                "country": actor.country,
                "url": self._url("api-actor-detail", actor.slug),
            },
        )

    @extend_schema_field(_FactPlace(many=True))
    def get_places(self, article: Article) -> list[dict]:
        return self._tally(
            article.mention_list,
            "place",
            lambda place: {
                "slug": place.slug,
                "name": place.name,
                "kind": place.kind,
                "country": place.country_code,
                "latitude": place.latitude,
                "longitude": place.longitude,
                "url": self._url("api-place-detail", place.slug),
            },
        )

    @extend_schema_field(serializers.ListField(child=_FACT_MEETING))
    def get_meetings(self, article: Article) -> list[dict]:
        meetings: dict[int, dict] = {}
        for source in article.meeting_source_list:
            meeting = source.meeting
            row = meetings.setdefault(
                meeting.pk,
                {
                    "id": meeting.pk,
                    "url": self._url("api-meeting-detail", meeting.pk),
                    "kind": meeting.kind,
                    "date": meeting.date.isoformat() if meeting.date else None,
                    "place": meeting.place.slug if meeting.place_id else None,
                    "participants": [p.actor.slug for p in meeting.participant_list],
                    "sentences": [],
                },
            )
            row["sentences"].append(source.sentence)
        return list(meetings.values())
