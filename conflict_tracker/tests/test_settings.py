import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from conflict_tracker.env import envbool, envint, envlist, local_secret_key


def test_envbool_accepts_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert envbool("FLAG") is True
    monkeypatch.setenv("FLAG", "off")
    assert envbool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert envbool("FLAG", True) is True


def test_envbool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        envbool("FLAG")


def test_envint_checks_type_and_minimum(monkeypatch):
    monkeypatch.setenv("N", "12")
    assert envint("N", 3) == 12
    monkeypatch.setenv("N", "twelve")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        envint("N", 3)
    monkeypatch.setenv("N", "0")
    with pytest.raises(ImproperlyConfigured, match="below the minimum of 1"):
        envint("N", 3, minimum=1)


def test_envlist_splits_and_trims(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example , b.example,,")
    assert envlist("HOSTS", []) == ["a.example", "b.example"]


def test_local_secret_key_is_created_once_and_private(tmp_path):
    path = tmp_path / "var" / "secret_key"
    first = local_secret_key(path)
    assert len(first) >= 50
    assert local_secret_key(path) == first
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(
    os.environ.get("CI") != "true", reason="CI runs the suite against PostgreSQL and Redis"
)
def test_ci_runs_against_postgresql_and_redis():
    assert connection.vendor == "postgresql"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert settings.CELERY_TASK_ALWAYS_EAGER is False


def test_without_a_broker_tasks_run_in_process():
    assert settings.CELERY_TASK_ALWAYS_EAGER is (not settings.CELERY_BROKER_URL)


ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-" + "x7Qp2mZr9Lw4Ns8Vb1Hc6Jd0Fg5Tk3Ye" * 2,
    "ALLOWED_HOSTS": "tracker.example.org",
    "SESSION_COOKIE_SECURE": "1",
    "CSRF_COOKIE_SECURE": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A fresh process with the production variables; none of the test run's own (conftest.py
    # allows async-unsafe calls for the browser tests, which the deploy check rightly refuses).
    left_out = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in left_out}
    environment.update(DJANGO_SETTINGS_MODULE="conflict_tracker.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


SHOW_HSTS = (
    "from django.conf import settings as s; "
    "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
)


def test_hsts_comes_from_the_environment():
    shown = _manage("shell", "--no-imports", "-c", SHOW_HSTS, **PRODUCTION)
    assert shown.stdout.split() == ["31536000", "True", "True"], shown.stderr
    # Off unless set: browsers remember HSTS, so it is turned on knowingly.
    unset = _manage("shell", "--no-imports", "-c", SHOW_HSTS)
    assert unset.stdout.split() == ["0", "False", "False"], unset.stderr
    bad = _manage("check", **{**PRODUCTION, "SECURE_HSTS_SECONDS": "a year"})
    assert bad.returncode != 0
    assert "SECURE_HSTS_SECONDS='a year' is not a whole number" in bad.stderr


# --- REST_FRAMEWORK and the extractor's settings are the ones in force ---------------------------

# What a view may set on top of the defaults, and why: places and events also answer GeoJSON; an
# upload is JSON or multipart, never a urlencoded form. Nothing else.
API_VIEW_ADDITIONS = {
    ("PlaceViewSet", "renderer_classes"): ["GeoJSONRenderer"],
    ("EventViewSet", "renderer_classes"): ["GeoJSONRenderer"],
    ("ArticleViewSet", "parser_classes"): None,  # a subset of the default parsers
}
DEFAULT_CLASS_SETTINGS = {
    "authentication_classes": "DEFAULT_AUTHENTICATION_CLASSES",
    "permission_classes": "DEFAULT_PERMISSION_CLASSES",
    "throttle_classes": "DEFAULT_THROTTLE_CLASSES",
    "parser_classes": "DEFAULT_PARSER_CLASSES",
    "renderer_classes": "DEFAULT_RENDERER_CLASSES",
    "filter_backends": "DEFAULT_FILTER_BACKENDS",
}


def _dotted(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def test_every_api_view_uses_the_rest_framework_defaults():
    from rest_framework.settings import api_settings

    from conflict_tracker.api_urls import router

    assert [_dotted(c) for c in api_settings.DEFAULT_PERMISSION_CLASSES] == list(
        settings.REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"]
    )
    viewsets = [viewset for _, viewset, _ in router.registry]
    assert len(viewsets) == 5
    for viewset in viewsets:
        assert viewset.pagination_class is api_settings.DEFAULT_PAGINATION_CLASS, viewset
        assert viewset.get_exception_handler(viewset()) is api_settings.EXCEPTION_HANDLER
        for attribute, setting in DEFAULT_CLASS_SETTINGS.items():
            defaults = list(getattr(api_settings, setting))
            used = list(getattr(viewset, attribute))
            key = (viewset.__name__, attribute)
            if key not in API_VIEW_ADDITIONS:
                assert used == defaults, key
            elif API_VIEW_ADDITIONS[key] is None:
                assert set(used) < set(defaults), key
            else:
                added = [cls.__name__ for cls in used[len(defaults) :]]
                assert used[: len(defaults)] == defaults and added == API_VIEW_ADDITIONS[key], key


SHOW_API_DEFAULTS = (
    "from entities.api import ActorViewSet as V; "
    "print([c.__name__ for c in V.permission_classes], V.pagination_class().page_size)"
)


def test_api_login_and_page_size_come_from_the_environment():
    default = _manage("shell", "--no-imports", "-c", SHOW_API_DEFAULTS)
    assert default.stdout.strip() == "['IsAuthenticatedOrReadOnly'] 50", default.stderr
    configured = _manage(
        "shell", "--no-imports", "-c", SHOW_API_DEFAULTS, API_REQUIRE_LOGIN="1", API_PAGE_SIZE="7"
    )
    assert configured.stdout.strip() == "['IsAuthenticated'] 7", configured.stderr


SHOW_EXTRACTION_CONFIG = (
    "from extraction import config, gazetteer; c = config.current(); "
    "print(c.spacy_model, c.gazetteer_cache_dir, gazetteer.default_cache_dir())"
)


def test_spacy_model_and_gazetteer_cache_dir_reach_the_extractor(tmp_path):
    shown = _manage(
        "shell",
        "--no-imports",
        "-c",
        SHOW_EXTRACTION_CONFIG,
        SPACY_MODEL="some_model",
        GAZETTEER_CACHE_DIR=str(tmp_path),
    )
    assert shown.stdout.split() == ["some_model", str(tmp_path), str(tmp_path)], shown.stderr
    unset = _manage("shell", "--no-imports", "-c", SHOW_EXTRACTION_CONFIG, SPACY_MODEL="")
    expected_dir = str(settings.BASE_DIR / "var" / "cache")
    assert unset.stdout.split() == ["None", expected_dir, expected_dir], unset.stderr


def test_manage_extract_loads_the_model_named_by_spacy_model(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The minister met the envoy in Damascus on Monday.", encoding="utf-8")
    result = _manage("extract", str(article), SPACY_MODEL="no_such_pipeline_xyz")
    assert result.returncode != 0
    assert "no_such_pipeline_xyz" in result.stderr


@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("JIT is a PostgreSQL setting: set DATABASE_URL=postgres://...")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
