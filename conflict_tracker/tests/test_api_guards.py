"""The API's JSON parser and rate limits: a too-deep body is a JSON 400, and the limits are
counted where every web process sees them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def analyst(api, django_user_model):
    user = django_user_model.objects.create_user("analyst", password="pw-analyst-1")
    api.force_authenticate(user)
    return user


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_a_body_nested_100000_deep_is_the_apis_json_400(api, analyst, opening):
    closing = "]" if opening == "[" else "}"
    body = opening * 100_000 + "1" + closing * 100_000
    response = api.post("/api/v1/articles/", body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "parse_error"
    assert "nested too deeply" in error["message"]


def test_a_shallow_body_is_still_parsed(api, analyst):
    response = api.post("/api/v1/articles/", {"text": [[["x"]]]}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["text"]


def test_throttle_counts_live_in_the_throttle_cache(api, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "5/minute", "user": None})
    api.get("/api/v1/actors/")
    assert caches["throttle"].get("throttle_anon_127.0.0.1")
    assert caches["default"].get("throttle_anon_127.0.0.1") is None


# Two processes (two gunicorn workers) against one SQLite file, with no CACHE_URL: the second
# process sees the requests the first one made.
REQUESTS = """
import django, sys
django.setup()
from django.test import Client
client = Client()
print(" ".join(str(client.get("/api/v1/actors/").status_code) for _ in range(int(sys.argv[1]))))
"""


def _run(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def test_rate_limits_hold_across_processes_without_a_cache_server(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CACHE_URL", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="conflict_tracker.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ALLOWED_HOSTS="testserver",
        API_THROTTLE_ANON="3/minute",
        API_THROTTLE_USER="1000/minute",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        PYTHONPATH=str(ROOT),
    )
    _run(env, "manage.py", "migrate", "--noinput", "-v", "0")
    assert _run(env, "-c", REQUESTS, "2") == "200 200"
    assert _run(env, "-c", REQUESTS, "2") == "200 429"


def test_a_made_up_forwarded_address_does_not_dodge_the_limit(api, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "2/minute"}
    )
    codes = [
        api.get("/api/v1/actors/", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(3)
    ]
    assert codes == [200, 200, 429]


def test_behind_a_trusted_proxy_its_forwarded_address_counts(api, monkeypatch, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute", "user": "1/minute"}
    )
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    assert api_settings.NUM_PROXIES == 1
    first = api.get("/api/v1/actors/", HTTP_X_FORWARDED_FOR="198.51.100.1")
    other = api.get("/api/v1/actors/", HTTP_X_FORWARDED_FOR="198.51.100.2")
    again = api.get("/api/v1/actors/", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert [first.status_code, other.status_code, again.status_code] == [200, 200, 429]
