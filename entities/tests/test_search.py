"""Name search of actors and places: pages, API `?q=` and the selectors, on both databases.

The PostgreSQL tests (trigram similarity, the indexes) skip on SQLite; run them with
DATABASE_URL=postgres://... .
"""

import pytest
from django.db import connection

from entities import selectors
from entities.models import Actor, Place, PlaceAlias
from entities.tests.factories import make_actor, make_article, make_place, mention
from extraction.normalize import name_key

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram search needs PostgreSQL"
)


@pytest.fixture
def groups(db):
    """Armed groups and organizations whose names share letters with common queries."""
    article = make_article(
        "Human Rights Watch said the groups shelled the town. Human Rights Watch asked for "
        "an inquiry. Human Rights Watch named three commanders."
    )
    found = {
        "hts": make_actor(
            "Hayat Tahrir al-Sham", kind="armed_group", aliases=("HTS", "Tahrir al-Sham")
        ),
        "hrw": make_actor("Human Rights Watch", kind="organization", aliases=("HRW",)),
        "hts_watch": make_actor("Hts Watchers Society", kind="organization"),
        "shield": make_actor("Euphrates Shield Force", kind="armed_group"),
        "free": make_actor("Free Syrian Army", kind="armed_group", aliases=("FSA",)),
    }
    # Human Rights Watch is the most mentioned, so a popularity order alone would put it first.
    for n in range(3):
        mention(article, "Human Rights Watch", actor=found["hrw"], occurrence=n)
    return found


def _slugs(actors) -> list[str]:
    return [actor.slug for actor in actors]


def test_an_alias_that_is_the_query_comes_before_names_that_contain_it(groups):
    found = list(
        selectors.actor_search(Actor.objects.all(), q="HTS").order_by(
            *selectors.SEARCH_ORDER, "name"
        )
    )
    # Exact alias, then a name that starts with the letters, then one that has them inside.
    assert _slugs(found) == [
        groups["hts"].slug,
        groups["hts_watch"].slug,
        groups["hrw"].slug,
    ]
    assert [a.search_rank for a in found] == [0, 1, 2]


def test_search_ignores_case_accents_and_punctuation_of_an_exact_name(groups):
    found = selectors.actor_search(Actor.objects.all(), q="  hayat  TAHRIR al sham ")
    best = found.order_by(*selectors.SEARCH_ORDER, "name").first()
    assert best == groups["hts"] and best.search_rank == 0


def test_a_query_that_matches_nothing_finds_nothing(groups):
    assert not selectors.actor_search(Actor.objects.all(), q="Qwxz Brigade").exists()


def test_actor_page_puts_the_best_match_first_over_popularity(client, groups):
    response = client.get("/actors/", {"q": "HTS"})
    rows = list(response.context["page"].object_list)
    assert _slugs(rows)[0] == groups["hts"].slug
    assert groups["hrw"].slug in _slugs(rows)
    html = response.content.decode()
    assert html.index("Hayat Tahrir al-Sham") < html.index("Human Rights Watch")


def test_actor_api_q_puts_the_best_match_first(api, groups):
    body = api.get("/api/v1/actors/", {"q": "HTS"}).json()
    slugs = [row["slug"] for row in body["results"]]
    assert slugs[0] == groups["hts"].slug and groups["hrw"].slug in slugs
    # An explicit ordering wins over relevance.
    by_name = api.get("/api/v1/actors/", {"q": "HTS", "ordering": "-name"}).json()
    names = [row["name"] for row in by_name["results"]]
    assert names == sorted(names, reverse=True)
    # The older spelling of the parameter still searches.
    assert [r["slug"] for r in api.get("/api/v1/actors/", {"search": "HTS"}).json()["results"]][
        0
    ] == groups["hts"].slug


def test_search_pages_and_api_run_a_fixed_number_of_queries(
    client, api, groups, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):  # count, page ids, rows, aliases, country list
        response = client.get("/actors/", {"q": "a"})
    assert len(response.context["page"].object_list) >= 3
    with django_assert_max_num_queries(3):  # count, page, aliases (prefetch)
        body = api.get("/api/v1/actors/", {"q": "a"}).json()
    assert len(body["results"]) >= 3


@pytest.fixture
def towns(db):
    return {
        "hama": make_place("Hama"),
        "hamadan": make_place("Hamadan", country="IR"),
        "shaham": make_place("Tell Hamam"),
        "raqqa": make_place("Raqqa"),
    }


def test_place_search_exact_then_prefix_then_inside(client, api, towns):
    PlaceAlias.objects.create(place=towns["raqqa"], name="ar-Raqqah", key=name_key("ar-Raqqah"))
    page = client.get("/places/", {"q": "hama"}).context["page"]
    assert _slugs(page.object_list) == [
        towns["hama"].slug,
        towns["hamadan"].slug,
        towns["shaham"].slug,
    ]
    body = api.get("/api/v1/places/", {"q": "hama"}).json()
    assert [row["slug"] for row in body["results"]][:2] == [
        towns["hama"].slug,
        towns["hamadan"].slug,
    ]
    # By an alias's key: punctuation and the article's hyphen do not matter.
    found = selectors.place_search(Place.objects.all(), q="ar raqqah")
    assert list(found) == [towns["raqqa"]]


def test_place_search_page_runs_a_fixed_number_of_queries(
    client, towns, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):  # count, page ids, rows, the country list
        response = client.get("/places/", {"q": "a"})
    assert len(response.context["page"].object_list) >= 3


@postgresql_only
def test_a_misspelt_name_is_found_by_trigrams(groups):
    found = selectors.actor_search(Actor.objects.all(), q="Hayat Tahrir al-Shaam")
    best = found.order_by(*selectors.SEARCH_ORDER, "name").first()
    assert best == groups["hts"]
    assert best.search_rank == 2 and best.search_similarity > 0.5


@postgresql_only
def test_the_trigram_indexes_exist_and_serve_the_search(groups):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_name_trgm' "
            "OR indexname LIKE '%%_gist'"
        )
        names = {row[0] for row in cursor.fetchall()}
        assert names >= {
            "entities_actor_name_trgm",
            "entities_actoralias_name_trgm",
            "entities_place_name_trgm",
            "entities_placealias_name_trgm",
            "entities_actor_key_gist",
            "entities_actoralias_key_gist",
            "entities_place_name_gist",
            "entities_placealias_key_gist",
        }
        cursor.execute("SET LOCAL enable_seqscan = off")
        query = selectors.actor_search(Actor.objects.all(), q="tahrir").values("pk")
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # GIN serves the equal and starting names, GiST the closest ones in distance order.
    assert {"entities_actor_name_trgm", "entities_actor_key_gist"} & set(plan.split()), plan
    assert {"entities_actoralias_name_trgm", "entities_actoralias_key_gist"} & set(plan.split()), (
        plan
    )


@postgresql_only
def test_prefix_indexes_exist_for_the_equal_and_starting_names(groups):
    """B-trees a prefix LIKE can use: the alias key's, carrying the actor (index-only), and
    UPPER(name)'s. Which index a plan takes depends on the table's size and statistics, so
    their effect is measured by bench/pages.py ("actor list, search"), not asserted here."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%_prefix'"
        )
        found = dict(cursor.fetchall())
    assert "varchar_pattern_ops" in found["entities_actoralias_key_prefix"]
    assert "(key varchar_pattern_ops, actor_id)" in found["entities_actoralias_key_prefix"]
    assert "(key varchar_pattern_ops, id)" in found["entities_actor_key_prefix"]
    for name in ("entities_actor_uname_prefix", "entities_place_uname_prefix"):
        assert "upper((name)::text) text_pattern_ops" in found[name], found[name]
    ali = make_actor("Ali Haidar", kind="person")
    query = selectors.actor_search(Actor.objects.all(), q="al").values("pk", "search_rank")
    ranks = {row["pk"]: row["search_rank"] for row in query}
    assert ranks[ali.pk] == 1
    assert ranks[groups["hts"].pk] == 2  # "al-Sham" is in its name, not at its start


@postgresql_only
def test_only_the_closest_names_beyond_the_prefix_are_ranked(db):
    """A query in most names lists every name that starts with it, then only the
    SEARCH_CLOSE_LIMIT closest of the others."""
    for n in range(selectors.SEARCH_CLOSE_LIMIT + 30):
        Actor.objects.create(
            kind="person", name=f"Khalid Number{n}", key=f"khalid number{n}", slug=f"k{n}"
        )
    Actor.objects.create(kind="person", name="Ali Hassan", key="ali hassan", slug="ali")
    found = selectors.actor_search(Actor.objects.all(), q="al")
    ranked = list(found.order_by(*selectors.SEARCH_ORDER, "name"))
    assert ranked[0].name == "Ali Hassan" and ranked[0].search_rank == 1
    # 131 names contain "al"; the prefix match may also be among the closest.
    assert selectors.SEARCH_CLOSE_LIMIT <= len(ranked) <= 1 + selectors.SEARCH_CLOSE_LIMIT


@postgresql_only
def test_the_names_starting_with_the_query_follow_the_pages_sort(db):
    """Within the names equal to or starting with the query, the analyst's sort decides, not
    how much of each name the query covers; only the close matches are ordered by closeness."""
    whole = make_actor("Al Qaeda", kind="armed_group")  # "al" is a whole word of it
    part = make_actor("Alawite Council", kind="organization")  # "al" only opens a word
    Actor.objects.filter(pk=part.pk).update(mention_count=40)
    Actor.objects.filter(pk=whole.pk).update(mention_count=3)
    found = selectors.actor_search(Actor.objects.all(), q="al")
    ranked = list(found.order_by(*selectors.SEARCH_ORDER, "-mention_count"))
    assert [a.name for a in ranked] == ["Alawite Council", "Al Qaeda"]
    assert {a.search_rank for a in ranked} == {1}


@pytest.mark.skipif(connection.vendor == "postgresql", reason="checks the SQLite fallback")
def test_on_sqlite_the_postgresql_indexes_are_not_created(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        names = {row[0] for row in cursor.fetchall()}
    assert "entities_actor_name_trgm" not in names
    assert "articles_text_search" not in names
    assert "entities_actor_kind_cc_idx" in names  # the ordinary ones are there
