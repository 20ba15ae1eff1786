"""A whole scheduling round in a real browser, and every page at desktop and phone width."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from accounts.models import User
from scheduling import selectors
from scheduling.models import Calendar, Meeting
from tests.scheduling.support import token_from

pytestmark = pytest.mark.django_db(transaction=True)
UTC = dt.UTC
PASSWORD = "a-long-passphrase"


def drag(page, first, last):
    """Press on one cell, move to another, release (painting)."""
    first.scroll_into_view_if_needed()
    a, b = first.bounding_box(), last.bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=6)
    page.mouse.up()


def cell(page, instant: str):
    return page.locator(f'td.cell:has([name="at:{instant}"])')


def sign_up(page):
    page.goto("/")
    page.click("text=Sign up")
    page.fill("#id_username", "lee")
    page.fill("#id_email", "lee@uni.edu")
    page.fill("#id_first_name", "Ada")
    page.fill("#id_last_name", "Lee")
    page.fill("#id_password", PASSWORD)
    page.fill("#id_password_again", PASSWORD)
    page.click("button:has-text('Sign up')")
    page.wait_for_url("**/")
    assert "Hello, Ada" in page.inner_text("main")


def create_round(page):
    """Toronto round over 12-15 March 2027 (clocks go forward on the 14th)."""
    page.click("text=New round")
    page.fill("#id_name", "Thesis check-ins")
    page.fill("#id_description", "Fifteen minutes about your draft.")
    page.select_option("#id_time_zone", "America/Toronto")
    page.fill("#id_deadline", "2027-03-10T17:00")
    page.fill("#id_first_day", "2027-03-12")
    page.fill("#id_last_day", "2027-03-15")
    page.select_option("#id_day_starts", "9")
    page.select_option("#id_day_ends", "11")
    page.click("text=Update the grid")
    page.wait_for_load_state()
    drag(page, cell(page, "2027-03-12T09:00-05:00"), cell(page, "2027-03-12T09:30-05:00"))
    drag(page, cell(page, "2027-03-15T09:00-04:00"), cell(page, "2027-03-15T09:30-04:00"))
    assert page.inner_text("#marked-count") == "4 times marked."
    page.fill("#id_pasted", "Tess Toronto <tess@uni.edu>\nKiran Kolkata <kiran@uni.edu>\n")
    page.click("text=Create the round and send the invitations")
    page.wait_for_url("**/rounds/*/")


def link_for(sent_mail, email):
    (message,) = [m for m in sent_mail() if m.to == [email] and "invites you" in m.subject]
    calendar_id, token = token_from(message)
    return f"/schedules/calendars/{calendar_id}/respond/{token}/"


def test_a_whole_round_from_sign_up_to_the_invitees_meeting(open_page, sent_mail, clock):
    owner = open_page()
    sign_up(owner)
    create_round(owner)
    calendar = Calendar.objects.get()
    everything = selectors.calendar_with_everything(
        owner=User.objects.get(username="lee"), calendar_id=calendar.pk
    )
    assert [(w.start, w.end) for w in everything.owner_windows] == [
        (dt.datetime(2027, 3, 12, 14, tzinfo=UTC), dt.datetime(2027, 3, 12, 15, tzinfo=UTC)),
        (dt.datetime(2027, 3, 15, 13, tzinfo=UTC), dt.datetime(2027, 3, 15, 14, tzinfo=UTC)),
    ]

    # Tess, in Toronto: the emailed link opens the page in the round's own zone.
    tess = open_page(width=375, zone="America/Toronto")
    tess.goto(link_for(sent_mail, "tess@uni.edu"))
    assert "Ada Lee would like to meet you" in tess.inner_text("main")
    assert "Kiran" not in tess.content()
    drag(tess, cell(tess, "2027-03-12T09:00-05:00"), cell(tess, "2027-03-12T09:30-05:00"))
    tess.click("text=Send my answer")
    tess.wait_for_url("**answered=1")
    assert "Thank you, your answer is recorded" in tess.inner_text("main")

    # Kiran, in Kolkata: the page switches to his zone by itself; he answers with the keyboard
    # on the Monday, after Toronto's clocks went forward (9:00 EDT is 18:30 in Kolkata).
    kiran = open_page(zone="Asia/Kolkata")
    kiran.goto(link_for(sent_mail, "kiran@uni.edu"))
    kiran.wait_for_url(re.compile(r"tz=Asia%2F(Kolkata|Calcutta)"))
    assert cell(kiran, "2027-03-12T19:30+05:30").count() == 1
    monday = cell(kiran, "2027-03-15T18:30+05:30")
    monday.click()  # marks it preferred, and focuses it
    kiran.keyboard.press("ArrowDown")
    kiran.keyboard.press("2")
    assert kiran.inner_text("#marked-count") == "2 times marked."
    kiran.click("text=Send my answer")
    kiran.wait_for_url("**answered=1")

    everything = selectors.calendar_with_everything(owner=calendar.owner, calendar_id=calendar.pk)
    answers = {
        i.first_name: [(w.start, w.end, w.preference) for w in everything.answer_windows(i)]
        for i in everything.invitations
    }
    assert answers == {
        "Tess": [
            (
                dt.datetime(2027, 3, 12, 14, tzinfo=UTC),
                dt.datetime(2027, 3, 12, 14, 45, tzinfo=UTC),
                3,
            )
        ],
        "Kiran": [
            (
                dt.datetime(2027, 3, 15, 13, tzinfo=UTC),
                dt.datetime(2027, 3, 15, 13, 15, tzinfo=UTC),
                3,
            ),
            (
                dt.datetime(2027, 3, 15, 13, 15, tzinfo=UTC),
                dt.datetime(2027, 3, 15, 13, 30, tzinfo=UTC),
                2,
            ),
        ],
    }

    # The owner compares the schedules (loaded by htmx), picks the first, moves Tess's meeting
    # to the other start the page offers (only feasible ones are), and finalizes.
    owner.goto(f"/rounds/{calendar.pk}/")
    owner.wait_for_selector("text=Schedule 1")
    assert "2 of 2" in owner.inner_text("#suggestions")
    owner.click("text=Pick schedule 1")
    tess_pk = next(i.pk for i in everything.invitations if i.first_name == "Tess")
    move = f"#move-{tess_pk}"
    owner.wait_for_selector("text=Finalize and email everyone")
    offered = owner.eval_on_selector_all(f"{move} option", "options => options.map(o => o.value)")
    current = owner.eval_on_selector(move, "select => select.value")
    assert len(offered) == 2  # 14:00 and 14:15 UTC: 30 minutes inside Tess's 14:00-14:45
    later = next(value for value in offered if value != current)
    owner.select_option(move, later)
    owner.click(f"button[name=move][value='{tess_pk}']")
    owner.wait_for_selector(f"{move} option[value='{later}']:checked", state="attached")
    owner.click("text=Finalize and email everyone")
    owner.wait_for_url(f"**/rounds/{calendar.pk}/")
    assert "The final schedule" in owner.inner_text("main")
    final = {m.invitation.first_name: m.start for m in Meeting.objects.select_related("invitation")}
    assert final == {
        "Tess": dt.datetime(2027, 3, 12, 14, 15, tzinfo=UTC),
        "Kiran": dt.datetime(2027, 3, 15, 13, tzinfo=UTC),
    }

    # Kiran sees his meeting, in his zone, with the calendar file.
    kiran.goto(link_for(sent_mail, "kiran@uni.edu"))
    kiran.wait_for_selector("text=Your meeting")
    assert "Monday 15 March 2027, 18:30" in kiran.inner_text("main")
    with kiran.expect_download() as download:
        kiran.click("text=Download .ics")
    assert download.value.suggested_filename == "meeting.ics"
    assert owner.js_errors == tess.js_errors == kiran.js_errors == []


def test_every_page_fits_a_phone(open_page, sent_mail, clock, user, make_round):
    """No page scrolls sideways at 375 px; with WEB_SCREENSHOTS set, each page is saved."""
    calendar, tokens = make_round(names=("ana", "ben", "cy"), meeting_minutes=30)
    folder = os.environ.get("WEB_SCREENSHOTS")
    answered = open_page()
    answered.goto(f"/answer/{calendar.pk}/{tokens['ben']}/?tz=UTC")
    drag(
        answered, cell(answered, "2027-03-08T09:00+00:00"), cell(answered, "2027-03-08T09:30+00:00")
    )
    answered.click("text=Send my answer")
    answered.wait_for_url("**answered=1")
    pages = [
        ("landing", "/", False),
        ("sign-up", "/account/signup/", False),
        ("log-in", "/account/login/", False),
        ("forgot-password", "/account/password/forgot/", False),
        ("answer", f"/answer/{calendar.pk}/{tokens['ana']}/?tz=America/Toronto", False),
        ("answered", f"/answer/{calendar.pk}/{tokens['ben']}/?tz=UTC&answered=1", False),
        ("dashboard", "/", True),
        ("new-round", "/rounds/new/", True),
        ("round", f"/rounds/{calendar.pk}/", True),
        ("edit-round", f"/rounds/{calendar.pk}/edit/", True),
        ("contacts", "/people/", True),
        ("contact-import", "/people/import/", True),
        ("profile", "/account/profile/", True),
    ]
    for width, label in ((375, "phone"), (1280, "desktop")):
        anonymous, owner = open_page(width=width), open_page(width=width)
        owner.goto("/account/login/")
        owner.fill("#id_username", user.username)
        owner.fill("#id_password", "correct-horse-42")
        owner.click("button:has-text('Log in')")
        owner.wait_for_url("**/")
        for name, path, logged_in in pages:
            page = owner if logged_in else anonymous
            page.goto(path)
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate("document.documentElement.scrollWidth") - width
            assert overflow <= 0, f"{name} is {overflow}px too wide at {width}px"
            if folder:
                Path(folder).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{folder}/{name}-{label}.png", full_page=True)
        assert anonymous.js_errors == owner.js_errors == []
