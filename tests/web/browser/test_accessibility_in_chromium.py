"""axe-core in Chromium on every page, in each of its states: no serious or critical violation.

Each test builds its pages' data, visits them and collects what axe reports; the failure lists
every page's problems at once (rule, impact, help text, the elements' selectors).
"""

import datetime as dt
from datetime import timedelta

import pytest
from django.test import Client

from accounts.models import QueueRole
from contacts.services import add_contact
from helpqueue import services as queue
from mentoring import services as mentoring
from tests.factories import (
    PASSWORD,
    TicketFactory,
    UserFactory,
    claimed_ticket,
    closed_ticket,
    make_user,
)
from tests.web.browser.accessibility import serious_accessibility_problems

pytestmark = pytest.mark.django_db(transaction=True)
UTC = dt.UTC


def audit(page, pages, problems: dict) -> None:
    """Visit each (name, path) and add axe's serious and critical findings to ``problems``."""
    for name, path in pages:
        if path is not None:
            page.goto(path)
        page.wait_for_load_state("networkidle")
        found = serious_accessibility_problems(page)
        if found:
            problems[name] = found


def report(problems: dict) -> str:
    return "serious or critical accessibility problems:\n" + "\n".join(
        f"  {name}: {line}" for name, lines in problems.items() for line in lines
    )


def answer_url(calendar, token, query=""):
    return f"/answer/{calendar.pk}/{token}/{query}"


def test_round_and_answer_pages(open_page, log_in, user, make_round, clock):
    calendar, tokens = make_round(names=("ana", "ben", "cy"), meeting_minutes=30)
    late, late_tokens = make_round(names=("dee",), name="Late round", meeting_minutes=30)
    Client().post(
        answer_url(calendar, tokens["ben"]),
        {"at:2027-03-08T09:00+00:00": "3", "at:2027-03-08T09:15+00:00": "2"},
    )
    problems = {}
    invitee = open_page()
    audit(
        invitee,
        [
            ("answer (open)", answer_url(calendar, tokens["ana"], "?tz=America/Toronto")),
            ("answered", answer_url(calendar, tokens["ben"], "?tz=UTC&answered=1")),
            ("answer (wrong token)", answer_url(calendar, "not-a-token")),
        ],
        problems,
    )
    invitee.goto(answer_url(calendar, tokens["cy"], "?tz=UTC"))
    invitee.click("text=Send my answer")  # nothing marked: refused, with the reason
    audit(invitee, [("answer (nothing marked)", None)], problems)

    owner = log_in(open_page(), user)
    audit(
        owner,
        [
            ("dashboard", "/"),
            ("new round", "/rounds/new/"),
            ("edit round", f"/rounds/{calendar.pk}/edit/"),
            ("suggestions (no JavaScript)", f"/rounds/{calendar.pk}/suggestions/"),
            ("round not found", "/rounds/999999/"),
        ],
        problems,
    )
    owner.goto(f"/rounds/{calendar.pk}/")
    owner.wait_for_selector("text=Schedule 1")
    audit(owner, [("round (answers, suggestions)", None)], problems)
    owner.click("text=Pick schedule 1")
    audit(owner, [("finalize confirmation", None)], problems)
    owner.click("text=Finalize and email everyone")
    owner.wait_for_url(f"**/rounds/{calendar.pk}/")
    audit(owner, [("round (finalized)", None)], problems)
    audit(
        invitee,
        [
            ("answer (finalized, a meeting)", answer_url(calendar, tokens["ben"], "?tz=UTC")),
            ("answer (finalized, no meeting)", answer_url(calendar, tokens["ana"], "?tz=UTC")),
        ],
        problems,
    )
    clock.advance(days=5)  # past the deadline of the round still open
    audit(invitee, [("answer (deadline passed)", answer_url(late, late_tokens["dee"]))], problems)
    audit(owner, [("round (deadline passed)", f"/rounds/{late.pk}/")], problems)
    assert not problems, report(problems)


def test_account_and_contact_pages(open_page, log_in, user, clock):
    ana = add_contact(owner=user, first_name="Ana", last_name="Student", email="ana@uni.edu")
    add_contact(owner=user, first_name="Ben", last_name="Student", email="ben@uni.edu")
    problems = {}
    visitor = open_page()
    audit(
        visitor,
        [
            ("landing", "/"),
            ("sign up", "/account/signup/"),
            ("log in", "/account/login/"),
            ("forgot password", "/account/password/forgot/"),
            ("reset password (bad link)", "/account/password/reset/xx/yy/"),
        ],
        problems,
    )
    visitor.goto("/account/signup/")
    visitor.click("button:has-text('Sign up')")
    audit(visitor, [("sign up (errors)", None)], problems)
    visitor.goto("/account/login/")
    visitor.fill("#id_username", user.username)
    visitor.fill("#id_password", "wrong password")
    visitor.click("button:has-text('Log in')")
    audit(visitor, [("log in (refused)", None)], problems)
    visitor.goto("/account/password/forgot/")
    visitor.fill("#id_email", user.email)
    visitor.click("main button[type=submit]")
    audit(visitor, [("forgot password (sent)", None)], problems)

    owner = log_in(open_page(), user)
    audit(
        owner,
        [
            ("profile", "/account/profile/"),
            ("contacts", "/people/"),
            ("contact import", "/people/import/"),
            ("contact edit", f"/people/{ana.pk}/edit/"),
        ],
        problems,
    )
    owner.goto("/people/import/")
    owner.fill("textarea", "not an address at all")
    owner.click("main button[type=submit]")
    audit(owner, [("contact import (errors)", None)], problems)
    assert not problems, report(problems)


def test_mentoring_pages(open_page, log_in, clock):
    grace = UserFactory(is_mentor=True, first_name="Grace", last_name="Hopper", password=PASSWORD)
    mentoring.create_mentor_profile(user=grace, about_me="Compilers.", skills=["Python"])
    ada = UserFactory(is_mentee=True, first_name="Ada", last_name="Byron")
    start = dt.datetime(2027, 3, 2, 9, tzinfo=UTC)
    chunks = mentoring.publish_availability(
        mentor=grace, start_time=start, end_time=start + timedelta(hours=3), chunked=True
    )
    first = mentoring.request_session(
        mentee=ada, availability_id=chunks[0].pk, start_time=start, session_length=60
    )
    mentoring.confirm_session(user=grace, session_id=first.pk)
    mentoring.request_session(
        mentee=ada,
        availability_id=chunks[2].pk,
        start_time=start + timedelta(hours=1),
        session_length=30,
    )
    third = mentoring.request_session(
        mentee=ada,
        availability_id=chunks[3].pk,
        start_time=start + timedelta(hours=1, minutes=30),
        session_length=30,
    )
    mentoring.cancel_session(user=ada, session_id=third.pk)
    problems = {}
    for who in (grace, ada):
        page = log_in(open_page(), who)
        audit(
            page,
            [
                (f"my sessions ({who.first_name})", "/mentoring/"),
                (f"mentoring profile ({who.first_name})", "/mentoring/profile/"),
                (f"find a mentor ({who.first_name})", "/mentoring/mentors/?skill=python&days=7"),
                (f"notifications ({who.first_name})", "/mentoring/notifications/"),
            ],
            problems,
        )
    page = log_in(open_page(), grace)
    page.goto("/mentoring/")
    page.locator("summary", has_text="Cancel session…").first.click()
    audit(page, [("my sessions (cancel form open)", None)], problems)
    audit(page, [("my free time", "/mentoring/availability/?week=2027-03-01")], problems)
    page.select_option("#id_start", "13:00")
    page.select_option("#id_end", "12:00")
    page.click("button:has-text('Publish')")
    audit(page, [("my free time (refused)", None)], problems)
    assert not problems, report(problems)


def test_queue_pages(open_page, log_in, clock):
    hacker = make_user(first_name="Hedy", last_name="Lamarr")
    ada = make_user(QueueRole.MENTOR, first_name="Ada", last_name="Lovelace")
    director = make_user(QueueRole.DIRECTOR)
    waiting = TicketFactory(owner=hacker, title="Flask will not start")
    TicketFactory(title="Docker eats my disk")
    helped = claimed_ticket(owner=hacker, mentor=ada, title="CSS grid")
    closed = closed_ticket(
        owner=hacker,
        mentor=ada,
        claimed_after=timedelta(minutes=4),
        closed_after=timedelta(minutes=20),
        title="Segfault",
    )
    cancelled = TicketFactory(owner=hacker, title="Never mind")
    queue.change_ticket_status(user=hacker, ticket_id=cancelled.pk, status="CANCELLED")
    problems = {}
    page = log_in(open_page(), hacker)
    audit(
        page,
        [
            ("my tickets", "/queue/"),
            ("ticket (open)", f"/queue/tickets/{waiting.pk}/"),
            ("ticket (claimed)", f"/queue/tickets/{helped.pk}/"),
            ("ticket (closed, rating form)", f"/queue/tickets/{closed.pk}/"),
            ("ticket (cancelled)", f"/queue/tickets/{cancelled.pk}/"),
            ("mentor queue (forbidden)", "/queue/mentor/"),
        ],
        problems,
    )
    page.goto("/queue/")
    page.click("button:has-text('Open ticket')")  # empty: refused
    audit(page, [("my tickets (errors)", None)], problems)
    page = log_in(open_page(), ada)
    audit(
        page,
        [
            ("mentor queue", "/queue/mentor/"),
            ("ticket (claimed, mentor's buttons)", f"/queue/tickets/{helped.pk}/"),
        ],
        problems,
    )
    page = log_in(open_page(), director)
    audit(page, [("statistics", "/queue/stats/"), ("roles", "/queue/roles/")], problems)
    assert not problems, report(problems)
