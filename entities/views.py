"""The analyst dashboard: pages that parse their input, call one selector each, and render.

Every page issues a fixed number of queries whatever the number of rows (see entities/tests/test_views.py).
"""

from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.selectors import article_pipeline_health, article_search_list
from conflict_tracker.paging import BoundedPaginator
from entities import selectors, workbench
from entities.filters import ActorFilter, EventFilter, MeetingFilter, PlaceFilter, page_filter
from entities.models import Actor, Meeting, Place
from entities.periods import latest_month, period_parse

PAGE_SIZE = 25


def _page(
    request: HttpRequest,
    queryset,
    *,
    param: str = "page",
    size: int = PAGE_SIZE,
    count: int | None = None,
    paginator_class: type[Paginator] = Paginator,
) -> Page:
    """The requested page; a page number out of range or not a number gives the nearest page.
    `count`, when the caller knows it (a stored counter), spares the COUNT query."""
    paginator = paginator_class(queryset, size)
    if count is not None:
        paginator.count = count  # a cached_property: the known value replaces the query
    return paginator.get_page(request.GET.get(param))


def _choice(value: str, choices: list[str]) -> str:
    return value if value in choices else ""


def _country(value: str | None) -> str:
    value = (value or "").strip().upper()
    return value if len(value) == 2 and value.isalpha() else ""


def home(request: HttpRequest) -> HttpResponse:
    latest = latest_month(selectors.report_newest_date())
    window = period_parse(params=request.GET, default=latest)
    health = article_pipeline_health()
    context = {
        "counts": selectors.home_counts(articles=sum(health.status_counts.values())),
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
    filterset, actors = page_filter(ActorFilter, request.GET, Actor.objects.all())
    sort = _choice(request.GET.get("sort", ""), ["mentions", "last_seen", "name"]) or "mentions"
    page = selectors.actor_search_page(actors=actors, sort=sort, page=request.GET.get("page"))
    values = filterset.data
    context = {
        "page": page,
        "q": values.get("q") or values.get("search", ""),
        "kind": values.get("kind", ""),
        "country": values.get("country", ""),
        "active_after": values.get("active_after", ""),
        "active_before": values.get("active_before", ""),
        "errors": filterset.errors,
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
            "actor_kinds": Actor.Kind.choices,
            "events": selectors.actor_event_sections(actor=detail.actor),
            "following": detail.actor.pk in selectors.followed_ids(user=request.user)[0],
            "map_points": selectors.place_map_points(
                places=detail.places, count_attr="articles_together"
            ),
        },
    )


def place_list(request: HttpRequest) -> HttpResponse:
    filterset, places = page_filter(PlaceFilter, request.GET, Place.objects.all())
    page = selectors.place_search_page(places=places, page=request.GET.get("page"))
    values = filterset.data
    context = {
        "page": page,
        "q": values.get("q") or values.get("search", ""),
        "kind": values.get("kind", ""),
        "country": values.get("country", ""),
        "errors": filterset.errors,
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
            "analyst": workbench.is_analyst(request.user),
            "events": selectors.place_event_section(place=detail.place),
            "control": selectors.place_control_timeline(place=detail.place),
            "following": detail.place.pk in selectors.followed_ids(user=request.user)[1],
        },
    )


# The meetings page's parameters, by the MeetingFilter field (the API's) each one sets. The page
# keeps the names its links have always used: ?actor=, ?from=, ?to=.
MEETING_PARAMS = {
    "actor": "participant",
    "place": "place",
    "country": "country",
    "kind": "kind",
    "from": "date_after",
    "to": "date_before",
}


def meeting_filter(request: HttpRequest, *, queryset) -> tuple[MeetingFilter, QuerySet]:
    """The meetings page's filters read by the API's FilterSet (page_filter): the FilterSet, and
    the meetings, none when a filter could not be read."""
    params = {field: request.GET.get(param, "") for param, field in MEETING_PARAMS.items()}
    return page_filter(MeetingFilter, params, queryset)


def meeting_filter_problems(filterset: MeetingFilter) -> list[str]:
    """Each filter that could not be used, under the page's name for it, with why."""
    names = {field: param for param, field in MEETING_PARAMS.items()}
    return [
        f"{names.get(field, field)}: {' '.join(messages)}"
        for field, messages in filterset.errors.items()
    ]


def meeting_list(request: HttpRequest) -> HttpResponse:
    filterset, meetings = meeting_filter(request, queryset=selectors.meeting_rows_with_evidence())
    valid = not filterset.errors
    cleaned = filterset.form.cleaned_data if valid else {}
    problems = [] if valid else meeting_filter_problems(filterset)
    actor_slug = request.GET.get("actor", "").strip()
    place_slug = request.GET.get("place", "").strip()
    actor = selectors.actor_by_slug(slug=actor_slug)
    place = selectors.place_by_slug(slug=place_slug)
    if actor_slug and actor is None:
        problems.append(f"actor: no actor has the address “{actor_slug}”.")
    if place_slug and place is None:
        problems.append(f"place: no place has the address “{place_slug}”.")
    context = {
        "page": _page(request, meetings),
        "actor": actor,
        "place": place,
        "country": cleaned.get("country") or "",
        "kind": cleaned.get("kind") or "",
        "kinds": Meeting.Kind.choices,
        "date_from": cleaned.get("date_after"),
        "date_to": cleaned.get("date_before"),
        "problems": problems,
        "countries": selectors.meeting_country_list(),
        "filtered": bool(filterset.data),
    }
    return render(request, "entities/meeting_list.html", context)


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail_get(pk=pk)
    context = {
        "meeting": meeting,
        "map_points": selectors.meeting_map_points(meeting=meeting),
        "corrections": list(workbench.correction_list(meeting=meeting)),
        "analyst": workbench.is_analyst(request.user),
    }
    return render(request, "entities/meeting_detail.html", context)


def network(request: HttpRequest) -> HttpResponse:
    """Who met whom; `?actor=<slug>&depth=1|2` focuses on one actor's neighbourhood."""
    country = _country(request.GET.get("country"))
    period = period_parse(params=request.GET)
    slug = request.GET.get("actor", "").strip()
    focus = selectors.actor_by_slug(slug=slug)
    depth_param = request.GET.get("depth", "").strip()
    depth = int(depth_param) if depth_param in {"1", "2"} else 1
    problems = []
    if slug and focus is None:
        problems.append(f"No actor has the address “{slug}”: showing everyone who met.")
    if depth_param and depth_param not in {"1", "2"}:
        problems.append(f"Depth “{depth_param}” is not 1 or 2: showing depth 1.")
    graph = selectors.network_graph(
        date_from=period.start, date_to=period.end, country=country, focus=focus, depth=depth
    )
    context = {
        "graph": graph,
        "elements": {"nodes": graph["nodes"], "edges": graph["edges"]},
        "country": country,
        "period": period,
        "focus": focus,
        "depth": depth,
        "depths": [("2", "Two meetings away")],
        "problems": problems,
        "actor_choices": sorted(
            ((n["data"]["slug"], n["data"]["label"]) for n in graph["nodes"]),
            key=lambda choice: choice[1].lower(),
        ),
        "countries": selectors.meeting_country_list(),
    }
    return render(request, "entities/network.html", context)


def event_list(request: HttpRequest) -> HttpResponse:
    filterset, events = page_filter(EventFilter, request.GET, selectors.event_rows())
    data = {key: value for key, value in filterset.data.items() if key in filterset.filters}
    context = {
        # The API's CSV and GeoJSON take the same filters: the downloads hold what the page shows.
        "export_query": urlencode(data),
        "page": _page(request, events, paginator_class=BoundedPaginator),
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
