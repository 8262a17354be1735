"""Dashboard selectors: what they return, and that they fetch everything in fixed queries."""

import datetime as dt

from entities import selectors
from entities.filters import ActorFilter, PlaceFilter, page_filter
from entities.models import Actor, Meeting, Place
from entities.tests.factories import (
    build_world,
    make_actor,
    make_article,
    make_meeting,
    make_place,
    mention,
)


def test_activity_window_recent_data_ends_today(db):
    make_article("Fresh news.", published=dt.date(2026, 11, 20))
    window = selectors.activity_window_get(today=dt.date(2026, 11, 25))
    assert (window.start, window.end, window.historical) == (
        dt.date(2026, 10, 26),
        dt.date(2026, 11, 25),
        False,
    )


def test_activity_window_historical_data_ends_at_newest_article(db):
    make_article("Old news.", published=dt.date(2017, 4, 5))
    window = selectors.activity_window_get(today=dt.date(2026, 11, 25))
    assert (window.start, window.end, window.historical) == (
        dt.date(2017, 3, 6),
        dt.date(2017, 4, 5),
        True,
    )


def test_activity_window_with_no_articles(db):
    assert selectors.activity_window_get(today=dt.date(2026, 1, 31)).historical is False


def test_meeting_rows_fetch_participants_in_fixed_queries(world, django_assert_num_queries):
    with django_assert_num_queries(2):
        meetings = list(selectors.meeting_rows())
        names = [[p.actor.name for p in m.participant_list] for m in meetings]
        roles = [p.role.title for m in meetings for p in m.participant_list if p.role]
        places = [m.place.parent.name for m in meetings if m.place]
        counts = [m.source_count for m in meetings]
    assert len(meetings) == 6 and len(names) == 6
    assert roles == ["Defense Minister"] * 3
    assert set(places) == {"Aleppo Governorate"}
    assert sorted(counts) == [0, 0, 0, 1, 1, 1]
    # Without the prefetch every meeting costs a query for its participants.
    with django_assert_num_queries(1 + 6):
        for meeting in Meeting.objects.all():
            list(meeting.participations.all())


def test_meeting_rows_put_undated_meetings_last(world):
    dates = [m.date for m in selectors.meeting_rows()]
    assert dates[-1] is None
    assert dates[:-1] == sorted(dates[:-1], reverse=True)


def _actors(**params):
    """Actors as the actor list page and the API narrow them: through ActorFilter."""
    return page_filter(ActorFilter, params, Actor.objects.all())[1]


def _places(**params):
    return page_filter(PlaceFilter, params, Place.objects.all())[1]


def _names(page) -> list[str]:
    return [actor.name for actor in page.object_list]


def test_actor_search_page_matches_alias_keys_without_accents(world):
    # The exact alias first; PostgreSQL also lists close names (Çavuşoğlu0, 1) after it.
    assert _names(selectors.actor_search_page(actors=_actors(q="çavuşoğlu2")))[0] == "Mevlüt Guest2"
    assert _names(selectors.actor_search_page(actors=_actors(q="sdf"))) == [
        "Syrian Democratic Forces"
    ]
    assert _names(selectors.actor_search_page(actors=_actors(q="nobody at all"))) == []


def test_actor_search_page_sorts_and_annotates(world, django_assert_num_queries):
    with django_assert_num_queries(4):  # count and ids (ordered there), rows, aliases
        page = selectors.actor_search_page(
            actors=_actors(kind="person"), sort="last_seen", per_page=3
        )
    with django_assert_num_queries(0):  # aliases were prefetched
        aliases = [[alias.name for alias in a.alias_list] for a in page.object_list]
    assert _names(page) == ["Mevlüt Guest0", "Sergei Host0", "Mevlüt Guest1"]
    assert aliases == [["Çavuşoğlu0"], ["Host0"], ["Çavuşoğlu1"]]
    assert [a.last_seen for a in page.object_list] == [dt.date(2017, 4, 5)] * 2 + [
        dt.date(2017, 4, 4)
    ]
    assert page.paginator.num_pages == 2
    by_mentions = selectors.actor_search_page(sort="mentions", page=1)
    assert [(a.name, a.mention_count) for a in by_mentions.object_list][:2] == [
        ("Syrian Democratic Forces", 3),
        ("Sergei Host0", 2),
    ]
    with django_assert_num_queries(4):
        by_name = selectors.actor_search_page(sort="name")
    names = _names(by_name)
    assert names == sorted(names)


def test_place_search_page_counts_mentions_and_meetings(world):
    page = selectors.place_search_page(places=_places(kind="city"))
    counts = {p.name: (p.mention_count, p.meeting_count) for p in page.object_list}
    assert counts == {"Town0": (2, 3), "Town1": (2, 1), "Town2": (2, 1)}
    assert _names(selectors.place_search_page(places=_places(q="aleppo"))) == ["Aleppo Governorate"]
    assert _names(selectors.place_search_page(places=_places(q="town1")))[0] == "Town1"


def test_actor_detail_get_counts(world):
    detail = selectors.actor_detail_get(slug=world["actors"][0].slug)
    assert detail.meeting_count == 4
    assert len(detail.meetings) == 4
    assert detail.roles[0].recent_sources[0].article == world["articles"][0]
    counterpart = {c.name: c.meetings_together for c in detail.counterparts}
    assert counterpart == {
        "Mevlüt Guest0": 1,
        "Mevlüt Guest1": 1,
        "Mevlüt Guest2": 1,
        "Syrian Democratic Forces": 1,
    }
    ids = {n["data"]["id"] for n in detail.network["nodes"]}
    assert all(
        e["data"]["source"] in ids and e["data"]["target"] in ids for e in detail.network["edges"]
    )


def test_place_detail_get_hierarchy_stops_at_three_levels(world, django_assert_max_num_queries):
    top = world["syria"]
    world_place = Place.objects.create(kind="region", name="Middle East", key="x:me", slug="me")
    top.parent = world_place
    top.save()
    city = world["cities"][1]
    with django_assert_max_num_queries(10):
        detail = selectors.place_detail_get(slug=city.slug)
    assert [p.name for p in detail.hierarchy] == ["Middle East", "Syria", "Aleppo Governorate"]
    assert [p.name for p in detail.nearby] == ["Town0", "Town2"]


def test_network_graph_counts_meetings_per_pair(world, django_assert_num_queries):
    host, guest = world["actors"][0], world["actors"][1]
    make_meeting([host, guest], place=world["cities"][2], date=dt.date(2017, 2, 1))
    with django_assert_num_queries(2):
        graph = selectors.network_graph()
    weights = {(p["a"]["label"], p["b"]["label"]): p["weight"] for p in graph["pairs"]}
    assert weights[("Sergei Host0", "Mevlüt Guest0")] == 2
    assert len(graph["edges"]) == 6
    assert graph["nodes"][0]["data"]["label"] == "Sergei Host0"  # most meetings first
    dated = selectors.network_graph(date_from=dt.date(2017, 4, 1))
    assert len(dated["edges"]) == 3
    assert selectors.network_graph(country="TR")["edges"] == []


def _labels(graph) -> set[str]:
    return {node["data"]["label"] for node in graph["nodes"]}


def test_network_graph_focus_on_an_actor_to_depth_one_or_two(world, django_assert_num_queries):
    host0 = world["actors"][0]
    with django_assert_num_queries(2):
        near = selectors.network_graph(focus=host0, depth=1)
    assert _labels(near) == {
        "Sergei Host0",
        "Mevlüt Guest0",
        "Mevlüt Guest1",
        "Mevlüt Guest2",
        "Syrian Democratic Forces",
    }
    assert near["nodes"][0]["data"]["label"] == "Sergei Host0"
    assert near["nodes"][0]["data"]["center"] is True
    assert {node["data"]["ring"] for node in near["nodes"][1:]} == {1}
    assert len(near["edges"]) == 4
    assert near["kinds"] == [("person", "Person"), ("armed_group", "Armed group")]
    with django_assert_num_queries(2):
        far = selectors.network_graph(focus=host0, depth=2)
    assert _labels(far) == _labels(near) | {"Sergei Host1", "Sergei Host2"}
    rings = {node["data"]["label"]: node["data"]["ring"] for node in far["nodes"]}
    assert rings["Sergei Host1"] == rings["Sergei Host2"] == 2
    assert rings["Mevlüt Guest1"] == 1
    assert len(far["edges"]) == 6
    # The period narrows the neighbourhood too: in April host0 met only guest0.
    april = selectors.network_graph(focus=host0, depth=2, date_from=dt.date(2017, 4, 1))
    assert _labels(april) == {"Sergei Host0", "Mevlüt Guest0"}


def test_network_graph_focus_keeps_pairs_among_the_neighbours(db):
    world = build_world(1)  # a met b, and the armed group
    a, b = world["actors"]
    group = world["org"].name
    third = make_actor("Third Person")
    outsider = make_actor("Outsider")
    make_meeting([b, third], place=None, date=dt.date(2017, 1, 1))
    make_meeting([a, third], place=None, date=dt.date(2017, 1, 3))
    make_meeting([third, outsider], place=None, date=dt.date(2017, 1, 2))
    graph = selectors.network_graph(focus=a, depth=1)
    assert _labels(graph) == {a.name, b.name, "Third Person", group}
    pairs = {frozenset((p["a"]["label"], p["b"]["label"])) for p in graph["pairs"]}
    # b and the third person met each other, not only the focus: their line is drawn too.
    assert pairs == {
        frozenset((a.name, b.name)),
        frozenset((a.name, "Third Person")),
        frozenset((b.name, "Third Person")),
        frozenset((a.name, group)),
    }
    assert _labels(selectors.network_graph(focus=outsider)) == {"Outsider", "Third Person"}


def test_network_graph_counts_a_meeting_once_per_pair(db):
    world = build_world(1)
    a, b = world["actors"]
    third = Actor.objects.create(kind="person", name="Third", key="third", slug="third")
    make_meeting([a, b, third], place=None, date=dt.date(2017, 1, 1))
    graph = selectors.network_graph()
    weights = sorted(p["weight"] for p in graph["pairs"])
    assert weights == [1, 1, 1, 2]


def test_map_place_list_only_places_with_coordinates(world):
    Place.objects.filter(name="Town2").update(latitude=None, longitude=None)
    window = selectors.activity_window_get()
    names = {p["name"] for p in selectors.map_place_list(window=window)}
    assert names == {"Town0", "Town1"}
    all_time = selectors.map_place_list()
    assert [(p["name"], p["count"]) for p in all_time] == [("Town0", 2), ("Town1", 2)]


def test_map_place_list_leaves_countries_out(world):
    article = make_article("Syria and Syria again.")
    mention(article, "Syria", place=world["syria"])
    assert "Syria" not in {p["name"] for p in selectors.map_place_list()}
    assert len(selectors.map_place_list(limit=2)) == 2


def test_the_actors_named_with_a_place_count_articles_not_mentions(db):
    """Who is named with a place: by the articles naming both (an actor named twice in one
    report counts once), most first, then by name."""
    idlib = make_place("Idlib")
    actors = [make_actor(n) for n in ("Zaki Omar", "Adel Nour", "Basma Kadi")]
    texts = [
        "Zaki Omar spoke in Idlib. Zaki Omar spoke again. Adel Nour listened.",
        "Zaki Omar returned to Idlib.",
        "In Idlib, Adel Nour and Basma Kadi were seen.",
    ]
    for text in texts:
        article = make_article(text)
        mention(article, "Idlib", place=idlib)
        for actor in actors:
            for n in range(text.count(actor.name)):
                mention(article, actor.name, actor=actor, occurrence=n)
    detail = selectors.place_detail_get(slug=idlib.slug)
    together = [(a.name, a.articles_together) for a in detail.co_mentioned]
    assert together == [("Adel Nour", 2), ("Zaki Omar", 2), ("Basma Kadi", 1)]
