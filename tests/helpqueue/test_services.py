"""helpqueue.services: the rules, called directly."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from core.errors import DomainError, InvalidInput, NotFound
from helpqueue import selectors, services
from helpqueue.models import Ticket
from notifications.models import OutboxMessage
from tests.factories import TicketFactory, claimed_ticket


def test_open_ticket_strips_text_and_starts_open(clock, participant):
    ticket = services.open_ticket(
        owner=participant, title="  Help  ", comment=" c ", contact="", location="Room 1"
    )
    assert (ticket.status, ticket.title, ticket.comment, ticket.location) == (
        "OPEN",
        "Help",
        "c",
        "Room 1",
    )
    assert (ticket.owner, ticket.created, ticket.mentor, ticket.claimed_at) == (
        participant,
        clock.current,
        None,
        None,
    )


def test_open_ticket_collects_every_problem(participant, other_participant):
    with pytest.raises(InvalidInput) as caught:
        services.open_ticket(
            owner=participant,
            title="",
            location="x" * 256,
            owner_email=other_participant.email,
            status="CLOSED",
        )
    assert caught.value.as_dict() == {
        "title": ["This field may not be blank."],
        "location": ["Ensure this field has no more than 255 characters."],
        "owner_email": ["You can only open tickets for yourself: use your own email."],
        "status": ["A new ticket is always OPEN; a mentor claims it and closes it later."],
    }
    assert Ticket.objects.count() == 0


def test_open_ticket_accepts_own_email_in_any_case(participant):
    ticket = services.open_ticket(
        owner=participant, title="x", owner_email=participant.email.upper()
    )
    assert ticket.owner == participant


def test_open_ticket_limit_counts_open_and_claimed_only(clock, participant, mentor, settings):
    settings.HELPQUEUE_MAX_OPEN_TICKETS_PER_OWNER = 1
    claimed_ticket(owner=participant, mentor=mentor)
    with pytest.raises(DomainError) as caught:
        services.open_ticket(owner=participant, title="x")
    assert caught.value.code == "too_many_open_tickets"
    Ticket.objects.update(status="CLOSED", closed_at=clock.current)
    assert services.open_ticket(owner=participant, title="x").status == "OPEN"


def test_claim_queues_an_email_in_the_same_transaction(participant, mentor):
    ticket = TicketFactory(owner=participant)
    services.change_ticket_status(user=mentor, ticket_id=ticket.pk, status="CLAIMED")
    message = OutboxMessage.objects.get()
    assert (message.kind, message.recipient) == ("ticket_claimed", participant.email)


def test_claim_sends_no_email_to_an_owner_without_email(participant, mentor):
    participant.email = ""
    participant.save()
    ticket = TicketFactory(owner=participant)
    services.change_ticket_status(user=mentor, ticket_id=ticket.pk, status="CLAIMED")
    assert OutboxMessage.objects.count() == 0


def test_claim_loses_to_a_claim_between_read_and_write(
    participant, mentor, other_mentor, monkeypatch
):
    """The race on any database: another mentor claims after our read, before our write."""
    ticket = TicketFactory(owner=participant)
    real = selectors.visible_ticket
    calls = []

    def read_then_someone_claims(*, user, ticket_id):
        seen = real(user=user, ticket_id=ticket_id)
        if not calls:
            calls.append(1)
            Ticket.objects.filter(pk=ticket_id).update(
                status="CLAIMED", mentor=other_mentor, claimed_at=seen.ticket.created
            )
        return seen

    monkeypatch.setattr(selectors, "visible_ticket", read_then_someone_claims)
    with pytest.raises(DomainError) as caught:
        services.change_ticket_status(user=mentor, ticket_id=ticket.pk, status="CLAIMED")
    assert caught.value.message == "This ticket is already claimed by another mentor."
    ticket.refresh_from_db()
    assert ticket.mentor == other_mentor
    assert OutboxMessage.objects.count() == 0


def test_change_retries_when_the_ticket_changed_in_a_compatible_way(
    participant, mentor, monkeypatch
):
    """Cancel decided on OPEN; meanwhile a mentor claimed: cancel is decided again and holds."""
    ticket = TicketFactory(owner=participant)
    real = selectors.visible_ticket
    calls = []

    def read_then_claimed(*, user, ticket_id):
        seen = real(user=user, ticket_id=ticket_id)
        if not calls:
            calls.append(1)
            Ticket.objects.filter(pk=ticket_id).update(
                status="CLAIMED", mentor=mentor, claimed_at=seen.ticket.created
            )
        return seen

    monkeypatch.setattr(selectors, "visible_ticket", read_then_claimed)
    result = services.change_ticket_status(
        user=participant, ticket_id=ticket.pk, status="CANCELLED"
    )
    assert (result.ticket.status, result.ticket.mentor) == ("CANCELLED", mentor)


def test_change_of_an_invisible_ticket_is_not_found(participant, other_participant):
    ticket = TicketFactory(owner=other_participant)
    with pytest.raises(NotFound):
        services.change_ticket_status(user=participant, ticket_id=ticket.pk, status="CANCELLED")
    assert Ticket.objects.get(pk=ticket.pk).status == "OPEN"


def test_set_queue_role(participant):
    services.set_queue_role(user=participant, role=" Director ")
    participant.refresh_from_db()
    assert participant.queue_role == "director"


def test_set_queue_role_refuses_unknown_roles(participant):
    with pytest.raises(DomainError) as caught:
        services.set_queue_role(user=participant, role="admin")
    assert caught.value.message == (
        '"admin" is not a role: use one of participant, mentor, organizer, director.'
    )
    participant.refresh_from_db()
    assert participant.queue_role == "participant"


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "CLAIMED"},  # no claim time
        {"status": "CLOSED"},  # no close time
        {"status": "CANCELLED"},  # no cancel time
        {"claimed_at": "2025-01-01T00:00:00Z"},  # OPEN with a claim time
    ],
)
def test_database_refuses_rows_no_transition_produces(participant, changes):
    ticket = TicketFactory(owner=participant)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ticket.objects.filter(pk=ticket.pk).update(**changes)


def test_claim_time_is_the_clock(clock, participant, mentor):
    ticket = TicketFactory(owner=participant)
    clock.advance(minutes=7)
    result = services.change_ticket_status(user=mentor, ticket_id=ticket.pk, status="CLAIMED")
    assert result.ticket.claimed_at - result.ticket.created == timedelta(minutes=7)


@pytest.mark.parametrize("bad_id", [0, -3, 2**63, 10**30])
def test_feedback_on_a_number_naming_no_ticket_is_not_found(participant, bad_id):
    with pytest.raises(NotFound):
        services.give_feedback(user=participant, ticket_id=bad_id, rating=5)
    with pytest.raises(NotFound):
        services.change_feedback(user=participant, ticket_id=bad_id, rating=5)
    with pytest.raises(NotFound):
        selectors.visible_feedback(user=participant, ticket_id=bad_id)


@pytest.mark.parametrize("bad_id", ["abc", "1.5", None])
def test_feedback_on_something_that_is_no_number_is_refused_on_ticket(participant, bad_id):
    with pytest.raises(DomainError) as caught:
        services.give_feedback(user=participant, ticket_id=bad_id, rating=5)
    assert (caught.value.code, caught.value.field) == ("invalid", "ticket")
