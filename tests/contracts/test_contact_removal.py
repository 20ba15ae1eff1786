"""Removing a contact through each contract keeps finalized meetings and answers (issue 10, item 4).

Seed 001's contact delete, seed 003's unfriend and seed 004's remove-by-email: a finalized round
keeps its meeting and the invitee as they were invited; a contact invited to one of the owner's
open rounds is not removed, and the answer names the rounds.
"""

import datetime as dt

import pytest

from contacts.models import Contact, ContactRequest
from contacts.services import add_contact, add_user_as_contact
from scheduling import services
from scheduling.models import AvailabilityWindow, Calendar, Invitation, Meeting
from scheduling.tokens import token_for
from tests.clients import client_for

REFUSED = (
    '{name} is invited to rounds that are not finalized: "{round}". '
    "Remove them from those rounds first."
)


def at(day, hour, minute=0):
    return dt.datetime(2027, 3, day, hour, minute)  # noqa: DTZ001 (wall clock in the calendar's zone)


def new_round(owner, contact, name):
    return services.create_calendar(
        owner=owner,
        name=name,
        deadline=at(5, 17),
        invitee_contact_ids=[contact.pk],
        slots=[services.SlotInput(at(8, 9), at(8, 12), 3)],
    )


def answer_and_finalize(owner, calendar):
    invitation = calendar.invitations.get()
    services.submit_answer(
        calendar_id=calendar.pk,
        token=token_for(invitation.token_nonce),
        slots=[services.SlotInput(at(8, 10), at(8, 11), 2)],
    )
    services.finalize_calendar(
        owner=owner,
        calendar_id=calendar.pk,
        meetings=[
            services.MeetingInput(None, at(8, 10), at(8, 10, 30), user_id=invitation.user_id)
            if invitation.user_id
            else services.MeetingInput(invitation.contact_id, at(8, 10), at(8, 10, 30))
        ],
    )
    return invitation


def recorded():
    """Everything the rounds recorded except the invitations' link to the address book."""
    return (
        [
            {k: v for k, v in row.items() if k != "contact_id"}
            for row in Invitation.objects.values().order_by("pk")
        ],
        list(AvailabilityWindow.objects.values().order_by("pk")),
        list(Meeting.objects.values().order_by("pk")),
        list(Calendar.objects.values("pk", "finalized").order_by("pk")),
    )


# --- Seed 001: DELETE /schedules/contacts/ -------------------------------------------------------
@pytest.fixture
def ana(user):
    return add_contact(owner=user, first_name="Ana", last_name="Lee", email="ana@uni.edu")


def test_001_deleting_a_contact_keeps_the_finalized_meeting(bearer, user, ana, clock):
    calendar = new_round(user, ana, "Interviews")
    answer_and_finalize(user, calendar)
    before = recorded()

    response = bearer.delete("/schedules/contacts/", {"contact_id": ana.pk}, format="json")

    assert response.status_code == 204
    assert not Contact.objects.exists()
    assert recorded() == before
    home = bearer.get("/schedules/home/").json()
    assert [(m["id"], m["with_name"]) for m in home["finalized_meetings"]] == [
        (calendar.pk, "Ana Lee")
    ]
    details = bearer.get(f"/schedules/calendars/{calendar.pk}/details/").json()
    assert details["Calendar"]["finalized"] is True
    assert details["Calendar"]["invitees"] == [None]
    [invitee] = details["Invitee_availability"]
    assert invitee["contact"] == {
        "id": None,
        "first_Name": "Ana",
        "last_Name": "Lee",
        "email": "ana@uni.edu",
    }
    assert (invitee["status"], len(invitee["slots"])) == (True, 1)


def test_001_deleting_a_contact_invited_to_an_open_round_is_refused(bearer, user, ana, clock):
    calendar = new_round(user, ana, "Interviews")
    before = recorded()

    response = bearer.delete("/schedules/contacts/", {"contact_id": ana.pk}, format="json")

    assert (response.status_code, response.json()) == (
        409,
        {"detail": REFUSED.format(name="Ana Lee", round="Interviews")},
    )
    assert Contact.objects.filter(pk=ana.pk).exists()
    assert recorded() == before
    token = token_for(calendar.invitations.get().token_nonce)
    assert bearer.get(f"/schedules/calendars/{calendar.pk}/respond/{token}/").status_code == 200


def test_001_editing_a_contact_leaves_the_finalized_round_as_it_was(bearer, user, ana, clock):
    calendar = new_round(user, ana, "Interviews")
    answer_and_finalize(user, calendar)
    response = bearer.patch(
        "/schedules/contacts/", {"contact_id": ana.pk, "first_Name": "Anna"}, format="json"
    )
    assert response.status_code == 200
    details = bearer.get(f"/schedules/calendars/{calendar.pk}/details/").json()
    assert details["Invitee_availability"][0]["contact"]["first_Name"] == "Ana"


# --- Seed 003: DELETE /contacts/friendRequests/user/ ---------------------------------------------
@pytest.fixture
def friends(bearer, user, other_user):
    bearer.post("/contacts/friendRequests/user/", {"requested": other_user.username}, format="json")
    friend = client_for(other_user)
    response = friend.post(
        "/contacts/friendRequests/request/",
        {"username": user.username, "action": True},
        format="json",
    )
    assert response.status_code == 200, response.json()
    return friend


def test_003_unfriending_keeps_both_users_rounds(bearer, friends, user, other_user, clock):
    mine = new_round(user, Contact.objects.get(owner=user, user=other_user), "My round")
    answer_and_finalize(user, mine)
    theirs = new_round(other_user, Contact.objects.get(owner=other_user, user=user), "Theirs")
    answered = bearer.post(
        f"/calendars/{theirs.pk}/availabilities/",
        {"start_period": "2027-03-08T10:00", "end_period": "2027-03-08T11:00", "preference": 3},
        format="json",
    )
    assert answered.status_code == 200, answered.json()
    before = recorded()

    response = bearer.delete(
        "/contacts/friendRequests/user/", {"username": other_user.username}, format="json"
    )

    assert response.status_code == 204
    assert bearer.get("/contacts/").json() == {"friends": []}
    assert friends.get("/contacts/").json() == {"friends": []}
    assert recorded() == before
    # My finalized meeting is still there, with its invitee.
    [meeting] = bearer.get(f"/calendars/{mine.pk}/schedule/").json()
    assert (meeting["meeter"], meeting["status"]) == (other_user.pk, "final")
    # Their open round still has me and my answer; the owner sees it and I can still see it.
    windows = friends.get(f"/calendars/{theirs.pk}/availabilities/").json()
    assert [w["user"] for w in windows] == [other_user.pk, user.pk]
    assert bearer.get(f"/calendars/{theirs.pk}/availabilities/").status_code == 200


def test_003_unfriending_is_refused_while_they_are_invited_to_my_open_round(
    bearer, friends, user, other_user, clock
):
    new_round(user, Contact.objects.get(owner=user, user=other_user), "My round")
    before = (recorded(), list(Contact.objects.values()), list(ContactRequest.objects.values()))

    response = bearer.delete(
        "/contacts/friendRequests/user/", {"username": other_user.username}, format="json"
    )

    name = f"{other_user.first_name} {other_user.last_name}"
    assert (response.status_code, response.json()) == (
        400,
        {"error": REFUSED.format(name=name, round="My round")},
    )
    after = (recorded(), list(Contact.objects.values()), list(ContactRequest.objects.values()))
    assert after == before


# --- Seed 004: POST /users/contacts/remove/ ------------------------------------------------------
def test_004_removing_a_contact_keeps_the_finalized_meeting(bearer, user, other_user, clock):
    calendar = new_round(user, add_user_as_contact(owner=user, user=other_user), "Interviews")
    answer_and_finalize(user, calendar)
    before = recorded()

    response = bearer.post(
        "/users/contacts/remove/", {"contact_email": other_user.email}, format="json"
    )

    assert (response.status_code, response.json()) == (200, {"detail": "Contact removed."})
    assert recorded() == before
    meeting = Meeting.objects.get()
    for client in (bearer, client_for(other_user)):
        view = client.get(f"/calendars/{calendar.pk}/view/").json()
        finals = [e for e in view["events"] if e["event_type"] == "F"]
        assert [(e["meeting_id"], e["attendee"]) for e in finals] == [(meeting.pk, other_user.pk)]
        assert [a["user"] for a in view["attendees"]] == [other_user.pk]


def test_004_removing_a_contact_invited_to_an_open_round_is_refused(
    bearer, user, other_user, clock
):
    contact = add_user_as_contact(owner=user, user=other_user)
    new_round(user, contact, "Interviews")
    before = recorded()

    response = bearer.post(
        "/users/contacts/remove/", {"contact_email": other_user.email}, format="json"
    )

    name = f"{other_user.first_name} {other_user.last_name}"
    assert (response.status_code, response.json()) == (
        400,
        {"contact_email": [REFUSED.format(name=name, round="Interviews")]},
    )
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert recorded() == before
