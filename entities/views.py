"""The analyst dashboard: pages that parse their input, call one selector each, and render.

Every page issues a fixed number of queries whatever the number of rows (see entities/tests/test_views.py).
"""

import datetime as dt

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_date

from articles.selectors import article_pipeline_health, article_search_list
from entities import selectors, workbench
from entities.filters import EventFilter
from entities.models import Actor, Place
from entities.periods import latest_month, period_parse

PAGE_SIZE = 25


def _page(
    request: HttpRequest,
    queryset,
    *,
    param: str = "page",
    size: int = PAGE_SIZE,
    count: int | None = None,
) -> Page:
    """The requested page; a page number out of range or not a number gives the nearest page.
    `count`, when the caller knows it (a stored counter), spares the COUNT query."""
    paginator = Paginator(queryset, size)
    if count is not None:
        paginator.count = count  # a cached_property: the known value replaces the query
    return paginator.get_page(request.GET.get(param))


def _choice(value: str, choices: list[str]) -> str:
    return value if value in choices else ""


def _date(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD date from the query string; anything else is ignored."""
    try:
        return parse_date(value or "")
    except ValueError:
        return None


def _country(value: str | None) -> str:
    value = (value or "").strip().upper()
    return value if len(value) == 2 and value.isalpha() else ""


def home(request: HttpRequest) -> HttpResponse:
    latest = latest_month(selectors.report_newest_date())
    window = period_parse(params=request.GET, default=latest)
    health = article_pipeline_health()
    context = {
        "counts": selectors.home_counts(),
        "status_counts": health.status_counts,
        "health": health,
        "window": window,
        "period": window,
        "active_actors": selectors.active_actor_list(window=window),
        "active_places": selectors.active_place_list(window=window),
        "latest_meetings": list(
            selectors.meeting_rows().filter(selectors.in_period("date", window))[:8]
        ),
        "map_points": selectors.map_place_list(window=window),
        "event_points": selectors.event_map_points(window=window),
        "towns_in_play": selectors.towns_in_play(window=window),
        "recent_articles": list(article_search_list()[:6]),
    }
    return render(request, "entities/home.html", context)


def actor_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    kind = _choice(request.GET.get("kind", ""), Actor.Kind.values)
    country = _country(request.GET.get("country"))
    sort = _choice(request.GET.get("sort", ""), ["mentions", "last_seen", "name"]) or "mentions"
    page = selectors.actor_search_page(
        q=q, kind=kind, country=country, sort=sort, page=request.GET.get("page")
    )
    context = {
        "page": page,
        "q": q,
        "kind": kind,
        "country": country,
        "sort": sort,
        "kinds": Actor.Kind.choices,
        "countries": selectors.actor_country_list(),
    }
    return render(request, "entities/actor_list.html", context)


def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    period = period_parse(params=request.GET)
    detail = selectors.actor_detail_get(slug=slug, period=period)
    sentences = _page(
        request,
        selectors.actor_sentence_list(actor=detail.actor, period=period),
        size=10,
        count=detail.article_count,
    )
    return render(
        request,
        "entities/actor_detail.html",
        {
            "detail": detail,
            "actor": detail.actor,
            "sentences": sentences,
            "period": period,
            "corrections": list(workbench.correction_list(actor=detail.actor)),
            "analyst": workbench.is_analyst(request.user),
            "events": selectors.actor_event_sections(actor=detail.actor),
            "following": detail.actor.pk in selectors.followed_ids(user=request.user)[0],
        },
    )


def place_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    kind = _choice(request.GET.get("kind", ""), Place.Kind.values)
    country = _country(request.GET.get("country"))
    page = selectors.place_search_page(
        q=q, kind=kind, country=country, page=request.GET.get("page")
    )
    context = {
        "page": page,
        "q": q,
        "kind": kind,
        "country": country,
        "kinds": Place.Kind.choices,
        "countries": selectors.place_country_list(),
    }
    return render(request, "entities/place_list.html", context)


def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    period = period_parse(params=request.GET)
    detail = selectors.place_detail_get(slug=slug, period=period)
    sentences = _page(
        request,
        selectors.place_sentence_list(place=detail.place, period=period),
        size=10,
        count=detail.article_count,
    )
    return render(
        request,
        "entities/place_detail.html",
        {
            "detail": detail,
            "place": detail.place,
            "sentences": sentences,
            "period": period,
            "corrections": list(workbench.correction_list(place=detail.place)),
            "events": selectors.place_event_section(place=detail.place),
            "control": selectors.place_control_timeline(place=detail.place),
            "following": detail.place.pk in selectors.followed_ids(user=request.user)[1],
        },
    )


def meeting_list(request: HttpRequest) -> HttpResponse:
    actor = selectors.actor_by_slug(slug=request.GET.get("actor", ""))
    place = selectors.place_by_slug(slug=request.GET.get("place", ""))
    country = _country(request.GET.get("country"))
    date_from = _date(request.GET.get("from"))
    date_to = _date(request.GET.get("to"))
    meetings = selectors.meeting_filter_list(
        actor=actor, place=place, country=country, date_from=date_from, date_to=date_to
    )
    context = {
        "page": _page(request, meetings),
        "actor": actor,
        "place": place,
        "country": country,
        "date_from": date_from,
        "date_to": date_to,
        "countries": selectors.meeting_country_list(),
        "filtered": any([actor, place, country, date_from, date_to]),
    }
    return render(request, "entities/meeting_list.html", context)


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail_get(pk=pk)
    context = {"meeting": meeting, "map_points": selectors.meeting_map_points(meeting=meeting)}
    return render(request, "entities/meeting_detail.html", context)


def network(request: HttpRequest) -> HttpResponse:
    country = _country(request.GET.get("country"))
    period = period_parse(params=request.GET)
    graph = selectors.network_graph(date_from=period.start, date_to=period.end, country=country)
    context = {
        "graph": graph,
        "elements": {"nodes": graph["nodes"], "edges": graph["edges"]},
        "country": country,
        "period": period,
        "countries": selectors.meeting_country_list(),
    }
    return render(request, "entities/network.html", context)


def event_list(request: HttpRequest) -> HttpResponse:
    # An empty field of the form means "any", not a bad value.
    data = {key: value.strip() for key, value in request.GET.items() if value.strip()}
    data.pop("page", None)
    filterset = EventFilter(data, queryset=selectors.event_rows())
    events = filterset.qs if filterset.is_valid() else selectors.event_rows().none()
    context = {
        "page": _page(request, events),
        "filters": data,
        "errors": filterset.errors,
        "types": selectors.event_type_list(),
        "governorates": [(name, name) for name in selectors.event_governorate_list()],
        "filtered": bool(data),
    }
    return render(request, "entities/event_list.html", context)


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_detail_get(pk=pk)
    points = selectors.event_map_points_for(event=event)
    return render(request, "entities/event_detail.html", {"event": event, "map_points": points})
