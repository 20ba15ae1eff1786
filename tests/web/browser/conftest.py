"""Real-browser tests: Playwright driving the system's Chromium (no browser download).

Skipped, saying how to get it, when Chromium or the playwright package is missing. Run them
alone with ``pytest -m browser tests/web/browser``. With ``WEB_SCREENSHOTS=docs/screenshots``
the page tour also saves a desktop (1280 px) and a phone (375 px) screenshot of every page.
"""

import os
import shutil

import pytest
from django.conf import settings
from django.test import Client

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover
    sync_playwright = None

MISSING = (
    "playwright is not installed (pip install -r requirements-dev.lock)"
    if sync_playwright is None
    else None
    if os.path.exists(CHROMIUM)
    else f"Chromium not found at {CHROMIUM}: `apt-get install chromium` (or set CHROMIUM_PATH)"
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/web/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if MISSING:
                item.add_marker(pytest.mark.skip(reason=f"browser test skipped: {MISSING}"))


@pytest.fixture
def chromium(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still synchronous, so Django's async-safety check does not apply to them.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium, live_server):
    """``open_page(width=1280, zone="UTC")``: a new browser context's page on the live server."""
    contexts = []

    def make(*, width=1280, zone="UTC"):
        context = chromium.new_context(
            viewport={"width": width, "height": 900},
            timezone_id=zone,
            base_url=live_server.url,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.js_errors = errors
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def log_in(live_server):
    """``log_in(page, user)``: the page's browser context gets ``user``'s session cookie (the
    log-in form itself is tested once, in the round's test; the others need not pay for it)."""

    def put(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
        return page

    return put
