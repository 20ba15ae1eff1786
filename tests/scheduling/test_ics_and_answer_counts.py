"""scheduling.ics (the one event shape of emails and downloads) and the dashboard's answer
counts (scheduling.selectors.calendars_with_answer_counts)."""

import datetime as dt

import icalendar
import pytest

from scheduling import ics, selectors, services
from scheduling.tokens import token_for
from tests.factories import UserFactory, make_contacts

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def at(day, hour, minute=0):
    return dt.datetime(2027, 3, day, hour, minute)  # noqa: DTZ001 (wall clock in the calendar's zone)


def new_round(owner, names, name="Interviews", **extra):
    return services.create_calendar(
        owner=owner,
        name=name,
        deadline=at(5, 17),
        invitee_contact_ids=[c.pk for c in make_contacts(owner, names)],
        slots=[services.SlotInput(at(8, 9), at(8, 12), 3)],
        meeting_minutes=30,
        **extra,
    )


def answer(invitation):
    services.submit_answer(
        calendar_id=invitation.calendar_id,
        token=token_for(invitation.token_nonce),
        slots=[services.SlotInput(at(8, 9), at(8, 10), 2)],
    )


def test_calendars_with_answer_counts_in_one_query(user, clock, django_assert_num_queries):
    older = new_round(user, ["ana", "ben", "cy"], name="Older")
    answer(older.invitations.get(first_name="ben"))
    clock.advance(minutes=1)
    newer = services.create_calendar(owner=user, name="Nobody yet", invitee_contact_ids=[])
    new_round(UserFactory(), ["dee"], name="Someone else's")
    with django_assert_num_queries(1):
        rows = [
            (c.pk, c.invited, c.answered)
            for c in selectors.calendars_with_answer_counts(owner=user)
        ]
    assert rows == [(newer.pk, 0, 0), (older.pk, 3, 1)]


@pytest.fixture
def final_meeting(user, clock):
    user.first_name, user.last_name = "Ada", "Owner"
    user.save()
    calendar = new_round(user, ["ana"], time_zone="Europe/Paris", description="Your draft.")
    ana = calendar.invitations.get()
    [meeting] = services.finalize_calendar(
        owner=user,
        calendar_id=calendar.pk,
        meetings=[services.MeetingInput(ana.contact_id, at(8, 9), at(8, 9, 30))],
    )
    return calendar, meeting


def test_meetings_ics_holds_the_meetings_event_in_the_rounds_zone(final_meeting):
    calendar, meeting = final_meeting
    parsed = icalendar.Calendar.from_ical(ics.meetings_ics(calendar, [meeting]))
    assert "METHOD" not in parsed  # a download: imported, not an invitation to answer
    [event] = parsed.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{calendar.pk}-{meeting.invitation_id}@oneonone"
    assert event["DTSTART"].dt == dt.datetime(2027, 3, 8, 8, tzinfo=UTC)
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert str(event["SUMMARY"]) == "Interviews: Ada Owner / ana Student"
    assert str(event["DESCRIPTION"]) == "Your draft."
    assert str(event["ATTENDEE"]) == "mailto:ana@uni.edu"
    assert event["ATTENDEE"].params["ROLE"] == "REQ-PARTICIPANT"
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_the_emailed_invite_and_the_download_carry_the_same_event(final_meeting, sent_mail):
    calendar, meeting = final_meeting
    [mail] = [m for m in sent_mail() if m.to == ["ana@uni.edu"] and m.attachments]
    emailed = icalendar.Calendar.from_ical(mail.attachments[0][1])
    downloaded = icalendar.Calendar.from_ical(ics.meetings_ics(calendar, [meeting]))
    assert str(emailed["METHOD"]) == "REQUEST"

    def shape(cal):
        [event] = cal.walk("VEVENT")
        return {key: str(value) for key, value in event.items() if key != "DTSTAMP"}

    assert shape(emailed) == shape(downloaded)
