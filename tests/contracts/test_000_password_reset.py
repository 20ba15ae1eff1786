"""Seed 000: djoser's password reset (``/auth/users/reset_password/`` and
``/auth/users/reset_password_confirm/``), as Momentors' Forgot Password pages call it
(Login/ResetPW.js, Login/ResetPWConfirm.js). The same under both client settings.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.authtoken.models import Token

from accounts.models import User
from accounts.services import issue_jwt_pair, issue_token_key
from notifications.models import OutboxMessage
from tests.clients import SchemaCheckedClient
from tests.conftest import PASSWORD
from tests.factories import UserFactory

NEW_PASSWORD = "a-brand-new-secret-77"
LINK = re.compile(r"https://front\.example/password/reset/confirm/(?P<uid>[^/\s]+)/(?P<token>\S+)")


@pytest.fixture(autouse=True)
def _link_template(settings):
    settings.PASSWORD_RESET_URL_TEMPLATE = (
        "https://front.example/password/reset/confirm/{uid}/{token}"
    )


@pytest.fixture(params=["seed", "momentors"])
def client_setting(request, settings):
    settings.TEAM_PRODUCTION_CLIENT = request.param
    return request.param


def _request(api, email):
    return api.post("/auth/users/reset_password/", {"email": email}, format="json")


def _link_from(sent_mail, to):
    messages = [m for m in sent_mail() if m.to == [to]]
    assert len(messages) == 1
    return LINK.search(messages[0].body).groupdict()


def _confirm(api, uid, token, password=NEW_PASSWORD, again=None):
    return api.post(
        "/auth/users/reset_password_confirm/",
        {
            "uid": uid,
            "token": token,
            "new_password": password,
            "re_new_password": again or password,
        },
        format="json",
    )


def _login(api, user, password):
    return api.post(
        "/auth/token/login/", {"username": user.username, "password": password}, format="json"
    )


def test_reset_request_and_confirm_set_the_new_password(api, db, sent_mail, client_setting):
    user = UserFactory(email="Mentor@Example.com")

    response = _request(api, "mentor@example.com")  # any case

    assert response.status_code == 204
    assert response.content == b""
    link = _link_from(sent_mail, "Mentor@Example.com")
    response = _confirm(api, link["uid"], link["token"])
    assert response.status_code == 204
    assert _login(api, user, NEW_PASSWORD).status_code == 200
    assert _login(api, user, PASSWORD).status_code == 400


def test_reset_link_works_once(api, db, sent_mail):
    user = UserFactory()
    _request(api, user.email)
    link = _link_from(sent_mail, user.email)
    assert _confirm(api, link["uid"], link["token"]).status_code == 204

    response = _confirm(api, link["uid"], link["token"], password="yet-another-secret-88")

    assert response.status_code == 400
    assert response.json() == {"token": ["Invalid token for given user."]}
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)


def test_reset_ends_every_existing_token(api, db, sent_mail):
    user = UserFactory()
    key = issue_token_key(user=user)
    access = issue_jwt_pair(user=user)["access"]
    _request(api, user.email)
    link = _link_from(sent_mail, user.email)

    assert _confirm(api, link["uid"], link["token"]).status_code == 204

    assert not Token.objects.filter(key=key).exists()
    for header in (f"Token {key}", f"Bearer {access}"):
        client = SchemaCheckedClient()
        client.credentials(HTTP_AUTHORIZATION=header)
        assert client.get("/myprofile/").status_code == 401


def test_reset_link_expires(api, db, sent_mail, settings, monkeypatch):
    user = UserFactory()
    _request(api, user.email)
    link = _link_from(sent_mail, user.email)
    later = default_token_generator._now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 1)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)

    response = _confirm(api, link["uid"], link["token"])

    assert response.status_code == 400
    assert response.json() == {"token": ["Invalid token for given user."]}
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_reset_request_for_unknown_email_is_204_and_sends_nothing(api, db, sent_mail):
    UserFactory(email="someone@example.com")
    response = _request(api, "nobody@example.com")
    assert response.status_code == 204
    assert sent_mail() == []
    assert not OutboxMessage.objects.filter(kind="password_reset").exists()


def test_reset_request_for_inactive_or_passwordless_account_sends_nothing(api, db):
    UserFactory(email="gone@example.com", is_active=False)
    passwordless = UserFactory(email="lcs@example.com")
    passwordless.set_unusable_password()
    passwordless.save()
    assert _request(api, "gone@example.com").status_code == 204
    assert _request(api, "lcs@example.com").status_code == 204
    assert not OutboxMessage.objects.filter(kind="password_reset").exists()


def test_reset_request_without_valid_email_is_400(api, db):
    assert _request(api, "not-an-email").json() == {"email": ["Enter a valid email address."]}
    assert api.post("/auth/users/reset_password/", {}, format="json").status_code == 400


def test_reset_requests_in_one_minute_send_one_email(api, db, sent_mail):
    user = UserFactory()
    for _ in range(3):
        assert _request(api, user.email).status_code == 204
    assert len([m for m in sent_mail() if m.to == [user.email]]) == 1


def test_reset_email_link_follows_the_template(api, db, sent_mail, settings):
    settings.PASSWORD_RESET_URL_TEMPLATE = "{base}/#/reset/{uid}/{token}"
    settings.PUBLIC_BASE_URL = "https://api.example"
    user = UserFactory()
    _request(api, user.email)
    body = sent_mail()[-1].body
    match = re.search(r"https://api\.example/#/reset/(\w+)/(\S+)", body)
    assert match
    assert _confirm(api, match.group(1), match.group(2)).status_code == 204


def test_reset_confirm_mismatched_passwords_change_nothing(api, db, sent_mail):
    user = UserFactory()
    _request(api, user.email)
    link = _link_from(sent_mail, user.email)
    response = _confirm(api, link["uid"], link["token"], again="something-else-99")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The two password fields didn't match."]}
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)
    assert _confirm(api, link["uid"], link["token"]).status_code == 204  # the link still works


def test_reset_confirm_weak_password_is_refused(api, db, sent_mail):
    user = UserFactory()
    _request(api, user.email)
    link = _link_from(sent_mail, user.email)
    response = _confirm(api, link["uid"], link["token"], password="123")
    assert response.status_code == 400
    assert "new_password" in response.json()
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


@pytest.mark.parametrize("uid", ["", "garbage", "MA", "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ"])
def test_reset_confirm_bad_uid_is_400(api, db, uid):
    user = UserFactory()
    token = default_token_generator.make_token(user)
    response = _confirm(api, uid or "x", token)
    assert response.status_code == 400
    assert response.json() == {"uid": ["Invalid user id or user doesn't exist."]}
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_reset_confirm_token_of_another_user_is_refused(api, db, sent_mail):
    victim, attacker = UserFactory(), UserFactory()
    _request(api, attacker.email)
    link = _link_from(sent_mail, attacker.email)
    victim_uid = urlsafe_base64_encode(force_bytes(victim.pk))
    response = _confirm(api, victim_uid, link["token"])
    assert response.status_code == 400
    assert response.json() == {"token": ["Invalid token for given user."]}
    assert User.objects.get(pk=victim.pk).check_password(PASSWORD)


def test_reset_confirm_missing_fields_is_400(api, db):
    response = api.post("/auth/users/reset_password_confirm/", {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"uid", "token", "new_password", "re_new_password"}
