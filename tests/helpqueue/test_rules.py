"""helpqueue.rules, called directly on unsaved tickets and users: no database."""

from datetime import UTC, datetime

import pytest

from accounts.models import QueueRole, User
from core.errors import DomainError
from helpqueue import rules
from helpqueue.models import Ticket

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
OWNER, MENTOR, OTHER_MENTOR, STRANGER = 1, 2, 3, 4
S = Ticket.Status


def user(pk: int, role=QueueRole.MENTOR, email=None) -> User:
    return User(pk=pk, queue_role=role, email=email or f"u{pk}@x.com")


def ticket(status=S.OPEN) -> Ticket:
    mentor = MENTOR if status in (S.CLAIMED, S.CLOSED) else None
    return Ticket(pk=10, owner_id=OWNER, mentor_id=mentor, status=status)


def move(status, *, by, current=S.OPEN, mentor_email=None):
    return rules.transition(
        ticket=ticket(current), user=by, status=status, mentor_email=mentor_email, now=NOW
    )


def refusal(**kwargs) -> tuple[str, str]:
    with pytest.raises(DomainError) as caught:
        move(**kwargs)
    return caught.value.code, caught.value.field


# --- The transitions that are allowed -------------------------------------------------------------
@pytest.mark.parametrize("role", [QueueRole.MENTOR, QueueRole.ORGANIZER, QueueRole.DIRECTOR])
def test_staff_claim_an_open_ticket(role):
    claimer = user(OTHER_MENTOR, role)
    assert move(S.CLAIMED, by=claimer) == {
        "status": S.CLAIMED,
        "mentor": claimer,
        "claimed_at": NOW,
    }


def test_a_claim_with_the_claimers_own_email_in_any_case():
    claimer = user(MENTOR, email="ada@x.com")
    assert move(S.CLAIMED, by=claimer, mentor_email=" ADA@x.com ")["mentor"] == claimer


def test_its_mentor_releases_a_claimed_ticket():
    assert move(S.OPEN, by=user(MENTOR), current=S.CLAIMED) == {
        "status": S.OPEN,
        "mentor": None,
        "claimed_at": None,
    }


@pytest.mark.parametrize("who", [MENTOR, OWNER])
def test_its_mentor_or_its_owner_closes_a_claimed_ticket(who):
    closer = user(who, QueueRole.PARTICIPANT if who == OWNER else QueueRole.MENTOR)
    assert move(S.CLOSED, by=closer, current=S.CLAIMED) == {"status": S.CLOSED, "closed_at": NOW}


@pytest.mark.parametrize("current", [S.OPEN, S.CLAIMED])
def test_the_owner_cancels_a_live_ticket(current):
    owner = user(OWNER, QueueRole.PARTICIPANT)
    assert move(S.CANCELLED, by=owner, current=current) == {
        "status": S.CANCELLED,
        "cancelled_at": NOW,
    }


# --- Everything else is refused, with the reason --------------------------------------------------
@pytest.mark.parametrize(
    ("status", "by", "current", "code"),
    [
        (S.CLAIMED, user(STRANGER, QueueRole.PARTICIPANT), S.OPEN, "not_mentor"),
        (S.CLAIMED, user(OWNER, QueueRole.MENTOR), S.OPEN, "own_ticket"),
        (S.CLAIMED, user(MENTOR), S.CLAIMED, "already_claimed"),
        (S.CLAIMED, user(OTHER_MENTOR), S.CLAIMED, "already_claimed"),
        (S.OPEN, user(MENTOR), S.OPEN, "already_open"),
        (S.OPEN, user(OTHER_MENTOR), S.CLAIMED, "not_its_mentor"),
        (S.OPEN, user(OWNER, QueueRole.PARTICIPANT), S.CLAIMED, "not_its_mentor"),
        (S.CLOSED, user(MENTOR), S.OPEN, "not_claimed"),
        (S.CLOSED, user(OTHER_MENTOR), S.CLAIMED, "not_its_mentor"),
        (S.CANCELLED, user(MENTOR), S.CLAIMED, "not_owner"),
        (S.CANCELLED, user(STRANGER, QueueRole.DIRECTOR), S.OPEN, "not_owner"),
        (S.OPEN, user(MENTOR), S.CLOSED, "ticket_finished"),
        (S.CANCELLED, user(OWNER, QueueRole.PARTICIPANT), S.CANCELLED, "ticket_finished"),
        (S.CLOSED, user(OWNER, QueueRole.PARTICIPANT), S.CANCELLED, "ticket_finished"),
    ],
)
def test_refused_transitions_name_the_reason_on_status(status, by, current, code):
    assert refusal(status=status, by=by, current=current) == (code, "status")


def test_already_claimed_says_by_whom():
    for claimer, who in ((MENTOR, "you"), (OTHER_MENTOR, "another mentor")):
        with pytest.raises(DomainError) as caught:
            move(S.CLAIMED, by=user(claimer), current=S.CLAIMED)
        assert caught.value.message == f"This ticket is already claimed by {who}."


def test_a_claim_in_another_mentors_name_is_refused_on_mentor_email():
    assert refusal(status=S.CLAIMED, by=user(MENTOR), mentor_email="someone@else.com") == (
        "mentor_email_not_yours",
        "mentor_email",
    )


@pytest.mark.parametrize("status", ["OPEN", "CLAIMED", "CLOSED", "CANCELLED"])
def test_the_four_states_are_statuses(status):
    rules.check_status(status)


@pytest.mark.parametrize("status", ["open", "DONE", ""])
def test_anything_else_is_no_status(status):
    with pytest.raises(DomainError) as caught:
        rules.check_status(status)
    assert (caught.value.code, caught.value.field, caught.value.message) == (
        "invalid_status",
        "status",
        f'"{status}" is not a valid status: use one of OPEN, CLAIMED, CLOSED, CANCELLED.',
    )


# --- Feedback -------------------------------------------------------------------------------------
def test_a_closed_ticket_with_a_mentor_may_be_rated():
    assert rules.feedback_problems(ticket(S.CLOSED)) == []


@pytest.mark.parametrize("status", [S.OPEN, S.CLAIMED, S.CANCELLED])
def test_only_closed_tickets_are_rated(status):
    (problem,) = rules.feedback_problems(ticket(status))
    assert (problem.code, problem.field, problem.message) == (
        "ticket_not_closed",
        "ticket",
        f"Feedback is for closed tickets: this one is {status.lower()}.",
    )


def test_a_ticket_closed_without_a_mentor_has_nobody_to_rate():
    closed = Ticket(pk=10, owner_id=OWNER, mentor_id=None, status=S.CLOSED)
    (problem,) = rules.feedback_problems(closed)
    assert (problem.code, problem.field) == ("no_mentor", "ticket")
