"""Mentor booking in a real browser: a mentor publishes free time by dragging, a mentee books
it, the mentor confirms, the mentee cancels. ``clock`` is Monday 1 March 2027, 12:00 UTC."""

import datetime as dt

import pytest

from mentoring import services
from mentoring.models import MentorAvailability, Session, SessionStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def utc(day, hour, minute=0):
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=dt.UTC)


def drag(page, first, last):
    first.scroll_into_view_if_needed()
    a, b = first.bounding_box(), last.bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=6)
    page.mouse.up()


def empty_cell(page, day: str, start: str):
    return page.locator(f'td.empty[data-day="{day}"][data-start="{start}"]')


@pytest.fixture
def grace(clock):
    user = UserFactory(is_mentor=True, first_name="Grace", last_name="Hopper", time_zone="UTC")
    services.create_mentor_profile(user=user, about_me="Compilers.", skills=["Python", "COBOL"])
    return user


@pytest.fixture
def ada(clock):
    return UserFactory(
        is_mentee=True, first_name="Ada", last_name="Byron", time_zone="Europe/Berlin"
    )


def test_mentor_publishes_mentee_books_mentor_confirms_mentee_cancels(
    open_page, log_in, clock, sent_mail, grace, ada
):
    # Grace drags down Tuesday from 09:00 to 10:30: four half hours, 09:00-11:00.
    mentor = log_in(open_page(), grace)
    mentor.goto("/mentoring/availability/?week=2027-03-01")
    drag(
        mentor, empty_cell(mentor, "2027-03-02", "09:00"), empty_cell(mentor, "2027-03-02", "10:30")
    )
    mentor.wait_for_selector("text=Published 4 half hours.")
    assert mentor.locator("td.open").count() == 4
    assert sorted(
        MentorAvailability.objects.filter(mentor=grace).values_list("start_time", flat=True)
    ) == [utc(2, 9), utc(2, 9, 30), utc(2, 10), utc(2, 10, 30)]

    # Ada, in Berlin, finds her by skill and books an hour from 10:00 Berlin (09:00 UTC).
    mentee = log_in(open_page(zone="Europe/Berlin"), ada)
    mentee.goto("/mentoring/mentors/")
    mentee.fill("#id_skill", "python")
    mentee.click("button:has-text('Search')")
    card = mentee.locator("section.mentor", has_text="Grace Hopper")
    assert card.locator(".slots li").count() == 4
    first = card.locator(".slots li", has_text="Tue 2 Mar, 10:00")
    first.locator("button", has_text="60 min").click()
    mentee.wait_for_url("**/mentoring/")
    assert "Requested: 60 minutes with Grace Hopper" in mentee.inner_text("main")
    (session,) = Session.objects.all()
    assert (session.start_time, session.end_time, session.status) == (
        utc(2, 9),
        utc(2, 10),
        SessionStatus.PENDING,
    )

    # The booked hour is gone for everyone else at once; the mentor's grid shows it booked.
    other = log_in(open_page(), UserFactory(is_mentee=True))
    other.goto("/mentoring/mentors/")
    slots = other.locator("section.mentor", has_text="Grace Hopper").locator(".slots li")
    assert slots.all_inner_texts()[0].startswith("Tue 2 Mar, 10:00")  # 10:00 UTC
    assert slots.count() == 2
    mentor.goto("/mentoring/availability/?week=2027-03-01")
    assert mentor.locator("td.booked").count() == 2

    # Grace confirms; Ada is told by email.
    mentor.goto("/mentoring/")
    mentor.locator("li.card", has_text="Ada Byron").locator("button", has_text="Confirm").click()
    mentor.wait_for_selector("text=Confirmed. The mentee is told by email.")
    assert "Add to calendar (.ics)" in mentor.inner_text("main")
    assert any(m.to == [ada.email] and "confirmed" in m.subject for m in sent_mail())

    # Ada cancels with a reason (the page asks first); Grace is told why, and the hour is free.
    mentee.goto("/mentoring/")
    card = mentee.locator("li.card", has_text="Grace Hopper")
    card.locator("summary", has_text="Cancel session…").click()
    card.get_by_label("Why?").fill("My exam moved to Tuesday morning.")
    card.locator("button", has_text="Cancel the session").click()
    mentee.wait_for_selector("text=Canceled. The other person is told.")
    assert "Canceled (1)" in mentee.inner_text("main")
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELED
    (told,) = [m for m in sent_mail() if m.to == [grace.email] and "canceled" in m.subject]
    assert "Their reason: My exam moved to Tuesday morning." in told.body
    other.reload()
    assert slots.count() == 4
    assert mentor.js_errors == mentee.js_errors == other.js_errors == []


def test_mentor_publishes_a_span_with_the_keyboard(open_page, log_in, clock, grace):
    mentor = log_in(open_page(), grace)
    mentor.goto("/mentoring/availability/?week=2027-03-01")
    empty_cell(mentor, "2027-03-03", "09:00").locator("button").focus()
    mentor.keyboard.press("ArrowRight")  # the arrows move between cells: Thursday 09:00
    mentor.keyboard.press("ArrowLeft")
    mentor.keyboard.press("Shift+ArrowDown")
    mentor.keyboard.press("Shift+ArrowDown")
    assert mentor.locator("td.dragging").count() == 3
    assert (
        "2027-03-03, 09:00 to 10:30 selected (3 half hours)"
        in mentor.locator("[aria-live=polite]").last.inner_text()
    )
    mentor.keyboard.press("Enter")
    mentor.wait_for_selector("text=Published 3 half hours.")
    assert sorted(
        MentorAvailability.objects.filter(mentor=grace).values_list("start_time", flat=True)
    ) == [utc(3, 9), utc(3, 9, 30), utc(3, 10)]

    # Escape drops a selection: Enter then publishes the focused half hour alone.
    empty_cell(mentor, "2027-03-04", "14:00").locator("button").focus()
    mentor.keyboard.press("Shift+ArrowDown")
    mentor.keyboard.press("Escape")
    assert mentor.locator("td.dragging").count() == 0
    mentor.keyboard.press("Enter")
    mentor.wait_for_selector("text=Published 1 half hour.")
    assert MentorAvailability.objects.filter(mentor=grace, start_time=utc(4, 14, 30)).exists()
    assert mentor.js_errors == []
