"""Seed 004 (OneOnOne short docs): /users/register, login, logout, profile view and edit."""

from accounts.models import User
from accounts.services import issue_jwt_pair
from tests.conftest import PASSWORD

REGISTER = {
    "username": "user1",
    "email": "user1@gmail.com",
    "first_name": "user1_first_name",
    "last_name": "user1_last_name",
    "password1": "k9-strong-pw",
    "password2": "k9-strong-pw",
}


def test_register_returns_the_user(api, db):
    response = api.post("/users/register/", REGISTER, format="json")
    assert response.status_code == 201
    user = User.objects.get()
    assert response.json() == {
        "id": user.pk,
        "username": "user1",
        "email": "user1@gmail.com",
        "first_name": "user1_first_name",
        "last_name": "user1_last_name",
    }


def test_register_documented_required_messages(api, db):
    response = api.post("/users/register/", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "username": ["The username field is required."],
        "email": ["The email field is required."],
        "first_name": ["The first name field is required."],
        "last_name": ["The last name field is required."],
        "password1": ["The password field is required."],
        "password2": ["The password field is required."],
    }


def test_register_passwords_do_not_match(api, db):
    response = api.post(
        "/users/register/", {**REGISTER, "password2": "something-else"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"password2": ["The passwords do not match."]}


def test_register_password_too_short(api, db):
    response = api.post(
        "/users/register/", {**REGISTER, "password1": "q1!", "password2": "q1!"}, format="json"
    )
    assert response.status_code == 400
    assert "The password must be at least 8 characters long." in response.json()["password1"]


def test_register_username_and_email_taken(api, user):
    response = api.post(
        "/users/register/",
        {**REGISTER, "username": user.username, "email": user.email.upper()},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "username": ["A user with that username already exists."],
        "email": ["A user with that email already exists."],
    }


def test_login_pair(api, user):
    response = api.post(
        "/users/login/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}


def test_login_unknown_user_and_wrong_password_messages(api, user):
    unknown = api.post("/users/login/", {"username": "nobody", "password": "x"}, format="json")
    assert (unknown.status_code, unknown.json()) == (
        401,
        {"detail": "A user with that username does not exist."},
    )
    wrong = api.post("/users/login/", {"username": user.username, "password": "x"}, format="json")
    assert (wrong.status_code, wrong.json()) == (401, {"detail": "The password is incorrect."})


def test_login_required_messages(api, db):
    response = api.post("/users/login/", {}, format="json")
    assert response.json() == {
        "username": ["The username field is required."],
        "password": ["The password field is required."],
    }


def test_logout_blacklists_refresh_token(bearer, user):
    refresh = issue_jwt_pair(user=user)["refresh"]
    response = bearer.post("/users/logout/", {"refresh_token": refresh}, format="json")
    assert response.status_code == 200
    again = bearer.post("/api/token/refresh/", {"refresh": refresh}, format="json")
    assert again.status_code == 401


def test_logout_refuses_another_users_refresh_token(bearer, other_user):
    theirs = issue_jwt_pair(user=other_user)["refresh"]
    response = bearer.post("/users/logout/", {"refresh_token": theirs}, format="json")
    assert response.status_code == 400
    assert bearer.post("/api/token/refresh/", {"refresh": theirs}, format="json").status_code == 200


def test_logout_refuses_garbage(bearer):
    response = bearer.post("/users/logout/", {"refresh_token": "garbage"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"refresh_token": ["Token is invalid or expired"]}


def test_profile_view(bearer, user):
    response = bearer.get("/users/profile/view/")
    assert response.json() == {
        "id": user.pk,
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
    }


def test_profile_edit_changes_names_email_and_password(bearer, user):
    response = bearer.post(
        "/users/profile/edit/",
        {
            "email": "edited_user1@gmail.com",
            "first_name": "new_first",
            "last_name": "new_last",
            "password1": "A12345678x",
            "password2": "A12345678x",
        },
        format="json",
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.email, user.first_name, user.last_name) == (
        "edited_user1@gmail.com",
        "new_first",
        "new_last",
    )
    assert user.check_password("A12345678x")


def test_profile_edit_passwords_do_not_match(bearer, user):
    response = bearer.post(
        "/users/profile/edit/",
        {"password1": "A12345678x", "password2": "B12345678x"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"password2": ["The passwords do not match."]}
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_profile_edit_email_taken(bearer, user, other_user):
    response = bearer.post("/users/profile/edit/", {"email": other_user.email}, format="json")
    assert response.status_code == 400
    assert response.json() == {"email": ["A user with that email already exists."]}
