"""Dashboard pages: what they show, and a fixed number of queries whatever the row count."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from entities.models import ActorAlias, Event, Meeting
from entities.tests.factories import build_world, make_actor, make_article, make_meeting, mention

# The most queries each page may issue. Pagination's COUNT is included.
PAGE_QUERIES = {
    # The overview also maps the period's events and ranks the towns in play; three small
    # queries ask whether its period is whole months, for the rollups (selectors.whole_months),
    # and the most active actors, places and towns in play take two each (selectors._most_active,
    # towns_in_play).
    "home": 24,
    # Count and page ids (ordered by the database), the page's rows, aliases, the country list.
    "actor_list": 5,
    "actor_search": 5,
    # Actor and place pages also list events (as perpetrator, as target; what happened here and
    # the control timeline) and the corrections analysts made. The sentences' count is the stored
    # counter, or the monthly rollups' sum for a period (no COUNT of the articles). Who met the
    # actor and the places named with it, and the actors named with a place, are counted by id,
    # then fetched by primary key: a query more each.
    "actor_detail": 18,
    "place_list": 4,
    # The ids of the place and of the places inside it are read once (selectors.places_inside).
    "place_detail_city": 16,
    "place_detail_country": 14,
    # Each row also quotes its first report (meeting_rows_with_evidence).
    "meeting_list": 5,
    "meeting_list_filtered": 6,
    # The meeting, its participants and sources, and the corrections analysts made of it.
    "meeting_detail": 4,
    "network": 3,
    # The focused actor, then the same three: the neighbourhood is a subquery of the pairs'.
    "network_focus": 4,
    "actor_detail_group": 19,
    "event_list": 4,
    "event_list_filtered": 4,
    "event_detail": 3,
}


def _urls(world) -> dict[str, str]:
    host = world["actors"][0]
    city = world["cities"][0]
    meeting = Meeting.objects.filter(place=city).order_by("pk").first()
    return {
        "home": "/",
        "actor_list": "/actors/",
        "actor_search": "/actors/?q=guest&kind=person&country=TR&sort=last_seen",
        "actor_detail": f"/actors/{host.slug}/",
        "place_list": "/places/?kind=city&country=SY",
        "place_detail_city": f"/places/{city.slug}/",
        "place_detail_country": f"/places/{world['syria'].slug}/",
        "meeting_list": "/meetings/",
        "meeting_list_filtered": f"/meetings/?actor={host.slug}&country=SY&from=2017-01-01&to=2017-12-31",
        "meeting_detail": f"/meetings/{meeting.pk}/",
        "network": "/network/?country=SY&start=2017-01-01",
        "network_focus": f"/network/?actor={host.slug}&depth=2&start=2017-01-01",
        "actor_detail_group": f"/actors/{world['org'].slug}/",
        "event_list": "/events/",
        "event_list_filtered": f"/events/?type=armed_clash&perpetrator={world['org'].slug}"
        f"&governorate=Aleppo&place={world['governorate'].slug}&date_after=2017-01-01"
        "&date_before=2017-12-31",
        "event_detail": f"/events/{Event.objects.order_by('pk').first().pk}/",
    }


def _queries(client, url: str) -> int:
    cache.clear()  # compare cold renders: the directories cache their activity counts
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", list(PAGE_QUERIES))
def test_page_queries_are_fixed(client, world, django_assert_max_num_queries, page):
    url = _urls(world)[page]
    with django_assert_max_num_queries(PAGE_QUERIES[page]):
        response = client.get(url)
    assert response.status_code == 200
    before = _queries(client, url)
    build_world(
        6, prefix="B"
    )  # twice the actors, meetings and mentions, and more on the same pages
    assert _queries(client, url) == before


def test_home_shows_counts_failures_window_and_map(client, world):
    response = client.get("/")
    html = response.content.decode()
    assert response.context["counts"] == {"actors": 7, "places": 5, "meetings": 6, "articles": 4}
    assert response.context["status_counts"]["failed"] == 1
    assert 'href="/articles/?status=failed"' in html
    # The reports are from 2017: the window ends at the newest article, and the page says so.
    assert response.context["window"].end == dt.date(2017, 4, 5)
    assert (
        "Showing <strong data-period-shown>2017-03-01 – 2017-04-05</strong>, the latest months of reports."
        in html
    )
    names = [actor.name for actor in response.context["active_actors"]]
    assert names[0] == "Syrian Democratic Forces"  # named in all three articles
    assert len(names) == 7
    points = response.context["map_points"]
    assert {p["name"] for p in points} == {"Town0", "Town1", "Town2"}
    assert 'id="home-map-points" type="application/json"' in html
    assert 'action="/actors/"' in html


def test_home_shows_articles_stuck_in_the_pipeline(client, world, settings):
    """Queued longer than the sweep waits, processing past the time limit, failed: each counted."""
    settings.ARTICLE_REQUEUE_AFTER_SECONDS, settings.CELERY_TASK_TIME_LIMIT = 300, 180
    now = timezone.now()
    queued_long = make_article("Waiting since the morning.", status=Article.Status.QUEUED)
    make_article("Just uploaded.", status=Article.Status.QUEUED)
    orphaned = make_article("Its worker died.", status=Article.Status.PROCESSING)
    make_article("Being read right now.", status=Article.Status.PROCESSING)
    Article.objects.filter(status=Article.Status.QUEUED).update(queued_at=now)
    Article.objects.filter(pk=queued_long.pk).update(queued_at=now - dt.timedelta(minutes=6))
    Article.objects.filter(pk=orphaned.pk).update(updated_at=now - dt.timedelta(minutes=4))

    response = client.get("/")
    health = response.context["health"]
    assert (health.queued_too_long, health.processing_too_long) == (1, 1)
    assert response.context["status_counts"] == {
        "queued": 2,
        "processing": 2,
        "done": 3,
        "failed": 1,
    }
    html = response.content.decode()
    assert "1 article queued for over 5 minutes" in html
    assert "1 article processing past the 3-minute time limit" in html
    assert "1 article failed to process" in html


def test_home_shows_no_stuck_warning_when_nothing_is_stuck(client, world):
    html = client.get("/").content.decode()
    assert 'id="stuck-queued"' not in html and 'id="stuck-processing"' not in html


def test_actor_search_is_accent_insensitive_over_aliases(client, world):
    response = client.get("/actors/", {"q": "CAVUSOGLU1"})
    assert [a.name for a in response.context["page"].object_list][0] == "Mevlüt Guest1"
    response = client.get("/actors/", {"q": "Mevlut"})
    assert len(response.context["page"].object_list) == 3


def test_actor_list_filters_and_sorts(client, world):
    response = client.get("/actors/", {"kind": "armed_group"})
    assert [a.name for a in response.context["page"].object_list] == ["Syrian Democratic Forces"]
    response = client.get("/actors/", {"country": "ru", "sort": "last_seen"})
    actors = list(response.context["page"].object_list)
    assert [a.name for a in actors] == ["Sergei Host0", "Sergei Host1", "Sergei Host2"]
    assert actors[0].last_seen == dt.date(2017, 4, 5)
    response = client.get("/actors/", {"sort": "mentions"})
    first = response.context["page"].object_list[0]
    assert first.name == "Syrian Democratic Forces" and first.mention_count == 3


@pytest.mark.parametrize(
    "url, shown",
    [
        (
            "/actors/?kind=armed_group&country=RU",
            [
                '<option value="armed_group" selected>',
                '<option value="RU" selected>Russia</option>',
            ],
        ),
        ("/places/?kind=country", ['<option value="country" selected>']),
        (
            "/meetings/?country=SY&from=2017-04-04&to=2017-04-05",
            [
                '<option value="SY" selected>Syria</option>',
                'name="from" value="2017-04-04"',
                'name="to" value="2017-04-05"',
            ],
        ),
        (
            "/network/?start=2017-04-04",
            ['<label for="f-country">Meetings held in</label>', 'name="start" value="2017-04-04"'],
        ),
    ],
)
def test_filter_forms_show_the_filters_applied(client, world, url, shown):
    html = client.get(url).content.decode()
    for fragment in shown:
        assert fragment in html
    assert '<option value="person" selected>' not in html  # one kind at most


def test_actor_list_paginates(client, db):
    for i in range(30):
        make_actor(f"Person {i:02d}")
    page_one = client.get("/actors/", {"sort": "name"})
    assert len(page_one.context["page"].object_list) == 25
    assert 'href="?sort=name&amp;page=2"' in page_one.content.decode()
    page_two = client.get("/actors/", {"sort": "name", "page": 2})
    assert [a.name for a in page_two.context["page"].object_list][-1] == "Person 29"
    assert client.get("/actors/", {"page": "nonsense"}).status_code == 200


def test_actor_detail_shows_roles_meetings_network_places_timeline(client, world):
    host = world["actors"][0]
    response = client.get(f"/actors/{host.slug}/")
    detail = response.context["detail"]
    html = response.content.decode()
    assert [alias.name for alias in detail.actor.alias_list] == ["Host0"]
    assert [(r.title, r.source_count) for r in detail.roles] == [("Defense Minister", 1)]
    assert detail.meeting_count == 4
    assert [c.name for c in detail.counterparts][0] == "Mevlüt Guest0"
    assert {c.name for c in detail.counterparts} == {
        "Mevlüt Guest0",
        "Mevlüt Guest1",
        "Mevlüt Guest2",
        "Syrian Democratic Forces",
    }
    assert len(detail.network["edges"]) == 4
    assert 'id="actor-network" type="application/json"' in html
    town0 = next(p for p in detail.places if p.name == "Town0")
    assert town0.articles_together == 1 and town0.meetings_attended == 3
    assert detail.timeline == [
        {
            "month": dt.date(2017, 4, 1),
            "count": 1,
            "percent": 100,
            "step": 100,
            "label": "Apr 2017: 1 article",
        }
    ]
    sentences = response.context["sentences"]
    assert sentences.paginator.count == 1  # one article, with its two sentences naming him
    found = sentences.object_list[0].found_mentions
    assert [m.text for m in found] == ["Sergei Host0", "Host0"]
    assert "<mark>Sergei Host0</mark>" in html
    assert "<mark>Host0</mark> spoke later." in html
    assert f'href="/articles/{world["articles"][0].pk}/#s-0"' in html


def test_actor_detail_maps_the_places_named_with_the_actor(client, world):
    host = world["actors"][0]
    response = client.get(f"/actors/{host.slug}/")
    points = response.context["map_points"]
    # Town0 is named with him; Syria (a country) is not drawn, whatever it is linked to.
    assert [(p["name"], p["count"], p["current"]) for p in points] == [("Town0", 1, False)]
    html = response.content.decode()
    assert 'data-map="actor-map-points"' in html
    assert 'id="actor-map-points" type="application/json"' in html
    assert "/static/vendor/world-atlas/countries-50m.json" in html


def test_actor_detail_404(client, db):
    assert client.get("/actors/nobody/").status_code == 404


def test_place_detail_city_hierarchy_meetings_actors_nearby(client, world):
    city = world["cities"][0]
    response = client.get(f"/places/{city.slug}/")
    detail = response.context["detail"]
    assert [p.name for p in detail.hierarchy] == ["Syria", "Aleppo Governorate"]
    assert detail.meeting_count == 3
    assert {a.name for a in detail.met_here} == {
        "Sergei Host0",
        "Mevlüt Guest0",
        "Mevlüt Guest1",
        "Mevlüt Guest2",
    }
    assert {a.name for a in detail.co_mentioned} == {
        "Sergei Host0",
        "Mevlüt Guest0",
        "Syrian Democratic Forces",
    }
    assert [p.name for p in detail.nearby] == ["Town1", "Town2"]
    assert detail.map_points[0]["current"] is True
    assert response.context["sentences"].paginator.count == 1


def test_place_detail_country_lists_affiliated_actors(client, world):
    response = client.get(f"/places/{world['syria'].slug}/")
    detail = response.context["detail"]
    assert [a.name for a in detail.affiliated] == ["Syrian Democratic Forces"]
    # Meetings in its towns count for the country.
    assert detail.meeting_count == 5
    assert "Affiliated actors" in response.content.decode()


def test_place_list_search_and_filters(client, world):
    response = client.get("/places/", {"q": "town1"})
    # Town1 first; PostgreSQL's trigram search lists the close names Town0 and Town2 after it.
    assert [p.name for p in response.context["page"].object_list][0] == "Town1"
    response = client.get("/places/", {"kind": "country"})
    assert [p.name for p in response.context["page"].object_list] == ["Syria"]
    response = client.get("/places/", {"country": "TR"})
    assert list(response.context["page"].object_list) == []


def test_meeting_list_filters(client, world):
    host, city = world["actors"][0], world["cities"][0]
    assert client.get("/meetings/").context["page"].paginator.count == 6
    by_actor = client.get("/meetings/", {"actor": host.slug})
    assert by_actor.context["page"].paginator.count == 4
    by_place = client.get("/meetings/", {"place": world["governorate"].slug})
    assert by_place.context["page"].paginator.count == 5
    by_date = client.get("/meetings/", {"from": "2017-04-04", "to": "2017-04-05"})
    assert [m.date for m in by_date.context["page"].object_list] == [
        dt.date(2017, 4, 5),
        dt.date(2017, 4, 4),
    ]
    in_city = client.get("/meetings/", {"place": city.slug, "actor": host.slug})
    html = in_city.content.decode()
    assert in_city.context["page"].paginator.count == 3
    assert "Remove filter Sergei Host0" in html
    assert client.get("/meetings/", {"from": "not-a-date", "actor": "nobody"}).status_code == 200


def test_meeting_detail_shows_participants_roles_and_sources(client, world):
    city = world["cities"][0]
    meeting = Meeting.objects.filter(place=city, date=dt.date(2017, 4, 5)).get()
    response = client.get(f"/meetings/{meeting.pk}/")
    html = response.content.decode()
    assert "Defense Minister" in html
    assert "Defense Minister Sergei Host0 met Mevlüt Guest0 in Town0 on Tuesday." in html
    assert f'href="/articles/{world["articles"][0].pk}/#s-0"' in html
    assert "5 Apr 2017" in html and "precision: day" in html
    assert client.get("/meetings/999999/").status_code == 404


def test_network_graph_page(client, world):
    response = client.get("/network/")
    graph = response.context["graph"]
    weights = {(pair["a"]["label"], pair["b"]["label"]): pair["weight"] for pair in graph["pairs"]}
    assert len(graph["edges"]) == 6
    assert set(weights.values()) == {1}
    assert 'id="network-elements" type="application/json"' in response.content.decode()
    in_turkey = client.get("/network/", {"country": "TR"})
    assert in_turkey.context["graph"]["edges"] == []
    assert "No meetings match these filters." in in_turkey.content.decode()


def test_network_page_focuses_on_an_actor(client, world):
    host = world["actors"][0]
    response = client.get("/network/", {"actor": host.slug, "depth": "2"})
    html = response.content.decode()
    assert response.context["focus"] == host
    assert response.context["depth"] == 2
    assert len(response.context["graph"]["nodes"]) == 7
    assert "Sergei Host0 and everyone within two meetings of them" in html
    assert f'<option value="{host.slug}" selected>Sergei Host0</option>' in html
    assert '<option value="2" selected>Two meetings away</option>' in html
    # The legend names the kinds drawn, and only those: no organization here.
    legend = html.split("data-network-legend>", 1)[1].split("</div>", 1)[0]
    assert "Person" in legend and "Armed group" in legend and "Organization" not in legend
    assert "Two meetings away" in legend
    near = client.get("/network/", {"actor": host.slug})
    assert near.context["depth"] == 1
    assert len(near.context["graph"]["nodes"]) == 5


def test_network_page_explains_an_unknown_actor_or_depth(client, world):
    response = client.get("/network/", {"actor": "nobody-here", "depth": "9"})
    html = response.content.decode()
    assert response.context["focus"] is None
    assert "No actor has the address “nobody-here”: showing everyone who met." in html
    assert "Depth “9” is not 1 or 2: showing depth 1." in html
    assert len(response.context["graph"]["edges"]) == 6


def test_article_text_is_escaped_in_sentences(client, db):
    actor = make_actor("Evil Person")
    article = make_article("Evil Person said <script>alert(1)</script> loudly.")
    mention(article, "Evil Person", actor=actor)
    html = client.get(f"/actors/{actor.slug}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pages_have_no_inline_scripts_or_handlers(client, world):
    for url in _urls(world).values():
        html = client.get(url).content.decode()
        for tag in html.split("<script")[1:]:
            head = tag.split(">", 1)[0]
            assert "src=" in head or 'type="application/json"' in head, (url, head)
        assert " onclick=" not in html and " onload=" not in html


def test_layout_links_upload_login_and_logout(client, db):
    html = client.get("/").content.decode()
    assert 'href="/articles/upload/"' in html
    assert 'href="/accounts/login/?next=/"' in html
    login = client.get("/accounts/login/")
    assert login.status_code == 200
    assert 'name="username"' in login.content.decode()
    user = get_user_model().objects.create_user("analyst", password="pw")
    client.force_login(user)
    html = client.get("/").content.decode()
    assert 'action="/accounts/logout/" method="post"' in html
    assert "analyst" in html


def test_actor_list_activity_follows_new_facts(client, world):
    """The directory's stored counts change as soon as an article's facts are stored."""
    org = world["org"]
    first = client.get("/actors/").context["page"].object_list[0]
    assert (first.name, first.mention_count) == ("Syrian Democratic Forces", 3)
    article = make_article("The SDF and the SDF again.")
    mention(article, "SDF", actor=org)
    mention(article, "SDF", actor=org, occurrence=1)
    first = client.get("/actors/").context["page"].object_list[0]
    assert (first.mention_count, first.last_seen) == (5, dt.date(2017, 4, 5))


def test_aliases_leave_out_the_display_name(client, db):
    actor = make_actor("Sergei Lavrov", aliases=("Lavrov", "Sergei Lavrov <b>"))
    ActorAlias.objects.create(actor=actor, kind="person", name="Sergei Lavrov", key="x")
    listed = client.get("/actors/").content.decode()
    assert "also Lavrov, Sergei Lavrov &lt;b&gt;</div>" in listed
    detail = client.get(f"/actors/{actor.slug}/").context["actor"]
    assert detail.other_names == ["Lavrov", "Sergei Lavrov <b>"]


def test_actor_list_narrows_to_actors_named_in_a_period(client, world):
    # The world's articles are published 2017-04-03 to 2017-04-05, one a day, each naming its
    # own pair of officials: only the last day's pair was named on 2017-04-05.
    response = client.get("/actors/", {"active_after": "2017-04-05", "kind": "person"})
    names = sorted(a.name for a in response.context["page"].object_list)
    assert names == ["Mevlüt Guest0", "Sergei Host0"]
    html = response.content.decode()
    assert 'name="active_after" value="2017-04-05"' in html


def test_an_unreadable_filter_is_named_and_shows_no_rows(client, world):
    response = client.get("/actors/", {"active_after": "last spring", "q": ""})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert "Some filters could not be used" in response.content.decode()
    response = client.get("/places/", {"kind": "planet"})
    assert response.status_code == 200
    assert "Some filters could not be used" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"kind": "person", "country": "RU"}, {"q": "guest"}, {"active_before": "2017-04-04"}],
)
def test_the_actor_page_and_the_api_apply_one_filterset(client, world, params):
    page = client.get("/actors/", {**params, "sort": "name"}).context["page"]
    api = client.get("/api/v1/actors/", {**params, "ordering": "name"}).json()
    assert sorted(a.slug for a in page.object_list) == sorted(r["slug"] for r in api["results"])


def test_meeting_list_filters_by_kind_with_the_api_filterset(client, world):
    host, guest = world["actors"][0], world["actors"][1]
    article = make_article("Sergei Host0 phoned Mevlüt Guest0 on Friday about the truce.")
    call = make_meeting(
        [host, guest],
        kind=Meeting.Kind.PHONE,
        date=dt.date(2017, 4, 7),
        sources=[(article, "Sergei Host0 phoned Mevlüt Guest0 on Friday about the truce.")],
    )
    calls = client.get("/meetings/", {"kind": "phone"})
    assert [m.pk for m in calls.context["page"].object_list] == [call.pk]
    in_person = client.get("/meetings/", {"kind": "in_person", "actor": host.slug})
    assert in_person.context["page"].paginator.count == 4
    assert call.pk not in {m.pk for m in in_person.context["page"].object_list}
    html = calls.content.decode()
    assert '<option value="phone" selected>Phone call</option>' in html
    assert 'href="/meetings/export.csv?kind=phone"' in html


def test_meeting_list_rows_quote_their_first_report(client, world):
    html = client.get("/meetings/", {"place": world["cities"][1].slug}).content.decode()
    article = world["articles"][1]
    sentence = "Defense Minister Sergei Host1 met Mevlüt Guest1 in Town1 on Tuesday."
    assert f'<p class="meeting-evidence small"><q>{sentence}</q>' in html
    assert f'href="/articles/{article.pk}/#s-0">Talks in Town1</a>' in html


def test_meeting_list_explains_a_filter_it_cannot_use(client, world):
    response = client.get("/meetings/", {"kind": "telepathy", "from": "2017-13-01"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    html = response.content.decode()
    assert "Some filters could not be used" in html
    assert "kind: Select a valid choice. telepathy is not one of the available choices." in html
    assert "from: Enter a valid date." in html
    unknown = client.get("/meetings/", {"actor": "nobody-here"}).content.decode()
    assert "actor: no actor has the address “nobody-here”." in unknown
