"""Seed 002 (MentorQ): /api/tickets/, /api/tickets/<id>, /api/tickets/stats/ through HTTP."""

from datetime import timedelta

import pytest
from django.core import mail

from accounts.models import QueueRole
from helpqueue.models import Ticket
from notifications.models import OutboxMessage
from tests.clients import client_for
from tests.factories import TicketFactory, claimed_ticket, closed_ticket, make_user
from tests.helpqueue.fixtures import *  # noqa: F403  (roles, clients, the clock)
from tests.openapi import openapi_document

BODY = {
    "owner_email": None,  # filled in per test
    "status": "OPEN",
    "title": "Segfault in my parser",
    "comment": "It crashes on empty input.",
    "contact": "Slack @ada",
    "location": "Table 7",
}


def body_for(user, **changes):
    return {**BODY, "owner_email": user.email, **changes}


def snapshot(ticket_id):
    return Ticket.objects.values().get(pk=ticket_id)


# --- Create -------------------------------------------------------------------------------------
def test_create_returns_the_ticket_open_and_owned_by_the_caller(clock, participant):
    response = client_for(participant).post(
        "/api/tickets/", body_for(participant, owner_email=participant.email.upper()), format="json"
    )
    assert response.status_code == 201
    ticket = Ticket.objects.get()
    assert response.json() == {
        "id": ticket.pk,
        "owner_email": participant.email,
        "status": "OPEN",
        "title": "Segfault in my parser",
        "comment": "It crashes on empty input.",
        "contact": "Slack @ada",
        "location": "Table 7",
        "mentor": None,
        "mentor_email": None,
        "created": "2027-03-01T12:00:00Z",
        "claimed_at": None,
        "closed_at": None,
        "cancelled_at": None,
        "queue_position": 1,
        "estimated_wait_seconds": None,
    }
    assert ticket.owner == participant
    assert ticket.created == clock.current


def test_create_with_status_open_in_any_case(participant):
    response = client_for(participant).post(
        "/api/tickets/", body_for(participant, status="open"), format="json"
    )
    assert response.status_code == 201


def test_create_without_owner_email_or_status_uses_the_caller(participant):
    response = client_for(participant).post("/api/tickets", {"title": "Help"}, format="json")
    assert response.status_code == 201
    assert response.json()["owner_email"] == participant.email
    assert response.json()["status"] == "OPEN"
    assert response.json()["comment"] == ""


def test_create_for_another_email_is_refused(participant, other_participant):
    response = client_for(participant).post(
        "/api/tickets/", body_for(other_participant), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "owner_email": ["You can only open tickets for yourself: use your own email."]
    }
    assert Ticket.objects.count() == 0


@pytest.mark.parametrize("status", ["CLAIMED", "CLOSED", "CANCELLED", "DONE"])
def test_create_with_a_status_other_than_open_is_refused(participant, status):
    response = client_for(participant).post(
        "/api/tickets/", body_for(participant, status=status), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "status": ["A new ticket is always OPEN; a mentor claims it and closes it later."]
    }
    assert Ticket.objects.count() == 0


def test_create_requires_a_title(participant):
    client = client_for(participant)
    missing = client.post("/api/tickets/", {"comment": "x"}, format="json")
    blank = client.post("/api/tickets/", {"title": "   "}, format="json")
    too_long = client.post("/api/tickets/", {"title": "x" * 256}, format="json")
    assert missing.status_code == blank.status_code == too_long.status_code == 400
    assert missing.json() == {"title": ["This field is required."]}
    assert blank.json() == {"title": ["This field may not be blank."]}
    assert too_long.json() == {"title": ["Ensure this field has no more than 255 characters."]}
    assert Ticket.objects.count() == 0


def test_create_refuses_a_second_open_ticket(participant, mentor, settings):
    settings.HELPQUEUE_MAX_OPEN_TICKETS_PER_OWNER = 1
    client = client_for(participant)
    first = client.post("/api/tickets/", body_for(participant), format="json").json()
    again = client.post("/api/tickets/", body_for(participant), format="json")
    assert again.status_code == 400
    assert again.json() == {
        "non_field_errors": [
            "You already have an open ticket; close or cancel it before opening another."
        ]
    }
    client_for(mentor).patch(f"/api/tickets/{first['id']}", {"status": "CLAIMED"}, format="json")
    claimed_again = client.post("/api/tickets/", body_for(participant), format="json")
    assert claimed_again.status_code == 400
    assert Ticket.objects.count() == 1


def test_create_after_cancelling_is_allowed(participant):
    client = client_for(participant)
    first = client.post("/api/tickets/", body_for(participant), format="json").json()
    client.patch(f"/api/tickets/{first['id']}/", {"status": "CANCELLED"}, format="json")
    second = client.post("/api/tickets/", body_for(participant), format="json")
    assert second.status_code == 201
    assert Ticket.objects.count() == 2


def test_create_limit_is_a_setting(participant, settings):
    settings.HELPQUEUE_MAX_OPEN_TICKETS_PER_OWNER = 2
    client = client_for(participant)
    codes = [client.post("/api/tickets/", body_for(participant)).status_code for _ in range(3)]
    assert codes == [201, 201, 400]
    settings.HELPQUEUE_MAX_OPEN_TICKETS_PER_OWNER = 0  # no limit
    assert client.post("/api/tickets/", body_for(participant)).status_code == 201


def test_tickets_require_authentication(api, db):
    ticket = TicketFactory()
    assert api.get("/api/tickets/").status_code == 401
    assert api.post("/api/tickets/", {"title": "x"}, format="json").status_code == 401
    assert api.get(f"/api/tickets/{ticket.pk}").status_code == 401
    assert api.patch(f"/api/tickets/{ticket.pk}", {"status": "CANCELLED"}).status_code == 401
    assert api.get("/api/tickets/stats/").status_code == 401
    assert Ticket.objects.get().status == "OPEN"


def test_token_from_auth_endpoint_works_on_tickets(api, participant, jwt_for):
    pair = api.post(
        "/api/auth/token/",
        {"email": participant.email, "lcs_token": jwt_for(participant)},
        format="json",
    ).json()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {pair['access']}")
    assert api.post("/api/tickets/", {"title": "x"}, format="json").status_code == 201
    assert len(api.get("/api/tickets/").json()) == 1


# --- Visibility ---------------------------------------------------------------------------------
@pytest.mark.parametrize("role", [QueueRole.MENTOR, QueueRole.ORGANIZER, QueueRole.DIRECTOR])
def test_staff_roles_see_every_ticket(participant, other_participant, role):
    mine = TicketFactory(owner=participant)
    theirs = TicketFactory(owner=other_participant)
    response = client_for(make_user(role)).get("/api/tickets/")
    assert response.status_code == 200
    assert [t["id"] for t in response.json()] == [mine.pk, theirs.pk]


def test_participant_sees_only_own_tickets(participant, other_participant):
    mine = TicketFactory(owner=participant)
    TicketFactory(owner=other_participant)
    response = client_for(participant).get("/api/tickets/")
    assert [t["id"] for t in response.json()] == [mine.pk]


def test_mentor_sees_own_and_others_tickets_including_finished(mentor, participant):
    TicketFactory(owner=participant, status="CANCELLED", cancelled_at=TicketFactory().created)
    assert len(client_for(mentor).get("/api/tickets/").json()) == 2


def test_detail_of_own_ticket(participant):
    ticket = TicketFactory(owner=participant)
    for path in (f"/api/tickets/{ticket.pk}", f"/api/tickets/{ticket.pk}/"):
        response = client_for(participant).get(path)
        assert response.status_code == 200
        assert response.json()["id"] == ticket.pk


def test_detail_of_another_users_ticket_is_404(participant, other_participant):
    ticket = TicketFactory(owner=other_participant)
    response = client_for(participant).get(f"/api/tickets/{ticket.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "No ticket with this id."}
    assert client_for(participant).get("/api/tickets/999999").status_code == 404


def test_mentor_sees_any_ticket_detail(mentor, participant):
    ticket = TicketFactory(owner=participant)
    assert client_for(mentor).get(f"/api/tickets/{ticket.pk}").json()["id"] == ticket.pk


def test_put_and_delete_are_not_allowed(participant):
    ticket = TicketFactory(owner=participant)
    client = client_for(participant)
    assert client.put(f"/api/tickets/{ticket.pk}", {"status": "X"}).status_code == 405
    assert client.delete(f"/api/tickets/{ticket.pk}").status_code == 405
    assert Ticket.objects.filter(pk=ticket.pk).exists()


# --- Transitions that are allowed ---------------------------------------------------------------
@pytest.mark.parametrize("role", [QueueRole.MENTOR, QueueRole.ORGANIZER, QueueRole.DIRECTOR])
def test_claim_sets_mentor_and_claim_time(clock, participant, role):
    ticket = TicketFactory(owner=participant)
    helper = make_user(role, first_name="Grace", last_name="Hopper")
    clock.advance(minutes=4)
    response = client_for(helper).patch(
        f"/api/tickets/{ticket.pk}", {"status": "CLAIMED"}, format="json"
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["status"], data["mentor"], data["mentor_email"]) == (
        "CLAIMED",
        "Grace Hopper",
        helper.email,
    )
    assert data["claimed_at"] == "2027-03-01T12:04:00Z"
    assert (data["queue_position"], data["estimated_wait_seconds"]) == (None, None)
    ticket.refresh_from_db()
    assert (ticket.status, ticket.mentor, ticket.claimed_at) == ("CLAIMED", helper, clock.current)


def test_claim_ignores_mentor_fields_that_name_the_caller(participant, mentor):
    ticket = TicketFactory(owner=participant)
    response = client_for(mentor).patch(
        f"/api/tickets/{ticket.pk}/",
        {"status": "claimed", "mentor": "Someone Else", "mentor_email": mentor.email.upper()},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["mentor"] == "Ada Lovelace"
    assert response.json()["mentor_email"] == mentor.email


def test_claim_emails_the_owner_once(participant, mentor, django_capture_on_commit_callbacks):
    ticket = TicketFactory(owner=participant, location="Table 7")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(mentor).patch(f"/api/tickets/{ticket.pk}", {"status": "CLAIMED"})
    message = OutboxMessage.objects.get(kind="ticket_claimed")
    assert (message.recipient, message.status) == (participant.email, "sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [participant.email]
    assert mail.outbox[0].subject == f"A mentor is on your ticket: {ticket.title}"
    assert "Ada Lovelace claimed your help ticket" in mail.outbox[0].body
    assert "Table 7" in mail.outbox[0].body


def test_release_puts_the_ticket_back_in_the_queue(participant, mentor):
    ticket = claimed_ticket(owner=participant, mentor=mentor)
    response = client_for(mentor).patch(
        f"/api/tickets/{ticket.pk}", {"status": "OPEN", "mentor": "", "mentor_email": ""}
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["status"], data["mentor"], data["mentor_email"], data["claimed_at"]) == (
        "OPEN",
        None,
        None,
        None,
    )
    assert data["queue_position"] == 1
    ticket.refresh_from_db()
    assert (ticket.status, ticket.mentor, ticket.claimed_at) == ("OPEN", None, None)


def test_claim_again_after_release_emails_again(clock, participant, mentor):
    ticket = TicketFactory(owner=participant)
    client = client_for(mentor)
    client.patch(f"/api/tickets/{ticket.pk}", {"status": "CLAIMED"})
    client.patch(f"/api/tickets/{ticket.pk}", {"status": "OPEN"})
    clock.advance(minutes=1)
    assert client.patch(f"/api/tickets/{ticket.pk}", {"status": "CLAIMED"}).status_code == 200
    assert OutboxMessage.objects.filter(kind="ticket_claimed").count() == 2


@pytest.mark.parametrize("closer", ["mentor", "owner"])
def test_close_a_claimed_ticket(clock, participant, mentor, closer):
    ticket = claimed_ticket(owner=participant, mentor=mentor)
    clock.advance(minutes=30)
    who = mentor if closer == "mentor" else participant
    response = client_for(who).patch(f"/api/tickets/{ticket.pk}", {"status": "CLOSED"})
    assert response.status_code == 200
    assert response.json()["status"] == "CLOSED"
    assert response.json()["closed_at"] == "2027-03-01T12:30:00Z"
    assert response.json()["mentor_email"] == mentor.email
    ticket.refresh_from_db()
    assert (ticket.status, ticket.closed_at) == ("CLOSED", clock.current)


@pytest.mark.parametrize("claimed", [False, True])
def test_owner_cancels_an_open_or_claimed_ticket(clock, participant, mentor, claimed):
    ticket = (
        claimed_ticket(owner=participant, mentor=mentor)
        if claimed
        else TicketFactory(owner=participant)
    )
    response = client_for(participant).patch(f"/api/tickets/{ticket.pk}", {"status": "CANCELLED"})
    assert response.status_code == 200
    assert response.json()["status"] == "CANCELLED"
    assert response.json()["cancelled_at"] == "2027-03-01T12:00:00Z"
    ticket.refresh_from_db()
    assert (ticket.status, ticket.cancelled_at) == ("CANCELLED", clock.current)


# --- Transitions that are refused: 400, a reason, nothing changed -------------------------------
ALREADY_FINISHED = "This ticket is already {}; it cannot change any more."
REFUSALS = [
    # (state, actor, requested status, reason)
    ("OPEN", "owner", "CLAIMED", "Only mentors, organizers and directors can claim tickets."),
    ("OPEN", "mentor_owner", "CLAIMED", "You cannot claim your own ticket."),
    ("OPEN", "mentor", "OPEN", "This ticket is already open."),
    ("OPEN", "owner", "OPEN", "This ticket is already open."),
    (
        "OPEN",
        "owner",
        "CLOSED",
        "An open ticket cannot be closed: a mentor claims it first (the owner may cancel it).",
    ),
    (
        "OPEN",
        "mentor",
        "CLOSED",
        "An open ticket cannot be closed: a mentor claims it first (the owner may cancel it).",
    ),
    ("OPEN", "mentor", "CANCELLED", "Only the owner can cancel a ticket."),
    ("OPEN", "director", "CANCELLED", "Only the owner can cancel a ticket."),
    ("CLAIMED", "other_mentor", "CLAIMED", "This ticket is already claimed by another mentor."),
    ("CLAIMED", "mentor", "CLAIMED", "This ticket is already claimed by you."),
    (
        "CLAIMED",
        "owner",
        "OPEN",
        "Only the mentor who claimed this ticket can put it back in the queue.",
    ),
    (
        "CLAIMED",
        "other_mentor",
        "OPEN",
        "Only the mentor who claimed this ticket can put it back in the queue.",
    ),
    (
        "CLAIMED",
        "other_mentor",
        "CLOSED",
        "Only the mentor who claimed this ticket or its owner can close it.",
    ),
    (
        "CLAIMED",
        "director",
        "CLOSED",
        "Only the mentor who claimed this ticket or its owner can close it.",
    ),
    ("CLAIMED", "mentor", "CANCELLED", "Only the owner can cancel a ticket."),
    *[
        (state, actor, wanted, ALREADY_FINISHED.format(state.lower()))
        for state in ("CLOSED", "CANCELLED")
        for actor in ("owner", "mentor")
        for wanted in ("OPEN", "CLAIMED", "CLOSED", "CANCELLED")
    ],
]


@pytest.fixture
def ticket_in(clock, participant, mentor):
    def make(state, owner=participant):
        if state == "OPEN":
            return TicketFactory(owner=owner)
        ticket = claimed_ticket(owner=owner, mentor=mentor)
        if state == "CLOSED":
            ticket.status, ticket.closed_at = "CLOSED", clock.advance(minutes=10)
        elif state == "CANCELLED":
            ticket.status, ticket.cancelled_at = "CANCELLED", clock.advance(minutes=10)
        ticket.save()
        return ticket

    return make


@pytest.mark.parametrize(("state", "actor", "wanted", "reason"), REFUSALS)
def test_refused_transition_is_400_with_reason_and_changes_nothing(
    ticket_in, participant, mentor, other_mentor, director, state, actor, wanted, reason
):
    owner = make_user(QueueRole.MENTOR) if actor == "mentor_owner" else participant
    ticket = ticket_in(state, owner=owner)
    caller = {
        "owner": participant,
        "mentor_owner": owner,
        "mentor": mentor,
        "other_mentor": other_mentor,
        "director": director,
    }[actor]
    before = snapshot(ticket.pk)
    response = client_for(caller).patch(
        f"/api/tickets/{ticket.pk}", {"status": wanted}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"status": [reason]}
    assert snapshot(ticket.pk) == before
    assert OutboxMessage.objects.filter(kind="ticket_claimed").count() == 0


def test_unknown_status_is_refused(participant):
    ticket = TicketFactory(owner=participant)
    before = snapshot(ticket.pk)
    response = client_for(participant).patch(f"/api/tickets/{ticket.pk}", {"status": "DONE"})
    assert response.status_code == 400
    assert response.json() == {
        "status": ['"DONE" is not a valid status: use one of OPEN, CLAIMED, CLOSED, CANCELLED.']
    }
    assert snapshot(ticket.pk) == before


def test_patch_without_status_is_refused(participant, mentor):
    ticket = TicketFactory(owner=participant)
    before = snapshot(ticket.pk)
    response = client_for(mentor).patch(
        f"/api/tickets/{ticket.pk}", {"mentor_email": mentor.email}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"status": ["This field is required."]}
    assert snapshot(ticket.pk) == before


def test_claim_in_another_mentors_name_is_refused(participant, mentor, other_mentor):
    ticket = TicketFactory(owner=participant)
    before = snapshot(ticket.pk)
    response = client_for(mentor).patch(
        f"/api/tickets/{ticket.pk}",
        {"status": "CLAIMED", "mentor_email": other_mentor.email},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "mentor_email": [
            "A ticket is claimed by the mentor who sends the request: "
            "mentor_email must be your own email."
        ]
    }
    assert snapshot(ticket.pk) == before


def test_participant_cannot_change_another_users_ticket(participant, other_participant):
    ticket = TicketFactory(owner=other_participant)
    before = snapshot(ticket.pk)
    response = client_for(participant).patch(f"/api/tickets/{ticket.pk}", {"status": "CANCELLED"})
    assert response.status_code == 404
    assert snapshot(ticket.pk) == before


def test_patch_ignores_other_fields(participant):
    ticket = TicketFactory(owner=participant, title="Old")
    response = client_for(participant).patch(
        f"/api/tickets/{ticket.pk}", {"status": "CANCELLED", "title": "New"}, format="json"
    )
    assert response.status_code == 200
    assert Ticket.objects.get(pk=ticket.pk).title == "Old"


# --- Queue position and estimated wait ----------------------------------------------------------
def test_owner_sees_position_and_estimated_wait(clock, participant, mentor):
    closed_ticket(
        mentor=mentor, claimed_after=timedelta(minutes=2), closed_after=timedelta(hours=1)
    )
    claimed_ticket(mentor=mentor, after=timedelta(minutes=4))  # average wait: 3 minutes
    TicketFactory()
    clock.advance(seconds=1)
    TicketFactory()
    clock.advance(seconds=1)
    response = client_for(participant).post("/api/tickets/", {"title": "x"}, format="json")
    assert (response.json()["queue_position"], response.json()["estimated_wait_seconds"]) == (
        3,
        540,
    )
    listed = client_for(participant).get("/api/tickets/").json()
    assert [(t["queue_position"], t["estimated_wait_seconds"]) for t in listed] == [(3, 540)]
    by_mentor = client_for(mentor).get("/api/tickets/").json()
    assert [t["queue_position"] for t in by_mentor] == [None, None, 1, 2, 3]


def test_position_moves_up_when_an_earlier_ticket_is_claimed(
    clock,
    participant,
    mentor,
):
    first = TicketFactory()
    clock.advance(seconds=1)
    mine = TicketFactory(owner=participant)
    client = client_for(participant)
    assert client.get(f"/api/tickets/{mine.pk}").json()["queue_position"] == 2
    client_for(mentor).patch(f"/api/tickets/{first.pk}", {"status": "CLAIMED"})
    data = client.get(f"/api/tickets/{mine.pk}").json()
    assert (data["queue_position"], data["estimated_wait_seconds"]) == (1, 1)


# --- Stats --------------------------------------------------------------------------------------
def test_stats_for_directors(clock, director, mentor):
    closed_ticket(
        mentor=mentor, claimed_after=timedelta(seconds=60), closed_after=timedelta(hours=1)
    )
    closed_ticket(
        mentor=mentor, claimed_after=timedelta(seconds=120), closed_after=timedelta(0, 90)
    )
    claimed_ticket(mentor=mentor, after=timedelta(seconds=300))
    cancelled = claimed_ticket(mentor=mentor, after=timedelta(seconds=30))
    cancelled.status, cancelled.cancelled_at = "CANCELLED", clock.advance(hours=5)
    cancelled.save()
    TicketFactory()
    for path in ("/api/tickets/stats/", "/api/tickets/stats"):
        response = client_for(director).get(path)
        assert response.status_code == 200
        assert response.json() == {
            "average_claimed_datetime_seconds": 127.5,
            "average_closed_datetime_seconds": 1845.0,
        }


def test_stats_without_data_are_null(director):
    TicketFactory()
    assert client_for(director).get("/api/tickets/stats/").json() == {
        "average_claimed_datetime_seconds": None,
        "average_closed_datetime_seconds": None,
    }


@pytest.mark.parametrize("role", [QueueRole.PARTICIPANT, QueueRole.MENTOR, QueueRole.ORGANIZER])
def test_stats_are_403_for_non_directors(db, role):
    response = client_for(make_user(role)).get("/api/tickets/stats/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only directors can see the queue statistics."}


# --- Query counts -------------------------------------------------------------------------------
@pytest.mark.parametrize("count", [1, 3])
def test_list_queries_are_fixed_for_a_mentor(
    mentor, other_mentor, django_assert_num_queries, count
):
    for _ in range(count):
        claimed_ticket(mentor=other_mentor)
        TicketFactory()
    client = client_for(mentor)
    with django_assert_num_queries(3):  # the user (JWT), the tickets, the average wait
        response = client.get("/api/tickets/")
    assert len(response.json()) == 2 * count


@pytest.mark.parametrize("count", [1, 3])
def test_list_queries_are_fixed_for_a_participant(
    participant, mentor, settings, django_assert_num_queries, count
):
    for _ in range(count):
        claimed_ticket(owner=participant, mentor=mentor)
        TicketFactory(owner=participant)
    client = client_for(participant)
    with django_assert_num_queries(3):
        response = client.get("/api/tickets/")
    assert len(response.json()) == 2 * count


def test_schema_documents_the_ticket_endpoints():
    paths = openapi_document()["paths"]
    assert {"/api/tickets/", "/api/tickets/{id}/", "/api/tickets/stats/"} <= set(paths)


def test_every_documented_field_is_in_the_response(participant):
    from contracts.mentorq.serializers import TicketSerializer

    TicketFactory(owner=participant)
    [ticket] = client_for(participant).get("/api/tickets/").json()
    assert list(ticket) == list(TicketSerializer().fields)
