"""`manage.py create_api_token USERNAME`."""

import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue().strip()


def test_prints_a_working_token_and_the_same_one_again(django_user_model, api_login_required):
    user = django_user_model.objects.create_user("analyst")
    key = run("analyst")
    assert Token.objects.get(user=user).key == key
    assert run("analyst") == key
    client = APIClient()
    assert client.get("/api/v1/actors/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_reset_replaces_the_token(django_user_model):
    django_user_model.objects.create_user("analyst")
    old = run("analyst")
    new = run("analyst", "--reset")
    assert new != old
    assert not Token.objects.filter(key=old).exists()


def test_unknown_or_inactive_user_is_an_error(django_user_model):
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        run("ghost")
    django_user_model.objects.create_user("gone", is_active=False)
    with pytest.raises(CommandError, match="inactive"):
        run("gone")
