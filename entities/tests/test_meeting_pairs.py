"""The network's pairs over all meetings: kept by PostgreSQL triggers in MeetingPair, counted
from the participants on SQLite. Every writer must leave the stored pairs equal to the
self-join of the participants."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entities import selectors
from entities.models import Actor, Meeting, MeetingPair, MeetingParticipant
from entities.services.counters import meeting_pairs_rebuild
from entities.services.merge import actor_merge
from entities.tests.factories import make_actor, make_meeting

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the pairs' triggers are PostgreSQL's"
)


def _stored() -> dict[tuple[int, int], int]:
    return {
        (first, second): n
        for first, second, n in MeetingPair.objects.values_list(
            "first_id", "second_id", "meeting_count"
        )
    }


def _joined() -> dict[tuple[int, int], int]:
    """The pairs as the participants say: every two actors of a meeting, smaller id first."""
    pairs: dict[tuple[int, int], int] = {}
    by_meeting: dict[int, list[int]] = {}
    for meeting_id, actor_id in MeetingParticipant.objects.values_list("meeting_id", "actor_id"):
        by_meeting.setdefault(meeting_id, []).append(actor_id)
    for actors in by_meeting.values():
        for a in actors:
            for b in actors:
                if a < b:
                    pairs[(a, b)] = pairs.get((a, b), 0) + 1
    return pairs


@pytest.fixture
def four(db):
    return [make_actor(f"Envoy {n}") for n in range(4)]


@postgresql_only
def test_meetings_created_one_participant_at_a_time_and_in_bulk_are_paired(four):
    a, b, c, d = four
    make_meeting([a, b, c])  # one INSERT per participant
    meeting = Meeting.objects.create(kind="in_person", date=dt.date(2017, 5, 1))
    MeetingParticipant.objects.bulk_create(
        MeetingParticipant(meeting=meeting, actor=actor) for actor in (a, b, d)
    )
    assert _stored() == _joined()
    assert _stored()[(a.pk, b.pk)] == 2
    assert len(_stored()) == 5  # ab ac bc (first) + ad bd (second; ab counted again)


@postgresql_only
def test_a_participant_rejected_a_meeting_deleted_and_sql_by_hand_remove_their_pairs(four):
    a, b, c, d = four
    first = make_meeting([a, b, c])
    second = make_meeting([a, b, d])
    MeetingParticipant.objects.filter(meeting=first, actor=c).delete()
    assert _stored() == _joined()
    second.delete()  # the participants go by cascade, in one statement
    assert _stored() == _joined() == {(a.pk, b.pk): 1}
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM entities_meetingparticipant")
    assert _stored() == {}


@postgresql_only
def test_a_merge_moves_the_pairs_to_the_actor_kept(four):
    a, b, c, d = four
    make_meeting([a, b])
    make_meeting([a, c])
    make_meeting([b, c, d])  # c and b met: after the merge, b and b are no pair
    actor_merge(keep=b, others=[c])
    assert not Actor.objects.filter(pk=c.pk).exists()
    assert _stored() == _joined()
    assert _stored()[tuple(sorted((a.pk, b.pk)))] == 2


@postgresql_only
def test_a_role_changed_in_place_moves_no_pair(four):
    a, b, _, _ = four
    meeting = make_meeting([a, b])
    before = _stored()
    MeetingParticipant.objects.filter(meeting=meeting).update(role=None)
    assert _stored() == before == {tuple(sorted((a.pk, b.pk))): 1}


@postgresql_only
def test_the_rebuild_writes_what_the_triggers_keep(four):
    a, b, c, _ = four
    make_meeting([a, b, c])
    make_meeting([a, b])
    kept = _stored()
    MeetingPair.objects.all().delete()
    assert meeting_pairs_rebuild() == 3
    assert _stored() == kept == _joined()


def test_the_network_over_all_meetings_is_the_same_read_either_way(four):
    """The pairs read from MeetingPair (PostgreSQL) and counted from the participants (SQLite,
    and any filter) give the same graph; on PostgreSQL the unfiltered one reads no
    participant."""
    a, b, c, d = four
    make_meeting([a, b, c], date=dt.date(2017, 1, 1))
    make_meeting([a, b], date=dt.date(2017, 2, 1))
    make_meeting([c, d], date=dt.date(2017, 3, 1))
    with CaptureQueriesContext(connection) as queries:
        graph = selectors.network_graph()
    counted = selectors.network_graph(date_from=dt.date(2000, 1, 1))  # joins the participants
    assert graph["pairs"] == counted["pairs"]
    assert [p["weight"] for p in graph["pairs"]] == [2, 1, 1, 1]  # ab twice; ac, bc, cd
    if connection.vendor == "postgresql":
        assert not any("entities_meetingparticipant" in q["sql"] for q in queries.captured_queries)
