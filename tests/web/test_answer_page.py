"""The invitee's answer page: the link a browser opens, the grid, answering, after the end."""

import datetime as dt
import re

import pytest

from scheduling import selectors, services
from tests.web.conftest import at

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def page_url(calendar, token, **query):
    url = f"/answer/{calendar.pk}/{token}/"
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def cell_names(html: str) -> list[str]:
    return re.findall(r'<select name="at:([^"]+)"', html)


# --- The emailed link: browsers get the page, API clients the JSON -----------------------------
def test_link_opened_in_a_browser_goes_to_the_answer_page(browser, make_round):
    calendar, tokens = make_round()
    response = browser.get(f"/schedules/calendars/{calendar.pk}/respond/{tokens['ana']}/")
    assert response.status_code == 302
    assert response["Location"] == page_url(calendar, tokens["ana"])


@pytest.mark.parametrize(
    "accept", ["application/json", "*/*", None, "text/html;q=0.5,application/json"]
)
def test_link_fetched_by_an_api_client_answers_json(client, make_round, accept):
    calendar, tokens = make_round()
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = client.get(f"/schedules/calendars/{calendar.pk}/respond/{tokens['ana']}/", **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["name"] == "Thesis check-ins"


def test_link_with_format_json_answers_json_even_to_a_browser(browser, make_round):
    calendar, tokens = make_round()
    response = browser.get(
        f"/schedules/calendars/{calendar.pk}/respond/{tokens['ana']}/?format=json"
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Thesis check-ins"


def test_link_with_a_wrong_token_in_a_browser_goes_to_the_page_that_says_so(browser, make_round):
    calendar, _ = make_round()
    response = browser.get(f"/schedules/calendars/{calendar.pk}/respond/wrong/", follow=True)
    assert response.status_code == 404
    assert "This link does not work." in response.content.decode()


def test_link_without_trailing_slash_goes_to_the_page_too(browser, make_round):
    calendar, tokens = make_round()
    response = browser.get(f"/schedules/calendars/{calendar.pk}/respond/{tokens['ana']}")
    assert response.status_code == 302
    assert response["Location"] == page_url(calendar, tokens["ana"])


def test_link_posted_to_is_never_sent_to_the_page(client, make_round):
    calendar, tokens = make_round()
    response = client.post(
        f"/schedules/calendars/{calendar.pk}/respond/{tokens['ana']}/",
        {
            "availability": [
                {
                    "start_time": "2027-03-08T09:00",
                    "end_time": "2027-03-08T10:00",
                    "preference_level": 3,
                }
            ]
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json() == {"success_message": "Availability submitted successfully."}


def test_wrong_token_on_the_link_keeps_the_contract_answer_for_api_clients(client, make_round):
    calendar, _ = make_round()
    response = client.get(f"/schedules/calendars/{calendar.pk}/respond/wrong/")
    assert response.status_code == 401
    assert response.json() == {"error": "Invalid token"}


# --- What the page shows -----------------------------------------------------------------------
def test_page_shows_the_round_and_the_owners_times_in_the_rounds_zone(browser, make_round, user):
    calendar, tokens = make_round()
    response = browser.get(page_url(calendar, tokens["ana"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Thesis check-ins</h1>" in html
    assert "Fifteen minutes about your draft." in html
    assert user.get_full_name() in html
    assert "Friday 5 March 2027, 17:00" in html  # the deadline, in UTC (the round's zone)
    # 9:00-11:00 and 14:00-15:00 in 15-minute cells, keyed by instant with the viewer's offset
    assert cell_names(html) == [
        *[f"2027-03-08T{h:02d}:{m:02d}+00:00" for h in (9, 10) for m in (0, 15, 30, 45)],
        *[f"2027-03-09T14:{m:02d}+00:00" for m in (0, 15, 30, 45)],
    ]


def test_page_names_no_other_invitee(browser, make_round):
    calendar, tokens = make_round(names=("ana", "ben", "cyrus"))
    html = browser.get(page_url(calendar, tokens["ana"])).content.decode()
    assert "Ben" not in html
    assert "Cyrus" not in html
    assert "ben@uni.edu" not in html


def test_page_shows_times_in_the_zone_asked_for(browser, make_round):
    calendar, tokens = make_round(time_zone="America/Toronto")
    response = browser.get(page_url(calendar, tokens["ana"], tz="Asia/Kolkata"))
    html = response.content.decode()
    # 9:00 in Toronto on 8 March (EST, -5) is 19:30 in Kolkata (+5:30)
    assert "2027-03-08T19:30+05:30" in cell_names(html)
    assert "2027-03-08T09:00-05:00" not in cell_names(html)
    assert (
        "Show in the round&#x27;s zone (America/Toronto)" in html
        or "Show in the round's zone (America/Toronto)" in html
    )
    assert "(the round&#x27;s zone, America/Toronto)" in html or "America/Toronto" in html


def test_page_across_a_dst_change_keeps_the_rounds_wall_clock(browser, make_round):
    """Toronto moves to EDT on 14 March 2027: 9:00 is 14:00 UTC before, 13:00 UTC after."""
    calendar, tokens = make_round(
        time_zone="America/Toronto",
        slots=[
            services.SlotInput(at(12, 9), at(12, 9, 30), 3),
            services.SlotInput(at(15, 9), at(15, 9, 30), 3),
        ],
    )
    names = cell_names(browser.get(page_url(calendar, tokens["ana"], tz="UTC")).content.decode())
    assert names == [
        "2027-03-12T14:00+00:00",
        "2027-03-12T14:15+00:00",
        "2027-03-15T13:00+00:00",
        "2027-03-15T13:15+00:00",
    ]


def test_page_with_an_unknown_zone_shows_the_rounds_zone(browser, make_round):
    calendar, tokens = make_round()
    response = browser.get(page_url(calendar, tokens["ana"], tz="Mars/Olympus"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "That time zone is not known; times are shown in UTC." in html
    assert cell_names(html)[0] == "2027-03-08T09:00+00:00"


def test_page_offers_no_time_that_has_begun(browser, make_round, clock):
    calendar, tokens = make_round(deadline=at(9, 17))
    clock.advance(days=7, hours=-2, minutes=20)  # 8 March 10:20 UTC
    names = cell_names(browser.get(page_url(calendar, tokens["ana"])).content.decode())
    assert names[0] == "2027-03-08T10:30+00:00"


def test_wrong_token_is_a_page_saying_the_link_does_not_work(browser, make_round):
    calendar, _ = make_round()
    response = browser.get(page_url(calendar, "not-the-token"))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "This link does not work." in response.content.decode()


def test_unknown_round_is_a_not_found_page(browser, make_round):
    calendar, tokens = make_round()
    response = browser.get(
        page_url(calendar, tokens["ana"]).replace(f"/{calendar.pk}/", "/999999/")
    )
    assert response.status_code == 404
    assert "This link does not work." in response.content.decode()


def test_token_of_a_removed_invitee_no_longer_works(browser, make_round, user):
    calendar, tokens = make_round()
    ana = calendar.invitations.get(first_name="Ana")
    services.update_calendar(
        owner=user, calendar_id=calendar.pk, remove_invitee_contact_ids=[ana.contact_id]
    )
    assert browser.get(page_url(calendar, tokens["ana"])).status_code == 404


# --- Answering ---------------------------------------------------------------------------------
def answers_of(calendar, first_name):
    everything = selectors.calendar_with_everything(owner=calendar.owner, calendar_id=calendar.pk)
    invitation = next(i for i in everything.invitations if i.first_name == first_name)
    return invitation, [
        (w.start, w.end, w.preference) for w in everything.answer_windows(invitation)
    ]


def test_marked_cells_are_submitted_as_merged_slots(browser, make_round, sent_mail):
    calendar, tokens = make_round(time_zone="America/Toronto")
    response = browser.post(
        page_url(calendar, tokens["ana"]),
        {
            "tz": "Asia/Kolkata",
            "at:2027-03-08T19:30+05:30": "3",
            "at:2027-03-08T19:45+05:30": "3",
            "at:2027-03-08T20:00+05:30": "1",
            "at:2027-03-08T20:15+05:30": "",
        },
    )
    assert response.status_code == 302
    assert (
        response["Location"] == page_url(calendar, tokens["ana"]) + "?tz=Asia%2FKolkata&answered=1"
    )
    invitation, windows = answers_of(calendar, "Ana")
    assert invitation.has_answered
    assert windows == [
        (
            dt.datetime(2027, 3, 8, 14, 0, tzinfo=UTC),
            dt.datetime(2027, 3, 8, 14, 30, tzinfo=UTC),
            3,
        ),
        (
            dt.datetime(2027, 3, 8, 14, 30, tzinfo=UTC),
            dt.datetime(2027, 3, 8, 14, 45, tzinfo=UTC),
            1,
        ),
    ]
    html = browser.get(response["Location"]).content.decode()
    assert "Thank you, your answer is recorded" in html
    assert "A copy of your answer is on its way to your email." in html
    assert "Mon 8 Mar, 19:30\u201320:00: preferred" in html
    assert "Mon 8 Mar, 20:00\u201320:15: if need be" in html


def test_answered_page_says_so_without_a_form(browser, make_round):
    calendar, tokens = make_round()
    browser.post(page_url(calendar, tokens["ana"]), {"at:2027-03-08T09:00+00:00": "2"})
    html = browser.get(page_url(calendar, tokens["ana"])).content.decode()
    assert "You have answered" in html
    assert "Mon 8 Mar, 09:00\u201309:15: fine" in html
    assert 'id="answer-form"' not in html


def test_none_of_these_times_answers_with_no_availability(browser, make_round):
    calendar, tokens = make_round()
    response = browser.post(page_url(calendar, tokens["ana"]), {"none": "1"})
    assert response.status_code == 302
    invitation, windows = answers_of(calendar, "Ana")
    assert invitation.has_answered
    assert windows == []
    assert (
        "You said none of the times work for you."
        in browser.get(response["Location"]).content.decode()
    )


def test_answer_with_nothing_marked_is_refused_and_says_what_to_do(browser, make_round):
    calendar, tokens = make_round()
    response = browser.post(page_url(calendar, tokens["ana"]), {"at:2027-03-08T09:00+00:00": ""})
    assert response.status_code == 400
    assert "Mark at least one time you can meet" in response.content.decode()
    assert answers_of(calendar, "Ana")[0].has_answered is False


@pytest.mark.parametrize(
    "name",
    [
        "at:2027-03-08T08:45+00:00",
        "at:2027-03-08T09:00",
        "at:yesterday",
        "at:2027-03-10T09:00+00:00",
    ],
)
def test_answer_with_a_time_not_offered_is_refused(browser, make_round, name):
    calendar, tokens = make_round()
    response = browser.post(
        page_url(calendar, tokens["ana"]), {name: "3", "at:2027-03-08T09:00+00:00": "3"}
    )
    assert response.status_code == 400
    assert "not offered any more" in response.content.decode()
    assert answers_of(calendar, "Ana")[0].has_answered is False


def test_answer_with_a_level_out_of_range_is_refused_and_keeps_the_marks(browser, make_round):
    calendar, tokens = make_round()
    response = browser.post(page_url(calendar, tokens["ana"]), {"at:2027-03-08T09:00+00:00": "7"})
    assert response.status_code == 400
    assert "preferred (3), fine (2) or if need be (1)" in response.content.decode()
    assert answers_of(calendar, "Ana")[0].has_answered is False


def test_form_error_keeps_what_was_marked(browser, make_round):
    calendar, tokens = make_round()
    response = browser.post(
        page_url(calendar, tokens["ana"]),
        {"at:2027-03-08T09:00+00:00": "2", "at:2027-03-08T08:00+00:00": "3"},
    )
    assert response.status_code == 400
    # the unknown time empties the marks: the page asks to mark again
    assert 'data-level="2"' not in response.content.decode()


def test_second_answer_is_refused(browser, make_round):
    calendar, tokens = make_round()
    browser.post(page_url(calendar, tokens["ana"]), {"at:2027-03-08T09:00+00:00": "2"})
    response = browser.post(page_url(calendar, tokens["ana"]), {"at:2027-03-08T09:15+00:00": "3"})
    assert response.status_code == 200  # the page, now in its answered state
    assert "You have answered" in response.content.decode()
    assert answers_of(calendar, "Ana")[1] == [
        (dt.datetime(2027, 3, 8, 9, 0, tzinfo=UTC), dt.datetime(2027, 3, 8, 9, 15, tzinfo=UTC), 2)
    ]


def test_answer_page_needs_the_csrf_token(make_round):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    calendar, tokens = make_round()
    response = strict.post(page_url(calendar, tokens["ana"]), {"at:2027-03-08T09:00+00:00": "2"})
    assert response.status_code == 403
    assert answers_of(calendar, "Ana")[0].has_answered is False


# --- After the deadline, after finalizing ------------------------------------------------------
def test_after_the_deadline_the_page_says_so_and_takes_no_answer(browser, make_round, clock):
    calendar, tokens = make_round()
    clock.advance(days=5)  # 6 March
    response = browser.get(page_url(calendar, tokens["ana"]))
    html = response.content.decode()
    assert "The deadline has passed" in html
    assert "Answers were due by Friday 5 March 2027, 17:00" in html
    assert 'id="answer-form"' not in html
    response = browser.post(page_url(calendar, tokens["ana"]), {"at:2027-03-08T09:00+00:00": "2"})
    assert "The deadline has passed" in response.content.decode()
    assert answers_of(calendar, "Ana")[0].has_answered is False


def finalize(calendar, user, first_name, start, end):
    invitation = calendar.invitations.get(first_name=first_name)
    services.finalize_calendar(
        owner=user,
        calendar_id=calendar.pk,
        meetings=[services.MeetingInput(contact_id=invitation.contact_id, start=start, end=end)],
    )


def test_after_finalizing_the_page_shows_the_invitees_meeting(browser, make_round, user):
    calendar, tokens = make_round(meeting_minutes=30)
    browser.post(
        page_url(calendar, tokens["ana"]),
        {"at:2027-03-08T09:00+00:00": "3", "at:2027-03-08T09:15+00:00": "3"},
    )
    finalize(
        calendar,
        user,
        "Ana",
        dt.datetime(2027, 3, 8, 9, 0, tzinfo=UTC),
        dt.datetime(2027, 3, 8, 9, 30, tzinfo=UTC),
    )
    html = browser.get(page_url(calendar, tokens["ana"], tz="America/Toronto")).content.decode()
    assert "Your meeting" in html
    assert "Monday 8 March 2027, 04:00\u201304:30" in html
    assert f'href="/answer/{calendar.pk}/{tokens["ana"]}/meeting.ics"' in html
    assert "calendar.google.com" in html
    assert "Ben" not in html

    other = browser.get(page_url(calendar, tokens["ben"])).content.decode()
    assert "no meeting was set for you" in other


def test_meeting_ics_download(browser, make_round, user):
    calendar, tokens = make_round(meeting_minutes=30)
    browser.post(
        page_url(calendar, tokens["ana"]),
        {"at:2027-03-08T09:00+00:00": "3", "at:2027-03-08T09:15+00:00": "3"},
    )
    finalize(
        calendar,
        user,
        "Ana",
        dt.datetime(2027, 3, 8, 9, 0, tzinfo=UTC),
        dt.datetime(2027, 3, 8, 9, 30, tzinfo=UTC),
    )
    response = browser.get(f"/answer/{calendar.pk}/{tokens['ana']}/meeting.ics")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    assert "DTSTART;TZID=UTC:20270308T090000" in body or "DTSTART:20270308T090000Z" in body
    assert f"UID:meeting-{calendar.pk}-" in body
    assert "Ben" not in body


def test_meeting_ics_is_not_found_before_finalizing_or_without_a_meeting(browser, make_round, user):
    calendar, tokens = make_round(meeting_minutes=30)
    assert browser.get(f"/answer/{calendar.pk}/{tokens['ana']}/meeting.ics").status_code == 404
    browser.post(
        page_url(calendar, tokens["ana"]),
        {"at:2027-03-08T09:00+00:00": "3", "at:2027-03-08T09:15+00:00": "3"},
    )
    finalize(
        calendar,
        user,
        "Ana",
        dt.datetime(2027, 3, 8, 9, 0, tzinfo=UTC),
        dt.datetime(2027, 3, 8, 9, 30, tzinfo=UTC),
    )
    assert browser.get(f"/answer/{calendar.pk}/{tokens['ben']}/meeting.ics").status_code == 404
    assert browser.get(f"/answer/{calendar.pk}/wrong/meeting.ics").status_code == 404


def receipts(sent_mail, address):
    return [m for m in sent_mail() if m.to == [address] and m.subject.startswith("Your answer")]


def test_the_invitee_gets_a_receipt_of_their_answer_by_email(browser, make_round, sent_mail):
    calendar, tokens = make_round(time_zone="America/Toronto")
    browser.post(
        page_url(calendar, tokens["ana"]),
        {
            "at:2027-03-08T14:00+00:00": "3",
            "at:2027-03-08T14:15+00:00": "3",
            "at:2027-03-08T14:30+00:00": "1",
        },
    )
    [receipt] = receipts(sent_mail, "ana@uni.edu")
    assert receipt.subject == "Your answer is in: Thesis check-ins"
    assert "The times you gave (America/Toronto):\n" in receipt.body
    assert (
        "- Mon 08 Mar 2027 09:00-09:30: preferred\n- Mon 08 Mar 2027 09:30-09:45: if need be"
        in (receipt.body)
    )
    assert f"/schedules/calendars/{calendar.pk}/respond/{tokens['ana']}/" in receipt.body
    assert receipts(sent_mail, "ben@uni.edu") == []


def test_the_receipt_of_none_of_these_times_says_so(browser, make_round, sent_mail):
    calendar, tokens = make_round()
    browser.post(page_url(calendar, tokens["ana"]), {"none": "1"})
    [receipt] = receipts(sent_mail, "ana@uni.edu")
    assert "You said none of the times work." in receipt.body


def test_a_refused_answer_sends_no_receipt(browser, make_round, sent_mail, clock):
    calendar, tokens = make_round()
    assert browser.post(page_url(calendar, tokens["ana"]), {}).status_code == 400
    assert receipts(sent_mail, "ana@uni.edu") == []
    browser.post(page_url(calendar, tokens["ana"]), {"at:2027-03-08T09:00+00:00": "2"})
    browser.post(page_url(calendar, tokens["ana"]), {"at:2027-03-08T09:15+00:00": "2"})
    assert len(receipts(sent_mail, "ana@uni.edu")) == 1
    clock.advance(days=10)
    browser.post(page_url(calendar, tokens["ben"]), {"at:2027-03-08T09:00+00:00": "2"})
    assert receipts(sent_mail, "ben@uni.edu") == []
