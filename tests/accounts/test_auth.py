"""Auth across contracts: both token kinds everywhere, one account for all five, the throttle."""

import pytest

from accounts.models import User
from accounts.services import issue_jwt_pair, issue_token_key
from tests.clients import SchemaCheckedClient
from tests.conftest import PASSWORD

AUTHENTICATED = [
    ("get", "/myprofile/", None),
    ("patch", "/myprofile/", {}),
    ("get", "/notificationsettings/", None),
    ("get", "/accounts/profile/", None),
    ("put", "/accounts/profile/", {}),
    ("get", "/users/profile/view/", None),
    ("post", "/users/profile/edit/", {}),
    ("post", "/auth/token/logout/", None),
]


@pytest.mark.parametrize(("method", "path", "body"), AUTHENTICATED)
@pytest.mark.parametrize("scheme", ["Bearer", "Token"])
def test_every_authenticated_endpoint_accepts_both_token_kinds(user, method, path, body, scheme):
    credential = (
        issue_jwt_pair(user=user)["access"] if scheme == "Bearer" else issue_token_key(user=user)
    )
    client = SchemaCheckedClient()
    client.credentials(HTTP_AUTHORIZATION=f"{scheme} {credential}")
    response = getattr(client, method)(path, body, format="json")
    assert response.status_code in (200, 204), (path, response.content)


@pytest.mark.parametrize(("method", "path", "body"), AUTHENTICATED)
def test_every_authenticated_endpoint_refuses_anonymous(db, method, path, body):
    response = getattr(SchemaCheckedClient(), method)(path, body, format="json")
    assert response.status_code == 401


@pytest.mark.parametrize(("method", "path", "body"), AUTHENTICATED)
@pytest.mark.parametrize("header", ["Bearer abc.def.ghi", "Token 0123456789abcdef", "Basic x"])
def test_every_authenticated_endpoint_refuses_wrong_token(db, method, path, body, header):
    client = SchemaCheckedClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = getattr(client, method)(path, body, format="json")
    assert response.status_code == 401


def test_one_account_through_all_five_contracts(api, db):
    signup = api.post(
        "/users/register/",
        {
            "username": "Shared",
            "email": "shared@x.com",
            "first_name": "Sha",
            "last_name": "Red",
            "password1": "one-pass-for-all",
            "password2": "one-pass-for-all",
        },
        format="json",
    )
    assert signup.status_code == 201
    creds = {"username": "SHARED", "password": "one-pass-for-all"}

    key = api.post("/auth/token/login/", creds, format="json").json()["auth_token"]  # 000
    p2 = api.post("/accounts/login/", creds, format="json").json()["access"]  # 001 / 003
    coreapi = api.post("/api/token/", creds, format="json").json()["access"]  # 003
    mentorq = api.post(
        "/api/auth/token/", {"email": "shared@x.com", "lcs_token": key}, format="json"
    ).json()["access"]  # 002

    client = SchemaCheckedClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.patch("/myprofile/", {"last_name": "Edited"}, format="json").status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {coreapi}")
    assert (
        client.put("/accounts/profile/", {"first_name": "Both"}, format="json").status_code == 200
    )
    for access in (p2, mentorq, coreapi):
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
        assert client.get("/users/profile/view/").json() == {
            "id": User.objects.get().pk,
            "username": "shared",
            "email": "shared@x.com",
            "first_name": "Both",
            "last_name": "Edited",
        }


LOGINS = [
    ("/auth/token/login/", lambda u, p: {"username": u, "password": p}),
    ("/accounts/login/", lambda u, p: {"username": u, "password": p}),
    ("/api/token/", lambda u, p: {"username": u, "password": p}),
    ("/users/login/", lambda u, p: {"username": u, "password": p}),
]


@pytest.mark.parametrize(("path", "body"), LOGINS)
def test_eleventh_failed_login_within_a_minute_is_throttled(api, user, path, body):
    for _ in range(10):
        response = api.post(path, body(user.username, "wrong"), format="json")
        assert response.status_code in (400, 401)
    response = api.post(path, body(user.username, "wrong"), format="json")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    # While throttled, even the right password is refused for this (username, client) pair.
    assert api.post(path, body(user.username, PASSWORD), format="json").status_code == 429


def test_throttle_leaves_other_usernames_clients_and_requests_alone(api, user, other_user):
    for _ in range(11):
        api.post("/accounts/login/", {"username": user.username, "password": "x"}, format="json")
    assert (
        api.post(
            "/accounts/login/", {"username": user.username, "password": PASSWORD}, format="json"
        ).status_code
        == 429
    )
    # Another username from the same address (a shared office).
    assert (
        api.post(
            "/accounts/login/",
            {"username": other_user.username, "password": PASSWORD},
            format="json",
        ).status_code
        == 200
    )
    # The same username from another address.
    assert (
        api.post(
            "/accounts/login/",
            {"username": user.username, "password": PASSWORD},
            format="json",
            REMOTE_ADDR="10.9.8.7",
        ).status_code
        == 200
    )
    # Other requests from the same client.
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_jwt_pair(user=user)['access']}")
    assert api.get("/myprofile/").status_code == 200


def test_successful_logins_are_never_throttled(api, user):
    for _ in range(25):
        response = api.post(
            "/accounts/login/", {"username": user.username, "password": PASSWORD}, format="json"
        )
        assert response.status_code == 200


def test_throttle_lifts_after_the_window(api, user, clock):
    for _ in range(10):
        api.post("/accounts/login/", {"username": user.username, "password": "x"}, format="json")
    assert (
        api.post(
            "/accounts/login/", {"username": user.username, "password": PASSWORD}, format="json"
        ).status_code
        == 429
    )
    clock.advance(seconds=61)
    assert (
        api.post(
            "/accounts/login/", {"username": user.username, "password": PASSWORD}, format="json"
        ).status_code
        == 200
    )


def test_throttle_limits_are_settings(api, user, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        api.post("/accounts/login/", {"username": user.username, "password": "x"}, format="json")
    assert (
        api.post(
            "/accounts/login/", {"username": user.username, "password": "x"}, format="json"
        ).status_code
        == 429
    )


def test_identity_token_failures_are_throttled(api, user):
    for _ in range(10):
        api.post("/api/auth/token/", {"email": user.email, "lcs_token": "bad"}, format="json")
    response = api.post(
        "/api/auth/token/", {"email": user.email, "lcs_token": "bad"}, format="json"
    )
    assert response.status_code == 429


def test_session_auth_works_for_web_pages(user):
    client = SchemaCheckedClient()
    assert client.login(username=user.username, password=PASSWORD)
    assert client.get("/myprofile/").status_code == 200
