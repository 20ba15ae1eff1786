"""Scheduling rounds under concurrent requests, through HTTP: exactly one winner.

Threads with their own connections and real transactions, on PostgreSQL and on a SQLite file.
"""

import pytest

from scheduling.models import Calendar, Invitation, Meeting
from tests.clients import client_for
from tests.factories import make_contacts
from tests.scheduling.support import slot
from tests.support import race

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shared_database")]

CREATE = "/schedules/calendars/create/"


def create_round(client, people, name="Interviews"):
    body = {
        "name": name,
        "description": "",
        "deadline": "2027-03-05T17:00:00",
        "invitees": [p.pk for p in people],
        "available_slots": [slot("2027-03-08", "09:00:00", "12:00:00", 3)],
    }
    response = client.post(CREATE, body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def confirm(client, calendar_id, *meetings):
    def call():
        response = client.post(
            f"/schedules/calendars/{calendar_id}/confirm/",
            {
                "finalized_schedule": [
                    {"contact_id": c, "start_time": s, "end_time": e} for c, s, e in meetings
                ]
            },
            format="json",
        )
        return response.status_code, response.json()

    return call


def outcomes(results):
    return sorted(code for code, _ in results)


# --- Seed 001: POST confirm ----------------------------------------------------------------------
@pytest.mark.parametrize("attempt", range(3))
def test_001_same_confirm_twice_at_once_one_wins(attempt, user, clock):
    people = make_contacts(user, ["ana", "ben"])
    calendar_id = create_round(client_for(user), people)
    meetings = [
        (people[0].pk, "2027/03/08 09:00:00", "2027/03/08 09:30:00"),
        (people[1].pk, "2027/03/08 10:00:00", "2027/03/08 10:30:00"),
    ]
    results = race([confirm(client_for(user), calendar_id, *meetings) for _ in range(2)])
    assert outcomes(results) == [200, 404]
    assert [body for code, body in results if code == 404] == [
        {"detail": "Calendar has already been finalized."}
    ]
    assert Meeting.objects.filter(status="final").count() == 2
    assert Calendar.objects.get().finalized


@pytest.mark.parametrize("attempt", range(3))
def test_001_two_rounds_of_one_owner_at_once_never_double_book(attempt, user, clock):
    """Each round's schedule alone is fine; together they overlap: one round wins."""
    ana, ben = make_contacts(user, ["ana", "ben"])
    first = create_round(client_for(user), [ana], name="First")
    second = create_round(client_for(user), [ben], name="Second")
    calls = [
        confirm(client_for(user), first, (ana.pk, "2027/03/08 09:00:00", "2027/03/08 09:30:00")),
        confirm(client_for(user), second, (ben.pk, "2027/03/08 09:15:00", "2027/03/08 09:45:00")),
    ] * 3
    results = race(calls)
    winners = [index % 2 for index, (code, _) in enumerate(results) if code == 200]
    assert len(winners) == 1
    won, lost = (first, second) if winners == [0] else (second, first)
    loser_name = "ben" if won == first else "ana"
    assert outcomes(results) == [200, 400, 400, 400, 404, 404]
    assert [body for code, body in results if code == 400] == [
        {
            "finalized_schedule": [
                f"Meeting times overlap: {loser_name} Student's meeting overlaps one of your "
                "meetings in another calendar."
            ]
        }
    ] * 3
    assert Calendar.objects.get(pk=won).finalized
    assert not Calendar.objects.get(pk=lost).finalized
    assert list(Meeting.objects.values_list("calendar_id", flat=True)) == [won]


# --- Seed 003: PUT finalize ----------------------------------------------------------------------
def test_003_finalize_twice_at_once_one_wins(user, other_user, clock):
    owner = client_for(user)
    calendar_id = owner.post(
        "/calendars/",
        {"name": "Office hours", "start_date": "2027-03-08", "end_date": "2027-03-12"},
        format="json",
    ).json()["id"]
    invited = owner.post(
        f"/calendars/{calendar_id}/invitee/",
        {"invitee": other_user.pk, "deadline": "2027-03-05T17:00:00"},
        format="json",
    )
    assert invited.status_code == 200, invited.json()
    for client in (owner, client_for(other_user)):
        response = client.post(
            f"/calendars/{calendar_id}/availabilities/",
            {"start_period": "2027-03-08T09:00", "end_period": "2027-03-08T10:00", "preference": 3},
            format="json",
        )
        assert response.status_code == 200, response.json()
    assert owner.post(f"/calendars/{calendar_id}/schedule/").status_code == 200

    def finalize():
        response = client_for(user).put(f"/calendars/{calendar_id}/finalize/")
        return response.status_code, response.json()

    results = race([finalize, finalize, finalize])
    assert sorted(results, key=lambda r: r[0]) == [
        (200, {"detail": "Calendar has been successfully finalized."}),
        (400, {"detail": "Already finalized"}),
        (400, {"detail": "Already finalized"}),
    ]
    assert list(Meeting.objects.values_list("status", flat=True)) == ["final"]


# --- Seed 004: POST /users/accept/ ---------------------------------------------------------------
def test_004_accepting_twice_at_once(user, other_user, clock):
    owner = client_for(user)
    calendar_id = owner.post(
        "/calendars/create/",
        {"name": "calendar 100", "description": "", "deadline": "2027-03-05"},
        format="json",
    ).json()["id"]
    attendee_id = owner.post(
        "/calendars/invite/", {"User": other_user.pk, "Calendar": calendar_id}, format="json"
    ).json()["id"]

    def accept():
        response = client_for(other_user).post(f"/users/accept/{attendee_id}/")
        return response.status_code, response.json()["accepted"]

    assert race([accept, accept, accept]) == [(200, True)] * 3
    assert list(Invitation.objects.values_list("pk", "accepted", "responded_at")) == [
        (attendee_id, True, None)
    ]
