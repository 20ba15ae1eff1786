"""Seed 001 (OneOnOne P2): /accounts/signup/ and /accounts/login/."""

from accounts.models import User
from tests.conftest import PASSWORD

SIGNUP = {
    "email": "hello@test.ca",
    "username": "username",
    "first_name": "John",
    "last_name": "Smith",
    "password": "s3cure-enough",
    "password2": "s3cure-enough",
}


def test_signup_returns_documented_shape(api, db):
    response = api.post("/accounts/signup/", SIGNUP, format="json")
    assert response.status_code == 201
    user = User.objects.get()
    assert response.json() == {
        "id": user.pk,
        "username": "username",
        "email": "hello@test.ca",
        "first_name": "John",
        "last_name": "Smith",
    }


def test_signup_requires_fields(api, db):
    response = api.post("/accounts/signup/", {}, format="json")
    assert response.status_code == 400
    body = response.json()
    for field in ("email", "username", "password", "password2"):
        assert body[field] == ["This field is required."]


def test_signup_short_password_message(api, db):
    response = api.post(
        "/accounts/signup/", {**SIGNUP, "password": "Ab1!x", "password2": "Ab1!x"}, format="json"
    )
    assert response.status_code == 400
    assert "Password must be at least 8 characters long." in response.json()["password"]
    assert User.objects.count() == 0


def test_signup_passwords_must_match(api, db):
    response = api.post(
        "/accounts/signup/", {**SIGNUP, "password2": "different-one"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"password2": ["Passwords must match."]}


def test_signup_username_taken(api, user):
    response = api.post(
        "/accounts/signup/", {**SIGNUP, "username": user.username.upper()}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"username": ["Username already taken."]}


def test_login_returns_jwt_pair(api, user):
    response = api.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert set(response.json()) == {"refresh", "access"}
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access']}")
    assert api.get("/users/profile/view/").json()["id"] == user.pk


def test_login_wrong_credentials_carries_both_seeds_messages(api, user):
    response = api.post(
        "/accounts/login/", {"username": user.username, "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "No active account found with the given credentials",
        "non_field_errors": ["Username and password do not match"],
    }


def test_login_missing_fields(api, db):
    response = api.post("/accounts/login/", {"username": "someone"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Both fields are required"],
        "password": ["This field is required."],
    }


def test_login_inactive_user(api, user):
    user.is_active = False
    user.save()
    response = api.post(
        "/accounts/login/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["User not activated"]
