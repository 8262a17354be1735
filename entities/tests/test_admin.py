import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.urls import reverse

from entities.models import Actor, ActorAlias
from entities.tests.factories import make_actor, make_article, make_meeting


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("curator", "curator@example.org", "pw")
    client.force_login(user)
    return client


def make(name):
    actor = Actor.objects.create(
        kind="person", name=name, key=name.lower(), slug=name.lower().replace(" ", "-")
    )
    ActorAlias.objects.create(actor=actor, kind="person", name=name, key=name.lower())
    return actor


@pytest.mark.django_db
def test_merge_action_asks_which_actor_to_keep_then_merges(staff_client):
    a, b = make("Recep Tayyip Erdogan"), make("Erdoğan")
    url = reverse("admin:entities_actor_changelist")
    data = {"action": "merge_actors", ACTION_CHECKBOX_NAME: [a.pk, b.pk]}

    confirm = staff_client.post(url, data)
    assert confirm.status_code == 200
    assert b"Choose the actor to keep" in confirm.content
    assert Actor.objects.count() == 2

    done = staff_client.post(url, {**data, "confirm": "yes", "keep": a.pk}, follow=True)
    assert done.status_code == 200
    assert list(Actor.objects.values_list("name", flat=True)) == ["Recep Tayyip Erdogan"]
    assert ActorAlias.objects.filter(actor=a).count() == 2


@pytest.mark.django_db
def test_admin_pages_render(staff_client):
    make("Sergei Lavrov")
    for name in ["actor", "actoralias", "place", "role", "meeting", "mention", "placeredirect"]:
        assert staff_client.get(reverse(f"admin:entities_{name}_changelist")).status_code == 200
    assert staff_client.get(reverse("admin:articles_article_changelist")).status_code == 200
    assert staff_client.get(reverse("admin:entities_actor_add")).status_code == 200


@pytest.mark.django_db
def test_actor_created_in_the_admin_gets_its_key_from_the_name(staff_client):
    response = staff_client.post(
        reverse("admin:entities_actor_add"),
        {
            "kind": "person",
            "name": "Mevlüt Çavuşoğlu",
            "key": "",
            "slug": "mevlut-cavusoglu",
            "country": "tr",
            "aliases-TOTAL_FORMS": 0,
            "aliases-INITIAL_FORMS": 0,
            "roles-TOTAL_FORMS": 0,
            "roles-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    actor = Actor.objects.get()
    assert (actor.key, actor.country) == ("mevlut cavusoglu", "TR")


@pytest.mark.django_db
def test_a_meetings_admin_page_shows_its_sources_sentence_from_the_text(staff_client):
    article = make_article("Before that. Lavrov met Çavuşoğlu in Antalya. After that.")
    meeting = make_meeting(
        [make_actor("Sergey Lavrov")], sources=[(article, "Lavrov met Çavuşoğlu in Antalya.")]
    )
    page = staff_client.get(reverse("admin:entities_meeting_change", args=[meeting.pk]))
    assert "Lavrov met Çavuşoğlu in Antalya." in page.content.decode()
