"""Merging duplicates keeps every fact and leaves no duplicate behind."""

import datetime as dt

import pytest

from articles.models import Article, content_hash
from entities.models import (
    Actor,
    ActorAlias,
    Meeting,
    MeetingParticipant,
    Mention,
    Place,
    PlaceAlias,
    PlaceRedirect,
    Role,
)
from entities.services import MergeError, actor_merge, actors_dedupe, place_merge
from entities.services.counters import actors_counters_refresh, places_counters_refresh


def article(text):
    return Article.objects.create(title=text[:20], text=text, content_hash=content_hash(text))


def actor(name, *, country="", kind="person"):
    key = name.lower()
    created = Actor.objects.create(
        kind=kind, name=name, key=key, slug=key.replace(" ", "-"), country=country
    )
    ActorAlias.objects.create(actor=created, kind=kind, name=name, key=key)
    return created


def mention(art, *, actor=None, place=None, role=None, start=0):
    """A mention, with the counters of its target recounted as the fact-storing service does."""
    row = Mention.objects.create(
        article=art,
        published=art.published,
        actor=actor,
        place=place,
        role=role,
        text="x",
        start=start,
        end=start + 1,
        sentence_start=0,
        sentence_end=10,
    )
    actors_counters_refresh(actor_ids=[row.actor_id])
    places_counters_refresh(place_ids=[row.place_id])
    return row


@pytest.fixture
def duplicates():
    """'Sergei Shoigu' and 'Sergey Shoigu' as two actors, each with a role, mentions and a meeting."""
    full = actor("Sergei Shoigu", country="RU")
    variant = actor("Sergey Shoigu")
    ActorAlias.objects.create(actor=variant, kind="person", name="Shoigu", key="shoigu")
    lavrov = actor("Sergei Lavrov", country="RU")
    first = article("First report.")
    second = article("Second report.")
    role_full = Role.objects.create(
        actor=full,
        title="Defense Minister",
        title_key="defense minister",
        country="RU",
        first_attested=dt.date(2018, 12, 29),
        last_attested=dt.date(2018, 12, 29),
    )
    role_variant = Role.objects.create(
        actor=variant,
        title="Defense Minister",
        title_key="defense minister",
        country="RU",
        first_attested=dt.date(2017, 1, 23),
        last_attested=dt.date(2019, 3, 1),
    )
    Role.objects.create(actor=variant, title="General", title_key="general", country="RU")
    mention(first, actor=full, role=role_full)
    mention(second, actor=variant, role=role_variant)
    mention(second, actor=variant, start=5)
    shared = Meeting.objects.create(date=dt.date(2018, 12, 29), date_precision="day")
    MeetingParticipant.objects.create(meeting=shared, actor=full)
    MeetingParticipant.objects.create(meeting=shared, actor=variant, role=role_variant)
    MeetingParticipant.objects.create(meeting=shared, actor=lavrov)
    only_variant = Meeting.objects.create(date=dt.date(2017, 1, 23), date_precision="day")
    MeetingParticipant.objects.create(meeting=only_variant, actor=variant)
    return full, variant


@pytest.mark.django_db
def test_actor_merge_moves_every_fact_to_the_kept_actor(duplicates):
    full, variant = duplicates
    mentions_before = Mention.objects.count()

    kept = actor_merge(keep=full, others=[variant])

    assert not Actor.objects.filter(pk=variant.pk).exists()
    assert set(kept.aliases.values_list("key", flat=True)) == {
        "sergei shoigu",
        "sergey shoigu",
        "shoigu",
    }
    assert Mention.objects.count() == mentions_before
    assert Mention.objects.filter(actor=kept).count() == 3
    roles = {r.title_key: r for r in kept.roles.all()}
    assert set(roles) == {"defense minister", "general"}
    assert roles["defense minister"].first_attested == dt.date(2017, 1, 23)
    assert roles["defense minister"].last_attested == dt.date(2019, 3, 1)
    assert Mention.objects.filter(role=roles["defense minister"]).count() == 2
    assert MeetingParticipant.objects.filter(actor=kept).count() == 2
    shared = MeetingParticipant.objects.get(actor=kept, meeting__date=dt.date(2018, 12, 29))
    assert shared.role == roles["defense minister"]
    assert Meeting.objects.get(date=dt.date(2018, 12, 29)).participants.count() == 2


@pytest.mark.django_db
def test_actor_merge_keeps_an_affiliation_the_kept_actor_lacked():
    bare = actor("Hakan Fidan")
    known = actor("Hakan Fidan (MIT)", country="TR")
    assert actor_merge(keep=bare, others=[known]).country == "TR"


@pytest.mark.django_db
def test_actor_merge_repoints_roles_held_for_a_merged_organization():
    un = actor("United Nations", kind="organization")
    un_copy = actor("UN", kind="organization")
    envoy = actor("Staffan de Mistura")
    Role.objects.create(
        actor=envoy, title="Special Envoy", title_key="special envoy", organization=un
    )
    Role.objects.create(
        actor=envoy, title="Special Envoy", title_key="special envoy", organization=un_copy
    )

    actor_merge(keep=un, others=[un_copy])

    assert list(Role.objects.filter(actor=envoy).values_list("organization_id", flat=True)) == [
        un.pk
    ]


@pytest.mark.django_db
def test_actor_merge_refuses_to_merge_an_actor_with_itself(duplicates):
    full, _ = duplicates
    with pytest.raises(MergeError, match="at least two different"):
        actor_merge(keep=full, others=[full])


@pytest.mark.django_db
def test_place_merge_moves_mentions_meetings_children_and_redirects_the_key():
    syria = Place.objects.create(
        kind="country", name="Syria", key="cc:SY", slug="syria", country_code="SY"
    )
    good = Place.objects.create(
        kind="city", name="Manbij", key="gn:166365", slug="manbij", parent=syria
    )
    dup = Place.objects.create(
        kind="city", name="Menbij", key="sy:menbij", slug="menbij", latitude=36.5, longitude=37.9
    )
    PlaceAlias.objects.create(place=dup, name="Minbij", key="minbij")
    village = Place.objects.create(
        kind="city", name="Arima", key="sy:arima", slug="arima", parent=dup
    )
    art = article("Manbij report.")
    mention(art, place=dup)
    meeting = Meeting.objects.create(place=dup)

    kept = place_merge(keep=good, others=[dup])

    assert not Place.objects.filter(pk=dup.pk).exists()
    assert set(kept.aliases.values_list("key", flat=True)) == {"menbij", "minbij"}
    assert PlaceRedirect.objects.get(old_key="sy:menbij").place == kept
    assert Mention.objects.get().place == kept
    meeting.refresh_from_db()
    village.refresh_from_db()
    assert meeting.place == kept and village.parent == kept
    assert (kept.latitude, kept.longitude) == (36.5, 37.9)


@pytest.mark.django_db
def test_dedupe_merges_one_name_stored_under_two_kinds_and_spellings():
    art = article("Jaish al-Fatah and Jeish al-Fath and Midan.")
    fatah = actor("Jaish al-Fatah", kind="armed_group")
    fath = actor("Jeish al-Fath", kind="person")
    midan_person, midan_org = actor("Midan"), actor("al-Midan", kind="organization")
    other = actor("Ammar al-Assad")
    mention(art, actor=fatah, start=0)
    mention(art, actor=fatah, start=20)
    mention(art, actor=fath, start=40)
    mention(art, actor=midan_org, start=60)

    assert len(actors_dedupe(dry_run=True)) == 2 and Actor.objects.count() == 5
    merged = actors_dedupe()
    assert sorted((keep.name, [o.name for o in others]) for keep, others in merged) == [
        ("Jaish al-Fatah", ["Jeish al-Fath"]),
        ("al-Midan", ["Midan"]),
    ]
    assert sorted(Actor.objects.values_list("name", "kind")) == [
        ("Ammar al-Assad", "person"),
        ("Jaish al-Fatah", "armed_group"),
        ("al-Midan", "organization"),
    ]
    assert Mention.objects.filter(actor=fatah).count() == 3
    assert other.pk and midan_person.pk
