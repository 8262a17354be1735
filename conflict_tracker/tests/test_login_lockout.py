"""Login lockout (django-axes): repeated wrong passwords for one account from one address lock
that pair out with a 429 that says why; the right password does not get through meanwhile."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def analyst(django_user_model):
    return django_user_model.objects.create_user("analyst", password="right-pass-1")


def _login(password: str, *, username: str = "analyst", address: str = "203.0.113.7"):
    return Client(REMOTE_ADDR=address).post(LOGIN, {"username": username, "password": password})


def test_five_failures_lock_the_account_for_that_address(analyst, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert _login("wrong").status_code == 200  # the form again, with its error
    locked = _login("wrong")
    assert locked.status_code == 429
    assert b"Too many failed logins" in locked.content
    assert b"15 minutes" in locked.content
    # Even the right password is refused while locked.
    assert _login("right-pass-1").status_code == 429
    # The lockout is for this account from this address only.
    assert _login("right-pass-1", address="198.51.100.20").status_code == 302
    assert _login("wrong", username="someone-else").status_code == 200


def test_a_success_clears_the_failures(analyst):
    for _ in range(4):
        _login("wrong")
    assert _login("right-pass-1").status_code == 302
    for _ in range(4):
        assert _login("wrong").status_code == 200


def test_the_admin_login_is_guarded_too(analyst):
    analyst.is_staff = True
    analyst.save()
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        client.post("/admin/login/", {"username": "analyst", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "analyst", "password": "right-pass-1"})
    assert response.status_code == 429


def test_a_made_up_forwarded_address_does_not_unlock(analyst):
    for n in range(5):
        Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").post(
            LOGIN, {"username": "analyst", "password": "wrong"}
        )
    spoofed = Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.9.9.9")
    response = spoofed.post(LOGIN, {"username": "analyst", "password": "right-pass-1"})
    assert response.status_code == 429
