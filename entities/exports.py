"""Exports of the list pages: exactly the rows a page shows with its filters, every page of them.

Rows are read with the page's own selector, one large page at a time (so the order and the
filters cannot drift from what the analyst sees), and streamed: the response starts before the
last row is read, and memory holds one page of rows, never the whole list.

CSV cells go through `flatten_row`, the API's CSV helper (conflict_tracker.api_defaults), so
text a spreadsheet would run as a formula (= + - @) is written as text.
"""

import csv
import json
from collections.abc import Callable, Iterable, Iterator

from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse

from conflict_tracker.api_defaults import flatten_row
from entities.models import Actor, Meeting, Place

# Rows read per query while exporting. Large enough that an export of thousands of rows is a
# few dozen queries, small enough that a page of them is a few megabytes at most.
EXPORT_PAGE_SIZE = 500


def pages_all(fetch: Callable[[int], Page]) -> Iterator:
    """Every row of a paginated selector, page after page; `fetch(n)` returns page n."""
    page = fetch(1)
    yield from page.object_list
    for number in range(2, page.paginator.num_pages + 1):
        yield from fetch(number).object_list


def queryset_all(queryset: QuerySet, *, size: int | None = None) -> Iterator:
    """Every row of an ordered queryset, `size` at a time, keeping its annotations and prefetches.

    The ids are read first, in order, in one query; then each slice of ids is fetched by primary
    key. Paginating with OFFSET instead would make PostgreSQL compute the annotations of every
    row it skips, so each page would cost more than the one before.
    """
    size = size or EXPORT_PAGE_SIZE
    ids = list(queryset.values_list("pk", flat=True))
    for begin in range(0, len(ids), size):
        chunk = ids[begin : begin + size]
        rows = {row.pk: row for row in queryset.filter(pk__in=chunk)}
        yield from (rows[pk] for pk in chunk if pk in rows)


def absolute_for(request: HttpRequest) -> Callable[[str], str]:
    """Turns a path into a full address; the host is read and checked once, not once a row."""
    origin = request.build_absolute_uri("/").rstrip("/")
    return lambda path: origin + path


class _Line:
    """A file-like object whose write() returns the line, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def csv_response(
    *, filename: str, columns: list[str], rows: Iterable[dict]
) -> StreamingHttpResponse:
    """A streamed CSV download: a header of `columns`, then one line per row dict."""
    writer = csv.writer(_Line(), lineterminator="\r\n")

    def lines() -> Iterator[str]:
        yield writer.writerow(columns)
        for row in rows:
            cells = flatten_row(row)
            yield writer.writerow([cells.get(column, "") for column in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def geojson_response(*, filename: str, features: Iterable[dict]) -> StreamingHttpResponse:
    """A streamed GeoJSON FeatureCollection (RFC 7946: longitude first, WGS 84)."""

    def chunks() -> Iterator[str]:
        yield '{"type": "FeatureCollection", "features": ['
        for n, feature in enumerate(features):
            yield ("," if n else "") + "\n" + json.dumps(feature, ensure_ascii=False)
        yield "\n]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/geo+json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _point(*, longitude: float, latitude: float, properties: dict) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": properties,
    }


# --- Rows of each list ------------------------------------------------------------------------

ACTOR_COLUMNS = ["id", "name", "kind", "country", "other_names", "mentions", "last_seen", "url"]


def actor_row(actor: Actor, *, absolute: Callable[[str], str]) -> dict:
    """An actor as actor_search_page returns it (other_names, mention_count, last_seen)."""
    return {
        "id": actor.pk,
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "other_names": list(actor.other_names),
        "mentions": actor.mention_count,
        "last_seen": actor.last_seen.isoformat() if actor.last_seen else "",
        "url": absolute(actor.get_absolute_url()),
    }


PLACE_COLUMNS = [
    "id",
    "name",
    "kind",
    "country_code",
    "within",
    "latitude",
    "longitude",
    "mentions",
    "meetings",
    "url",
]


def place_row(place: Place, *, absolute: Callable[[str], str]) -> dict:
    """A place as place_search_page returns it (parent, mention_count, meeting_count)."""
    return {
        "id": place.pk,
        "name": place.name,
        "kind": place.kind,
        "country_code": place.country_code,
        "within": place.parent.name if place.parent else "",
        "latitude": place.latitude,
        "longitude": place.longitude,
        "mentions": place.mention_count,
        "meetings": place.meeting_count,
        "url": absolute(place.get_absolute_url()),
    }


def place_feature(place: Place, *, absolute: Callable[[str], str]) -> dict | None:
    if place.latitude is None or place.longitude is None:
        return None
    properties = place_row(place, absolute=absolute)
    del properties["latitude"], properties["longitude"]
    return _point(longitude=place.longitude, latitude=place.latitude, properties=properties)


MEETING_COLUMNS = [
    "id",
    "date",
    "date_precision",
    "kind",
    "participants",
    "place",
    "place_country",
    "latitude",
    "longitude",
    "sources",
    "url",
]


def _participant(participation) -> str:
    role = participation.role
    return f"{participation.actor.name} ({role.title})" if role else participation.actor.name


def meeting_row(meeting: Meeting, *, absolute: Callable[[str], str]) -> dict:
    """A meeting as meeting_rows returns it (place, participant_list, source_count)."""
    place = meeting.place
    return {
        "id": meeting.pk,
        "date": meeting.date.isoformat() if meeting.date else "",
        "date_precision": meeting.date_precision,
        "kind": meeting.kind,
        "participants": [_participant(p) for p in meeting.participant_list],
        "place": place.name if place else "",
        "place_country": place.country_code if place else "",
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "sources": meeting.source_count,
        "url": absolute(meeting.get_absolute_url()),
    }


def meeting_feature(meeting: Meeting, *, absolute: Callable[[str], str]) -> dict | None:
    place = meeting.place
    if place is None or place.latitude is None or place.longitude is None:
        return None
    properties = meeting_row(meeting, absolute=absolute)
    del properties["latitude"], properties["longitude"]
    return _point(longitude=place.longitude, latitude=place.latitude, properties=properties)


ARTICLE_COLUMNS = [
    "id",
    "title",
    "published",
    "source_name",
    "source_url",
    "status",
    "mentions",
    "meetings",
    "url",
]


def article_row(article, *, absolute: Callable[[str], str]) -> dict:
    """An article as article_search_list returns it (no text; mention_count, meeting_count)."""
    return {
        "id": article.pk,
        "title": article.title,
        "published": article.published.isoformat() if article.published else "",
        "source_name": article.source_name,
        "source_url": article.source_url,
        "status": article.status,
        "mentions": article.mention_count,
        "meetings": article.meeting_count,
        "url": absolute(article.get_absolute_url()),
    }
