"""Events on the dashboard: the list and its filters, the event page, actor and place sections,
the control timeline, towns in play and the overview map."""

import datetime as dt
import functools

import pytest

from entities import selectors
from entities.models import Event
from entities.tests.factories import make_actor, make_article, make_event, make_place

pytestmark = pytest.mark.django_db

CAPTURE = "Rebel fighters took Kafr Zita from government troops on Monday."
RETREAT = "Rebel fighters pulled out of Kafr Zita on Friday as the army advanced."
RETAKE = "The army said it had taken back Kafr Zita, ending a week of fighting."
STRIKE = "Warplanes hit a bakery in Kafr Zita, killing seven people."
STRIKE_2 = "Activists said ten people died when jets bombed a bakery in Kafr Zita."


@pytest.fixture
def town(db):
    """A town with a capture, a withdrawal, a recapture and a strike told by two reports."""
    hama = make_place("Hama Governorate", kind="region", lat=35.2, lon=36.7)
    town = make_place("Kafr Zita", lat=35.37, lon=36.6, parent=hama)
    rebels = make_actor("Jaish al-Izza", kind="armed_group", country="SY")
    army = make_actor("Syrian Arab Army", kind="organization", country="SY")
    one = make_article(f"{CAPTURE} {RETREAT}", published=dt.date(2019, 5, 20))
    two = make_article(RETAKE, published=dt.date(2019, 5, 25))
    three = make_article(STRIKE, published=dt.date(2019, 5, 26))
    four = make_article(STRIKE_2, published=dt.date(2019, 5, 27))
    events = {
        "captured": make_event(
            "territory_captured",
            place=town,
            date=dt.date(2019, 5, 20),
            perpetrators=[rebels],
            targets=[army],
            sources=[(one, CAPTURE, {})],
            admin1="Hama",
        ),
        "withdrawal": make_event(
            "withdrawal",
            place=town,
            date=dt.date(2019, 5, 24),
            perpetrators=[rebels],
            sources=[(one, RETREAT, {})],
            admin1="Hama",
        ),
        "retaken": make_event(
            "territory_captured",
            place=town,
            date=dt.date(2019, 5, 25),
            perpetrators=[army],
            sources=[(two, RETAKE, {})],
            admin1="Hama",
        ),
        "strike": make_event(
            "airstrike",
            place=town,
            date=dt.date(2019, 5, 26),
            perpetrators=["Russia"],
            basis="accused",
            sources=[
                (three, STRIKE, {"killed": 7, "killed_civilians": 7}),
                (four, STRIKE_2, {"killed": 10, "wounded": 4}),
            ],
            admin1="Hama",
        ),
    }
    return {"town": town, "hama": hama, "rebels": rebels, "army": army, "events": events}


def test_control_timeline_says_who_took_and_who_left_in_date_order(town):
    control = selectors.place_control_timeline(place=town["hama"])  # a town inside it counts
    assert not control.earlier
    timeline = control.steps
    assert [(e.type, e.date.day) for e in timeline] == [
        ("territory_captured", 20),
        ("withdrawal", 24),
        ("territory_captured", 25),
    ]
    assert [[link.label for link in e.perpetrator_list] for e in timeline] == [
        ["Jaish al-Izza"],
        ["Jaish al-Izza"],
        ["Syrian Arab Army"],
    ]
    assert [e.source_list[0].article.published.day for e in timeline] == [20, 20, 25]


def test_a_long_control_timeline_keeps_the_latest_steps_in_date_order(town):
    make_event("withdrawal", place=town["town"], date=None, perpetrators=[town["army"]])
    control = selectors.place_control_timeline(place=town["town"], limit=2)
    assert control.earlier
    # The two newest dated steps, oldest first; the undated one would come after all of them.
    assert [(e.type, e.date) for e in control.steps] == [
        ("withdrawal", dt.date(2019, 5, 24)),
        ("territory_captured", dt.date(2019, 5, 25)),
    ]
    everything = selectors.place_control_timeline(place=town["town"])
    assert not everything.earlier
    assert [e.date for e in everything.steps][-2:] == [dt.date(2019, 5, 25), None]


def test_towns_in_play_rank_places_by_events_in_the_window(town):
    other = make_place("Al-Lataminah", lat=35.3, lon=36.6)
    make_event("shelling", place=other, date=dt.date(2019, 5, 21))
    make_event("shelling", place=other, date=dt.date(2018, 1, 1))  # outside the window
    window = selectors.ActivityWindow(
        start=dt.date(2019, 5, 1), end=dt.date(2019, 5, 31), historical=True
    )
    ranked = selectors.towns_in_play(window=window)
    assert [(p.name, p.window_events) for p in ranked] == [("Kafr Zita", 4), ("Al-Lataminah", 1)]


def test_event_page_shows_each_reports_toll_the_range_and_the_sentences(client, town):
    strike = town["events"]["strike"]
    response = client.get(f"/events/{strike.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    ranges = {name: (low, high) for name, _, low, high in response.context["event"].toll_ranges()}
    assert ranges == {"killed": (7, 10), "killed_civilians": (7, 7), "wounded": (4, 4)}
    assert "7–10 <span" in html and "reports disagree" in html
    assert STRIKE in html and STRIKE_2 in html
    for source in strike.sources.all():
        assert f'href="{source.article.get_absolute_url()}"' in html
    assert "Russia" in html and "accused" in html


def test_event_list_filters_by_type_perpetrator_place_governorate_and_dates(client, town):
    def listed(query: str) -> set[int]:
        response = client.get(f"/events/?{query}")
        assert response.status_code == 200
        return {event.pk for event in response.context["page"].object_list}

    events = town["events"]
    assert listed("") == {e.pk for e in events.values()}
    assert listed("type=territory_captured") == {events["captured"].pk, events["retaken"].pk}
    assert listed(f"perpetrator={town['army'].slug}") == {events["retaken"].pk}
    assert listed("perpetrator=russia") == {events["strike"].pk}  # a name-only side
    assert listed("perpetrator=Syrian+Arab+Army") == {events["retaken"].pk}
    assert listed(f"place={town['hama'].slug}") == {e.pk for e in events.values()}
    assert listed("place=kafr+zita&governorate=hama&date_after=2019-05-25") == {
        events["retaken"].pk,
        events["strike"].pk,
    }
    assert listed("date_before=2019-05-20&type=") == {events["captured"].pk}


def test_a_bad_filter_says_what_is_wrong_instead_of_failing(client, town):
    response = client.get("/events/?date_after=yesterday&type=bombardment")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters could not be used" in html
    assert "date_after" in html and "type" in html
    assert response.context["page"].paginator.count == 0


def test_place_page_shows_what_happened_and_who_held_it(client, town):
    html = client.get(f"/places/{town['town'].slug}/").content.decode()
    assert 'id="events"' in html and "What happened here" in html
    assert 'id="control"' in html
    timeline = html[html.index('id="control"') :]
    assert timeline.index("took") < timeline.index("left") < timeline.rindex("took")


def test_actor_page_lists_events_as_perpetrator_and_as_target(client, town):
    response = client.get(f"/actors/{town['army'].slug}/")
    sections = response.context["events"]
    assert [e.pk for e in sections["perpetrator"].events] == [town["events"]["retaken"].pk]
    assert [e.pk for e in sections["target"].events] == [town["events"]["captured"].pk]
    html = response.content.decode()
    assert "Events as perpetrator" in html and "Events as target" in html


def test_overview_shows_event_points_and_towns_in_play(client, town):
    response = client.get("/")
    html = response.content.decode()
    points = response.context["event_points"]
    assert len(points) == 4
    strike = next(p for p in points if p["type"] == "airstrike")
    assert (strike["killed"], strike["lat"], strike["url"]) == (
        10,
        35.37,
        f"/events/{town['events']['strike'].pk}/",
    )
    assert 'id="home-event-points" type="application/json"' in html
    assert [p.name for p in response.context["towns_in_play"]] == ["Kafr Zita"]
    assert 'href="/events/"' in html  # in the main navigation


def test_list_and_place_pages_take_fixed_queries_with_more_events(
    client, town, django_assert_max_num_queries
):
    for i in range(4):
        article = make_article(f"Shells fell on Kafr Zita, report {i}.")
        make_event(
            "shelling",
            place=town["town"],
            date=dt.date(2019, 6, 1 + i),
            perpetrators=[town["army"], f"Militia {i}"],
            sources=[(article, f"Shells fell on Kafr Zita, report {i}.", {"killed": i})],
        )
    assert Event.objects.count() >= 8
    with django_assert_max_num_queries(4):
        response = client.get("/events/")
    assert len(response.context["page"].object_list) == 8
    with django_assert_max_num_queries(3):
        client.get(f"/events/{town['events']['strike'].pk}/")


def test_event_list_exports_what_it_shows_through_the_api(client, town):
    import csv
    import io

    response = client.get("/events/?type=territory_captured&governorate=&date_before=")
    assert response.context["export_query"] == "type=territory_captured"
    html = response.content.decode()
    assert 'href="/api/v1/events.csv?type=territory_captured"' in html
    assert 'href="/api/v1/events.geojson?type=territory_captured"' in html
    download = client.get("/api/v1/events.csv?type=territory_captured")
    body = b"".join(download.streaming_content) if download.streaming else download.content
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    shown = response.context["page"].paginator.count
    assert len(rows) == shown == 2
    ids = {str(event.pk) for event in response.context["page"].object_list}
    assert {row["event_id_cnty"].removeprefix("SYR") for row in rows} == ids


def test_the_event_list_counts_up_to_its_limit_and_says_more_beyond(
    client, town, monkeypatch, django_assert_max_num_queries
):
    from entities.views import BoundedPaginator

    total = Event.objects.count()
    html = client.get("/events/").content.decode()
    assert f"{total} events" in html
    monkeypatch.setattr(BoundedPaginator, "limit", total - 1)
    with django_assert_max_num_queries(4):
        response = client.get("/events/")
    assert f"More than {total - 1} events" in response.content.decode()
    assert len(response.context["page"].object_list) == total  # the page itself is whole
    assert "1 event<" in client.get("/events/?type=airstrike").content.decode()


def test_event_counts_stop_at_their_limit_and_say_more_than(town, client):
    rebels, army, hama = town["rebels"], town["army"], town["hama"]
    sections = selectors.actor_event_sections(actor=rebels, count_limit=1)
    assert (sections["perpetrator"].count, sections["perpetrator"].capped) == (2, True)
    assert (sections["target"].count, sections["target"].capped) == (0, False)
    exact = selectors.actor_event_sections(actor=rebels)["perpetrator"]
    assert (exact.count, exact.capped) == (2, False)
    section = selectors.place_event_section(place=hama, count_limit=3)
    assert (section.count, section.capped, len(section.events)) == (4, True, 4)
    assert selectors.place_event_section(place=hama).count == 4
    army_page = client.get(army.get_absolute_url()).content.decode()
    assert "All 1 →" in army_page


def test_pages_say_more_than_when_the_count_stops(town, client, monkeypatch):
    actor_sections, place_section = selectors.actor_event_sections, selectors.place_event_section
    monkeypatch.setattr(
        selectors, "actor_event_sections", functools.partial(actor_sections, count_limit=1)
    )
    monkeypatch.setattr(
        selectors, "place_event_section", functools.partial(place_section, count_limit=1)
    )
    assert "More than 1 →" in client.get(town["rebels"].get_absolute_url()).content.decode()
    assert "More than 1</dd>" in client.get(town["hama"].get_absolute_url()).content.decode()


def test_places_inside_are_the_place_its_children_and_grandchildren(django_assert_num_queries):
    from entities.models import Place
    from entities.selectors import places_inside

    def make(name, parent=None):
        return Place.objects.create(
            name=name, key=f"test:{name}", slug=name.lower(), kind="city", parent=parent
        )

    country = make("Land")
    region = make("Shire", country)
    town = make("Burgh", region)
    other = make("Elsewhere")
    make("Hamlet", make("Far", other))
    with django_assert_num_queries(1):
        assert sorted(places_inside(country)) == sorted([country.pk, region.pk, town.pk])
        assert places_inside(country) is places_inside(country)  # read once per place object
    assert sorted(places_inside(region)) == sorted([region.pk, town.pk])
    assert places_inside(town) == [town.pk]
