"""The database itself refuses what the schema forbids, whatever code path writes."""

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, content_hash
from entities.models import Actor, ActorAlias, Mention, Place


def make_article(text="Lavrov met Cavusoglu in Moscow.", **fields):
    return Article.objects.create(title="T", text=text, content_hash=content_hash(text), **fields)


def make_actor(name="Sergei Shoigu", kind="person", slug=None):
    return Actor.objects.create(
        kind=kind, name=name, key=name.lower(), slug=slug or name.lower().replace(" ", "-")
    )


def make_place(name="Manbij", key="gn:166365"):
    return Place.objects.create(
        kind="city", name=name, key=key, slug=name.lower(), country_code="SY"
    )


@pytest.mark.django_db
def test_same_alias_spelling_twice_for_one_kind_is_rejected():
    shoigu = make_actor()
    other = make_actor("Someone Else")
    ActorAlias.objects.create(actor=shoigu, kind="person", name="Shoigu", key="shoigu")
    with (
        pytest.raises(IntegrityError, match="entities_actoralias_unique_kind_key|UNIQUE"),
        transaction.atomic(),
    ):
        ActorAlias.objects.create(actor=other, kind="person", name="SHOIGU", key="shoigu")


@pytest.mark.django_db
def test_same_spelling_may_name_actors_of_different_kinds():
    person = make_actor("Kobani", kind="person", slug="kobani-person")
    group = make_actor("Kobani", kind="armed_group", slug="kobani-group")
    ActorAlias.objects.create(actor=person, kind="person", name="Kobani", key="kobani")
    ActorAlias.objects.create(actor=group, kind="armed_group", name="Kobani", key="kobani")
    assert ActorAlias.objects.filter(key="kobani").count() == 2


@pytest.mark.django_db
def test_mention_with_two_targets_is_rejected():
    article = make_article()
    with (
        pytest.raises(IntegrityError, match="entities_mention_one_target|CHECK"),
        transaction.atomic(),
    ):
        Mention.objects.create(
            article=article,
            actor=make_actor(),
            place=make_place(),
            text="x",
            start=0,
            end=1,
            sentence_start=0,
            sentence_end=1,
        )


@pytest.mark.django_db
def test_mention_with_no_target_is_rejected():
    article = make_article()
    with (
        pytest.raises(IntegrityError, match="entities_mention_one_target|CHECK"),
        transaction.atomic(),
    ):
        Mention.objects.create(
            article=article,
            text="x",
            start=0,
            end=1,
            sentence_start=0,
            sentence_end=1,
        )


@pytest.mark.django_db
def test_mention_with_one_target_is_stored():
    article = make_article()
    Mention.objects.create(
        article=article,
        place=make_place(),
        text="Manbij",
        start=0,
        end=6,
        sentence_start=0,
        sentence_end=7,
    )
    assert Mention.objects.count() == 1


@pytest.mark.django_db
def test_same_text_twice_is_rejected_by_the_content_hash():
    make_article(text="The same report.")
    with (
        pytest.raises(IntegrityError, match="articles_article_unique_content_hash|UNIQUE"),
        transaction.atomic(),
    ):
        make_article(text="The  same\nreport.")


def test_content_hash_ignores_white_space_and_unicode_form():
    assert content_hash("Çavuşoğlu  met\nLavrov") == content_hash(
        "C\u0327avus\u0327og\u0306lu met Lavrov"
    )
    assert content_hash("a b") != content_hash("a c")


@pytest.mark.django_db
def test_place_keys_and_geonames_ids_are_unique():
    make_place()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_place(name="Menbij", key="gn:166365")
    Place.objects.create(kind="site", name="A", key="sy:a", slug="a")
    Place.objects.create(
        kind="site", name="B", key="sy:b", slug="b"
    )  # two places without a GeoNames id
    Place.objects.filter(key="sy:a").update(geonames_id=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Place.objects.filter(key="sy:b").update(geonames_id=1)


@pytest.mark.django_db
def test_coordinates_out_of_range_are_rejected():
    with pytest.raises(IntegrityError, match="latitude|CHECK"), transaction.atomic():
        Place.objects.create(kind="city", name="X", key="x", slug="x", latitude=91, longitude=0)
