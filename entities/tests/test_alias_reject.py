"""Rejecting an alias from the actor page: recorded, and obeyed when articles are processed."""

import pytest

from entities.models import Actor, ActorAlias, AliasRejection, Correction, Mention
from entities.services import article_facts_replace
from entities.services.corrections import CorrectionError, alias_reject
from entities.tests.analysts import analysts_group
from entities.tests.test_facts import article_make, span
from extraction.normalize import name_key
from extraction.types import ActorFact, Extraction

FIRST = "Commander Abu Karim Haddad spoke on Monday. The Karim Haddad Brigade denied it."
LATER = "Fighters of the Karim Haddad Brigade entered the village on Friday."
WRONG = "Karim Haddad Brigade"


def _first_extraction() -> Extraction:
    # The extractor took the brigade named after him for the man himself.
    return Extraction(
        actors=[
            ActorFact(
                "Abu Karim Haddad",
                "person",
                aliases=[WRONG],
                mentions=[span(FIRST, "Abu Karim Haddad"), span(FIRST, WRONG)],
            )
        ]
    )


@pytest.fixture
def commander(db):
    article = article_make(FIRST)
    article_facts_replace(article=article, extraction=_first_extraction(), previous=False)
    actor = Actor.objects.get(name="Abu Karim Haddad")
    assert ActorAlias.objects.filter(actor=actor, key=name_key(WRONG)).exists()
    return {"article": article, "actor": actor}


def _wrong_alias(actor) -> ActorAlias:
    return ActorAlias.objects.get(actor=actor, key=name_key(WRONG))


def test_rejecting_records_it_and_unlinks_the_mentions(commander):
    actor = commander["actor"]
    correction = alias_reject(
        actor_id=actor.pk, alias_id=_wrong_alias(actor).pk, user=None, why="A brigade."
    )
    assert correction.action == Correction.Action.REJECT_ALIAS
    assert correction.what == (
        f"Rejected “{WRONG}” as a name of “Abu Karim Haddad” (#{actor.pk}); 1 mention no "
        "longer points at it."
    )
    assert not ActorAlias.objects.filter(actor=actor, key=name_key(WRONG)).exists()
    assert list(Mention.objects.filter(actor=actor).values_list("text", flat=True)) == [
        "Abu Karim Haddad"
    ]
    assert AliasRejection.objects.filter(actor=actor, key=name_key(WRONG)).exists()


def test_reprocessing_and_later_articles_obey_the_rejection(commander):
    actor = commander["actor"]
    alias_reject(actor_id=actor.pk, alias_id=_wrong_alias(actor).pk, user=None)
    # The same article processed again: the spelling is not attached to him again.
    article_facts_replace(article=commander["article"], extraction=_first_extraction())
    assert not ActorAlias.objects.filter(actor=actor, key=name_key(WRONG)).exists()
    # A later article naming the brigade: it is an actor of its own, not him.
    later = article_make(LATER)
    article_facts_replace(
        article=later,
        extraction=Extraction(
            actors=[ActorFact(WRONG, "armed_group", mentions=[span(LATER, WRONG)])]
        ),
        previous=False,
    )
    brigade = Mention.objects.get(article=later).actor
    assert brigade != actor
    assert brigade.name == WRONG


def test_without_a_rejection_the_spelling_would_join_him(commander):
    # The control for the test above: the store does join the brigade to the man.
    later = article_make(LATER)
    article_facts_replace(
        article=later,
        extraction=Extraction(
            actors=[ActorFact(WRONG, "armed_group", mentions=[span(LATER, WRONG)])]
        ),
        previous=False,
    )
    assert Mention.objects.get(article=later).actor == commander["actor"]


def test_the_actors_own_name_and_a_stale_alias_are_refused(commander):
    actor = commander["actor"]
    own = ActorAlias.objects.get(actor=actor, key=actor.key)
    with pytest.raises(CorrectionError, match="the actor's own name"):
        alias_reject(actor_id=actor.pk, alias_id=own.pk, user=None)
    with pytest.raises(CorrectionError, match="no longer a name of this actor"):
        alias_reject(actor_id=actor.pk + 1000, alias_id=_wrong_alias(actor).pk, user=None)
    assert not Correction.objects.exists()


def test_the_actor_page_offers_it_to_analysts_only(client, commander, django_user_model):
    actor = commander["actor"]
    url = actor.get_absolute_url()
    post = {"alias": _wrong_alias(actor).pk, "why": "It is his brigade."}
    reject = f"/actors/{actor.slug}/reject-alias/"
    assert "Reject a wrong name" not in client.get(url).content.decode()
    reader = django_user_model.objects.create_user("reader", password="pw-for-tests")
    client.force_login(reader)
    assert "Reject a wrong name" not in client.get(url).content.decode()
    assert client.post(reject, post).status_code == 403
    analyst = django_user_model.objects.create_user("ana", password="pw-for-tests")
    analyst.groups.add(analysts_group())
    client.force_login(analyst)
    html = client.get(url).content.decode()
    assert "Reject a wrong name" in html and f'<option value="{post["alias"]}">{WRONG}' in html
    response = client.post(reject, post, follow=True)
    page = response.content.decode()
    assert f"Rejected “{WRONG}”" in page and "It is his brigade." in page
    assert Correction.objects.get().user == analyst
    again = client.post(reject, post, follow=True).content.decode()
    assert "no longer a name of this actor" in again
    bad = client.post(reject, {"alias": "nope"}, follow=True)
    assert bad.status_code == 200 and "The form was incomplete" in bad.content.decode()
