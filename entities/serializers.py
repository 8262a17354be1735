"""API representations of actors, places and meetings.

They read only what the selectors fetched: `alias_list`, `role_list`, `participant_list`,
`source_list` and the annotated counts.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from entities.models import Actor, Meeting, MeetingParticipant, MeetingSource, Mention, Place, Role


def _api_url(serializer: serializers.Serializer, name: str, *args) -> str:
    return reverse(name, args=args, request=serializer.context.get("request"))


class ActorRefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-actor-detail", lookup_field="slug")

    class Meta:
        model = Actor
        fields = ["slug", "name", "kind", "country", "url"]


class PlaceRefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-place-detail", lookup_field="slug")
    country = serializers.CharField(source="country_code")

    class Meta:
        model = Place
        fields = ["slug", "name", "kind", "country", "latitude", "longitude", "url"]


class RoleSerializer(serializers.ModelSerializer):
    organization = serializers.SerializerMethodField()

    class Meta:
        model = Role
        fields = ["title", "country", "organization", "first_attested", "last_attested"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_organization(self, role: Role) -> str | None:
        return role.organization.name if role.organization_id else None


class AliasesField(serializers.ListField):
    """The prefetched `alias_list` as a list of spellings."""

    child = serializers.CharField()

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "alias_list")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, aliases):
        return [alias.name for alias in aliases]


class ActorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-actor-detail", lookup_field="slug")
    aliases = AliasesField()
    mention_count = serializers.IntegerField(read_only=True)
    meeting_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Actor
        fields = [
            "id",
            "slug",
            "url",
            "name",
            "kind",
            "country",
            "aliases",
            "mention_count",
            "meeting_count",
        ]


class ActorDetailSerializer(ActorSerializer):
    roles = RoleSerializer(many=True, source="role_list", read_only=True)
    meetings_url = serializers.SerializerMethodField()
    mentions_url = serializers.SerializerMethodField()
    counterparts_url = serializers.SerializerMethodField()

    class Meta(ActorSerializer.Meta):
        fields = ActorSerializer.Meta.fields + [
            "description",
            "roles",
            "meetings_url",
            "mentions_url",
            "counterparts_url",
            "created_at",
            "updated_at",
        ]

    def get_meetings_url(self, actor: Actor) -> str:
        return _api_url(self, "api-actor-meetings", actor.slug)

    def get_mentions_url(self, actor: Actor) -> str:
        return _api_url(self, "api-actor-mentions", actor.slug)

    def get_counterparts_url(self, actor: Actor) -> str:
        return _api_url(self, "api-actor-counterparts", actor.slug)


class CounterpartSerializer(ActorRefSerializer):
    meetings_together = serializers.IntegerField(read_only=True)
    last_met = serializers.DateField(read_only=True, allow_null=True)

    class Meta(ActorRefSerializer.Meta):
        fields = ["id", *ActorRefSerializer.Meta.fields, "meetings_together", "last_met"]


class ArticleRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="article.id")
    title = serializers.CharField(source="article.title")
    published = serializers.DateField(source="article.published", allow_null=True)
    source_url = serializers.CharField(source="article.source_url")
    url = serializers.SerializerMethodField()

    def get_url(self, row) -> str:
        return _api_url(self, "api-article-detail", row.article_id)


class MentionSerializer(serializers.ModelSerializer):
    article = ArticleRefSerializer(source="*", read_only=True)
    role = serializers.SerializerMethodField()

    class Meta:
        model = Mention
        fields = ["id", "text", "start", "end", "sentence", "role", "article"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_role(self, mention: Mention) -> str | None:
        return mention.role.title if mention.role_id else None


class ParticipantSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="actor.slug")
    name = serializers.CharField(source="actor.name")
    kind = serializers.CharField(source="actor.kind")
    country = serializers.CharField(source="actor.country")
    url = serializers.SerializerMethodField()
    role = RoleSerializer(read_only=True, allow_null=True, help_text="The role held then.")

    class Meta:
        model = MeetingParticipant
        fields = ["slug", "name", "kind", "country", "url", "role"]

    def get_url(self, participant: MeetingParticipant) -> str:
        return _api_url(self, "api-actor-detail", participant.actor.slug)


class MeetingSourceSerializer(serializers.ModelSerializer):
    article = ArticleRefSerializer(source="*", read_only=True)

    class Meta:
        model = MeetingSource
        fields = ["sentence", "article"]


class MeetingSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-meeting-detail")
    place = PlaceRefSerializer(read_only=True, allow_null=True)
    participants = ParticipantSerializer(many=True, read_only=True, source="participant_list")
    source_count = serializers.IntegerField(
        read_only=True, help_text="Sentences reporting the meeting; listed on its detail."
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "url",
            "kind",
            "date",
            "date_precision",
            "place",
            "participants",
            "source_count",
        ]


class MeetingDetailSerializer(MeetingSerializer):
    sources = MeetingSourceSerializer(many=True, read_only=True, source="source_list")

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "sources"]


class PlaceSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api-place-detail", lookup_field="slug")
    country = serializers.CharField(source="country_code")
    parent = serializers.SerializerMethodField()
    aliases = AliasesField()
    mention_count = serializers.IntegerField(read_only=True)
    meeting_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Place
        fields = [
            "id",
            "slug",
            "url",
            "name",
            "kind",
            "country",
            "latitude",
            "longitude",
            "geonames_id",
            "parent",
            "aliases",
            "mention_count",
            "meeting_count",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_parent(self, place: Place) -> str | None:
        return place.parent.slug if place.parent_id else None


PLACE_FEATURE_PROPERTIES = {
    "type": "object",
    "required": ["name", "kind", "country", "slug", "url", "mention_count"],
    "properties": {
        "name": {"type": "string"},
        "kind": {"type": "string", "enum": list(Place.Kind.values)},
        "country": {"type": "string"},
        "slug": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "mention_count": {"type": "integer"},
        "meeting_count": {"type": "integer"},
    },
}


def place_feature(place: Place, *, request) -> dict:
    """An RFC 7946 Feature: a Point [longitude, latitude], or no geometry when unplaced."""
    has_point = place.latitude is not None and place.longitude is not None
    return {
        "type": "Feature",
        "id": place.slug,
        "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]}
        if has_point
        else None,
        "properties": {
            "name": place.name,
            "kind": place.kind,
            "country": place.country_code,
            "slug": place.slug,
            "url": reverse("api-place-detail", args=[place.slug], request=request),
            "mention_count": place.mention_count,
            "meeting_count": place.meeting_count,
        },
    }
