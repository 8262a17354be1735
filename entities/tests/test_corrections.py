"""Analysts' corrections of roles, meetings, participants, mentions, kinds and countries, and
split aliases: each recorded, each undone, each obeyed when the article is processed again.

The article is written here; its extraction is what the extractor would hand the store, so a
re-run is `article_facts_replace` with the same extraction, as the pipeline does.
"""

import datetime as dt

import pytest

from entities.models import (
    Actor,
    ActorAlias,
    AliasRejection,
    Correction,
    Meeting,
    MeetingParticipant,
    MeetingSource,
    Mention,
    Place,
    Role,
)
from entities.services import article_facts_replace
from entities.services.corrections import (
    CorrectionError,
    actor_fix,
    alias_reject,
    alias_split,
    duplicate_dismiss,
    duplicate_merge,
    meeting_reject,
    mention_unlink,
    participant_add,
    participant_reject,
    role_reject,
)
from entities.services.counters import actors_counters_refresh, places_counters_refresh
from entities.services.undo import correction_undo
from entities.tests.test_facts import article_make, span
from extraction.normalize import name_key
from extraction.types import ActorFact, Extraction, MeetingFact, PlaceFact, RoleFact

TEXT = (
    "Defence Minister Rami Haddad met Samir Aziz in Homs on Monday. "
    "Haddad later toured the lines of the Haddad Brigade. "
    "Aziz said the talks went well."
)
LATER = "Fighters of the Haddad Brigade shelled a village near Homs on Friday."
HOMS = PlaceFact("gn:169577", "Homs", "city", "SY", 34.73, 36.72, geonames_id=169577)


def extraction(*, aziz_kind="person", aziz_known=False, aziz_country="SY") -> Extraction:
    """What the extractor stores: right and wrong. Aziz is given the minister's title too, and
    'Haddad Brigade' is taken for another spelling of the minister."""
    return Extraction(
        actors=[
            ActorFact(
                "Rami Haddad",
                "person",
                aliases=["Haddad Brigade"],
                country="SY",
                roles=[RoleFact("Defence Minister", "SY", spans=[span(TEXT, "Defence Minister")])],
                mentions=[
                    span(TEXT, "Rami Haddad"),
                    span(TEXT, "Haddad", 1),
                    span(TEXT, "Haddad Brigade"),
                ],
            ),
            ActorFact(
                "Samir Aziz",
                aziz_kind,
                country=aziz_country,
                known=aziz_known,
                roles=[RoleFact("Governor", "SY", spans=[span(TEXT, "Aziz said")])],
                mentions=[span(TEXT, "Samir Aziz"), span(TEXT, "Aziz", 1)],
            ),
        ],
        places=[PlaceFact(**{**HOMS.__dict__, "mentions": [span(TEXT, "Homs")]})],
        meetings=[
            MeetingFact(
                ["Rami Haddad", "Samir Aziz"],
                place="gn:169577",
                date=dt.date(2018, 12, 24),
                date_precision="day",
                spans=[span(TEXT, "Rami Haddad met")],
            )
        ],
    )


@pytest.fixture
def world(db):
    article = article_make(TEXT)
    article_facts_replace(article=article, extraction=extraction(), previous=False)
    return {
        "article": article,
        "haddad": Actor.objects.get(name="Rami Haddad"),
        "aziz": Actor.objects.get(name="Samir Aziz"),
        "homs": Place.objects.get(key="gn:169577"),
        "meeting": Meeting.objects.get(),
    }


def reprocess(world, **kwargs) -> None:
    article_facts_replace(article=world["article"], extraction=extraction(**kwargs))


def assert_counters_right() -> None:
    """The stored counters equal a recount from the facts."""
    stored = {
        "actors": list(Actor.objects.order_by("pk").values_list("mention_count", "meeting_count")),
        "places": list(Place.objects.order_by("pk").values_list("mention_count", "meeting_count")),
    }
    actors_counters_refresh(actor_ids=Actor.objects.values_list("pk", flat=True))
    places_counters_refresh(place_ids=Place.objects.values_list("pk", flat=True))
    assert stored == {
        "actors": list(Actor.objects.order_by("pk").values_list("mention_count", "meeting_count")),
        "places": list(Place.objects.order_by("pk").values_list("mention_count", "meeting_count")),
    }


def governor(actor) -> Role | None:
    return Role.objects.filter(actor=actor, title_key=name_key("Governor")).first()


# --- Roles ---------------------------------------------------------------------------------


def test_reject_a_role_then_reprocess_then_undo(world):
    aziz = world["aziz"]
    role = governor(aziz)
    correction = role_reject(actor_id=aziz.pk, role_id=role.pk, user=None, why="Not a governor.")
    assert correction.what == f"Rejected the role “Governor (SY)” of “Samir Aziz” (#{aziz.pk})."
    assert governor(aziz) is None
    reprocess(world)
    assert governor(aziz) is None, "the same evidence attached the rejected role again"
    assert Role.objects.filter(actor=world["haddad"]).exists()

    undo = correction_undo(correction_id=correction.pk, user=None)
    assert undo.action == Correction.Action.UNDO and undo.undo_of == correction
    back = governor(aziz)
    assert back.pk == role.pk
    assert Mention.objects.filter(actor=aziz, role=back).count() == 1
    reprocess(world)
    assert governor(aziz).pk == role.pk


def test_a_stale_role_is_refused(world):
    aziz = world["aziz"]
    with pytest.raises(CorrectionError, match="no longer stored for this actor"):
        role_reject(actor_id=world["haddad"].pk, role_id=governor(aziz).pk, user=None)


# --- Meetings ------------------------------------------------------------------------------


def test_reject_a_participant_then_reprocess_then_undo(world):
    meeting, aziz = world["meeting"], world["aziz"]
    correction = participant_reject(meeting_id=meeting.pk, actor_id=aziz.pk, user=None)
    assert not MeetingParticipant.objects.filter(meeting=meeting, actor=aziz).exists()
    aziz.refresh_from_db()
    assert aziz.meeting_count == 0
    reprocess(world)
    assert Meeting.objects.get().pk == meeting.pk
    assert list(meeting.participations.values_list("actor_id", flat=True)) == [world["haddad"].pk]
    assert_counters_right()

    correction_undo(correction_id=correction.pk, user=None)
    assert MeetingParticipant.objects.filter(meeting=meeting, actor=aziz).exists()
    aziz.refresh_from_db()
    assert aziz.meeting_count == 1
    with pytest.raises(CorrectionError, match="undone already"):
        correction_undo(correction_id=correction.pk, user=None)


def test_add_a_participant_by_name_then_reprocess_then_undo(world):
    meeting = world["meeting"]
    envoy = Actor.objects.create(kind="person", name="Omar Khalil", key=name_key("Omar Khalil"))
    ActorAlias.objects.create(
        actor=envoy, kind="person", name="Khalil", key=name_key("Khalil"), match_key="khalil"
    )
    correction = participant_add(meeting_id=meeting.pk, name="  khalil ", user=None)
    assert correction.actor == envoy and correction.meeting == meeting
    reprocess(world)
    assert meeting.participations.filter(actor=envoy).exists()
    envoy.refresh_from_db()
    assert envoy.meeting_count == 1

    with pytest.raises(CorrectionError, match="already a participant"):
        participant_add(meeting_id=meeting.pk, name="Omar Khalil", user=None)
    with pytest.raises(CorrectionError, match="No actor is called “Nobody Here”"):
        participant_add(meeting_id=meeting.pk, name="Nobody Here", user=None)
    Actor.objects.create(
        kind="organization", name="Omar Khalil", key=name_key("Omar Khalil"), slug="omar-khalil-2"
    )
    with pytest.raises(CorrectionError, match="Several actors are called"):
        participant_add(meeting_id=meeting.pk, name="Omar Khalil", user=None)

    correction_undo(correction_id=correction.pk, user=None)
    assert not meeting.participations.filter(actor=envoy).exists()
    assert_counters_right()


def test_adding_a_rejected_participant_lifts_the_rejection_and_undo_restores_it(world):
    meeting, aziz = world["meeting"], world["aziz"]
    participant_reject(meeting_id=meeting.pk, actor_id=aziz.pk, user=None)
    added = participant_add(meeting_id=meeting.pk, name=aziz.slug, user=None)
    reprocess(world)
    assert meeting.participations.filter(actor=aziz).exists()
    correction_undo(correction_id=added.pk, user=None)
    reprocess(world)
    assert not meeting.participations.filter(actor=aziz).exists()


def test_reject_a_meeting_then_reprocess_then_undo(world):
    meeting, homs = world["meeting"], world["homs"]
    correction = meeting_reject(meeting_id=meeting.pk, user=None, why="A phone call at most.")
    assert correction.what.startswith(f"Rejected meeting #{meeting.pk} of Rami Haddad and Samir")
    assert correction.actor == world["haddad"] and correction.place == homs
    assert not Meeting.objects.exists()
    homs.refresh_from_db()
    assert homs.meeting_count == 0
    reprocess(world)
    assert not Meeting.objects.exists(), "re-processing made the rejected meeting again"
    assert not MeetingSource.objects.exists()
    assert_counters_right()

    correction_undo(correction_id=correction.pk, user=None)
    back = Meeting.objects.get()
    assert back.pk == meeting.pk and back.place == homs
    assert set(back.participations.values_list("actor_id", flat=True)) == {
        world["haddad"].pk,
        world["aziz"].pk,
    }
    assert back.sources.count() == 1
    reprocess(world)
    assert Meeting.objects.get().pk == meeting.pk
    assert_counters_right()
    with pytest.raises(CorrectionError, match="no longer stored"):
        meeting_reject(meeting_id=meeting.pk + 100, user=None)


def test_undoing_a_participant_rejection_after_the_meeting_is_rejected_says_so(world):
    meeting = world["meeting"]
    first = participant_reject(meeting_id=meeting.pk, actor_id=world["aziz"].pk, user=None)
    meeting_reject(meeting_id=meeting.pk, user=None)
    with pytest.raises(CorrectionError, match="undo that first"):
        correction_undo(correction_id=first.pk, user=None)


# --- Mentions ------------------------------------------------------------------------------


def test_unlink_a_mention_then_reprocess_then_undo(world):
    aziz = world["aziz"]
    wrong = Mention.objects.get(actor=aziz, text="Aziz")
    correction = mention_unlink(mention_id=wrong.pk, actor_id=aziz.pk, user=None)
    assert "“Aziz” in article" in correction.what
    assert list(Mention.objects.filter(actor=aziz).values_list("text", flat=True)) == ["Samir Aziz"]
    reprocess(world)
    assert list(Mention.objects.filter(actor=aziz).values_list("text", flat=True)) == ["Samir Aziz"]
    assert_counters_right()
    correction_undo(correction_id=correction.pk, user=None)
    assert Mention.objects.filter(actor=aziz, start=wrong.start).exists()
    reprocess(world)
    assert Mention.objects.filter(actor=aziz).count() == 2
    assert_counters_right()


def test_unlink_a_place_mention(world):
    homs = world["homs"]
    mention = Mention.objects.get(place=homs)
    with pytest.raises(CorrectionError, match="no longer linked here"):
        mention_unlink(mention_id=mention.pk, actor_id=world["aziz"].pk, user=None)
    mention_unlink(mention_id=mention.pk, place_id=homs.pk, user=None)
    reprocess(world)
    assert not Mention.objects.filter(place=homs).exists()
    homs.refresh_from_db()
    assert homs.mention_count == 0


# --- Kind and country ----------------------------------------------------------------------


def test_fix_kind_and_country_then_later_articles_do_not_flip_them(world):
    aziz = world["aziz"]
    correction = actor_fix(actor_id=aziz.pk, kind="armed_group", country="", user=None)
    assert "kind person → armed_group; country SY → none" in correction.what
    # The knowledge base says person and the article says Syria: the analyst's word stands.
    reprocess(world, aziz_known=True)
    aziz.refresh_from_db()
    assert (aziz.kind, aziz.country) == ("armed_group", "")
    assert set(aziz.aliases.values_list("kind", flat=True)) == {"armed_group"}
    assert Actor.objects.filter(name="Samir Aziz").count() == 1

    correction_undo(correction_id=correction.pk, user=None)
    aziz.refresh_from_db()
    assert (aziz.kind, aziz.country, aziz.kind_fixed) == ("person", "SY", False)


def test_without_a_fix_the_knowledge_base_flips_the_kind(world):
    # The control for the test above.
    reprocess(world, aziz_kind="armed_group", aziz_known=True)
    world["aziz"].refresh_from_db()
    assert world["aziz"].kind == "armed_group"


def test_bad_kind_or_country_is_refused(world):
    aziz = world["aziz"]
    with pytest.raises(CorrectionError, match="Choose a kind"):
        actor_fix(actor_id=aziz.pk, kind="tribe", country="SY", user=None)
    with pytest.raises(CorrectionError, match="not a country code"):
        actor_fix(actor_id=aziz.pk, kind="person", country="Syria", user=None)
    Actor.objects.create(
        kind="armed_group", name="Samir Aziz", key=aziz.key, slug="samir-aziz-group"
    )
    with pytest.raises(CorrectionError, match="merge the two"):
        actor_fix(actor_id=aziz.pk, kind="armed_group", country="SY", user=None)
    assert not Correction.objects.exists()


# --- Aliases -------------------------------------------------------------------------------


def test_split_an_alias_off_then_reprocess_and_a_later_article_then_undo(world):
    haddad = world["haddad"]
    alias = haddad.aliases.get(key=name_key("Haddad Brigade"))
    correction = alias_split(actor_id=haddad.pk, alias_id=alias.pk, user=None)
    brigade = correction.other_actor
    assert brigade.name == "Haddad Brigade"
    assert list(brigade.mentions.values_list("text", flat=True)) == ["Haddad Brigade"]
    assert not haddad.mentions.filter(text="Haddad Brigade").exists()
    reprocess(world)
    assert list(brigade.mentions.values_list("text", flat=True)) == ["Haddad Brigade"]
    assert not haddad.mentions.filter(text="Haddad Brigade").exists()
    assert not haddad.aliases.filter(key=name_key("Haddad Brigade")).exists()
    later = article_make(LATER)
    article_facts_replace(
        article=later,
        extraction=Extraction(
            actors=[
                ActorFact("Haddad Brigade", "armed_group", mentions=[span(LATER, "Haddad Brigade")])
            ]
        ),
        previous=False,
    )
    assert Mention.objects.get(article=later).actor == brigade
    assert_counters_right()

    correction_undo(correction_id=correction.pk, user=None)
    assert not Actor.objects.filter(pk=brigade.pk).exists()
    assert haddad.aliases.filter(key=name_key("Haddad Brigade")).exists()
    assert haddad.mentions.filter(text="Haddad Brigade").count() == 2
    assert not AliasRejection.objects.filter(actor=haddad).exists()
    assert_counters_right()


def test_undo_an_alias_rejection(world):
    haddad = world["haddad"]
    alias = haddad.aliases.get(key=name_key("Haddad Brigade"))
    correction = alias_reject(actor_id=haddad.pk, alias_id=alias.pk, user=None)
    reprocess(world)
    # The mention written that way is not linked to him again either.
    assert not haddad.mentions.filter(text="Haddad Brigade").exists()
    correction_undo(correction_id=correction.pk, user=None)
    assert haddad.aliases.filter(key=name_key("Haddad Brigade")).exists()
    assert haddad.mentions.filter(text="Haddad Brigade").exists()
    reprocess(world)
    assert haddad.mentions.filter(text="Haddad Brigade").exists()
    assert_counters_right()


# --- Merges and "not the same" -------------------------------------------------------------


def test_undo_an_actor_merge_splits_it_back(world):
    haddad, aziz, meeting = world["haddad"], world["aziz"], world["meeting"]
    aziz_mentions = set(aziz.mentions.values_list("pk", flat=True))
    aziz_role = governor(aziz)
    correction = duplicate_merge(kind="actor", keep_id=haddad.pk, other_id=aziz.pk, user=None)
    assert not Actor.objects.filter(pk=aziz.pk).exists()
    correction_undo(correction_id=correction.pk, user=None)
    back = Actor.objects.get(pk=aziz.pk)
    assert (back.name, back.slug, back.kind) == ("Samir Aziz", aziz.slug, "person")
    assert set(back.mentions.values_list("pk", flat=True)) == aziz_mentions
    assert governor(back).pk == aziz_role.pk
    assert Mention.objects.filter(actor=back, role=aziz_role).count() == 1
    assert set(meeting.participations.values_list("actor_id", flat=True)) == {haddad.pk, aziz.pk}
    assert not haddad.aliases.filter(key=aziz.key).exists()
    assert back.aliases.filter(key=aziz.key).exists()
    assert_counters_right()
    reprocess(world)
    assert Actor.objects.get(name="Samir Aziz").pk == aziz.pk


def test_undo_a_place_merge_splits_it_back(world):
    homs = world["homs"]
    other = Place.objects.create(kind="city", name="Hims", key="gn:1", slug="hims", geonames_id=1)
    article = article_make("Talks were held in Hims.")
    Mention.objects.create(
        article=article,
        published=article.published,
        place=other,
        text="Hims",
        start=19,
        end=23,
        sentence_start=0,
        sentence_end=len(article.text),
    )
    places_counters_refresh(place_ids=[other.pk])  # written around the fact store
    correction = duplicate_merge(kind="place", keep_id=homs.pk, other_id=other.pk, user=None)
    assert Place.objects.get(pk=homs.pk).mention_count == 2
    correction_undo(correction_id=correction.pk, user=None)
    back = Place.objects.get(pk=other.pk)
    assert (back.key, back.geonames_id) == ("gn:1", 1)
    assert back.mentions.count() == 1
    assert not homs.redirects.exists()
    assert_counters_right()


def test_undo_not_the_same_lets_the_queue_propose_the_pair_again(world):
    from entities.models import ActorDistinct

    correction = duplicate_dismiss(
        kind="actor", first_id=world["haddad"].pk, second_id=world["aziz"].pk, user=None
    )
    assert ActorDistinct.objects.exists()
    correction_undo(correction_id=correction.pk, user=None)
    assert not ActorDistinct.objects.exists()


def test_an_undo_cannot_be_undone_nor_an_old_correction_without_state(world):
    correction = participant_reject(
        meeting_id=world["meeting"].pk, actor_id=world["aziz"].pk, user=None
    )
    undo = correction_undo(correction_id=correction.pk, user=None)
    with pytest.raises(CorrectionError, match="An undo cannot be undone"):
        correction_undo(correction_id=undo.pk, user=None)
    old = Correction.objects.create(action=Correction.Action.MERGE, what="Merged long ago.")
    with pytest.raises(CorrectionError, match="recorded before corrections could be undone"):
        correction_undo(correction_id=old.pk, user=None)
    with pytest.raises(CorrectionError, match="no longer exists"):
        correction_undo(correction_id=old.pk + 100, user=None)


TWO = "Rami Haddad met Samir Aziz in Homs, and Omar Khalil met Nabil Saleh in Homs on Monday."


def two_meetings() -> Extraction:
    """One sentence reporting two meetings of different people."""
    names = ["Rami Haddad", "Samir Aziz", "Omar Khalil", "Nabil Saleh"]
    return Extraction(
        actors=[ActorFact(name, "person", mentions=[span(TWO, name)]) for name in names],
        places=[PlaceFact(**{**HOMS.__dict__, "mentions": [span(TWO, "Homs")]})],
        meetings=[
            MeetingFact(
                pair,
                place="gn:169577",
                date=dt.date(2018, 12, 24),
                date_precision="day",
                spans=[span(TWO, "Rami Haddad")],
            )
            for pair in (names[:2], names[2:])
        ],
    )


def test_rejecting_one_of_two_meetings_told_by_one_sentence_keeps_the_other(db):
    article = article_make(TWO)
    article_facts_replace(article=article, extraction=two_meetings(), previous=False)
    wrong = Meeting.objects.get(participants__name="Omar Khalil")
    right = Meeting.objects.get(participants__name="Rami Haddad")
    meeting_reject(meeting_id=wrong.pk, user=None)
    article_facts_replace(article=article, extraction=two_meetings())
    assert list(Meeting.objects.values_list("pk", flat=True)) == [right.pk]
    assert right.sources.count() == 1
