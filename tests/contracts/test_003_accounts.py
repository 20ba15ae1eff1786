"""Seed 003 (OneOnOne coreapi): register, profile, /api/token/, /api/token/refresh/."""

from rest_framework.authtoken.models import Token

from accounts.models import User
from accounts.services import issue_jwt_pair, issue_token_key
from tests.conftest import PASSWORD

REGISTER = {
    "username": "Newbie",
    "first_name": "New",
    "last_name": "Bie",
    "email": "newbie@x.com",
    "password": "s3cure-enough",
    "confirm_password": "s3cure-enough",
}


def test_register_returns_documented_shape(api, db):
    response = api.post("/accounts/register/", REGISTER, format="json")
    assert response.status_code == 201
    assert response.json() == {
        "username": "newbie",
        "first_name": "New",
        "last_name": "Bie",
        "email": "newbie@x.com",
    }


def test_register_requires_every_field(api, db):
    response = api.post("/accounts/register/", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {field: ["This field is required."] for field in REGISTER}


def test_register_refuses_taken_username(api, user):
    response = api.post(
        "/accounts/register/", {**REGISTER, "username": user.username}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"username": ["A user with that username already exists."]}


def test_register_refuses_mismatched_confirmation(api, db):
    response = api.post(
        "/accounts/register/", {**REGISTER, "confirm_password": "other-pass-1"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"confirm_password": ["Password must match"]}
    assert User.objects.count() == 0


def test_profile_get_shape(bearer, user):
    response = bearer.get("/accounts/profile/")
    assert response.status_code == 200
    assert response.json() == {
        "user": {
            "id": user.pk,
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
        },
        "profile_picture": None,
    }


def test_profile_requires_valid_token(api, db):
    api.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert api.get("/accounts/profile/").status_code == 401


def test_profile_put_changes_only_given_fields(bearer, user):
    response = bearer.put("/accounts/profile/", {"first_name": "Grace"}, format="json")
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Grace", "Tester")


def test_profile_put_password_needs_current_first(bearer, user):
    response = bearer.put(
        "/accounts/profile/",
        {"new_password": "brand-new-pass", "confirm_password": "brand-new-pass"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Enter current password first"]}
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_profile_put_password_current_incorrect(bearer, user):
    response = bearer.put(
        "/accounts/profile/",
        {
            "current_password": "wrong",
            "new_password": "brand-new-pass",
            "confirm_password": "brand-new-pass",
            "first_name": "Changed",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Current password is incorrect"]}
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert user.first_name != "Changed"


def test_profile_put_password_must_match(bearer, user):
    response = bearer.put(
        "/accounts/profile/",
        {
            "current_password": PASSWORD,
            "new_password": "brand-new-pass",
            "confirm_password": "brand-new-pasz",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Password must match"]}


def test_profile_put_password_change_ends_old_tokens(bearer, user):
    key = issue_token_key(user=user)
    refresh = issue_jwt_pair(user=user)["refresh"]
    response = bearer.put(
        "/accounts/profile/",
        {
            "current_password": PASSWORD,
            "new_password": "brand-new-pass",
            "confirm_password": "brand-new-pass",
        },
        format="json",
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password("brand-new-pass")
    assert not Token.objects.filter(key=key).exists()
    assert (
        bearer.post("/api/token/refresh/", {"refresh": refresh}, format="json").status_code == 401
    )


def test_profile_put_weak_new_password_refused(bearer, user):
    response = bearer.put(
        "/accounts/profile/",
        {"current_password": PASSWORD, "new_password": "abc", "confirm_password": "abc"},
        format="json",
    )
    assert response.status_code == 400
    assert "new_password" in response.json()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_api_token_pair_and_refresh(api, user):
    response = api.post(
        "/api/token/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    refreshed = api.post(
        "/api/token/refresh/", {"refresh": response.json()["refresh"]}, format="json"
    )
    assert refreshed.status_code == 200
    assert "access" in refreshed.json()


def test_api_token_wrong_password_is_401(api, user):
    response = api.post("/api/token/", {"username": user.username, "password": "x"}, format="json")
    assert response.status_code == 401
    assert response.json() == {"detail": "No active account found with the given credentials"}
