"""One log line per request, and a request id on every line the request logs.

django-structlog's RequestMiddleware does the work: it binds ``request_id`` (from the
``X-Request-ID`` header) to the log context, which every log line then carries (config/logs.py),
the lines of eager tasks included, and with a broker the tasks' messages too (its Celery support:
config/celery_app.py); when the response is ready it logs ``request_finished`` with the
``user_id`` the view authenticated (or ``request_failed`` with the traceback when the view
raised). This module adds:

- ``RequestIdMiddleware`` (before RequestMiddleware): keeps the client's ``X-Request-ID`` only
  when it is a short token of safe characters, else makes a new one (a UUID), so a client
  cannot write newlines or 10 KB into the logs; it echoes the id in the response's
  ``X-Request-ID``.
- receivers adding ``method``, ``path``, ``status`` and ``duration_ms`` to that one line.
"""

import re
import time
import uuid

from django.dispatch import receiver
from django_structlog import signals

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's or a client's id: UUIDs, hex, base64 and the like, up to 128 characters.
SAFE_ID = re.compile(r"[A-Za-z0-9._:+/=@-]{1,128}")


def safe_id(value: str | None) -> str | None:
    """The value if it may go into a log line as it is, else None."""
    return value if value and SAFE_ID.fullmatch(value) else None


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = safe_id(request.META.get("HTTP_X_REQUEST_ID")) or str(uuid.uuid4())
        # Read by django-structlog's RequestMiddleware, next in the chain (request.headers is
        # built from META on first use: nothing has read it yet).
        request.META["HTTP_X_REQUEST_ID"] = request_id
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


@receiver(signals.bind_extra_request_metadata)
def _note_start(request, **kwargs):
    request._log_started_ns = time.monotonic_ns()


def _request_fields(request, status: int, log_kwargs: dict) -> None:
    """The line's fields: method, path (escaped, with its query), status, duration in ms."""
    started = getattr(request, "_log_started_ns", None)
    log_kwargs.pop("request", None)  # "GET /path": said by method and path
    log_kwargs.pop("code", None)  # said by status
    log_kwargs["method"] = request.method
    log_kwargs["path"] = request.get_full_path()  # percent-encoded: no spaces, no newlines
    log_kwargs["status"] = status
    if started is not None:
        log_kwargs["duration_ms"] = round((time.monotonic_ns() - started) / 1e6, 1)


@receiver(signals.bind_extra_request_finished_metadata)
def _finished_fields(request, response, log_kwargs, **kwargs):
    _request_fields(request, response.status_code, log_kwargs)


@receiver(signals.bind_extra_request_failed_metadata)
def _failed_fields(request, log_kwargs, **kwargs):
    _request_fields(request, 500, log_kwargs)
