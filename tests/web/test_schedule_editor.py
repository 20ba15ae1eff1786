"""The picked schedule before finalizing: move a meeting to another feasible start, leave one
out, add one for an invitee who never answered; only what scheduling.services.feasible_starts
offers is accepted, and nothing is written until the owner confirms."""

import datetime as dt
import re

import pytest

from scheduling import selectors
from scheduling.models import Meeting
from tests.factories import UserFactory

from .test_round_schedules import answer, text

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def utc(hour, minute=0, day=8):
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=UTC)


def quarter_hours(first, last, day=8):
    """Quarter-hour UTC starts from ``first`` to ``last`` (hour, minute) on ``day``."""
    start, end = utc(*first, day=day), utc(*last, day=day)
    step = dt.timedelta(minutes=15)
    return [start + step * i for i in range((end - start) // step + 1)]


@pytest.fixture
def picked(make_round, browser):
    """Owner free 8 March 9:00-11:00 and 9 March 14:00-15:00 UTC, 30-minute meetings.

    Ana can meet 9:00-11:00, Ben 9:00-9:30, Dan never answered. The picked schedule: Ben 9:00,
    Ana 9:30. Returns (calendar, {first name: invitation}, the schedule's ``meeting`` fields).
    """
    calendar, tokens = make_round(names=("ana", "ben", "dan"), meeting_minutes=30)
    answer(
        browser, calendar, tokens["ana"], *[f"{t:%H:%M}" for t in quarter_hours((9, 0), (10, 45))]
    )
    answer(browser, calendar, tokens["ben"], "09:00", "09:15")
    people = {i.first_name: i for i in calendar.invitations.all()}
    schedule = [field(people["Ben"], utc(9)), field(people["Ana"], utc(9, 30))]
    return calendar, people, schedule


def field(invitation, start, minutes=30):
    end = start + dt.timedelta(minutes=minutes)
    return f"{invitation.pk}|{start.isoformat()}|{end.isoformat()}"


def finalize_url(calendar):
    return f"/rounds/{calendar.pk}/finalize/"


def offered(html, select_id) -> list[dt.datetime]:
    select = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select {select_id}"
    return [dt.datetime.fromisoformat(v) for v in re.findall(r'value="([^"]+)"', select.group(1))]


def schedule_sent(html) -> list[tuple[int, dt.datetime]]:
    """The schedule the finalize form carries: (invitation id, start)."""
    form = html.split('name="confirm"')[0].rsplit("<form", 1)[1]
    values = re.findall(r'name="meeting" value="([^"]+)"', form)
    return [(int(v.split("|")[0]), dt.datetime.fromisoformat(v.split("|")[1])) for v in values]


def test_the_picked_schedule_offers_only_feasible_starts(owner_browser, picked):
    calendar, people, schedule = picked
    response = owner_browser.post(finalize_url(calendar), {"meeting": schedule})
    html = text(response)
    assert response.status_code == 200
    ana, ben, dan = people["Ana"], people["Ben"], people["Dan"]
    # Ana: inside her answer, clear of Ben's 9:00-9:30
    assert offered(html, f"move-{ana.pk}") == quarter_hours((9, 30), (10, 30))
    # Ben: his only time is taken by himself, so nothing else to offer
    assert f'id="move-{ben.pk}"' not in html
    assert "no other time fits" in html
    # Dan never answered: anywhere in the owner's time the others leave free
    assert offered(html, f"add-{dan.pk}") == [
        *quarter_hours((10, 0), (10, 30)),
        *quarter_hours((14, 0), (14, 30), day=9),
    ]
    assert "Never answered" in html
    assert not Meeting.objects.exists()


def test_moving_a_meeting_to_a_feasible_start_then_finalizing(owner_browser, picked, sent_mail):
    calendar, people, schedule = picked
    ana, ben = people["Ana"], people["Ben"]
    response = owner_browser.post(
        finalize_url(calendar),
        {"meeting": schedule, "move": ana.pk, "to": utc(10, 30).isoformat()},
    )
    assert response.status_code == 200
    html = text(response)
    assert schedule_sent(html) == [(ben.pk, utc(9)), (ana.pk, utc(10, 30))]
    # the moved meeting's own select shows where it is now
    assert offered(html, f"move-{ana.pk}") == quarter_hours((9, 30), (10, 30))
    assert not Meeting.objects.exists()

    moved = [field(ben, utc(9)), field(ana, utc(10, 30))]
    response = owner_browser.post(finalize_url(calendar), {"meeting": moved, "confirm": "1"})
    assert response["Location"] == f"/rounds/{calendar.pk}/"
    final = selectors.calendar_meetings(calendar=calendar, final_only=True)
    assert [(m.invitation.first_name, m.start) for m in final] == [
        ("Ben", utc(9)),
        ("Ana", utc(10, 30)),
    ]


@pytest.mark.parametrize(
    ("who", "to"),
    [
        ("Ana", utc(9, 15)),  # overlaps Ben's meeting
        ("Ana", utc(11)),  # ends after the owner's time
        ("Ana", utc(14, day=9)),  # the owner's, not Ana's
        ("Ana", utc(9, 40)),  # off the round's grid
        ("Ben", utc(10)),  # outside Ben's answer
        ("Ana", "garbage"),
        ("Ana", "2027-03-08T10:00:00"),  # no offset
    ],
)
def test_a_move_to_a_start_that_does_not_fit_is_refused(owner_browser, picked, who, to):
    calendar, people, schedule = picked
    moved = people[who]
    response = owner_browser.post(
        finalize_url(calendar),
        {
            "meeting": schedule,
            "move": moved.pk,
            "to": to if isinstance(to, str) else to.isoformat(),
        },
    )
    assert response.status_code == 400
    html = text(response)
    assert f"{moved.full_name} cannot meet at that time" in html
    assert schedule_sent(html) == [(people["Ben"].pk, utc(9)), (people["Ana"].pk, utc(9, 30))]
    assert not Meeting.objects.exists()


def test_moving_or_adding_the_wrong_invitee_is_refused(owner_browser, picked):
    calendar, people, schedule = picked
    for change in (
        {"move": people["Dan"].pk},  # has no meeting to move
        {"add": people["Ana"].pk},  # has one already
        {"move": 999999},
        {"leave_out": "x"},
    ):
        response = owner_browser.post(
            finalize_url(calendar), {"meeting": schedule, "to": utc(10).isoformat(), **change}
        )
        assert response.status_code == 400, change
        assert "not one you can change here" in text(response)
        assert len(schedule_sent(text(response))) == 2


def test_adding_a_meeting_for_one_who_never_answered_then_finalizing(
    owner_browser, picked, sent_mail
):
    calendar, people, schedule = picked
    dan = people["Dan"]
    response = owner_browser.post(
        finalize_url(calendar),
        {"meeting": schedule, "add": dan.pk, "to": utc(14, day=9).isoformat()},
    )
    assert response.status_code == 200
    html = text(response)
    assert schedule_sent(html) == [
        (people["Ben"].pk, utc(9)),
        (people["Ana"].pk, utc(9, 30)),
        (dan.pk, utc(14, day=9)),
    ]
    assert f'id="add-{dan.pk}"' not in html

    response = owner_browser.post(
        finalize_url(calendar),
        {"meeting": [*schedule, field(dan, utc(14, day=9))], "confirm": "1"},
    )
    assert response.status_code == 302
    final = selectors.calendar_meetings(calendar=calendar, final_only=True)
    assert [(m.invitation.first_name, m.start) for m in final] == [
        ("Ben", utc(9)),
        ("Ana", utc(9, 30)),
        ("Dan", utc(14, day=9)),
    ]
    assert "dan@uni.edu" in [m.to[0] for m in sent_mail() if "ics" in str(m.attachments)]


def test_adding_a_meeting_where_another_one_is_refused(owner_browser, picked):
    calendar, people, schedule = picked
    response = owner_browser.post(
        finalize_url(calendar),
        {"meeting": schedule, "add": people["Dan"].pk, "to": utc(9, 30).isoformat()},
    )
    assert response.status_code == 400
    assert "Dan Student cannot meet at that time" in text(response)
    assert len(schedule_sent(text(response))) == 2


def test_leaving_a_meeting_out(owner_browser, picked):
    calendar, people, schedule = picked
    response = owner_browser.post(
        finalize_url(calendar), {"meeting": schedule, "leave_out": people["Ben"].pk}
    )
    html = text(response)
    assert response.status_code == 200
    assert schedule_sent(html) == [(people["Ana"].pk, utc(9, 30))]
    # with Ben's meeting gone, 9:00 is Ana's again
    assert offered(html, f"move-{people['Ana'].pk}")[0] == utc(9)


def test_planning_by_hand_starts_from_an_empty_schedule(owner_browser, picked):
    calendar, people, _ = picked
    fragment = text(
        owner_browser.get(f"/rounds/{calendar.pk}/suggestions/", HTTP_HX_REQUEST="true")
    )
    assert "Plan the schedule by hand…" in fragment
    response = owner_browser.post(finalize_url(calendar), {})
    html = text(response)
    assert response.status_code == 200
    assert "No meeting yet." in html
    assert "Add at least one meeting to finalize." in html
    assert 'name="confirm"' not in html
    assert offered(html, f"add-{people['Dan'].pk}")[0] == utc(9)


def test_another_owners_round_has_no_schedule_to_change(browser, picked):
    calendar, people, schedule = picked
    browser.force_login(UserFactory())
    response = browser.post(
        finalize_url(calendar),
        {"meeting": schedule, "move": people["Ana"].pk, "to": utc(10).isoformat()},
    )
    assert response.status_code == 404
    assert not Meeting.objects.exists()


def test_a_finalized_round_offers_no_change(owner_browser, picked):
    calendar, people, schedule = picked
    owner_browser.post(finalize_url(calendar), {"meeting": schedule, "confirm": "1"})
    response = owner_browser.post(
        finalize_url(calendar),
        {"meeting": schedule, "move": people["Ana"].pk, "to": utc(10).isoformat()},
    )
    assert response.status_code == 400
    html = text(response)
    assert "Calendar has already been finalized." in html
    assert "Move" not in html and 'name="confirm"' not in html
    final = selectors.calendar_meetings(calendar=calendar, final_only=True)
    assert [(m.invitation.first_name, m.start) for m in final] == [
        ("Ben", utc(9)),
        ("Ana", utc(9, 30)),
    ]
