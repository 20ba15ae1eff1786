"""Errors on API paths are JSON in every mode; no debug page shows a password (issue 10, item 8)."""

import sys

import pytest
from django.test import RequestFactory
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from core.debug import mask_url_passwords
from tests.clients import SchemaCheckedClient, client_for
from tests.factories import MenteeFactory

STARS = SafeExceptionReporterFilter.cleansed_substitute
DB_PASSWORD = "db-pw-Zq81"
BROKER_PASSWORD = "broker-pw-Xy52"
CACHE_PASSWORD = "cache-pw-Lm07"


@pytest.fixture
def secrets_in_settings(settings, monkeypatch):
    settings.DEBUG = True
    settings.CELERY_BROKER_URL = f"redis://:{BROKER_PASSWORD}@redis.internal:6379/0"
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://user:{CACHE_PASSWORD}@redis.internal:6379/1",
        },
    }
    monkeypatch.setenv("DATABASE_URL", f"postgres://oneonone:{DB_PASSWORD}@db.internal/oneonone")
    return settings


@pytest.fixture
def broken_mentor_list(monkeypatch):
    def boom(**kwargs):
        raise RuntimeError(f"boom postgres://oneonone:{DB_PASSWORD}@db.internal/oneonone")

    monkeypatch.setattr("contracts.team_production.views.mentoring.selectors.mentor_cards", boom)


def test_debug_500_on_an_api_path_is_json_without_secrets(
    db, secrets_in_settings, broken_mentor_list
):
    client = client_for(MenteeFactory())
    client.raise_request_exception = False
    response = client.get("/mentor/", HTTP_ACCEPT="text/html")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Server error. It has been logged."}
    body = response.content.decode()
    for secret in (DB_PASSWORD, BROKER_PASSWORD, CACHE_PASSWORD):
        assert secret not in body


def test_debug_500_on_an_anonymous_api_path_is_json(db, secrets_in_settings, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("contracts.oneonone_short.views.accounts.services.authenticate", boom)
    client = SchemaCheckedClient(raise_request_exception=False)
    response = client.post("/users/login/", {"username": "a", "password": "b"}, format="json")
    assert response.status_code == 500
    assert response.json() == {"detail": "Server error. It has been logged."}


def test_debug_404_on_an_api_path_is_json(db, settings):
    settings.DEBUG = True
    response = SchemaCheckedClient().get("/no/such/thing/", HTTP_ACCEPT="text/html")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_debug_404_in_the_admin_stays_a_page(db, settings, admin_client):
    settings.DEBUG = True
    response = admin_client.get("/admin/no/such/page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_debug_page_masks_passwords_inside_urls(secrets_in_settings):
    request = RequestFactory().get(
        "/admin/", HTTP_X_DB=f"postgres://oneonone:{DB_PASSWORD}@db.internal/oneonone"
    )
    conn_params = {"password": DB_PASSWORD, "host": "db.internal"}  # a frame's local
    try:
        raise RuntimeError(f"cannot reach redis://:{BROKER_PASSWORD}@redis.internal")
    except RuntimeError:
        html = ExceptionReporter(request, *sys.exc_info()).get_traceback_html()
    assert conn_params["host"] in html
    assert "CELERY_BROKER_URL" in html
    assert f"redis://:{STARS}@redis.internal:6379/0" in html
    assert f"redis://user:{STARS}@redis.internal:6379/1" in html
    assert f"postgres://oneonone:{STARS}@db.internal/oneonone" in html
    for secret in (DB_PASSWORD, CACHE_PASSWORD):
        assert secret not in html
    # The exception's own message is shown as raised: code must not put secrets in messages.
    assert html.count(BROKER_PASSWORD) <= html.count("cannot reach redis")


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("redis://:pw@host:6379/0", f"redis://:{STARS}@host:6379/0"),
        ("postgres://u:p@ss@h/db", f"postgres://u:{STARS}@h/db"),
        ("amqp://guest:guest@host:5672//", f"amqp://guest:{STARS}@host:5672//"),
        ("postgres://user@host/db", "postgres://user@host/db"),
        ("sqlite:////var/db.sqlite3", "sqlite:////var/db.sqlite3"),
        ("a=redis://x:y@h b=amqp://c:d@e", f"a=redis://x:{STARS}@h b=amqp://c:{STARS}@e"),
    ],
)
def test_mask_url_passwords(text, masked):
    assert mask_url_passwords(text) == masked


def test_debug_bad_host_on_an_api_path_is_json_without_settings(db, secrets_in_settings):
    client = SchemaCheckedClient(raise_request_exception=False)
    response = client.get("/mentor/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json() == {"detail": "Bad Request."}
