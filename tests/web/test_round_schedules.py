"""The round's page: heat map, suggested schedules, finalizing, the final schedule's files."""

import datetime as dt
import re

import pytest

from scheduling import selectors
from scheduling.models import Meeting
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def text(response) -> str:
    return response.content.decode()


def answer(browser, calendar, token, *marks):
    """Mark 15-minute cells (UTC times on 8 March) preferred."""
    data = {f"at:2027-03-08T{m}+00:00": "3" for m in marks} or {"none": "1"}
    response = browser.post(f"/answer/{calendar.pk}/{token}/", data)
    assert response.status_code == 302


@pytest.fixture
def answered_round(make_round, browser):
    """Owner free 8 March 9:00-11:00 UTC; Ana 9:00-9:30, Ben 9:00-9:30 too, Cy nothing."""
    calendar, tokens = make_round(names=("ana", "ben", "cy"), meeting_minutes=30)
    answer(browser, calendar, tokens["ana"], "09:00", "09:15")
    answer(browser, calendar, tokens["ben"], "09:00", "09:15")
    answer(browser, calendar, tokens["cy"])
    return calendar, tokens


def test_round_page_heat_map_counts_who_can_meet(owner_browser, answered_round):
    calendar, _ = answered_round
    html = text(owner_browser.get(f"/rounds/{calendar.pk}/"))
    assert "3 of 3 answered" in html
    # 9:00 and 9:15: Ana and Ben (2 of 3 answered); 9:30: nobody
    assert html.count('title="Ana Student, Ben Student"') == 2
    assert f'hx-get="/rounds/{calendar.pk}/suggestions/"' in html


def test_suggestions_side_by_side_with_who_is_left_out_and_why(owner_browser, answered_round):
    calendar, _ = answered_round
    response = owner_browser.get(f"/rounds/{calendar.pk}/suggestions/", HTTP_HX_REQUEST="true")
    html = text(response)
    assert response.status_code == 200
    assert "<html" not in html  # a fragment for htmx
    assert "Schedule 1" in html
    assert "<strong>1 of 3</strong> placed" in html
    assert "Cy Student: said none of the times work" in html
    assert "every time you share is taken by another meeting" in html


def test_suggestions_without_javascript_are_a_whole_page(owner_browser, answered_round):
    calendar, _ = answered_round
    html = text(owner_browser.get(f"/rounds/{calendar.pk}/suggestions/"))
    assert "<html" in html
    assert "Schedule 1" in html


def test_suggestions_before_any_answer_say_so(owner_browser, make_round):
    calendar, _ = make_round()
    html = text(owner_browser.get(f"/rounds/{calendar.pk}/suggestions/", HTTP_HX_REQUEST="true"))
    assert "Suggestions appear here as answers come in." in html


def test_left_out_reason_no_overlap(owner_browser, make_round, browser):
    calendar, tokens = make_round(names=("ana", "ben"), meeting_minutes=30)
    answer(browser, calendar, tokens["ana"], "09:00", "09:15")
    answer(browser, calendar, tokens["ben"], "10:45")  # 15 minutes: too short for a meeting
    html = text(owner_browser.get(f"/rounds/{calendar.pk}/suggestions/", HTTP_HX_REQUEST="true"))
    assert "Ben Student: no time they gave overlaps yours for a whole meeting" in html


def pick_first(owner_browser, calendar):
    html = text(owner_browser.get(f"/rounds/{calendar.pk}/suggestions/", HTTP_HX_REQUEST="true"))
    form = html.split("<form", 2)[1]
    return re.findall(r'name="meeting" value="([^"]+)"', form)


def test_finalize_asks_for_confirmation_then_finalizes(
    owner_browser, answered_round, user, sent_mail
):
    calendar, _ = answered_round
    meetings = pick_first(owner_browser, calendar)
    assert len(meetings) == 1
    response = owner_browser.post(f"/rounds/{calendar.pk}/finalize/", {"meeting": meetings})
    assert response.status_code == 200
    assert "Finalize and email everyone" in text(response)
    assert not Meeting.objects.exists()

    response = owner_browser.post(
        f"/rounds/{calendar.pk}/finalize/", {"meeting": meetings, "confirm": "1"}
    )
    assert response["Location"] == f"/rounds/{calendar.pk}/"
    calendar.refresh_from_db()
    assert calendar.finalized
    final = selectors.calendar_meetings(calendar=calendar, final_only=True)
    assert [(m.start, m.end) for m in final] == [
        (dt.datetime(2027, 3, 8, 9, tzinfo=UTC), dt.datetime(2027, 3, 8, 9, 30, tzinfo=UTC))
    ]
    placed = final[0].invitation.email
    assert placed in [m.to[0] for m in sent_mail() if "ics" in str(m.attachments)]
    page = text(owner_browser.get(f"/rounds/{calendar.pk}/"))
    assert "The final schedule" in page
    assert f'href="/rounds/{calendar.pk}/meetings.csv"' in page


def test_finalize_with_a_tampered_schedule_is_refused(owner_browser, answered_round):
    calendar, _ = answered_round
    ana = calendar.invitations.get(first_name="Ana")
    for meeting in (
        f"{ana.pk}|2027-03-08T12:00:00+00:00|2027-03-08T12:30:00+00:00",  # outside the owner's
        "999999|2027-03-08T09:00:00+00:00|2027-03-08T09:30:00+00:00",
        "garbage",
    ):
        response = owner_browser.post(
            f"/rounds/{calendar.pk}/finalize/", {"meeting": meeting, "confirm": "1"}
        )
        assert response.status_code == 400
        assert 'class="form-errors"' in text(response)
    calendar.refresh_from_db()
    assert not calendar.finalized


def test_finalize_with_nothing_picked_is_refused(owner_browser, answered_round):
    calendar, _ = answered_round
    response = owner_browser.post(f"/rounds/{calendar.pk}/finalize/", {"confirm": "1"})
    assert response.status_code == 400
    assert "Pick a schedule with at least one meeting." in text(response)


def test_final_schedule_csv_and_ics(owner_browser, answered_round):
    calendar, _ = answered_round
    assert owner_browser.get(f"/rounds/{calendar.pk}/meetings.csv").status_code == 404
    meetings = pick_first(owner_browser, calendar)
    owner_browser.post(f"/rounds/{calendar.pk}/finalize/", {"meeting": meetings, "confirm": "1"})
    placed = calendar.meetings.get().invitation
    csv_text = text(owner_browser.get(f"/rounds/{calendar.pk}/meetings.csv"))
    assert csv_text.splitlines() == [
        "name,email,start,end,time_zone",
        f"{placed.full_name},{placed.email},2027-03-08T09:00+00:00,2027-03-08T09:30+00:00,UTC",
    ]
    ics = owner_browser.get(f"/rounds/{calendar.pk}/meetings.ics")
    assert ics["Content-Type"] == "text/calendar"
    assert text(ics).count("BEGIN:VEVENT") == 1


def test_another_owner_cannot_see_or_finalize(browser, answered_round):
    calendar, _ = answered_round
    browser.force_login(UserFactory())
    for url in ("suggestions/", "meetings.csv", "meetings.ics"):
        assert browser.get(f"/rounds/{calendar.pk}/{url}").status_code == 404
    response = browser.post(f"/rounds/{calendar.pk}/finalize/", {"meeting": "x", "confirm": "1"})
    assert response.status_code == 404
    calendar.refresh_from_db()
    assert not calendar.finalized


def test_round_page_query_count_is_the_same_for_1_and_3_invitees(
    owner_browser, make_round, browser, django_assert_num_queries, django_assert_max_num_queries
):
    one, tokens = make_round(names=("ana",), name="One")
    answer(browser, one, tokens["ana"], "09:00")
    three, tokens = make_round(names=("ben", "cy", "dee"), name="Three")
    for name in ("ben", "cy", "dee"):
        answer(browser, three, tokens[name], "09:00")
    owner_browser.get(f"/rounds/{one.pk}/")  # warm the session
    with django_assert_max_num_queries(20) as first:
        owner_browser.get(f"/rounds/{one.pk}/")
    with django_assert_num_queries(len(first.captured_queries)):
        owner_browser.get(f"/rounds/{three.pk}/")
