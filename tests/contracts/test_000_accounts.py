"""Seed 000 (Team Production System): /auth/users/, /auth/token/..., /myprofile/, settings."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from rest_framework.authtoken.models import Token

from accounts.models import NotificationSettings, User
from tests.conftest import PASSWORD


def png(name="me.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), (0, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_user_create_returns_documented_shape(api, db):
    response = api.post(
        "/auth/users/",
        {
            "username": "TestUserLogin",
            "email": "testemail@fake.com",
            "password": "TestUserPassword",
            "re_password": "TestUserPassword",
        },
        format="json",
    )
    assert response.status_code == 201
    user = User.objects.get()
    assert response.json() == {
        "email": "testemail@fake.com",
        "username": "testuserlogin",
        "id": user.pk,
    }


def test_user_create_refuses_mismatched_passwords(api, db):
    response = api.post(
        "/auth/users/",
        {
            "username": "u1",
            "email": "u1@x.com",
            "password": "TestUserPassword",
            "re_password": "Other",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The two password fields didn't match."]}
    assert User.objects.count() == 0


def test_user_create_refuses_missing_fields(api, db):
    response = api.post("/auth/users/", {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"username", "email", "password", "re_password"}


def test_token_login_returns_key_accepted_as_token_auth(api, user):
    response = api.post(
        "/auth/token/login/", {"username": user.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    key = response.json()["auth_token"]
    assert key == Token.objects.get(user=user).key
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/myprofile/").json()["username"] == user.username


def test_token_login_is_case_insensitive_on_username(api, user):
    response = api.post(
        "/auth/token/login/",
        {"username": user.username.upper(), "password": PASSWORD},
        format="json",
    )
    assert response.status_code == 200


def test_token_login_refuses_wrong_password(api, user):
    response = api.post(
        "/auth/token/login/", {"username": user.username, "password": "nope"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert not Token.objects.filter(user=user).exists()


def test_token_logout_deletes_the_key(api, user):
    key = api.post(
        "/auth/token/login/", {"username": user.username, "password": PASSWORD}, format="json"
    ).json()["auth_token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.post("/auth/token/logout/").status_code == 204
    assert api.get("/myprofile/").status_code == 401
    assert not Token.objects.filter(user=user).exists()


def test_token_logout_requires_auth(api, db):
    assert api.post("/auth/token/logout/").status_code == 401


def test_myprofile_get_returns_documented_shape(bearer, user):
    response = bearer.get("/myprofile/")
    assert response.status_code == 200
    assert response.json() == {
        "pk": user.pk,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "phone_number": None,
        "profile_photo": None,
        "is_mentor": False,
        "is_mentee": False,
        "is_active": True,
        "notification_settings": NotificationSettings.objects.get(user=user).pk,
    }


def test_myprofile_patch_multipart_with_photo(bearer, user):
    response = bearer.patch(
        "/myprofile/",
        {
            "first_name": "Ada",
            "phone_number": "+12345678987",
            "is_mentor": "true",
            "profile_photo": png(),
        },
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["first_name"], body["phone_number"], body["is_mentor"]) == (
        "Ada",
        "+12345678987",
        True,
    )
    assert body["profile_photo"].startswith("http://testserver/media/profile_photos/")
    user.refresh_from_db()
    assert user.is_mentor is True
    # The photo is served back.
    assert bearer.get(body["profile_photo"].replace("http://testserver", "")).status_code == 200


def test_myprofile_patch_refuses_non_image(bearer, user):
    bad = SimpleUploadedFile("x.png", b"hello", content_type="image/png")
    response = bearer.patch(
        "/myprofile/", {"profile_photo": bad, "first_name": "Z"}, format="multipart"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["profile_photo"]
    user.refresh_from_db()
    assert user.first_name != "Z"


def test_myprofile_patch_refuses_bad_phone(bearer, user):
    response = bearer.patch("/myprofile/", {"phone_number": "not a phone"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"phone_number": ["Enter a valid phone number, e.g. +14165550123."]}


def test_myprofile_patch_refuses_taken_username(bearer, user, other_user):
    response = bearer.patch("/myprofile/", {"username": other_user.username.upper()}, format="json")
    assert response.status_code == 400
    assert response.json() == {"username": ["A user with that username already exists."]}


def test_myprofile_is_active_is_read_only(bearer, user):
    response = bearer.patch("/myprofile/", {"is_active": False}, format="json")
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.is_active is True


def test_myprofile_requires_auth(api, db):
    assert api.get("/myprofile/").status_code == 401


def test_notification_settings_list_returns_own(bearer, user, other_user):
    response = bearer.get("/notificationsettings/")
    assert response.status_code == 200
    own = NotificationSettings.objects.get(user=user)
    assert [item["pk"] for item in response.json()] == [own.pk]


def test_notification_settings_patch_own(bearer, user):
    own = NotificationSettings.objects.get(user=user)
    response = bearer.patch(
        f"/notificationsettings/{own.pk}", {"sixty_minute_alert": False}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["sixty_minute_alert"] is False
    own.refresh_from_db()
    assert own.sixty_minute_alert is False


def test_notification_settings_patch_of_another_user_refused(bearer, other_user):
    theirs = NotificationSettings.objects.get(user=other_user)
    response = bearer.patch(
        f"/notificationsettings/{theirs.pk}", {"sixty_minute_alert": False}, format="json"
    )
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.sixty_minute_alert is True


def test_notification_settings_unknown_pk_is_404(bearer):
    response = bearer.patch(
        "/notificationsettings/999999", {"sixty_minute_alert": False}, format="json"
    )
    assert response.status_code == 404
