"""API representations of actors, places, meetings and events.

They read only what the selectors fetched: `alias_list`, `role_list`, `participant_list`,
`source_list` and the annotated counts.
"""

from collections.abc import Iterable

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from conflict_tracker.links import SLUG, RowLinkField, address_maker, context_address
from entities.acled import AcledRecord, acled_row, acled_types
from entities.models import (
    Actor,
    Event,
    EventActor,
    EventSource,
    Meeting,
    MeetingParticipant,
    MeetingSource,
    Mention,
    Place,
    Role,
)


def _api_url(serializer: serializers.Serializer, name: str, key: str | int) -> str:
    return context_address(serializer.context, name, key)


class ActorRefSerializer(serializers.ModelSerializer):
    url = RowLinkField("api-actor-detail", lookup_field="slug")

    class Meta:
        model = Actor
        fields = ["slug", "name", "kind", "country", "url"]


class PlaceRefSerializer(serializers.ModelSerializer):
    url = RowLinkField("api-place-detail", lookup_field="slug")
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
    url = RowLinkField("api-actor-detail", lookup_field="slug")
    aliases = AliasesField()

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
            "article_count",
            "meeting_count",
            "last_seen",
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


# Mentions and meeting sources keep offsets; their querysets annotate the sentence (with_sentence).
_SENTENCE_HELP = "The sentence, as the article's text has it."


class MentionSerializer(serializers.ModelSerializer):
    article = ArticleRefSerializer(source="*", read_only=True)
    sentence = serializers.CharField(read_only=True, help_text=_SENTENCE_HELP)
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
    sentence = serializers.CharField(read_only=True, help_text=_SENTENCE_HELP)

    class Meta:
        model = MeetingSource
        fields = ["sentence", "article"]


class MeetingSerializer(serializers.ModelSerializer):
    url = RowLinkField("api-meeting-detail")
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
    url = RowLinkField("api-place-detail", lookup_field="slug")
    country = serializers.CharField(source="country_code")
    parent = serializers.SerializerMethodField()
    located_near = serializers.SerializerMethodField()
    aliases = AliasesField()

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
            "geo_precision",
            "located_near",
            "geonames_id",
            "parent",
            "aliases",
            "mention_count",
            "article_count",
            "meeting_count",
            "event_count",
            "last_seen",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_parent(self, place: Place) -> str | None:
        return place.parent.slug if place.parent_id else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_located_near(self, place: Place) -> str | None:
        """The slug of the place whose point an approximate place took."""
        return place.located_near.slug if place.located_near_id else None


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
        "geo_precision": {"type": "integer", "nullable": True, "enum": [1, 2, 3, None]},
    },
}


PLACE_FEATURE_FIELDS = (
    "slug",
    "name",
    "kind",
    "country_code",
    "latitude",
    "longitude",
    "geo_precision",
    "mention_count",
    "meeting_count",
)


def place_features(rows: Iterable[dict], *, request) -> list[dict]:
    """place_feature for many places read with `.values(*PLACE_FEATURE_FIELDS)`: plain dicts,
    no model instances and one reverse() for all (ten thousand features at a million reports)."""
    place_url = address_maker("api-place-detail", placeholder=SLUG, request=request)
    return [
        {
            "type": "Feature",
            "id": row["slug"],
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
            if row["latitude"] is not None and row["longitude"] is not None
            else None,
            "properties": {
                "name": row["name"],
                "kind": row["kind"],
                "country": row["country_code"],
                "slug": row["slug"],
                "url": place_url(row["slug"]),
                "mention_count": row["mention_count"],
                "meeting_count": row["meeting_count"],
                "geo_precision": row["geo_precision"],
            },
        }
        for row in rows
    ]


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
            "geo_precision": place.geo_precision,
        },
    }


class EventSideSerializer(serializers.Serializer):
    name = serializers.CharField(source="label", help_text="The actor's name, or as reported.")
    basis = serializers.ChoiceField(choices=EventActor.Basis.choices)
    actor = ActorRefSerializer(
        read_only=True, allow_null=True, help_text="The actor, when the report names one."
    )


class EventSerializer(serializers.ModelSerializer):
    url = RowLinkField("api-event-detail")
    event_id_cnty = serializers.CharField(read_only=True, help_text="ACLED-style id, e.g. SYR12.")
    event_type = serializers.SerializerMethodField(help_text="ACLED event type.")
    sub_event_type = serializers.SerializerMethodField(help_text="ACLED sub-event type.")
    place = PlaceRefSerializer(read_only=True, allow_null=True)
    perpetrators = EventSideSerializer(many=True, read_only=True, source="perpetrator_list")
    targets = EventSideSerializer(many=True, read_only=True, source="target_list")
    source_count = serializers.IntegerField(read_only=True, help_text="Reports of the event.")
    killed_min = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Lowest killed figure of the reports."
    )
    killed_max = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Highest killed figure of the reports."
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "event_id_cnty",
            "url",
            "type",
            "event_type",
            "sub_event_type",
            "date",
            "date_precision",
            "place",
            "geo_precision",
            "admin1",
            "perpetrators",
            "targets",
            "source_count",
            "killed_min",
            "killed_max",
        ]

    def get_event_type(self, event: Event) -> str:
        return acled_types(event)[0]

    def get_sub_event_type(self, event: Event) -> str:
        return acled_types(event)[1]


class EventSourceSerializer(serializers.ModelSerializer):
    article = ArticleRefSerializer(source="*", read_only=True)
    spans = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2),
        read_only=True,
        help_text="[start, end] of each reporting sentence in the article's text.",
    )

    class Meta:
        model = EventSource
        fields = [
            "sentence",
            "sentence_start",
            "sentence_end",
            "spans",
            "killed",
            "killed_civilians",
            "killed_children",
            "killed_women",
            "killed_combatants",
            "wounded",
            "article",
        ]


class EventDetailSerializer(EventSerializer):
    sources = EventSourceSerializer(many=True, read_only=True, source="source_list")

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "sources"]


EVENT_FEATURE_PROPERTIES = {
    "type": "object",
    "required": [
        "event_id_cnty",
        "type",
        "sub_event_type",
        "date",
        "location",
        "fatalities",
        "url",
    ],
    "properties": {
        "event_id_cnty": {"type": "string"},
        "type": {"type": "string", "enum": list(Event.Type.values)},
        "event_type": {"type": "string"},
        "sub_event_type": {"type": "string"},
        "date": {"type": "string", "format": "date", "nullable": True},
        "location": {"type": "string"},
        "admin1": {"type": "string"},
        "geo_precision": {"type": "integer", "nullable": True},
        "actor1": {"type": "string"},
        "actor2": {"type": "string"},
        "fatalities": {"type": "integer"},
        "source_count": {"type": "integer"},
        "url": {"type": "string", "format": "uri"},
    },
}


def event_feature(record: AcledRecord, *, request) -> dict:
    """An RFC 7946 Feature of an event at its place's point (no geometry when unplaced)."""
    row = acled_row(record)
    has_point = record.latitude is not None and record.longitude is not None
    return {
        "type": "Feature",
        "id": record.event_id_cnty,
        "geometry": {"type": "Point", "coordinates": [record.longitude, record.latitude]}
        if has_point
        else None,
        "properties": {
            "event_id_cnty": record.event_id_cnty,
            "type": record.type,
            "event_type": row["event_type"],
            "sub_event_type": row["sub_event_type"],
            "date": row["event_date"] or None,
            "location": record.location,
            "admin1": record.admin1,
            "geo_precision": record.geo_precision,
            "actor1": row["actor1"],
            "actor2": row["actor2"],
            "fatalities": record.fatalities,
            "source_count": record.source_count,
            "url": reverse("api-event-detail", args=[record.pk], request=request),
        },
    }
