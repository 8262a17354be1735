"""REST API of actors, places and meetings: read-only viewsets over the selectors."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings

from conflict_tracker.api_defaults import GeoJSONRenderer
from conflict_tracker.api_support import ApiViewMixin
from entities import selectors
from entities.filters import BBOX_PATTERN, ActorFilter, MeetingFilter, PlaceFilter
from entities.models import Actor
from entities.serializers import (
    PLACE_FEATURE_PROPERTIES,
    ActorDetailSerializer,
    ActorSerializer,
    CounterpartSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    MentionSerializer,
    PlaceSerializer,
    place_feature,
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
    ordering_fields = ["name", "kind", "country", "mention_count", "meeting_count"]
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
    ordering_fields = ["name", "kind", "country_code", "mention_count", "meeting_count"]
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
        self._check_page_parameters(request)
        places = (
            self.filter_queryset(self.get_queryset())
            .filter(latitude__isnull=False, longitude__isnull=False)
            .prefetch_related(None)  # features carry no aliases: one query in all
        )
        features = [place_feature(place, request=request) for place in places]
        return Response({"type": "FeatureCollection", "features": features})

    def _check_page_parameters(self, request) -> None:
        """GeoJSON is not paginated, but a bad page or page size is still a 400."""
        self.paginator.get_page_size(request)
        page = request.query_params.get(self.paginator.page_query_param)
        if page is not None and not (page.isdigit() and int(page) >= 1):
            raise ValidationError({"page": ["Give a page number from 1, or leave it out."]})

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
