"""Browser tests: pytest-playwright driving the system's Chromium (Debian's `chromium` package).

No browser is ever downloaded. Without /usr/bin/chromium these tests are skipped, so the rest of
the suite runs anywhere; CI installs it with `apt-get install -y chromium`.
"""

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install -y chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def shot():
    """Saves a full-page screenshot as test-artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def local_only(page, live_server, settings):
    """Blocks (and records) every request that does not go to the live server; no tiles."""
    settings.MAP_TILE_URL = ""
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    return outside


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The directories cache activity counts per database state; each test starts clean."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def processing(request, settings):
    """Uploads are processed in-process with no broker; with one (CI), by a real celery worker."""
    if settings.CELERY_BROKER_URL:
        request.getfixturevalue("start_worker")()
