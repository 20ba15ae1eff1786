"""Mentor booking's pages through the test client: profile, free time, finding and booking a
mentor, my sessions, notification settings. ``clock`` is Monday 1 March 2027, 12:00 UTC."""

import datetime as dt
import io
import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from accounts.models import NotificationSettings
from mentoring import services
from mentoring.models import MentorAvailability, MentorProfile, Session
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HTML = "text/html,application/xhtml+xml,*/*;q=0.8"
BERLIN = "Europe/Berlin"  # UTC+1 in March 2027


def utc(day, hour, minute=0):
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=dt.UTC)


def as_user(user) -> Client:
    client = Client(HTTP_ACCEPT=HTML)
    client.force_login(user)
    return client


def text(response) -> str:
    return response.content.decode()


def field_error(html: str, field: str) -> str:
    found = re.search(rf'id="id_{field}_error"><li>([^<]*)', html)
    return found.group(1) if found else ""


@pytest.fixture
def mentor(clock):
    user = UserFactory(is_mentor=True, first_name="Grace", last_name="Hopper", time_zone=BERLIN)
    services.create_mentor_profile(user=user, about_me="Compilers.", skills=["Python", "COBOL"])
    return user


@pytest.fixture
def mentee(clock):
    return UserFactory(is_mentee=True, first_name="Ada", last_name="Byron", time_zone="UTC")


@pytest.fixture
def stranger(clock):
    return UserFactory(is_mentor=True, is_mentee=True)


def publish(mentor, start, end):
    return services.publish_availability(
        mentor=mentor, start_time=start, end_time=end, chunked=True
    )


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


# --- Profile --------------------------------------------------------------------------------------
def test_anonymous_visitors_are_sent_to_log_in():
    response = Client(HTTP_ACCEPT=HTML).get("/mentoring/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/mentoring/profile/")


PROFILE = {
    "is_mentor": "on",
    "about_me": "  Databases and Django.  ",
    "skills": "python, Django ,  SQL",
    "team_number": "4",
    "phone_number": "+1 416 555 0123",
}


def test_becoming_a_mentor_with_skills_phone_and_photo(mentor, clock):
    user = UserFactory()
    browser = as_user(user)
    response = browser.post("/mentoring/profile/", {**PROFILE, "profile_photo": png()})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.is_mentor, user.is_mentee, user.phone_number) == (True, False, "+14165550123")
    profile = MentorProfile.objects.get(user=user)
    assert profile.about_me == "Databases and Django."
    assert profile.team_number == 4
    # "python" is the existing skill "Python": its first spelling is kept.
    assert sorted(s.name for s in profile.skills.all()) == ["Django", "Python", "SQL"]
    page = text(browser.get("/mentoring/profile/"))
    assert 'class="photo"' in page
    assert user.profile_photo.url in page
    assert 'value="Django, Python, SQL"' in page


def test_a_mentee_profile_keeps_the_team_number(clock):
    user = UserFactory()
    as_user(user).post("/mentoring/profile/", {"is_mentee": "on", "team_number": "12"})
    user.refresh_from_db()
    assert user.is_mentee
    assert user.mentee_profile.team_number == 12


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"phone_number": "12"}, "phone_number", "phone"),
        ({"team_number": "-3"}, "team_number", "Team number must be a whole number"),
        ({"skills": "x" * 51}, "skills", "A skill name has at most 50 characters."),
        ({"about_me": "x" * 2001}, "about_me", "At most 2000 characters."),
    ],
)
def test_profile_refusals_are_shown_by_their_field_and_nothing_is_saved(
    clock, change, field, message
):
    user = UserFactory()
    response = as_user(user).post("/mentoring/profile/", {**PROFILE, **change})
    assert response.status_code == 400
    assert message.lower() in field_error(text(response), field).lower()
    user.refresh_from_db()
    assert (user.is_mentor, user.phone_number) == (False, "")
    assert not MentorProfile.objects.filter(user=user).exists()


def test_a_file_that_is_not_an_image_is_refused(clock):
    user = UserFactory()
    fake = SimpleUploadedFile("me.png", b"not an image", content_type="image/png")
    response = as_user(user).post("/mentoring/profile/", {**PROFILE, "profile_photo": fake})
    assert response.status_code == 400
    assert field_error(text(response), "profile_photo")
    user.refresh_from_db()
    assert not user.profile_photo
    assert not user.is_mentor  # nothing of the form is saved
    assert not MentorProfile.objects.filter(user=user).exists()


def test_the_photo_is_cleared_only_when_the_rest_is_accepted(clock):
    user = UserFactory()
    browser = as_user(user)
    browser.post("/mentoring/profile/", {**PROFILE, "profile_photo": png()})
    user.refresh_from_db()
    stored = user.profile_photo.path
    clear = {**PROFILE, "profile_photo-clear": "on"}
    response = browser.post("/mentoring/profile/", {**clear, "team_number": "x"})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.profile_photo.path == stored
    assert os.path.exists(stored)
    assert browser.post("/mentoring/profile/", clear).status_code == 302
    user.refresh_from_db()
    assert not user.profile_photo
    assert not os.path.exists(stored)


# --- A mentor's free time -------------------------------------------------------------------------
def test_the_week_grid_is_in_the_mentors_zone(mentor):
    publish(mentor, utc(2, 8), utc(2, 9))  # 09:00-10:00 in Berlin, Tuesday
    html = text(as_user(mentor).get("/mentoring/availability/"))
    assert "Week of 1 March 2027" in html
    assert html.count('class="open"') == 2
    row = re.search(r"<th scope=\"row\">09:00</th>(.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r'<td class="(\w+)"', row)
    assert cells == ["past", "open", "empty", "empty", "empty", "empty", "empty"]
    # The drag script reads each empty cell's wall-clock day and half hour in Berlin.
    assert 'data-day="2027-03-03" data-start="09:00" data-end="09:30"' in row


def test_a_mentor_publishes_a_span_in_half_hours(mentor):
    browser = as_user(mentor)
    response = browser.post(
        "/mentoring/availability/", {"day": "2027-03-03", "start": "14:00", "end": "15:30"}
    )
    assert response.status_code == 302
    spans = MentorAvailability.objects.filter(mentor=mentor).order_by("start_time")
    assert [(s.start_time, s.end_time) for s in spans] == [
        (utc(3, 13), utc(3, 13, 30)),
        (utc(3, 13, 30), utc(3, 14)),
        (utc(3, 14), utc(3, 14, 30)),
    ]
    assert "Published 3 half hours." in text(browser.get(response["Location"]))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"day": "2027-03-01", "start": "09:00", "end": "10:00"}, "start", "in the future"),
        ({"day": "2027-03-03", "start": "10:00", "end": "09:00"}, "end", "after start time"),
        ({"day": "2027-03-03", "start": "09:30", "end": "10:30"}, "start", "overlaps"),
        ({"day": "", "start": "09:00", "end": "10:00"}, "day", "required"),
    ],
)
def test_refused_free_time_is_shown_by_its_field(mentor, data, field, message):
    publish(mentor, utc(3, 8), utc(3, 9))  # 09:00-10:00 Berlin
    response = as_user(mentor).post("/mentoring/availability/", data)
    assert response.status_code == 400
    assert message in field_error(text(response), field)
    assert MentorAvailability.objects.count() == 2


def test_only_mentors_publish(mentee):
    response = as_user(mentee).post(
        "/mentoring/availability/", {"day": "2027-03-03", "start": "09:00", "end": "10:00"}
    )
    assert response.status_code == 400
    assert "Only mentors publish availability" in text(response)
    assert not MentorAvailability.objects.exists()


def test_a_click_on_an_empty_cell_publishes_that_half_hour(mentor):
    browser = as_user(mentor)
    response = browser.post(
        "/mentoring/availability/half-hour/",
        {"start": "2027-03-04T10:00+01:00", "week": "2027-03-01"},
    )
    assert response["Location"] == "/mentoring/availability/?week=2027-03-01"
    [span] = MentorAvailability.objects.filter(mentor=mentor)
    assert (span.start_time, span.end_time) == (utc(4, 9), utc(4, 9, 30))
    response = browser.post(
        "/mentoring/availability/half-hour/", {"start": "2027-03-04T10:00+01:00"}, follow=True
    )
    assert "This overlaps your availability" in text(response)
    response = browser.post("/mentoring/availability/half-hour/", {"start": "soon"}, follow=True)
    assert "did not send a time" in text(response)


def test_a_mentor_deletes_a_free_chunk_but_not_a_booked_one(mentor, mentee):
    free, booked = publish(mentor, utc(3, 8), utc(3, 9))
    services.request_session(
        mentee=mentee, availability_id=booked.pk, start_time=utc(3, 8, 30), session_length=30
    )
    browser = as_user(mentor)
    response = browser.post(f"/mentoring/availability/{free.pk}/delete/", follow=True)
    assert "The free time is deleted." in text(response)
    response = browser.post(f"/mentoring/availability/{booked.pk}/delete/", follow=True)
    assert "cancel the session first" in text(response)
    assert list(MentorAvailability.objects.values_list("pk", flat=True)) == [booked.pk]
    assert '<td class="booked">Booked' in text(browser.get("/mentoring/availability/"))


def test_another_mentors_free_time_is_not_found(mentor, stranger):
    [span] = publish(mentor, utc(3, 8), utc(3, 8, 30))
    response = as_user(stranger).post(f"/mentoring/availability/{span.pk}/delete/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert MentorAvailability.objects.filter(pk=span.pk).exists()


def test_other_weeks_are_reachable(mentor):
    publish(mentor, utc(9, 8), utc(9, 8, 30))
    html = text(as_user(mentor).get("/mentoring/availability/?week=2027-03-10"))
    assert "Week of 8 March 2027" in html
    assert html.count('class="open"') == 1
    assert 'href="?week=2027-03-15"' in html
    assert "Week of 1 March 2027" in text(as_user(mentor).get("/mentoring/availability/?week=x"))


# --- Find and book a mentor -----------------------------------------------------------------------
def test_find_a_mentor_by_skill_with_next_free_times_in_the_viewers_zone(mentor, mentee):
    publish(mentor, utc(2, 8), utc(2, 9))
    browser = as_user(mentee)
    html = text(browser.get("/mentoring/mentors/", {"skill": "python", "days": "7"}))
    assert "Grace Hopper" in html
    assert "Tue 2 Mar, 08:00" in html  # the mentee's zone is UTC
    assert "Tue 2 Mar, 08:30" in html
    assert html.count('value="60"') == 1  # 60 minutes fit from 08:00 only
    assert "Grace Hopper" not in text(browser.get("/mentoring/mentors/", {"skill": "Rust"}))


def test_free_times_follow_the_viewers_zone(mentor):
    publish(mentor, utc(2, 8), utc(2, 9))
    toronto = UserFactory(is_mentee=True, time_zone="America/Toronto")  # UTC-5 until 14 March
    html = text(as_user(toronto).get("/mentoring/mentors/"))
    assert "Tue 2 Mar, 03:00" in html
    assert 'value="2027-03-02T03:00:00-05:00"' in html


def test_free_in_the_next_n_days(mentor, mentee):
    publish(mentor, utc(5, 8), utc(5, 8, 30))  # four days ahead
    browser = as_user(mentee)
    assert "Grace Hopper" not in text(browser.get("/mentoring/mentors/", {"days": "3"}))
    assert "Grace Hopper" in text(browser.get("/mentoring/mentors/", {"days": "7"}))


def test_a_search_refused_by_the_selector_is_shown_by_the_field(mentee):
    response = as_user(mentee).get("/mentoring/mentors/", {"skill": "x" * 51})
    assert response.status_code == 400
    assert "at most 50 characters" in field_error(text(response), "skill")


def test_book_thirty_minutes_and_the_slot_disappears(mentor, mentee, stranger):
    [first, _second] = publish(mentor, utc(2, 8), utc(2, 9))
    browser = as_user(mentee)
    response = browser.post(
        "/mentoring/book/",
        {"availability": first.pk, "start": "2027-03-02T08:00:00+00:00", "length": "30"},
    )
    assert response["Location"] == "/mentoring/"
    session = Session.objects.get()
    assert (session.mentee, session.start_time, session.status) == (mentee, utc(2, 8), "Pending")
    html = text(as_user(stranger).get("/mentoring/mentors/"))
    assert "08:00" not in html
    assert "Tue 2 Mar, 08:30" in html


def test_book_sixty_minutes_across_two_chunks(mentor, mentee):
    [first, _second] = publish(mentor, utc(2, 8), utc(2, 9))
    as_user(mentee).post(
        "/mentoring/book/",
        {"availability": first.pk, "start": "2027-03-02T09:00:00+01:00", "length": "60"},
    )
    session = Session.objects.get()
    assert (session.start_time, session.end_time) == (utc(2, 8), utc(2, 9))


@pytest.mark.parametrize(
    ("who", "start", "length", "message"),
    [
        ("mentee", "2027-03-02T08:00:00+00:00", "60", "does not fit"),
        ("mentee", "2027-03-02T08:30:00+00:00", "30", "must be inside the availability"),
        ("mentee", "2027-03-02T08:00:00+00:00", "45", "Session length must be 30 or 60 minutes."),
        ("mentee", "tomorrow", "30", "did not send a time"),
        ("mentor", "2027-03-02T08:00:00+00:00", "30", "Only mentees request sessions"),
    ],
)
def test_refused_bookings_are_shown(mentor, mentee, who, start, length, message):
    [first] = publish(mentor, utc(2, 8), utc(2, 8, 30))
    user = mentee if who == "mentee" else mentor
    response = as_user(user).post(
        "/mentoring/book/",
        {"availability": first.pk, "start": start, "length": length, "back": "/mentoring/mentors/"},
        follow=True,
    )
    assert message in text(response)
    assert not Session.objects.exists()


def test_a_slot_taken_meanwhile_is_refused(mentor, mentee, stranger):
    [first] = publish(mentor, utc(2, 8), utc(2, 8, 30))
    data = {"availability": first.pk, "start": "2027-03-02T08:00:00+00:00", "length": "30"}
    as_user(stranger).post("/mentoring/book/", data)
    response = as_user(mentee).post("/mentoring/book/", data, follow=True)
    assert "The mentor already has a session at that time." in text(response)
    assert Session.objects.count() == 1


# --- My sessions ----------------------------------------------------------------------------------
@pytest.fixture
def pending(mentor, mentee):
    [first, _] = publish(mentor, utc(2, 8), utc(2, 9))
    return services.request_session(
        mentee=mentee, availability_id=first.pk, start_time=utc(2, 8), session_length=60
    )


def test_both_sides_see_the_pending_session(pending, mentor, mentee):
    mentor_page = text(as_user(mentor).get("/mentoring/"))
    assert "You mentor Ada Byron" in mentor_page
    assert "Tuesday 2 March, 09:00\u201310:00" in mentor_page  # Berlin
    assert ">Confirm</button>" in mentor_page
    mentee_page = text(as_user(mentee).get("/mentoring/"))
    assert "With your mentor Grace Hopper" in mentee_page
    assert "Tuesday 2 March, 08:00\u201309:00" in mentee_page  # UTC
    assert ">Confirm</button>" not in mentee_page


def test_the_mentor_confirms_and_both_download_the_ics(pending, mentor, mentee):
    assert as_user(mentor).get(f"/mentoring/sessions/{pending.pk}/session.ics").status_code == 404
    response = as_user(mentor).post(f"/mentoring/sessions/{pending.pk}/confirm/", follow=True)
    assert "Confirmed." in text(response)
    assert Session.objects.get().status == "Confirmed"
    for user in (mentor, mentee):
        response = as_user(user).get(f"/mentoring/sessions/{pending.pk}/session.ics")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar"
        body = response.content.decode()
        assert "BEGIN:VEVENT" in body
        assert "STATUS:CONFIRMED" in body
        assert f"UID:session-{pending.pk}@oneonone" in body
    assert 'session.ics"' in text(as_user(mentee).get("/mentoring/"))


def test_refused_transitions_are_shown(pending, mentor, mentee, clock):
    response = as_user(mentee).post(f"/mentoring/sessions/{pending.pk}/confirm/", follow=True)
    assert "Only the mentor can confirm a session." in text(response)
    as_user(mentor).post(f"/mentoring/sessions/{pending.pk}/confirm/")
    response = as_user(mentor).post(f"/mentoring/sessions/{pending.pk}/confirm/", follow=True)
    assert "Only a pending session can be confirmed; this one is Confirmed." in text(response)
    clock.advance(days=1)  # the session has started
    response = as_user(mentee).post(f"/mentoring/sessions/{pending.pk}/cancel/", follow=True)
    assert "A session can only be canceled before it starts." in text(response)
    assert Session.objects.get().status == "Confirmed"


def test_the_mentee_cancels_and_the_time_is_free_again(pending, mentor, mentee):
    response = as_user(mentee).post(f"/mentoring/sessions/{pending.pk}/cancel/", follow=True)
    assert "Canceled." in text(response)
    assert Session.objects.get().status == "Canceled"
    assert "Canceled (1)" in text(response)
    assert "Tue 2 Mar, 08:00" in text(as_user(mentee).get("/mentoring/mentors/"))
    response = as_user(mentor).post(f"/mentoring/sessions/{pending.pk}/cancel/", follow=True)
    assert "Only a pending or confirmed session can be canceled" in text(response)


@pytest.mark.parametrize(
    ("method", "suffix"), [("post", "confirm/"), ("post", "cancel/"), ("get", "session.ics")]
)
def test_other_peoples_sessions_are_not_found(pending, stranger, mentor, method, suffix):
    as_user(mentor).post(f"/mentoring/sessions/{pending.pk}/confirm/")
    response = getattr(as_user(stranger), method)(f"/mentoring/sessions/{pending.pk}/{suffix}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert Session.objects.get().status == "Confirmed"


def test_sessions_are_archived_a_day_after_they_start(pending, mentee, clock):
    clock.advance(days=2)
    html = text(as_user(mentee).get("/mentoring/"))
    assert "Archived (1)" in html
    assert "Pending (0)" in html


# --- Notification settings ------------------------------------------------------------------------
def test_notification_settings_five_toggles_with_a_sentence_each(mentee):
    browser = as_user(mentee)
    html = text(browser.get("/mentoring/notifications/"))
    assert html.count('type="checkbox"') == 5
    assert "A reminder 60 minutes before each confirmed session." in html
    response = browser.post(
        "/mentoring/notifications/",
        {"session_requested": "on", "session_confirmed": "on", "fifteen_minute_alert": "on"},
    )
    assert response.status_code == 302
    settings = NotificationSettings.objects.get(user=mentee)
    assert (settings.session_canceled, settings.sixty_minute_alert) == (False, False)
    assert (settings.session_requested, settings.fifteen_minute_alert) == (True, True)
    assert "Your notification settings are saved." in text(browser.get(response["Location"]))


def test_canceling_asks_for_an_optional_reason_that_goes_into_the_email(
    pending, mentor, mentee, sent_mail
):
    page = text(as_user(mentee).get("/mentoring/"))
    assert f'<label for="reason-{pending.pk}">Why? (optional; Grace Hopper reads it' in page
    assert 'name="reason" rows="2" maxlength="500"' in page
    response = as_user(mentee).post(
        f"/mentoring/sessions/{pending.pk}/cancel/", {"reason": "Exam moved."}, follow=True
    )
    assert "Canceled. The other person is told." in text(response)
    (email,) = [m for m in sent_mail() if m.to == [mentor.email] and "canceled" in m.subject]
    assert "Their reason: Exam moved." in email.body


def test_a_reason_too_long_is_refused_on_the_page(pending, mentor, mentee, sent_mail):
    response = as_user(mentee).post(
        f"/mentoring/sessions/{pending.pk}/cancel/", {"reason": "x" * 501}, follow=True
    )
    assert "Keep the reason to at most 500 characters (it has 501)." in text(response)
    assert Session.objects.get().status == "Pending"
    assert [m for m in sent_mail() if "canceled" in m.subject] == []
