"""Seed 002 (MentorQ): /api/auth/token/ (email + lcs_token) and /api/auth/refresh/."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from accounts.models import User
from accounts.services import issue_jwt_pair, issue_token_key


def test_token_with_own_jwt_as_lcs_token(api, user):
    access = issue_jwt_pair(user=user)["access"]
    response = api.post(
        "/api/auth/token/", {"email": user.email.upper(), "lcs_token": access}, format="json"
    )
    assert response.status_code == 200
    pair = response.json()
    assert set(pair) == {"access", "refresh"}
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {pair['access']}")
    assert api.get("/users/profile/view/").json()["id"] == user.pk


def test_token_with_own_token_key_as_lcs_token(api, user):
    key = issue_token_key(user=user)
    response = api.post("/api/auth/token/", {"email": user.email, "lcs_token": key}, format="json")
    assert response.status_code == 200


def test_token_of_another_user_is_refused(api, user, other_user):
    others = issue_jwt_pair(user=other_user)["access"]
    response = api.post(
        "/api/auth/token/", {"email": user.email, "lcs_token": others}, format="json"
    )
    assert response.status_code == 401
    assert response.json() == {"detail": "The email and token were not accepted."}


def test_token_with_garbage_is_refused(api, user):
    response = api.post(
        "/api/auth/token/", {"email": user.email, "lcs_token": "garbage"}, format="json"
    )
    assert response.status_code == 401


def test_token_for_unknown_email_is_refused_and_creates_nothing(api, db):
    response = api.post(
        "/api/auth/token/", {"email": "ghost@x.com", "lcs_token": "t"}, format="json"
    )
    assert response.status_code == 401
    assert User.objects.count() == 0


def test_token_requires_fields(api, db):
    response = api.post("/api/auth/token/", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "email": ["This field is required."],
        "lcs_token": ["This field is required."],
    }


def test_refresh_gives_new_access_and_rotates(api, user):
    refresh = issue_jwt_pair(user=user)["refresh"]
    response = api.post("/api/auth/refresh/", {"refresh": refresh}, format="json")
    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}
    # The old refresh token was blacklisted by the rotation.
    again = api.post("/api/auth/refresh/", {"refresh": refresh}, format="json")
    assert again.status_code == 401


def test_refresh_refuses_garbage(api, db):
    response = api.post("/api/auth/refresh/", {"refresh": "x.y.z"}, format="json")
    assert response.status_code == 401


class _IdentityHandler(BaseHTTPRequestHandler):
    accepted = {("ext@hackru.org", "good-token")}

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        ok = (body.get("email"), body.get("token")) in self.accepted
        # The protocol: HTTP 200 with the identity's own email in a JSON body.
        answer = json.dumps({"email": body.get("email")} if ok else {}).encode()
        self.send_response(200 if ok else 403)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def identity_service(settings):
    server = HTTPServer(("127.0.0.1", 0), _IdentityHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.IDENTITY_BACKEND = "accounts.identity.HttpIdentityService"
    settings.IDENTITY_SERVICE_URL = f"http://127.0.0.1:{server.server_port}/validate"
    yield
    server.shutdown()


def test_external_identity_service_creates_account_once(api, db, identity_service):
    for _ in range(2):
        response = api.post(
            "/api/auth/token/",
            {"email": "ext@hackru.org", "lcs_token": "good-token"},
            format="json",
        )
        assert response.status_code == 200
    assert list(User.objects.values_list("email", flat=True)) == ["ext@hackru.org"]


def test_external_identity_service_refusal_is_401(api, db, identity_service):
    response = api.post(
        "/api/auth/token/", {"email": "ext@hackru.org", "lcs_token": "bad"}, format="json"
    )
    assert response.status_code == 401
    assert User.objects.count() == 0


def test_external_identity_service_never_changes_existing_user(api, user, identity_service):
    _IdentityHandler.accepted = {(user.email, "good-token")}
    before = User.objects.values().get(pk=user.pk)
    response = api.post(
        "/api/auth/token/", {"email": user.email, "lcs_token": "good-token"}, format="json"
    )
    assert response.status_code == 200
    after = User.objects.values().get(pk=user.pk)
    assert before == after
    assert User.objects.count() == 1
    _IdentityHandler.accepted = {("ext@hackru.org", "good-token")}
