"""Logging out and changing a password end every token of the account at once (issue 10.10).

Through HTTP, for every contract: each logout and password change there is, and the admin's
password change (a reset by staff). Tokens issued before by every login endpoint stop working
on every contract, cannot be refreshed, and cannot be exchanged at MentorQ's /api/auth/token/;
a new login works.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework_simplejwt.tokens import RefreshToken

from accounts import services
from accounts.models import User
from tests.clients import SchemaCheckedClient
from tests.conftest import PASSWORD

NEW_PASSWORD = "a-brand-new-secret-7"

# One GET per contract that needs authentication.
PROTECTED = ["/myprofile/", "/schedules/home/", "/api/tickets/", "/accounts/profile/"]
PROTECTED.append("/users/profile/view/")
REFRESH_ENDPOINTS = ["/api/token/refresh/", "/api/auth/refresh/"]


def _client(header: str | None = None) -> SchemaCheckedClient:
    client = SchemaCheckedClient()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    return client


def _sign_in_everywhere(user, password=PASSWORD) -> tuple[str, dict[str, dict]]:
    """A token key (000) and a JWT pair from every other login endpoint, as a client gets them."""
    api = SchemaCheckedClient()
    creds = {"username": user.username, "password": password}
    key = api.post("/auth/token/login/", creds, format="json").json()["auth_token"]
    pairs = {
        "001": api.post("/accounts/login/", creds, format="json").json(),
        "003": api.post("/api/token/", creds, format="json").json(),
        "004": api.post("/users/login/", creds, format="json").json(),
        "002": api.post(
            "/api/auth/token/", {"email": user.email, "lcs_token": key}, format="json"
        ).json(),
    }
    assert all(set(pair) == {"access", "refresh"} for pair in pairs.values()), pairs
    return key, pairs


def _logout_000(user, key, pairs):
    response = _client(f"Token {key}").post("/auth/token/logout/")
    assert response.status_code == 204
    return PASSWORD


def _logout_000_with_jwt(user, key, pairs):
    response = _client(f"Bearer {pairs['001']['access']}").post("/auth/token/logout/")
    assert response.status_code == 204
    return PASSWORD


def _logout_004(user, key, pairs):
    response = _client(f"Bearer {pairs['004']['access']}").post(
        "/users/logout/", {"refresh_token": pairs["004"]["refresh"]}, format="json"
    )
    assert response.status_code == 200, response.content
    return PASSWORD


def _password_change_003(user, key, pairs):
    response = _client(f"Bearer {pairs['003']['access']}").put(
        "/accounts/profile/",
        {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    return NEW_PASSWORD


def _password_change_004(user, key, pairs):
    response = _client(f"Bearer {pairs['004']['access']}").post(
        "/users/profile/edit/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        format="json",
    )
    assert response.status_code == 200, response.content
    return NEW_PASSWORD


def _password_reset_by_admin(user, key, pairs):
    from django.test import Client

    User.objects.create_superuser("root", "root@example.com", "root-password-42")
    admin = Client()
    assert admin.login(username="root", password="root-password-42")
    response = admin.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content
    return NEW_PASSWORD


ENDINGS = {
    "000-logout": _logout_000,
    "000-logout-with-jwt": _logout_000_with_jwt,
    "004-logout": _logout_004,
    "003-password-change": _password_change_003,
    "004-password-change": _password_change_004,
    "admin-password-reset": _password_reset_by_admin,
}


@pytest.mark.parametrize("ending", ENDINGS.values(), ids=ENDINGS.keys())
def test_logout_and_password_change_end_every_token_at_once(user, ending):
    key, pairs = _sign_in_everywhere(user)
    for pair in pairs.values():
        assert _client(f"Bearer {pair['access']}").get("/users/profile/view/").status_code == 200

    password = ending(user, key, pairs)

    # Every access token, from every login, on every contract: 401 at once.
    refused = {
        (contract, path): _client(f"Bearer {pair['access']}").get(path).status_code
        for contract, pair in pairs.items()
        for path in PROTECTED
    }
    assert refused == {where: 401 for where in refused}
    assert _client(f"Token {key}").get("/myprofile/").status_code == 401
    # No refresh token gives a new access token.
    refreshed = {
        (contract, path): SchemaCheckedClient()
        .post(path, {"refresh": pair["refresh"]}, format="json")
        .status_code
        for contract, pair in pairs.items()
        for path in REFRESH_ENDPOINTS
    }
    assert refreshed == {where: 401 for where in refreshed}
    # MentorQ's exchange refuses every old token as lcs_token.
    for old in [key, *(pair["access"] for pair in pairs.values())]:
        response = SchemaCheckedClient().post(
            "/api/auth/token/", {"email": user.email, "lcs_token": old}, format="json"
        )
        assert response.status_code == 401
        assert response.json() == {"detail": "The email and token were not accepted."}

    # Logging in again works, with every token kind.
    new_key, new_pairs = _sign_in_everywhere(user, password)
    assert _client(f"Token {new_key}").get("/myprofile/").status_code == 200
    for pair in new_pairs.values():
        assert _client(f"Bearer {pair['access']}").get("/users/profile/view/").status_code == 200
        again = SchemaCheckedClient().post(
            "/api/token/refresh/", {"refresh": pair["refresh"]}, format="json"
        )
        assert again.status_code == 200
        rotated = again.json()["access"]
        assert _client(f"Bearer {rotated}").get("/api/tickets/").status_code == 200


def test_refused_logout_ends_nothing(user, other_user):
    key, pairs = _sign_in_everywhere(user)
    theirs = services.issue_jwt_pair(user=other_user)["refresh"]
    client = _client(f"Bearer {pairs['004']['access']}")
    for body in ({"refresh_token": "garbage"}, {"refresh_token": theirs}, {}):
        assert client.post("/users/logout/", body, format="json").status_code == 400
    assert User.objects.get(pk=user.pk).token_version == 0
    assert _client(f"Token {key}").get("/myprofile/").status_code == 200
    for pair in pairs.values():
        assert _client(f"Bearer {pair['access']}").get("/users/profile/view/").status_code == 200


def test_refused_password_change_ends_nothing(user):
    key, pairs = _sign_in_everywhere(user)
    client = _client(f"Bearer {pairs['003']['access']}")
    response = client.put(
        "/accounts/profile/",
        {"current_password": "wrong", "new_password": NEW_PASSWORD, "confirm_password": "x"},
        format="json",
    )
    assert response.status_code == 400
    response = _client(f"Bearer {pairs['004']['access']}").post(
        "/users/profile/edit/", {"password1": "short", "password2": "short"}, format="json"
    )
    assert response.status_code == 400
    assert _client(f"Token {key}").get("/myprofile/").status_code == 200
    for pair in pairs.values():
        assert _client(f"Bearer {pair['access']}").get("/users/profile/view/").status_code == 200


def test_profile_edit_without_password_ends_nothing(user):
    key, pairs = _sign_in_everywhere(user)
    response = _client(f"Bearer {pairs['004']['access']}").post(
        "/users/profile/edit/", {"first_name": "Renamed"}, format="json"
    )
    assert response.status_code == 200
    assert _client(f"Token {key}").get("/myprofile/").status_code == 200
    for pair in pairs.values():
        assert _client(f"Bearer {pair['access']}").get("/users/profile/view/").status_code == 200


def test_logout_ends_only_that_account(user, other_user):
    _, mine = _sign_in_everywhere(user)
    other_key, theirs = _sign_in_everywhere(other_user)
    _logout_004(user, None, mine)
    assert _client(f"Token {other_key}").get("/myprofile/").status_code == 200
    for pair in theirs.values():
        assert _client(f"Bearer {pair['access']}").get("/users/profile/view/").status_code == 200


def test_a_stale_copy_of_the_user_cannot_revive_ended_tokens(user):
    access = services.issue_jwt_pair(user=user)["access"]
    stale = User.objects.get(pk=user.pk)
    services.end_all_sessions(user=User.objects.get(pk=user.pk))
    stale.first_name = "Saved from an old copy"
    stale.save()
    assert User.objects.get(pk=user.pk).token_version == 1
    assert _client(f"Bearer {access}").get("/users/profile/view/").status_code == 401


def test_token_without_version_claim_is_refused(user):
    """Tokens issued before the check (no ``ver`` claim): refused; their owner logs in again."""
    legacy = RefreshToken.for_user(user)
    assert _client(f"Bearer {legacy.access_token}").get("/users/profile/view/").status_code == 401
    response = SchemaCheckedClient().post(
        "/api/auth/refresh/", {"refresh": str(legacy)}, format="json"
    )
    assert response.status_code == 401


def test_refresh_token_of_a_deleted_user_is_401(user):
    refresh = services.issue_jwt_pair(user=user)["refresh"]
    User.objects.filter(pk=user.pk).delete()
    for path in REFRESH_ENDPOINTS:
        response = SchemaCheckedClient().post(path, {"refresh": refresh}, format="json")
        assert response.status_code == 401


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", PROTECTED)
def test_checking_the_token_adds_no_query(user, path):
    """A JWT request costs what a token-key request costs: one query to authenticate."""
    jwt = _client(f"Bearer {services.issue_jwt_pair(user=user)['access']}")
    key = _client(f"Token {services.issue_token_key(user=user)}")
    assert _queries(jwt, path) == _queries(key, path)


@pytest.mark.parametrize("path", PROTECTED)
def test_authenticating_a_jwt_takes_one_query(user, path):
    """The user row, which the version check reuses: nothing more than with no check at all."""
    jwt = _client(f"Bearer {services.issue_jwt_pair(user=user)['access']}")
    forced = SchemaCheckedClient()
    forced.force_authenticate(user=User.objects.get(pk=user.pk))
    assert _queries(jwt, path) - _queries(forced, path) == 1
