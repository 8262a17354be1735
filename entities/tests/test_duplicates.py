"""The duplicates queue: likely duplicates best first with evidence, merge and "not the same"
for analysts (remembered, recorded as corrections), reading for others, a login link for guests."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from entities.models import Actor, ActorDistinct, Correction, Mention, Place, PlaceDistinct
from entities.services.corrections import CorrectionError, duplicate_dismiss, duplicate_merge
from entities.tests.analysts import analysts_group
from entities.tests.factories import make_actor, make_article, make_place, mention

ACTOR_PAIRS = [
    ("Syrian National Coalition", "Syrian Natonal Coalition"),
    ("Jaish al-Fatah", "Jeish al-Fath"),
]


@pytest.fixture
def queue(db):
    """Three likely duplicate pairs of actors and two of places, each named in an article."""
    cache.clear()
    actors = {}
    for n, (kept, other) in enumerate(ACTOR_PAIRS):
        text = f"Fighters of {kept} took a hill. Later {other} denied it. {kept} held it."
        article = make_article(text, title=f"Hill {n}")
        actors[kept] = make_actor(kept, kind="armed_group")
        actors[other] = make_actor(other, kind="armed_group")
        mention(article, kept, actor=actors[kept])
        mention(article, kept, actor=actors[kept], occurrence=1)
        mention(article, other, actor=actors[other])
    actors["Islamic State"] = make_actor("Islamic State", kind="armed_group", aliases=("Daesh",))
    actors["Daesh"] = make_actor("Daesh", kind="organization")
    article = make_article("Daesh said the Islamic State would fight. Daesh left.")
    mention(article, "Islamic State", actor=actors["Islamic State"])
    mention(article, "Daesh", actor=actors["Daesh"])
    places = {
        "Khan Shaykhun": make_place("Khan Shaykhun", lat=35.44, lon=36.65),
        "Khan Sheikhoun": make_place("Khan Sheikhoun", lat=35.44, lon=36.64),
        "Deir ez-Zor": make_place("Deir ez-Zor", lat=35.33, lon=40.14),
        "Deir Ezzor": make_place("Deir Ezzor", lat=35.34, lon=40.15),
    }
    return {"actors": actors, "places": places}


def _user(django_user_model, name: str, *, analyst: bool):
    user = django_user_model.objects.create_user(name, password="pw-for-tests")
    if analyst:
        user.groups.add(analysts_group())
    return user


@pytest.fixture
def analyst(client, django_user_model):
    user = _user(django_user_model, "ana", analyst=True)
    client.force_login(user)
    return user


def test_the_migration_creates_the_analysts_group(db):
    Group.objects.filter(name="Analysts").delete()  # as a flush by an earlier test would
    analysts_group()
    group = Group.objects.get(name="Analysts")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_correction", "change_actor", "change_place", "add_actordistinct"} <= codenames


def test_queue_lists_pairs_best_first_with_evidence(client, queue, analyst):
    response = client.get("/duplicates/")
    rows = response.context["actor_rows"]
    pairs = [{row.keep.summary.name, row.other.summary.name} for row in rows]
    assert {"Islamic State", "Daesh"} in pairs
    assert {"Jaish al-Fatah", "Jeish al-Fath"} in pairs
    assert {"Syrian National Coalition", "Syrian Natonal Coalition"} in pairs
    jaish = next(row for row in rows if row.keep.summary.name == "Jaish al-Fatah")
    # The more mentioned record is the one a merge keeps.
    assert (jaish.keep.summary.mention_count, jaish.other.summary.mention_count) == (2, 1)
    assert "Later Jeish al-Fath denied it." in jaish.other.sentence
    places = [{r.keep.summary.name, r.other.summary.name} for r in response.context["place_rows"]]
    assert {"Khan Shaykhun", "Khan Sheikhoun"} in places
    html = response.content.decode()
    assert "Merge into “Jaish al-Fatah”" in html
    assert (
        f'href="/articles/{Mention.objects.filter(actor=queue["actors"]["Jeish al-Fath"]).get().article_id}/#s-'
        in html
    )


def test_guests_see_a_login_link_and_readers_only_read(client, queue, django_user_model):
    html = client.get("/duplicates/").content.decode()
    assert 'href="/accounts/login/?next=/duplicates/"' in html
    assert "Merge into" not in html
    client.force_login(_user(django_user_model, "reader", analyst=False))
    html = client.get("/duplicates/").content.decode()
    assert "Jeish al-Fath" in html and "Merge into" not in html
    keep, other = queue["actors"]["Jaish al-Fatah"], queue["actors"]["Jeish al-Fath"]
    post = {"kind": "actor", "keep": keep.pk, "other": other.pk}
    assert client.post("/duplicates/merge/", post).status_code == 403
    assert client.post("/duplicates/not-same/", post).status_code == 403
    client.logout()
    assert client.post("/duplicates/merge/", post)["Location"].startswith("/accounts/login/")
    assert Actor.objects.filter(pk=other.pk).exists()
    assert not Correction.objects.exists()


def test_merge_from_the_queue_is_recorded_and_shown(client, queue, analyst):
    keep, other = queue["actors"]["Jaish al-Fatah"], queue["actors"]["Jeish al-Fath"]
    response = client.post(
        "/duplicates/merge/",
        {"kind": "actor", "keep": keep.pk, "other": other.pk, "why": "One group, two spellings."},
        follow=True,
    )
    assert f"Merged actor “Jeish al-Fath” (#{other.pk}) into “Jaish al-Fatah”" in (
        response.content.decode()
    )
    assert not Actor.objects.filter(pk=other.pk).exists()
    assert Mention.objects.filter(actor=keep).count() == 3
    correction = Correction.objects.get()
    assert (correction.action, correction.actor, correction.user, correction.why) == (
        "merge",
        keep,
        analyst,
        "One group, two spellings.",
    )
    rows = response.context["actor_rows"]
    assert {"Jaish al-Fatah", "Jeish al-Fath"} not in [
        {r.keep.summary.name, r.other.summary.name} for r in rows
    ]
    page = client.get(keep.get_absolute_url()).content.decode()
    assert 'id="corrections"' in page and "One group, two spellings." in page and "ana" in page


def test_not_the_same_is_remembered_and_shown_on_both_pages(client, queue, analyst):
    first, second = queue["places"]["Deir Ezzor"], queue["places"]["Deir ez-Zor"]
    client.post(
        "/duplicates/not-same/",
        {"kind": "place", "keep": first.pk, "other": second.pk, "why": "Two towns."},
    )
    low, high = sorted([first.pk, second.pk])
    assert PlaceDistinct.objects.filter(first_id=low, second_id=high).exists()
    assert Place.objects.filter(pk__in=[first.pk, second.pk]).count() == 2
    rows = client.get("/duplicates/").context["place_rows"]
    assert {"Deir ez-Zor", "Deir Ezzor"} not in [
        {r.keep.summary.name, r.other.summary.name} for r in rows
    ]
    for place in (first, second):
        assert "Two towns." in client.get(place.get_absolute_url()).content.decode()
    # Said twice (two analysts at once), it is still one remembered pair.
    duplicate_dismiss(kind="place", first_id=second.pk, second_id=first.pk, user=None)
    assert PlaceDistinct.objects.count() == 1


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"kind": "actor", "keep": "x", "other": "1"}, "The form was incomplete"),
        ({"kind": "spaceship", "keep": "1", "other": "2"}, "Choose actors or places."),
        ({"kind": "actor", "keep": "1", "other": "1"}, "Choose two different records."),
        ({"kind": "actor", "keep": "1", "other": "999999"}, "no longer exists"),
    ],
)
def test_bad_requests_explain_and_change_nothing(client, queue, analyst, post, message):
    before = Actor.objects.count()
    response = client.post("/duplicates/merge/", post, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Actor.objects.count() == before
    assert not Correction.objects.exists()


def test_a_merge_of_a_record_merged_away_changes_nothing(queue):
    keep, other = queue["actors"]["Jaish al-Fatah"], queue["actors"]["Jeish al-Fath"]
    duplicate_merge(kind="actor", keep_id=keep.pk, other_id=other.pk, user=None)
    with pytest.raises(CorrectionError, match="no longer exists"):
        duplicate_merge(kind="actor", keep_id=other.pk, other_id=keep.pk, user=None)
    with pytest.raises(CorrectionError, match="at most"):
        duplicate_dismiss(kind="actor", first_id=1, second_id=2, user=None, why="x" * 3000)
    assert Correction.objects.count() == 1
    assert not ActorDistinct.objects.exists()


def test_queue_queries_are_fixed(client, queue, analyst, django_assert_max_num_queries):
    # Session, user and permissions (4), then per kind: dismissed pairs, cache key (2), finders
    # on a cache miss (2) and samples.
    with django_assert_max_num_queries(16):
        response = client.get("/duplicates/")
    assert len(response.context["actor_rows"]) >= 3
    cache.clear()
    make_actor("Jaish al Fatah Army", kind="armed_group")
    with django_assert_max_num_queries(16):
        assert client.get("/duplicates/").status_code == 200
