"""One calendar, three contracts: made through seed 001, read and changed through 003 and 004.

The three views agree because the three adapters go through the same scheduling services.
"""

import pytest

from contacts.services import add_contact
from scheduling.models import AvailabilityWindow, Meeting
from tests.clients import client_for
from tests.factories import UserFactory
from tests.scheduling.support import slot


@pytest.fixture
def ana(db):
    return UserFactory(username="ana", email="ana@uni.edu", first_name="Ana", last_name="A")


@pytest.fixture
def ben(db):
    return UserFactory(username="ben", email="ben@uni.edu", first_name="Ben", last_name="B")


@pytest.fixture
def calendar_id(bearer, user, ana, ben, clock):
    contacts = [
        add_contact(owner=user, first_name=u.first_name, last_name=u.last_name, email=u.email)
        for u in (ana, ben)
    ]
    assert [c.user for c in contacts] == [ana, ben]
    response = bearer.post(
        "/schedules/calendars/create/",
        {
            "name": "Interviews",
            "description": "P2",
            "deadline": "2027-03-05T17:00:00",
            "invitees": [c.pk for c in contacts],
            "available_slots": [slot("2027-03-08", "09:00:00", "11:00:00", 3)],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def test_three_contracts_agree(bearer, user, ana, ben, calendar_id):
    as_ana, as_ben = client_for(ana), client_for(ben)

    # Read: names, deadlines, invitees.
    p2 = bearer.get(f"/schedules/calendars/{calendar_id}/details/").json()
    coreapi = bearer.get(f"/calendars/{calendar_id}/").json()
    short = bearer.get(f"/calendars/{calendar_id}/view/").json()
    assert p2["Calendar"]["name"] == coreapi["name"] == short["name"] == "Interviews"
    invitees = bearer.get(f"/calendars/{calendar_id}/invitee/").json()
    assert [i["invitee"] for i in invitees] == [ana.pk, ben.pk]
    assert [a["user"] for a in short["attendees"]] == [ana.pk, ben.pk]
    assert {i["deadline"] for i in invitees} == {p2["Calendar"]["deadline"], short["deadline"]}
    assert p2["Calendar"]["deadline"] == "2027-03-05T17:00:00+00:00"

    # The owner's window through 001 is the same instant in 003 and 004.
    [owner_window] = bearer.get(f"/calendars/{calendar_id}/availabilities/").json()
    assert (owner_window["start_period"], owner_window["end_period"]) == (
        "2027-03-08T09:00:00+00:00",
        "2027-03-08T11:00:00+00:00",
    )
    assert [(e["start_time"], e["end_time"], e["event_type"]) for e in short["events"]] == [
        ("2027-03-08T09:00:00+00:00", "2027-03-08T11:00:00+00:00", "HP")
    ]

    # Invitees answer through 003 (Ana) and 004 (Ben); 001 sees both as answered.
    assert (
        as_ana.post(
            f"/calendars/{calendar_id}/availabilities/",
            {
                "start_period": "2027-03-08T10:00:00",
                "end_period": "2027-03-08T11:00:00",
                "preference": 3,
            },
            format="json",
        ).status_code
        == 200
    )
    assert (
        as_ben.post(
            "/calendars/events/add/",
            {
                "Start_time": "2027-03-08T09:00:00Z",
                "end_time": "2027-03-08T10:00:00Z",
                "Event_type": "LP",
                "Calendar": calendar_id,
                "name": "free",
            },
            format="json",
        ).status_code
        == 201
    )
    p2 = bearer.get(f"/schedules/calendars/{calendar_id}/details/").json()
    assert [
        (
            i["contact"]["email"],
            i["status"],
            [(s["start_time"], s["end_time"], s["preference_level"]) for s in i["slots"]],
        )
        for i in p2["Invitee_availability"]
    ] == [
        ("ana@uni.edu", True, [("10:00:00", "11:00:00", 3)]),
        ("ben@uni.edu", True, [("09:00:00", "10:00:00", 1)]),
    ]
    assert [
        i["has_availability"] for i in bearer.get(f"/calendars/{calendar_id}/invitee/").json()
    ] == [True, True]
    assert [s["status"] for s in bearer.get(f"/calendars/{calendar_id}/list/status/").json()] == [
        True,
        True,
    ]
    ben_events = bearer.get(f"/calendars/{calendar_id}/contact/{ben.pk}/view/").json()
    ben_windows = bearer.get(f"/calendars/{calendar_id}/availabilities/").json()
    assert [(e["start_time"], e["end_time"]) for e in ben_events] == [
        (w["start_period"], w["end_period"]) for w in ben_windows if w["user"] == ben.pk
    ]

    # Cross-user attempts through either contract change nothing.
    before = list(AvailabilityWindow.objects.values().order_by("pk"))
    owner_url = f"/calendars/{calendar_id}/availabilities/{owner_window['id']}/"
    assert (
        as_ana.put(
            owner_url,
            {
                "start_period": "2027-03-08T09:00:00",
                "end_period": "2027-03-08T09:30:00",
                "preference": 1,
            },
            format="json",
        ).status_code
        == 403
    )
    assert (
        as_ben.post(
            f"/calendars/{calendar_id}/events/{owner_window['id']}/update/",
            {"name": "mine"},
            format="json",
        ).status_code
        == 403
    )
    assert as_ana.get(f"/schedules/calendars/{calendar_id}/details/").status_code == 403
    assert as_ana.get(f"/calendars/{calendar_id}/").status_code == 403
    assert list(AvailabilityWindow.objects.values().order_by("pk")) == before

    # A rename through 003 shows in 001 and 004.
    bearer.put(f"/calendars/{calendar_id}/", {"name": "Interviews (week 10)"}, format="json")
    assert bearer.get(f"/schedules/calendars/{calendar_id}/details/").json()["Calendar"][
        "name"
    ] == ("Interviews (week 10)")
    assert bearer.get(f"/calendars/{calendar_id}/view/").json()["name"] == "Interviews (week 10)"

    # 003 generates and finalizes; 001's suggestions agree with the draft, and all three show it.
    suggested = bearer.get(f"/schedules/calendars/{calendar_id}/confirm/").json()[
        "suggested_schedules"
    ][0]
    draft = bearer.post(f"/calendars/{calendar_id}/schedule/").json()
    contact_user = {c.pk: c.user_id for c in user.contacts.all()}
    assert sorted((m["start_time"], contact_user[m["id"]]) for m in suggested) == sorted(
        (d["start_period"], d["meeter"]) for d in draft
    )
    assert bearer.put(f"/calendars/{calendar_id}/finalize/").status_code == 200
    final = {(m.invitation.contact.user_id, m.start.isoformat()) for m in Meeting.objects.all()}
    assert final == {
        (ana.pk, "2027-03-08T10:00:00+00:00"),
        (ben.pk, "2027-03-08T09:00:00+00:00"),
    }
    assert {
        (m["meeter"], m["start_period"])
        for m in bearer.get(f"/calendars/{calendar_id}/schedule/").json()
    } == final
    assert {
        (e["attendee"], e["start_time"])
        for e in bearer.get(f"/calendars/{calendar_id}/view/").json()["events"]
        if e["event_type"] == "F"
    } == final
    home = bearer.get("/schedules/home/").json()
    assert sorted(m["start_time"] for m in home["finalized_meetings"]) == sorted(
        s for _, s in final
    )
    assert bearer.get(f"/schedules/calendars/{calendar_id}/details/").json()["Calendar"][
        "finalized"
    ]
    assert bearer.get(f"/calendars/{calendar_id}/").json()["finalized"]
    assert bearer.get(f"/calendars/{calendar_id}/view/").json()["is_finalized"]
    ana_home = as_ana.get("/schedules/home/").json()
    assert [m["start_time"] for m in ana_home["finalized_meetings"]] == [
        "2027-03-08T10:00:00+00:00"
    ]


def test_a_deadline_set_through_003_holds_for_004_and_001_links(bearer, ana, calendar_id, clock):
    invitation_id = bearer.get(f"/calendars/{calendar_id}/invitee/").json()[0]["id"]
    response = bearer.put(
        f"/calendars/{calendar_id}/invitee/{invitation_id}/",
        {"deadline": "2027-03-02T09:00:00"},
        format="json",
    )
    assert response.status_code == 200
    clock.advance(
        days=1, hours=1
    )  # 2027-03-02 13:00: Ana's own deadline passed, not the calendar's
    refused = client_for(ana).post(
        "/calendars/events/add/",
        {
            "start_time": "2027-03-08T10:00:00",
            "end_time": "2027-03-08T11:00:00",
            "event_type": "HP",
            "calendar": calendar_id,
        },
        format="json",
    )
    assert refused.status_code == 410
    assert AvailabilityWindow.objects.filter(invitation__isnull=False).count() == 0
