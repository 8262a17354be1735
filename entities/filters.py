"""Query-string filters of the actor, place, meeting and event lists (django-filter)."""

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from conflict_tracker.api_defaults import StrictFilterSet
from entities import selectors
from entities.models import Actor, ActorAlias, Event, EventActor, Meeting, Place
from extraction.normalize import name_key

BBOX_HELP = (
    "Bounding box `min_lon,min_lat,max_lon,max_lat` in decimal degrees (WGS 84), "
    "e.g. `35.5,32.3,42.4,37.4` for Syria. min_lon > max_lon crosses the antimeridian."
)
_LON = r"-?(180(\.0+)?|(1[0-7]\d|\d{1,2})(\.\d+)?)"
_LAT = r"-?(90(\.0+)?|[1-8]?\d(\.\d+)?)"
# What the schema promises; the check in bbox_parse (min_lat not north of max_lat) is on top.
BBOX_PATTERN = f"^{_LON},{_LAT},{_LON},{_LAT}$"


def bbox_parse(raw: str) -> tuple[float, float, float, float]:
    """'min_lon,min_lat,max_lon,max_lat' to four floats, or ValidationError saying what is wrong."""
    parts = [part.strip() for part in raw.split(",")]
    if len(parts) != 4:
        raise forms.ValidationError(
            f"bbox needs four numbers min_lon,min_lat,max_lon,max_lat; got {len(parts)}. "
            "Example: 35.5,32.3,42.4,37.4.",
            code="bad_bbox",
        )
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in parts)
    except ValueError:
        raise forms.ValidationError(
            "bbox values must be decimal degrees, e.g. 35.5,32.3,42.4,37.4.",
            code="bad_bbox",
        ) from None
    for label, value, limit in (
        ("min_lon", min_lon, 180),
        ("max_lon", max_lon, 180),
        ("min_lat", min_lat, 90),
        ("max_lat", max_lat, 90),
    ):
        if not -limit <= value <= limit:  # also rejects nan
            raise forms.ValidationError(
                f"bbox {label} {value} is outside -{limit}..{limit}.", code="bad_bbox"
            )
    if min_lat > max_lat:
        raise forms.ValidationError(
            f"bbox min_lat {min_lat} is north of max_lat {max_lat}: give the southern edge first.",
            code="bad_bbox",
        )
    return min_lon, min_lat, max_lon, max_lat


class CountryCodeField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        code = value.strip()
        if len(code) != 2 or not code.isascii() or not code.isalpha():
            raise forms.ValidationError(
                f"{value!r} is not a country code: give two letters, ISO 3166-1 alpha-2, e.g. SY.",
                code="bad_country",
            )
        return code.upper()


@extend_schema_field({"type": "string", "pattern": "^[A-Za-z]{2}$"})
class CountryCodeFilter(filters.CharFilter):
    """Two letters in any case, compared exactly with the upper-case codes the database holds
    (an index can serve `= 'SY'`, not `UPPER(country) = UPPER('sy')`)."""

    field_class = CountryCodeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "exact")
        super().__init__(*args, **kwargs)


class BBoxField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        return bbox_parse(value) if value else None


class BBoxFilter(filters.CharFilter):
    field_class = BBoxField

    def filter(self, qs, value):
        if not value:
            return qs
        min_lon, min_lat, max_lon, max_lat = value
        inside = Q(latitude__gte=min_lat, latitude__lte=max_lat)
        if min_lon <= max_lon:
            inside &= Q(longitude__gte=min_lon, longitude__lte=max_lon)
        else:
            inside &= Q(longitude__gte=min_lon) | Q(longitude__lte=max_lon)
        return qs.filter(inside)


SEARCH_HELP = (
    "Name or alias, best match first: the exact name, then names starting with it, then the "
    "closest (on PostgreSQL, by trigram similarity). `search` is the same parameter."
)


class NameSearchFilterSet(StrictFilterSet):
    """`?q=` (and its older spelling `?search=`): a name search that orders by relevance."""

    q = filters.CharFilter(method="filter_search", help_text=SEARCH_HELP)
    search = filters.CharFilter(method="filter_search", help_text=SEARCH_HELP)

    def filter_search(self, queryset, name, value):
        if not value.strip():
            return queryset
        found = self.search_function(queryset, q=value)
        return found.order_by(*selectors.SEARCH_ORDER, "name", "pk")


class ActorFilter(NameSearchFilterSet):
    search_function = staticmethod(selectors.actor_search)
    kind = filters.ChoiceFilter(choices=Actor.Kind.choices)
    country = CountryCodeFilter(field_name="country", help_text="ISO 3166-1 alpha-2, e.g. RU.")
    name = filters.CharFilter(
        method="filter_name",
        help_text="Exact name or alias, compared case-, accent- and punctuation-insensitively.",
    )
    active_after = filters.DateFilter(
        method="filter_active", help_text="Mentioned in an article published on or after this."
    )
    active_before = filters.DateFilter(
        method="filter_active", help_text="Mentioned in an article published on or before this."
    )

    class Meta:
        model = Actor
        fields = ["q", "search", "kind", "country", "name", "active_after", "active_before"]

    def filter_name(self, queryset, name, value):
        key = name_key(value)
        if not key:
            return queryset.none()
        alias = ActorAlias.objects.filter(actor=OuterRef("pk"), key=key)
        return queryset.filter(Q(key=key) | Exists(alias))

    def filter_active(self, queryset, name, value):
        # Both dates are applied together, by filter_queryset below.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        after = self.form.cleaned_data.get("active_after")
        before = self.form.cleaned_data.get("active_before")
        # The monthly rollups answer, exact to the day (ActorQuerySet.active_between).
        return queryset.active_between(after, before)


class PlaceFilter(NameSearchFilterSet):
    search_function = staticmethod(selectors.place_search)
    kind = filters.ChoiceFilter(choices=Place.Kind.choices)
    country = CountryCodeFilter(field_name="country_code", help_text="ISO 3166-1 alpha-2, e.g. SY.")
    bbox = BBoxFilter(help_text=BBOX_HELP)

    class Meta:
        model = Place
        fields = ["q", "search", "kind", "country", "bbox"]


class MeetingFilter(StrictFilterSet):
    kind = filters.ChoiceFilter(choices=Meeting.Kind.choices)
    participant = filters.CharFilter(
        field_name="participations__actor__slug", help_text="Slug of an actor who took part."
    )
    place = filters.CharFilter(
        method="filter_place",
        help_text="Place slug: meetings held there or inside it (a country's or a "
        "governorate's towns).",
    )
    country = CountryCodeFilter(
        field_name="place__country_code",
        help_text="Country (ISO 3166-1 alpha-2) of the meeting's place.",
    )
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Meeting
        fields = ["kind", "participant", "place", "country", "date_after", "date_before"]

    def filter_place(self, queryset, name, value):
        named = Place.objects.filter(slug=value).values("pk")
        inside = Place.objects.filter(
            Q(pk__in=named) | Q(parent__in=named) | Q(parent__parent__in=named)
        )
        return queryset.filter(place__in=inside.values("pk"))


class EventFilter(StrictFilterSet):
    """Filters of the events page, the events API and its CSV and GeoJSON."""

    type = filters.ChoiceFilter(choices=Event.Type.choices, help_text="Event (sub-event) type.")
    perpetrator = filters.CharFilter(
        method="filter_perpetrator",
        help_text="Slug or name of the actor who did it, or a perpetrator's name as reported "
        "(e.g. Russia); names compare case- and punctuation-insensitively.",
    )
    place = filters.CharFilter(
        method="filter_place",
        help_text="Slug or name of a place: events there or inside it (a governorate's towns).",
    )
    governorate = filters.CharFilter(
        field_name="admin1", lookup_expr="iexact", help_text="Syrian governorate, e.g. Idlib."
    )
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Event
        fields = ["type", "perpetrator", "place", "governorate", "date_after", "date_before"]

    def filter_perpetrator(self, queryset, name, value):
        # Through the links' own indexes (actor; name_key), not a join from every event.
        links = EventActor.objects.filter(side=EventActor.Side.PERPETRATOR)
        key = name_key(value)
        actors = Actor.objects.filter(Q(slug=value) | Q(key=key) if key else Q(slug=value))
        by_actor = links.filter(actor__in=actors.values("pk")).values("event_id")
        by_name = links.filter(actor__isnull=True, name_key=key).values("event_id")
        return queryset.filter(
            Q(pk__in=by_actor) | Q(pk__in=by_name) if key else Q(pk__in=by_actor)
        )

    def filter_place(self, queryset, name, value):
        named = Place.objects.filter(Q(slug=value) | Q(name__iexact=value)).values("pk")
        inside = Place.objects.filter(
            Q(pk__in=named) | Q(parent__in=named) | Q(parent__parent__in=named)
        )
        return queryset.filter(place__in=inside.values("pk"))


def page_filter(filterset_class: type[StrictFilterSet], params, queryset: QuerySet) -> tuple:
    """A dashboard page's query string read by the API's FilterSet: a submitted form sends its
    empty fields, which mean "any" here; parameters that are not filters (page, sort) are left
    to the page. Returns the FilterSet (its `errors` for the page) and the rows: none when a
    value is invalid, so a page never shows unfiltered rows under a filter it could not read."""
    data = {key: value.strip() for key, value in params.items() if value.strip()}
    filterset = filterset_class(data, queryset=queryset)
    return filterset, filterset.qs if filterset.is_valid() else queryset.none()
