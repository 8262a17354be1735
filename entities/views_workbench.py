"""The analyst's workbench pages: exports of the lists (and, below, the duplicates queue).

Exports parse the query string exactly as the list page does and read with the page's own
selector, so a download holds what the page shows, filters and order included, every page of it.
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, StreamingHttpResponse

from entities import exports, selectors
from entities.models import Actor, Place
from entities.views import _choice, _country, _date


def _actors(request: HttpRequest):
    q = request.GET.get("q", "").strip()
    kind = _choice(request.GET.get("kind", ""), Actor.Kind.values)
    country = _country(request.GET.get("country"))
    sort = _choice(request.GET.get("sort", ""), ["mentions", "last_seen", "name"]) or "mentions"
    return exports.pages_all(
        lambda n: selectors.actor_search_page(
            q=q, kind=kind, country=country, sort=sort, page=n, per_page=exports.EXPORT_PAGE_SIZE
        )
    )


def _places(request: HttpRequest):
    q = request.GET.get("q", "").strip()
    kind = _choice(request.GET.get("kind", ""), Place.Kind.values)
    country = _country(request.GET.get("country"))
    return exports.pages_all(
        lambda n: selectors.place_search_page(
            q=q, kind=kind, country=country, page=n, per_page=exports.EXPORT_PAGE_SIZE
        )
    )


def _meetings(request: HttpRequest):
    meetings = selectors.meeting_filter_list(
        actor=selectors.actor_by_slug(slug=request.GET.get("actor", "")),
        place=selectors.place_by_slug(slug=request.GET.get("place", "")),
        country=_country(request.GET.get("country")),
        date_from=_date(request.GET.get("from")),
        date_to=_date(request.GET.get("to")),
    )
    paginator = Paginator(meetings, exports.EXPORT_PAGE_SIZE)
    return exports.pages_all(paginator.page)


def actor_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    absolute = request.build_absolute_uri
    rows = (exports.actor_row(actor, absolute=absolute) for actor in _actors(request))
    return exports.csv_response(filename="actors.csv", columns=exports.ACTOR_COLUMNS, rows=rows)


def place_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    absolute = request.build_absolute_uri
    rows = (exports.place_row(place, absolute=absolute) for place in _places(request))
    return exports.csv_response(filename="places.csv", columns=exports.PLACE_COLUMNS, rows=rows)


def place_export_geojson(request: HttpRequest) -> StreamingHttpResponse:
    absolute = request.build_absolute_uri
    features = (exports.place_feature(place, absolute=absolute) for place in _places(request))
    return exports.geojson_response(
        filename="places.geojson", features=(f for f in features if f is not None)
    )


def meeting_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    absolute = request.build_absolute_uri
    rows = (exports.meeting_row(meeting, absolute=absolute) for meeting in _meetings(request))
    return exports.csv_response(filename="meetings.csv", columns=exports.MEETING_COLUMNS, rows=rows)


def meeting_export_geojson(request: HttpRequest) -> StreamingHttpResponse:
    absolute = request.build_absolute_uri
    features = (
        exports.meeting_feature(meeting, absolute=absolute) for meeting in _meetings(request)
    )
    return exports.geojson_response(
        filename="meetings.geojson", features=(f for f in features if f is not None)
    )
