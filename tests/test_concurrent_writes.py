"""A burst of writes through a live server: the threaded server `make run` starts, on the
database the settings configure (the embedded default's SQLite file, or PostgreSQL).

Fifty clients write at the same moment: mentees creating their profiles (one of them twice) and
requesting sessions (some for the same half hour), people signing up (some with the same name),
users logging in (each login writes a token). No answer may be a 5xx or a dropped connection;
every write answered 2xx is in the database afterwards, and every write refused is a 4xx that
left nothing behind.
"""

import json
import socketserver
import threading
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest
from django.core.management import get_commands, load_command_class
from django.db import connection
from django.test.testcases import QuietWSGIRequestHandler
from rest_framework.authtoken.models import Token

from accounts.models import User
from accounts.services import issue_token_key
from mentoring.models import MenteeProfile, Session
from tests.conftest import PASSWORD
from tests.factories import AvailabilityFactory, MenteeFactory, UserFactory, next_half_hour
from tests.openapi import check_answer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shared_database")]

TIMEOUT = 60  # seconds, per request: bounds the test even if the server hangs


@pytest.fixture
def live_server_url():
    """The server `manage.py runserver` runs (same server class, threads, handler) on port 0."""
    command = load_command_class(get_commands()["runserver"], "runserver")
    handler = command.get_handler(use_static_handler=True, insecure_serving=False)
    server_cls = type("WSGIServer", (socketserver.ThreadingMixIn, command.server_cls), {})
    server = server_cls(("127.0.0.1", 0), QuietWSGIRequestHandler, ipv6=False)
    server.daemon_threads = True
    server.set_app(handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(TIMEOUT)


def post(url, body, headers=None):
    """POST JSON with the standard library; (status, JSON body or None)."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            status, raw, kind = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:  # 4xx and 5xx come as exceptions
        status, raw, kind = error.code, error.read(), error.headers
    is_json = "json" in kind.get("Content-Type", "")
    body = json.loads(raw) if is_json and raw else None
    if is_json:
        check_answer("POST", urllib.parse.urlsplit(url).path, status, body)
    return status, body


def burst(calls):
    """Send every call at the same instant, each from its own thread; (status, json) or error."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(TIMEOUT)
            results[index] = call()
        except Exception as exc:  # a dropped connection is a failure the test reports
            results[index] = (type(exc).__name__, str(exc))

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)
    return results


def test_fifty_concurrent_writes_answer_no_5xx_and_lose_nothing(live_server_url):
    base = live_server_url
    start = next_half_hour()
    mentor = UserFactory(is_mentor=True)
    chunks = [
        AvailabilityFactory(
            mentor=mentor,
            start_time=start + timedelta(minutes=30 * i),
            end_time=start + timedelta(minutes=30 * (i + 1)),
        )
        for i in range(10)
    ]
    mentees = [MenteeFactory() for _ in range(15)]
    headers = {m.pk: {"Authorization": f"Token {issue_token_key(user=m)}"} for m in mentees}
    returning = [UserFactory() for _ in range(9)]

    def mentee_profile(mentee):
        return lambda: post(f"{base}/menteeinfo/", {"team_number": 7}, headers[mentee.pk])

    def session_request(mentee, chunk):
        body = {
            "mentor_availability": chunk.pk,
            "start_time": chunk.start_time.isoformat(),
            "session_length": 30,
        }
        return lambda: post(f"{base}/sessionrequest/", body, headers[mentee.pk])

    def sign_up(name):
        body = {
            "username": name,
            "email": f"{name}@example.com",
            "password": PASSWORD,
            "re_password": PASSWORD,
        }
        return lambda: post(f"{base}/auth/users/", body)

    def log_in(user):
        return lambda: post(
            f"{base}/auth/token/login/", {"username": user.username, "password": PASSWORD}
        )

    writes = (
        # 15 mentee profiles, the first one posted twice (a double click).
        [("profile", m, mentee_profile(m)) for m in mentees]
        + [("profile", mentees[0], mentee_profile(mentees[0]))]
        # 15 session requests on 10 half hours: the first 5 are asked for twice.
        + [("session", m, session_request(m, chunks[i % 10])) for i, m in enumerate(mentees)]
        # 10 sign-ups, two names taken twice; 9 logins.
        + [("signup", name, sign_up(name)) for name in [f"new{i}" for i in range(8)]]
        + [("signup", name, sign_up(name)) for name in ("new0", "new1")]
        + [("login", u, log_in(u)) for u in returning]
    )
    assert len(writes) == 50

    results = burst([call for _, _, call in writes])

    assert [r for r in results if not isinstance(r[0], int) or r[0] >= 500] == []
    for (kind, who, _), (status, body) in zip(writes, results, strict=True):
        assert status in (200, 201, 400), (kind, status, body)
        if kind == "login":
            assert status == 200, body
            assert Token.objects.get(user=who).key == body["auth_token"]
        elif kind == "signup" and status == 201:
            assert User.objects.get(pk=body["id"]).username == who
        elif kind == "session" and status == 201:
            assert Session.objects.filter(pk=body["pk"], mentee=who).exists()
        elif kind == "profile" and status == 201:
            assert MenteeProfile.objects.get(user=who).team_number == 7
    # Every profile made once; the double click refused.
    assert sorted(
        s for (kind, *_), (s, _) in zip(writes, results, strict=True) if kind == "profile"
    ) == [
        *[201] * 15,
        400,
    ]
    assert MenteeProfile.objects.count() == 15
    # One session per half hour: the five asked twice have one winner and one 400, which wrote
    # nothing.
    session_codes = [
        s for (kind, *_), (s, _) in zip(writes, results, strict=True) if kind == "session"
    ]
    assert sorted(session_codes) == [*[201] * 10, *[400] * 5]
    assert Session.objects.count() == 10
    assert sorted(Session.objects.values_list("mentor_availability", flat=True)) == sorted(
        c.pk for c in chunks
    )
    for (kind, who, _), (status, _) in zip(writes, results, strict=True):
        if kind == "session" and status == 400:
            assert not Session.objects.filter(mentee=who).exists()
    # Eight new accounts; a name taken twice has one winner.
    signup_codes = [
        s for (kind, *_), (s, _) in zip(writes, results, strict=True) if kind == "signup"
    ]
    assert sorted(signup_codes) == [*[201] * 8, 400, 400]
    assert User.objects.filter(username__startswith="new").count() == 8


def test_sqlite_connections_wait_for_the_lock_and_use_wal():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings")
    with connection.cursor() as cursor:
        pragmas = {}
        for name in ("journal_mode", "synchronous", "busy_timeout"):
            cursor.execute(f"PRAGMA {name}")
            pragmas[name] = cursor.fetchone()[0]
    assert pragmas == {"journal_mode": "wal", "synchronous": 1, "busy_timeout": 20_000}
    assert connection.transaction_mode == "IMMEDIATE"
