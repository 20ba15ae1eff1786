"""The page tour, continued with issue 13's pages (mentor booking, the help queue): no page
scrolls sideways at 375 px; with WEB_SCREENSHOTS set, each page is saved at 1280 and 375 px
(``WEB_SCREENSHOTS=docs/screenshots .venv/bin/python -m pytest tests/web/browser -k phone``).

``clock`` is Monday 1 March 2027, 12:00 UTC: a mentoring programme's week and a hackathon's day.
"""

import datetime as dt
import os
from datetime import timedelta
from pathlib import Path

import pytest

from accounts.models import QueueRole
from helpqueue.models import Feedback
from mentoring import services as mentoring
from tests.factories import TicketFactory, UserFactory, claimed_ticket, closed_ticket, make_user

pytestmark = pytest.mark.django_db(transaction=True)
UTC = dt.UTC


def mentoring_week():
    """Grace mentors (three mornings free); Ada and Lin book her: pending, confirmed, canceled."""
    grace = UserFactory(
        is_mentor=True, first_name="Grace", last_name="Hopper", phone_number="+14165550123"
    )
    mentoring.create_mentor_profile(
        user=grace,
        about_me="Compilers, COBOL and debugging by reading the code aloud.",
        skills=["Python", "COBOL", "Compilers"],
        team_number="3",
    )
    ken = UserFactory(is_mentor=True, first_name="Ken", last_name="Thompson")
    mentoring.create_mentor_profile(user=ken, about_me="Unix, C and Go.", skills=["C", "Go"])
    ada = UserFactory(is_mentee=True, first_name="Ada", last_name="Byron")
    lin = UserFactory(is_mentee=True, first_name="Lin", last_name="Chen")
    chunks = {}
    for day in (2, 3, 4):
        start = dt.datetime(2027, 3, day, 9, tzinfo=UTC)
        for chunk in mentoring.publish_availability(
            mentor=grace, start_time=start, end_time=start + timedelta(hours=3), chunked=True
        ):
            chunks[chunk.start_time] = chunk
    start = dt.datetime(2027, 3, 2, 14, tzinfo=UTC)
    mentoring.publish_availability(
        mentor=ken, start_time=start, end_time=start + timedelta(hours=2), chunked=True
    )

    def book(mentee, day, hour, minutes):
        start = dt.datetime(2027, 3, day, hour, tzinfo=UTC)
        return mentoring.request_session(
            mentee=mentee,
            availability_id=chunks[start].pk,
            start_time=start,
            session_length=minutes,
        )

    confirmed = book(ada, 2, 9, 60)
    mentoring.confirm_session(user=grace, session_id=confirmed.pk)
    book(lin, 3, 10, 30)
    canceled = book(lin, 4, 11, 30)
    mentoring.cancel_session(user=lin, session_id=canceled.pk)
    return grace, ada


def hackathon_day(clock):
    """Tickets over the morning (claimed, closed, rated), two waiting, one being helped."""
    hedy = make_user(first_name="Hedy", last_name="Lamarr")
    ada = make_user(QueueRole.MENTOR, first_name="Ada", last_name="Lovelace")
    alan = make_user(QueueRole.MENTOR, first_name="Alan", last_name="Turing")
    director = make_user(QueueRole.DIRECTOR, first_name="Mary", last_name="Jackson")
    make_user(QueueRole.ORGANIZER, first_name="Katherine", last_name="Johnson")
    now = clock.current
    for minutes_ago, wait, close, mentor in (
        (170, 3, 15, ada),
        (160, 6, 25, alan),
        (150, 4, 12, ada),
        (110, 9, 30, alan),
        (100, 12, 28, ada),
        (95, 8, 20, alan),
        (50, 5, 18, ada),
        (40, 7, 14, alan),
    ):
        clock.set(now - timedelta(minutes=minutes_ago))
        ticket = closed_ticket(
            mentor=mentor,
            claimed_after=timedelta(minutes=wait),
            closed_after=timedelta(minutes=close),
        )
        Feedback.objects.create(ticket=ticket, rating=4 + minutes_ago % 2)
    clock.set(now - timedelta(minutes=20))
    claimed_ticket(
        owner=make_user(first_name="Noor", last_name="Haddad"),
        mentor=alan,
        title="Docker eats my disk",
        comment="No space left on device after two builds.",
        location="Table 3",
        contact="@noor",
    )
    clock.set(now - timedelta(minutes=12))
    TicketFactory(
        owner=make_user(first_name="Sam", last_name="Okafor"),
        title="OAuth redirect loops forever",
        comment="GitHub login sends me back to /login again and again.",
        location="Table 9",
        contact="@sam",
    )
    clock.set(now - timedelta(minutes=6))
    mine = TicketFactory(
        owner=hedy,
        title="Flask will not start",
        comment="ImportError: cannot import name 'escape' from 'jinja2'",
        contact="@hedy on Slack",
        location="Table 7, by the window",
    )
    clock.set(now)
    return hedy, ada, director, mine


def test_every_mentoring_and_queue_page_fits_a_phone(open_page, log_in, clock):
    grace, mentee = mentoring_week()
    hedy, mentor, director, ticket = hackathon_day(clock)
    pages = [
        ("mentoring-sessions", "/mentoring/", grace),
        ("mentoring-profile", "/mentoring/profile/", grace),
        ("mentoring-availability", "/mentoring/availability/?week=2027-03-01", grace),
        ("mentoring-find", "/mentoring/mentors/", mentee),
        ("mentoring-notifications", "/mentoring/notifications/", mentee),
        ("queue-tickets", "/queue/", hedy),
        ("queue-ticket", f"/queue/tickets/{ticket.pk}/", hedy),
        ("queue-mentor", "/queue/mentor/", mentor),
        ("queue-stats", "/queue/stats/", director),
        ("queue-roles", "/queue/roles/", director),
    ]
    folder = os.environ.get("WEB_SCREENSHOTS")
    for width, label in ((375, "phone"), (1280, "desktop")):
        browsers = {}
        for name, path, user in pages:
            if user.pk not in browsers:
                browsers[user.pk] = log_in(open_page(width=width), user)
            page = browsers[user.pk]
            page.goto(path)
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate("document.documentElement.scrollWidth") - width
            assert overflow <= 0, f"{name} is {overflow}px too wide at {width}px"
            if folder:
                Path(folder).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{folder}/{name}-{label}.png", full_page=True)
        assert all(page.js_errors == [] for page in browsers.values())
