"""Request logs (issue 14): one line per request, a request id on every line of that request.

The lines are rendered here by the formatter the settings configure (config/logs.py), on a
handler of the test's own; ``LOG_FORMAT`` itself is read at import, so the json/text choice is
checked by building the config for each format and, once, in a subprocess.
"""

import io
import json
import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured

from config.logs import logging_config

ROOT = Path(__file__).resolve().parent.parent


class Lines:
    def __init__(self, stream):
        self.stream = stream

    def all(self):
        return self.stream.getvalue().splitlines()

    def json(self):
        return [json.loads(line) for line in self.all()]


@pytest.fixture
def log_lines():
    """``log_lines("json")``: the lines logged from then on, in that format, at INFO."""
    root = logging.getLogger()
    handlers = []

    def capture(log_format="json"):
        options = dict(logging_config(log_format)["formatters"]["structlog"])
        formatter = options.pop("()")(**options)
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.setFormatter(formatter)
        handler.setLevel(logging.INFO)
        root.addHandler(handler)
        handlers.append(handler)
        return Lines(stream)

    level = root.level
    root.setLevel(logging.INFO)
    yield capture
    for handler in handlers:
        root.removeHandler(handler)
    root.setLevel(level)


def finished(records):
    return [r for r in records if r["event"] in ("request_finished", "request_failed")]


@pytest.mark.django_db
def test_one_line_per_request_with_method_path_status_duration_user_and_id(log_lines, bearer, user):
    lines = log_lines("json")
    response = bearer.get("/contacts/?limit=5", HTTP_X_REQUEST_ID="req-abc-123")
    assert response.status_code == 200
    records = lines.json()
    assert len(finished(records)) == 1, records
    (line,) = finished(records)
    assert line["method"] == "GET"
    assert line["path"] == "/contacts/?limit=5"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["user_id"] == user.pk
    assert line["request_id"] == "req-abc-123"
    assert line["level"] == "info"
    # request_started is logged at DEBUG only: one line per request at INFO.
    assert [r["event"] for r in records] == ["request_finished"]


@pytest.mark.django_db
def test_a_client_error_is_one_warning_line_with_no_user(log_lines, api):
    lines = log_lines("json")
    response = api.get("/no-such-path/")
    assert response.status_code == 404
    records = lines.json()
    assert len(records) == 1, records  # Django's "Not Found: ..." line does not repeat it
    (line,) = records
    assert (line["event"], line["status"], line["level"]) == ("request_finished", 404, "warning")
    assert line["user_id"] is None
    assert line["path"] == "/no-such-path/"


@pytest.mark.django_db
def test_the_given_request_id_is_used_and_echoed(log_lines, api):
    lines = log_lines("json")
    given = str(uuid.uuid4())
    response = api.get("/health/", HTTP_X_REQUEST_ID=given)
    assert response["X-Request-ID"] == given
    assert finished(lines.json())[0]["request_id"] == given


@pytest.mark.django_db
def test_a_missing_request_id_is_generated_and_echoed(log_lines, api):
    lines = log_lines("json")
    first = api.get("/health/")
    second = api.get("/health/")
    ids = [first["X-Request-ID"], second["X-Request-ID"]]
    assert all(uuid.UUID(i) for i in ids) and ids[0] != ids[1]
    assert [r["request_id"] for r in finished(lines.json())] == ids


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        "abc\nrequest_finished status=200 user_id=1",
        "abc\r\nX",
        "a" * 10_000,
        "has space",
        'quote"s',
        "",
    ],
)
def test_an_unsafe_request_id_is_replaced(log_lines, api, bad):
    lines = log_lines("text")
    response = api.get("/health/", HTTP_X_REQUEST_ID=bad, HTTP_X_CORRELATION_ID=bad)
    new_id = response["X-Request-ID"]
    assert uuid.UUID(new_id)
    text = lines.all()
    assert len(text) == 1, text
    assert f"request_id={new_id}" in text[0]
    assert "correlation_id" not in text[0]
    if bad:
        assert bad not in text[0]


@pytest.mark.django_db
def test_the_request_id_is_echoed_on_preflights_and_error_pages(log_lines, api, settings):
    settings.CORS_ALLOWED_ORIGINS = ["http://localhost:3000"]
    lines = log_lines("json")
    preflight = api.options(
        "/contacts/",
        HTTP_ORIGIN="http://localhost:3000",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_X_REQUEST_ID="pre-1",
    )
    assert preflight["X-Request-ID"] == "pre-1"
    unauthorized = api.get(
        "/contacts/", HTTP_ORIGIN="http://localhost:3000", HTTP_X_REQUEST_ID="err-1"
    )
    assert unauthorized.status_code == 401
    assert unauthorized["X-Request-ID"] == "err-1"
    assert "x-request-id" in unauthorized["Access-Control-Expose-Headers"].lower()
    assert [(r["request_id"], r["status"]) for r in finished(lines.json())] == [
        ("pre-1", 200),
        ("err-1", 401),
    ]


@pytest.mark.django_db
def test_every_line_of_the_request_carries_its_id(log_lines, api, monkeypatch):
    from core import health

    def cache_down():
        raise ConnectionError("cache down")

    monkeypatch.setattr(health, "check_cache", cache_down)
    lines = log_lines("json")
    response = api.get("/ready/", HTTP_X_REQUEST_ID="ready-7")
    assert response.status_code == 503
    records = lines.json()
    assert [(r["event"].split(":")[0], r["level"]) for r in records] == [
        ("Readiness check cache failed", "warning"),
        ("request_finished", "error"),
    ]
    assert {r["request_id"] for r in records} == {"ready-7"}


@pytest.mark.django_db
def test_a_failing_view_logs_one_failed_line_with_the_traceback(log_lines, api, monkeypatch):
    from core import health

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(health, "checks", broken)
    api.raise_request_exception = False
    lines = log_lines("json")
    response = api.get("/ready/", HTTP_X_REQUEST_ID="fail-1")
    assert response.status_code == 500
    assert response["X-Request-ID"] == "fail-1"
    records = lines.json()
    assert len(records) == 1, records  # Django's "Internal Server Error" does not repeat it
    (line,) = records
    assert (line["event"], line["status"], line["method"], line["path"]) == (
        "request_failed",
        500,
        "GET",
        "/ready/",
    )
    assert line["request_id"] == "fail-1" and "duration_ms" in line
    assert "RuntimeError: boom" in line["exception"]


@pytest.mark.django_db(transaction=True)
def test_a_task_queued_by_a_request_logs_with_its_request_id(log_lines, api, user, settings):
    """Eager tasks run after the request's commit, inside it: their lines carry its id."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    lines = log_lines("json")
    response = api.post(
        "/auth/users/reset_password/",
        {"email": user.email},
        format="json",
        HTTP_X_REQUEST_ID="reset-42",
    )
    assert response.status_code < 300, response.content
    assert len(mail.outbox) == 1
    records = lines.json()
    sent = [r for r in records if r["logger"] == "notifications.services"]
    assert sent and sent[0]["event"].startswith("Sent ")
    assert sent[0]["request_id"] == "reset-42"
    assert [r["request_id"] for r in finished(records)] == ["reset-42"]


def test_text_lines_are_readable_and_one_line_each(log_lines):
    lines = log_lines("text")
    logging.getLogger("tests.logs").warning("two\nlines %s", "here")
    (line,) = lines.all()
    assert "[warning" in line and "two\\x0alines here" in line and "[tests.logs]" in line


def test_an_unknown_log_format_is_refused():
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT"):
        logging_config("xml")


@pytest.mark.parametrize("log_format", ["json", "text"])
def test_log_format_setting_chooses_the_format(log_format):
    """Settings read LOG_FORMAT at import: a fresh process configures logging from them."""
    code = (
        "import django, logging, structlog;"
        "django.setup();"
        "structlog.contextvars.bind_contextvars(request_id='sub-1');"
        "logging.getLogger('django').warning('from django');"
        "structlog.get_logger('tests').info('from_structlog', n=1)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LOG_FORMAT": log_format,
        "LOG_LEVEL": "INFO",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    if log_format == "json":
        django_line, structlog_line = (json.loads(line) for line in lines)
        assert django_line["event"] == "from django" and django_line["logger"] == "django"
        assert structlog_line == {**structlog_line, "event": "from_structlog", "n": 1}
        assert {django_line["request_id"], structlog_line["request_id"]} == {"sub-1"}
    else:
        assert "from django" in lines[0] and "request_id=sub-1" in lines[0]
        assert "from_structlog" in lines[1] and "n=1" in lines[1]
        with pytest.raises(json.JSONDecodeError):
            json.loads(lines[0])


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_the_task_message_carries_the_request_id(api, user, settings):
    """With a broker (DJANGO_STRUCTLOG_CELERY_ENABLED) the id travels in the task's headers.

    The worker's side (`celery worker`, config/celery_app.py) binds it to the task's
    lines. Here: the publishing side, on Celery's in-memory transport, nothing consuming it.
    """
    from celery.signals import after_task_publish, before_task_publish
    from django_structlog.celery.receivers import CeleryReceiver

    from config.celery_app import app as celery_app

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    receiver = CeleryReceiver()  # what django-structlog connects when CELERY_ENABLED at start
    published = []

    def capture(headers=None, **kwargs):
        published.append(dict(headers))

    receiver.connect_signals()
    before_task_publish.connect(capture, weak=False)  # after the receiver: sees its header
    celery_app.conf.task_always_eager = False  # the autouse fixture sets it back
    try:
        response = api.post(
            "/auth/users/reset_password/",
            {"email": user.email},
            format="json",
            HTTP_X_REQUEST_ID="queued-9",
        )
    finally:
        before_task_publish.disconnect(capture)
        before_task_publish.disconnect(receiver.receiver_before_task_publish)
        after_task_publish.disconnect(receiver.receiver_after_task_publish)
    assert response.status_code < 300, response.content
    assert [h["task"] for h in published] == ["notifications.tasks.deliver_message"]
    assert published[0]["__django_structlog__"]["request_id"] == "queued-9"
    assert mail.outbox == []  # queued, not run in-process
