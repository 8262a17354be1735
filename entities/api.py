"""REST API of actors, places, meetings and events: read-only viewsets over the selectors."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings

from conflict_tracker.api_defaults import GeoJSONRenderer
from conflict_tracker.api_support import ApiViewMixin
from conflict_tracker.paging import bounded_count
from entities import selectors
from entities.acled import COLUMNS as ACLED_COLUMNS
from entities.acled import acled_record, acled_row
from entities.filters import BBOX_PATTERN, ActorFilter, EventFilter, MeetingFilter, PlaceFilter
from entities.models import Actor
from entities.serializers import (
    EVENT_FEATURE_PROPERTIES,
    PLACE_FEATURE_FIELDS,
    PLACE_FEATURE_PROPERTIES,
    ActorDetailSerializer,
    ActorSerializer,
    CounterpartSerializer,
    EventDetailSerializer,
    EventSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    MentionSerializer,
    PlaceSerializer,
    event_feature,
    place_feature,
    place_features,
)


def _check_page_parameters(view, request) -> None:
    """GeoJSON and CSV exports are not paginated, but a bad page or page size is still a 400."""
    view.paginator.get_page_size(request)
    page = request.query_params.get(view.paginator.page_query_param)
    if page is not None and not (page.isdigit() and int(page) >= 1):
        raise ValidationError({"page": ["Give a page number from 1, or leave it out."]})


# An export is built whole before it is sent; past this many rows it would outlast the request
# timeout (a year of events at a million reports is some 360,000), so it is refused with advice.
EXPORT_LIMIT = 50_000


def _check_export_size(queryset, *, what: str) -> None:
    """A 400 that says how to narrow an unpaginated export larger than EXPORT_LIMIT rows."""
    if bounded_count(queryset, EXPORT_LIMIT) > EXPORT_LIMIT:
        raise ValidationError(
            {
                "export": [
                    f"More than {EXPORT_LIMIT:,} {what} match, more than one export holds. "
                    "Narrow the filters (a shorter date range, a type or a governorate) and "
                    "export each part, or page through the list without `format`."
                ]
            }
        )


@extend_schema_view(
    list=extend_schema(
        summary="List actors", description="People, organizations and armed groups."
    ),
    retrieve=extend_schema(summary="An actor, with aliases, roles and counts"),
)
class ActorViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    filterset_class = ActorFilter
    # The counters are stored columns (entities.services.counters); mentions and last seen
    # have indexes for their descending order.
    ordering_fields = [
        "name",
        "kind",
        "country",
        "mention_count",
        "article_count",
        "meeting_count",
        "last_seen",
    ]
    # No default `ordering`: by name (Actor.Meta), or best match first with ?q=.

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.actor_detail_list()
        return selectors.actor_list()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ActorDetailSerializer
        return ActorSerializer

    def _actor(self) -> Actor:
        actor = selectors.actor_by_slug(slug=self.kwargs["slug"])
        if actor is None:
            raise NotFound(f"No actor with the slug {self.kwargs['slug']!r}.")
        return actor

    def _page(self, queryset, serializer_class):
        page = self.paginate_queryset(queryset)
        serializer = serializer_class(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    @extend_schema(
        summary="Meetings the actor took part in", responses=MeetingSerializer(many=True)
    )
    @action(detail=True, filter_backends=[])
    def meetings(self, request, slug=None):
        actor = self._actor()
        meetings = selectors.meeting_list().filter(participations__actor=actor)
        return self._page(meetings, MeetingSerializer)

    @extend_schema(summary="Sentences that name the actor", responses=MentionSerializer(many=True))
    @action(detail=True, filter_backends=[])
    def mentions(self, request, slug=None):
        return self._page(selectors.actor_mention_list(actor=self._actor()), MentionSerializer)

    @extend_schema(
        summary="Who the actor met, with how often",
        responses=CounterpartSerializer(many=True),
    )
    @action(detail=True, filter_backends=[])
    def counterparts(self, request, slug=None):
        counterparts = selectors.actor_counterpart_list(actor=self._actor())
        return self._page(counterparts, CounterpartSerializer)


@extend_schema_view(
    list=extend_schema(
        summary="List places",
        description="With `?format=geojson`: a GeoJSON FeatureCollection of every matching place "
        "that has coordinates (not paginated), for QGIS or Leaflet.",
        parameters=[
            OpenApiParameter(
                "bbox",
                str,
                description="Bounding box `min_lon,min_lat,max_lon,max_lat` in decimal degrees, "
                "e.g. `35.5,32.3,42.4,37.4`.",
                pattern=BBOX_PATTERN,
            )
        ],
    ),
    retrieve=extend_schema(summary="A place; `?format=geojson` gives a GeoJSON Feature"),
)
class PlaceViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilter
    ordering_fields = [
        "name",
        "kind",
        "country_code",
        "mention_count",
        "article_count",
        "meeting_count",
        "event_count",
        "last_seen",
    ]
    # No default `ordering`: by name (Place.Meta), or best match first with ?q=.
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, GeoJSONRenderer]
    geojson_properties_schema = PLACE_FEATURE_PROPERTIES

    def get_queryset(self):
        return selectors.place_list()

    def _geojson(self) -> bool:
        return getattr(self.request.accepted_renderer, "format", None) == GeoJSONRenderer.format

    def list(self, request, *args, **kwargs):
        if not self._geojson():
            return super().list(request, *args, **kwargs)
        _check_page_parameters(self, request)
        places = (
            self.filter_queryset(self.get_queryset())
            .filter(latitude__isnull=False, longitude__isnull=False)
            .prefetch_related(None)  # features carry no aliases: one query in all
            .values(*PLACE_FEATURE_FIELDS)
        )
        features = place_features(places, request=request)
        return Response({"type": "FeatureCollection", "features": features})

    def retrieve(self, request, *args, **kwargs):
        if not self._geojson():
            return super().retrieve(request, *args, **kwargs)
        return Response(place_feature(self.get_object(), request=request))


@extend_schema_view(
    list=extend_schema(summary="List meetings", description="With participants and sources."),
    retrieve=extend_schema(summary="A meeting, with participants, their roles then, and sources"),
)
class MeetingViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"\d+"
    filterset_class = MeetingFilter
    search_fields = ["participations__actor__name", "place__name"]
    ordering_fields = ["date", "id", "kind"]
    # No default `ordering`: the selector's (newest first, undated last) applies.

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.meeting_detail_list()
        return selectors.meeting_list()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return MeetingDetailSerializer
        return MeetingSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List events",
        description="Strikes, clashes, captures, withdrawals and the rest, with their sides and "
        "the range of reported deaths. With `?format=csv` (or at `/api/v1/events.csv`): every "
        "matching event (at most 50,000: a larger export is a 400 asking for narrower filters), "
        "not paginated, one row each in ACLED's columns (event_id_cnty, "
        "event_date, year, time_precision, disorder_type, event_type, sub_event_type, actor1, "
        "actor2, admin1, location, latitude, longitude, geo_precision, source, notes, "
        "fatalities). With `?format=geojson` (or at `/api/v1/events.geojson`): a "
        "FeatureCollection of every matching event that has coordinates, not paginated.",
    ),
    retrieve=extend_schema(
        summary="An event, with each report's sentences and toll",
        description="`?format=geojson` gives a GeoJSON Feature, `?format=csv` its ACLED row.",
    ),
)
class EventViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"\d+"
    filterset_class = EventFilter
    ordering_fields = ["date", "id", "type"]
    # No default `ordering`: the selector's (newest first, undated last) applies.
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, GeoJSONRenderer]
    geojson_properties_schema = EVENT_FEATURE_PROPERTIES
    csv_columns = ACLED_COLUMNS

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.event_export_rows()
        return selectors.event_rows()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return EventDetailSerializer
        return EventSerializer

    def _format(self) -> str | None:
        renderer = getattr(self.request, "accepted_renderer", None)
        return getattr(renderer, "format", None)

    def list(self, request, *args, **kwargs):
        export = self._format()
        if export not in ("csv", "geojson"):
            return super().list(request, *args, **kwargs)
        _check_page_parameters(self, request)
        events = self.filter_queryset(self.get_queryset())
        if export == "geojson":
            events = events.filter(place__latitude__isnull=False, place__longitude__isnull=False)
        _check_export_size(events, what="events")
        records = selectors.event_acled_records(events=events)
        if export == "csv":
            return Response([acled_row(record) for record in records])
        features = [event_feature(record, request=request) for record in records]
        return Response({"type": "FeatureCollection", "features": features})

    def retrieve(self, request, *args, **kwargs):
        export = self._format()
        if export == "csv":
            return Response([acled_row(acled_record(self.get_object()))])
        if export == "geojson":
            return Response(event_feature(acled_record(self.get_object()), request=request))
        return super().retrieve(request, *args, **kwargs)
