"""GET /health/ (alive) and GET /ready/ (every dependency answers) for load balancers."""

import pytest
from django.db import OperationalError
from django.test.utils import CaptureQueriesContext

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.mark.django_db
def test_alive_answers_without_touching_anything(api):
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        response = api.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert len(queries) == 0
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_when_database_and_cache_answer(api, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # no broker configured: not checked
    response = api.get("/ready/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


@pytest.mark.django_db
def test_not_ready_names_the_cache_that_does_not_answer(api, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": UNREACHABLE_REDIS,
        }
    }
    response = api.get("/ready/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"].startswith("failed: ")
    assert "127.0.0.1" not in response.content.decode()  # no address or password leaks


@pytest.mark.django_db
def test_not_ready_names_the_database_that_does_not_answer(api, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    class DownDatabase:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("core.health.connection", DownDatabase())
    response = api.get("/ready/")
    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "failed: OperationalError",
        "cache": "ok",
    }


@pytest.mark.django_db
def test_not_ready_names_the_broker_that_does_not_answer(api, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # a broker is configured ...
    settings.HEALTH_CHECK_TIMEOUT_SECONDS = 1
    settings.CELERY_BROKER_URL = UNREACHABLE_REDIS  # ... and down
    response = api.get("/ready/")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == "ok"
    assert checks["broker"].startswith("failed: ")


@pytest.mark.django_db
def test_health_endpoints_take_only_get(api):
    assert api.post("/health/").status_code == 405
    assert api.post("/ready/").status_code == 405


@pytest.mark.django_db
@pytest.mark.skipif(
    not __import__("os").environ.get("CELERY_BROKER_URL"),
    reason="needs a real broker (CI's PostgreSQL run sets CELERY_BROKER_URL to Redis)",
)
def test_ready_checks_a_real_broker(api, settings):
    import os

    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
    response = api.get("/ready/")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"
