"""Sign up, log in, log out, forgot/reset password and profile, through the pages."""

import re

import pytest
from django.test import Client

from accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


# --- Landing and dashboard ---------------------------------------------------------------------
def test_landing_page_offers_log_in_and_sign_up(browser):
    response = browser.get("/")
    assert response.status_code == 200
    assert 'href="/account/login/"' in text(response)
    assert 'href="/account/signup/"' in text(response)
    assert "/static/web/htmx.min.js" in text(response)
    assert "/static/web/style.css" in text(response)


def test_pages_use_no_outside_assets(browser):
    html = text(browser.get("/"))
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_logged_in_home_is_the_dashboard(owner_browser, user):
    html = text(owner_browser.get("/"))
    assert f"Hello, {user.first_name}" in html
    assert "Your scheduling rounds" in html


def test_api_paths_still_answer_json(client):
    response = client.get("/schedules/home/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"


# --- Sign up -----------------------------------------------------------------------------------
SIGNUP = {
    "username": "Prof.Lee",
    "email": "lee@uni.edu",
    "first_name": "Ada",
    "last_name": "Lee",
    "password": "a-long-passphrase",
    "password_again": "a-long-passphrase",
}


def test_sign_up_creates_the_account_logs_in_and_sends_the_welcome(browser, sent_mail):
    response = browser.post("/account/signup/", SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(username="prof.lee")
    assert user.email == "lee@uni.edu"
    assert "Hello, Ada" in text(browser.get("/"))
    assert [m.subject for m in sent_mail()] == ["Welcome to OneOnOne"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"password_again": "something-else"}, "password_again", "The two passwords differ."),
        ({"password": "12345678", "password_again": "12345678"}, "password", "too common"),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"username": ""}, "username", "This field is required."),
    ],
)
def test_sign_up_errors_are_shown_next_to_their_field_and_keep_the_input(
    browser, change, field, message
):
    response = browser.post("/account/signup/", {**SIGNUP, **change})
    html = text(response)
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in html
    error = re.search(rf'id="id_{field}_error">(.*?)</ul>', html, re.S).group(1)
    assert message in error
    assert 'value="Ada"' in html  # what was typed stays
    assert not User.objects.filter(email="lee@uni.edu").exists()


def test_sign_up_with_a_taken_username_says_so(browser, user):
    response = browser.post("/account/signup/", {**SIGNUP, "username": user.username.upper()})
    assert "A user with that username already exists." in text(response)
    assert User.objects.count() == 1


# --- Log in, log out ---------------------------------------------------------------------------
def test_log_in_and_go_where_asked(browser, user):
    response = browser.post(
        "/account/login/",
        {"username": user.username, "password": PASSWORD, "next": "/account/profile/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/profile/"
    assert browser.get("/account/profile/").status_code == 200


def test_log_in_never_sends_to_another_site(browser, user):
    response = browser.post(
        "/account/login/",
        {"username": user.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_log_in_with_a_wrong_password_says_so_and_keeps_the_username(browser, user):
    response = browser.post("/account/login/", {"username": user.username, "password": "nope"})
    html = text(response)
    assert response.status_code == 200
    assert "That username and password do not match an account." in html
    assert f'value="{user.username}"' in html
    assert "_auth_user_id" not in browser.session


def test_log_in_is_throttled_after_the_limit(browser, user, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    for _ in range(2):
        browser.post("/account/login/", {"username": user.username, "password": "nope"})
    response = browser.post("/account/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed logins. Try again in" in text(response)
    assert int(response["Retry-After"]) > 0
    assert "_auth_user_id" not in browser.session


def test_log_in_of_an_inactive_account_says_so(browser, user):
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = browser.post("/account/login/", {"username": user.username, "password": PASSWORD})
    assert "This account is not active." in text(response)


def test_log_in_form_needs_both_fields(browser):
    response = browser.post("/account/login/", {"username": "", "password": ""})
    html = text(response)
    assert html.count("This field is required.") == 2


def test_log_out_is_a_post_and_ends_the_session(owner_browser):
    assert owner_browser.get("/account/logout/").status_code == 405
    response = owner_browser.post("/account/logout/")
    assert response["Location"] == "/"
    assert (
        owner_browser.get("/account/profile/")["Location"]
        == "/account/login/?next=/account/profile/"
    )


def test_forms_need_the_csrf_token(user):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/account/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


# --- Forgot / reset password -------------------------------------------------------------------
def reset_link(sent_mail) -> str:
    body = sent_mail()[-1].body
    return re.search(r"http://\S+/password/reset/confirm/(\S+)", body).group(0)


def test_forgot_password_sends_a_link_that_sets_a_new_password(browser, user, sent_mail):
    response = browser.post("/account/password/forgot/", {"email": user.email.upper()})
    assert "Check your email" in text(response)
    link = reset_link(sent_mail)
    uid, token = link.rsplit("/", 2)[-2:]
    response = browser.get(link.split("127.0.0.1:8000", 1)[-1] if "8000" in link else link)
    assert response.status_code == 302
    assert response["Location"] == f"/account/password/reset/{uid}/{token}/"
    page = browser.get(response["Location"])
    assert "Choose a new password" in text(page)
    response = browser.post(
        response["Location"],
        {"new_password": "another-long-one", "new_password_again": "another-long-one"},
    )
    assert response["Location"] == "/account/login/"
    user.refresh_from_db()
    assert user.check_password("another-long-one")


def test_forgot_password_answers_the_same_for_unknown_addresses(browser, sent_mail):
    response = browser.post("/account/password/forgot/", {"email": "nobody@uni.edu"})
    assert "Check your email" in text(response)
    assert sent_mail() == []


def test_reset_with_a_bad_link_says_to_ask_again(browser, user):
    response = browser.post(
        "/account/password/reset/MQ/bad-token/",
        {"new_password": "another-long-one", "new_password_again": "another-long-one"},
    )
    assert response.status_code == 400
    assert "This reset link does not work any more" in text(response)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_reset_with_a_weak_password_says_why(browser, user, sent_mail):
    browser.post("/account/password/forgot/", {"email": user.email})
    uid, token = reset_link(sent_mail).rsplit("/", 2)[-2:]
    response = browser.post(
        f"/account/password/reset/{uid}/{token}/",
        {"new_password": "123", "new_password_again": "123"},
    )
    html = text(response)
    assert 'id="id_new_password_error"' in html
    assert "This password is too short." in html
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


# --- Profile -----------------------------------------------------------------------------------
def test_profile_needs_a_login(browser):
    response = browser.get("/account/profile/")
    assert response["Location"] == "/account/login/?next=/account/profile/"


def test_profile_edit_saves_name_email_and_time_zone(owner_browser, user):
    response = owner_browser.post(
        "/account/profile/",
        {
            "save_profile": "1",
            "first_name": "Ada",
            "last_name": "Lee",
            "email": "ada@uni.edu",
            "time_zone": "America/Toronto",
        },
    )
    assert response["Location"] == "/account/profile/"
    user.refresh_from_db()
    assert (user.first_name, user.email, user.time_zone) == (
        "Ada",
        "ada@uni.edu",
        "America/Toronto",
    )


def test_profile_with_a_taken_email_says_so_next_to_it(owner_browser, user, other_user):
    response = owner_browser.post(
        "/account/profile/",
        {"save_profile": "1", "first_name": "Ada", "email": other_user.email, "time_zone": "UTC"},
    )
    html = text(response)
    assert re.search(r'id="id_email_error">.*A user with that email already exists.', html, re.S)
    assert 'value="Ada"' in html
    user.refresh_from_db()
    assert user.first_name != "Ada"


def test_profile_with_an_unknown_time_zone_says_so_next_to_it(owner_browser, user):
    response = owner_browser.post(
        "/account/profile/",
        {"save_profile": "1", "first_name": "Ada", "email": user.email, "time_zone": "Mars/Base"},
    )
    assert re.search(r'id="id_time_zone_error">.*Select a valid choice', text(response), re.S)
    user.refresh_from_db()
    assert user.time_zone == "UTC"


def test_password_change_keeps_this_browser_logged_in(owner_browser, user):
    response = owner_browser.post(
        "/account/profile/",
        {
            "change_password": "1",
            "current_password": PASSWORD,
            "new_password": "another-long-one",
            "new_password_again": "another-long-one",
        },
    )
    assert response["Location"] == "/account/profile/"
    assert owner_browser.get("/account/profile/").status_code == 200
    user.refresh_from_db()
    assert user.check_password("another-long-one")


def test_password_change_with_a_wrong_current_password_is_refused(owner_browser, user):
    response = owner_browser.post(
        "/account/profile/",
        {
            "change_password": "1",
            "current_password": "wrong",
            "new_password": "another-long-one",
            "new_password_again": "another-long-one",
        },
    )
    assert re.search(
        r'id="id_current_password_error">.*Current password is incorrect.', text(response), re.S
    )
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
