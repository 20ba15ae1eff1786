"""Seed 002 (MentorQ): the external identity backends, against a loopback stand-in service.

Every backend refuses (401, nothing created or changed) unless the identity behind the token is
the requested email: garbage, a verdict of 403 inside an HTTP 200, another user's valid token,
a service that is down or slow.
"""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rest_framework_simplejwt.tokens import AccessToken

from accounts.models import QueueRole, User

ADA = "ada@hackru.org"
BOB = "bob@hackru.org"


def lcs_profile(email, **roles):
    flags = dict.fromkeys(
        ("hacker", "volunteer", "judge", "sponsor", "mentor", "organizer", "director"), False
    )
    flags.update(hacker=True, **roles)
    return {
        "email": email,
        "first_name": email.split("@")[0].title(),
        "last_name": "Lovelace",
        "role": flags,
        "token": ["whatever"],
        "registration_status": "checked-in",
    }


class StandIn:
    """What the stand-in service knows and how it behaves; tests change it."""

    def __init__(self):
        self.profiles = {}  # token -> LCS profile
        self.delay = 0.0
        self.requests = []


class _Handler(BaseHTTPRequestHandler):
    state: StandIn

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
        self.state.requests.append((self.path, body))
        if self.state.delay:
            time.sleep(self.state.delay)
        if self.path.endswith("/validate"):  # LCS: always HTTP 200, the verdict in the body
            profile = self.state.profiles.get(body.get("token"))
            answer = (
                {"statusCode": 200, "body": profile, "isBase64Encoded": False}
                if profile
                else {"statusCode": 403, "body": "Unauthorized token"}
            )
            status = 200
        else:  # a generic service that vouches for the token's owner, whoever was asked
            profile = self.state.profiles.get(body.get("token"))
            answer, status = ({"email": profile["email"]}, 200) if profile else ({}, 403)
        data = json.dumps(answer).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the slow-service test)

    def log_message(self, *args):
        pass


@pytest.fixture
def stand_in(settings):
    state = StandIn()
    handler = type("Handler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_port}"
    settings.IDENTITY_SERVICE_TIMEOUT = 2.0
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def lcs(stand_in, settings):
    settings.IDENTITY_BACKEND = "accounts.identity.LcsIdentity"
    settings.IDENTITY_SERVICE_URL = f"{stand_in.base}/validate"
    return stand_in


@pytest.fixture
def http_service(stand_in, settings):
    settings.IDENTITY_BACKEND = "accounts.identity.HttpIdentityService"
    settings.IDENTITY_SERVICE_URL = f"{stand_in.base}/check"
    return stand_in


def exchange(api, email, token):
    return api.post("/api/auth/token/", {"email": email, "lcs_token": token}, format="json")


def users_snapshot():
    return list(User.objects.order_by("pk").values())


# --- LCS ----------------------------------------------------------------------------------------
def test_lcs_valid_token_logs_in_and_imports_roles_and_name(api, db, lcs):
    lcs.profiles["ada-token"] = lcs_profile(ADA, mentor=True)
    response = exchange(api, ADA.upper(), "ada-token")
    assert response.status_code == 200
    assert lcs.requests == [("/validate", {"token": "ada-token"})]
    user = User.objects.get()
    assert (user.email, user.queue_role, user.first_name, user.last_name) == (
        ADA,
        QueueRole.MENTOR,
        "Ada",
        "Lovelace",
    )
    access = AccessToken(response.json()["access"])
    assert (access["mentor"], access["director"], access["name"]) == (True, False, "Ada Lovelace")


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ({}, QueueRole.PARTICIPANT),
        ({"mentor": True}, QueueRole.MENTOR),
        ({"organizer": True, "mentor": True}, QueueRole.ORGANIZER),
        ({"director": True, "mentor": True}, QueueRole.DIRECTOR),
    ],
)
def test_lcs_roles_are_imported_at_every_login(api, user, lcs, roles, expected):
    user.queue_role = QueueRole.DIRECTOR if expected != QueueRole.DIRECTOR else QueueRole.MENTOR
    user.save()
    lcs.profiles["t"] = lcs_profile(user.email, **roles)
    assert exchange(api, user.email, "t").status_code == 200
    user.refresh_from_db()
    assert user.queue_role == expected


def test_lcs_login_keeps_an_existing_name(api, user, lcs):
    user.first_name, user.last_name = "Grace", "Hopper"
    user.save()
    lcs.profiles["t"] = lcs_profile(user.email)
    assert exchange(api, user.email, "t").status_code == 200
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Grace", "Hopper")


def test_lcs_garbage_token_is_refused(api, user, lcs):
    before = users_snapshot()
    response = exchange(api, user.email, "garbage")
    assert response.status_code == 401
    assert response.json() == {"detail": "The email and token were not accepted."}
    assert users_snapshot() == before


def test_lcs_403_verdict_in_an_http_200_is_refused_and_creates_nothing(api, db, lcs):
    # The stand-in answers HTTP 200 {"statusCode": 403, ...} for a token it does not know.
    response = exchange(api, ADA, "not-a-token")
    assert response.status_code == 401
    assert lcs.requests  # it was asked, and said no in the body
    assert User.objects.count() == 0


def test_lcs_another_users_valid_token_is_refused(api, user, lcs):
    lcs.profiles["bob-token"] = lcs_profile(BOB, director=True)
    before = users_snapshot()
    response = exchange(api, user.email, "bob-token")
    assert response.status_code == 401
    assert users_snapshot() == before  # neither logged in as me nor made anyone a director
    assert exchange(api, ADA, "bob-token").status_code == 401
    assert users_snapshot() == before


@pytest.mark.parametrize(
    "body",
    [
        {"statusCode": 200, "body": "ok"},
        {"statusCode": 200},
        {"statusCode": 200, "body": {"role": {"director": True}}},
        {"statusCode": "200", "body": {"email": ADA}},
    ],
)
def test_lcs_answers_without_a_matching_profile_are_refused(api, db, lcs, body, monkeypatch):
    monkeypatch.setattr("accounts.identity._post_json", lambda payload, email: body)
    assert exchange(api, ADA, "t").status_code == 401
    assert User.objects.count() == 0


def test_lcs_down_is_refused(api, user, settings):
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.IDENTITY_BACKEND = "accounts.identity.LcsIdentity"
    settings.IDENTITY_SERVICE_URL = f"http://127.0.0.1:{port}/validate"
    before = users_snapshot()
    assert exchange(api, user.email, "t").status_code == 401
    assert users_snapshot() == before


def test_lcs_slow_is_refused(api, db, lcs, settings):
    lcs.profiles["ada-token"] = lcs_profile(ADA, director=True)
    lcs.delay = 1.0
    settings.IDENTITY_SERVICE_TIMEOUT = 0.2
    assert exchange(api, ADA, "ada-token").status_code == 401
    assert User.objects.count() == 0


def test_lcs_without_url_is_refused(api, user, settings):
    settings.IDENTITY_BACKEND = "accounts.identity.LcsIdentity"
    settings.IDENTITY_SERVICE_URL = ""
    assert exchange(api, user.email, "t").status_code == 401


# --- A generic HTTP identity service ------------------------------------------------------------
def test_http_service_vouching_for_the_same_email_logs_in(api, db, http_service):
    http_service.profiles["ada-token"] = lcs_profile(ADA)
    assert exchange(api, ADA, "ada-token").status_code == 200
    assert list(User.objects.values_list("email", flat=True)) == [ADA]


def test_http_service_vouching_for_another_email_is_refused(api, user, http_service):
    http_service.profiles["bob-token"] = lcs_profile(BOB)
    before = users_snapshot()
    assert exchange(api, user.email, "bob-token").status_code == 401
    assert exchange(api, ADA, "bob-token").status_code == 401
    assert users_snapshot() == before


@pytest.mark.parametrize(
    "body", [None, {}, {"statusCode": 403, "body": "Unauthorized token"}, "yes", {"ok": True}]
)
def test_http_service_200_without_the_email_is_refused(api, db, http_service, body, monkeypatch):
    """HTTP 200 alone proves nothing: a 403 verdict in the body, no email, no JSON object."""
    monkeypatch.setattr("accounts.identity._post_json", lambda payload, email: body)
    assert exchange(api, ADA, "t").status_code == 401
    assert User.objects.count() == 0


def test_http_service_403_verdict_with_the_email_is_refused(api, db, http_service, monkeypatch):
    body = {"statusCode": 403, "email": ADA}
    monkeypatch.setattr("accounts.identity._post_json", lambda payload, email: body)
    assert exchange(api, ADA, "t").status_code == 401


def test_http_service_slow_is_refused(api, db, http_service, settings):
    http_service.profiles["ada-token"] = lcs_profile(ADA)
    http_service.delay = 1.0
    settings.IDENTITY_SERVICE_TIMEOUT = 0.2
    assert exchange(api, ADA, "ada-token").status_code == 401
    assert User.objects.count() == 0
