"""Health endpoints for load balancers and orchestrators (README "Production").

- ``GET /health/``: the process is alive and serving. 200, touches nothing (a liveness probe:
  restart the process when it fails).
- ``GET /ready/``: 200 only when every dependency answers: the database, the default cache
  and, when ``CELERY_BROKER_URL`` names a broker, the broker. Otherwise 503 naming the one that
  failed (a readiness probe: send no traffic while it fails). Each check is bounded by
  ``HEALTH_CHECK_TIMEOUT_SECONDS``.

Both are open (no login) and say nothing but ``ok`` or the failing dependency and the
exception's class name, never a message that could hold an address or a password.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    try:
        if cache.get(key) != "1":
            raise RuntimeError("the cache did not return what was stored")
    finally:
        cache.delete(key)


def check_broker() -> None:
    timeout = settings.HEALTH_CHECK_TIMEOUT_SECONDS
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=timeout) as conn:
        conn.ensure_connection(max_retries=1, timeout=timeout)


def checks() -> dict:
    found = {"database": check_database, "cache": check_cache}
    if not settings.CELERY_TASK_ALWAYS_EAGER:  # a broker is configured
        found["broker"] = check_broker
    return found


@never_cache
@require_GET
def alive(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request):
    results = {}
    failed = False
    for name, check in checks().items():
        try:
            check()
        except Exception as exc:  # any failure means "not ready"; logged with its details
            logger.warning("Readiness check %s failed: %r", name, exc)
            results[name] = f"failed: {type(exc).__name__}"
            failed = True
        else:
            results[name] = "ok"
    return JsonResponse(
        {"status": "unavailable" if failed else "ok", "checks": results},
        status=503 if failed else 200,
    )
