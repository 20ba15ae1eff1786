"""The rules of the help queue, each written once; services ask them.

The state machine (``status`` requested by the caller -> the transition it means):

=========  ===================  ==========================================================
requested  from                 who
=========  ===================  ==========================================================
CLAIMED    OPEN                 a mentor, organizer or director (not the owner): claim
OPEN       CLAIMED              the mentor who claimed it: release
CLOSED     CLAIMED              that mentor or the owner: close
CANCELLED  OPEN or CLAIMED      the owner: cancel
=========  ===================  ==========================================================

``transition`` decides it (anything else: a DomainError with the reason); ``LIVE_STATUSES``
are the states a ticket can still leave; ``feedback_problems`` says whether a ticket may be
rated. Who sees which tickets, and who may claim, is ``helpqueue.roles`` (from the queue role).
Pure functions over the ticket's columns: the services read, ask, then write conditionally.
"""

from datetime import datetime

from core.errors import DomainError
from helpqueue import roles
from helpqueue.errors import Code
from helpqueue.models import Ticket

Status = Ticket.Status

#: A ticket still in the queue: it can change, be marked (in)active, count against the limit.
LIVE_STATUSES = (Status.OPEN, Status.CLAIMED)


def _refuse(message: str, code: Code) -> DomainError:
    return DomainError(message, code=code, field="status")


def check_status(status: str) -> None:
    """``status`` names one of the ticket's states."""
    if status not in Status.values:
        raise DomainError(
            f'"{status}" is not a valid status: use one of {", ".join(Status.values)}.',
            code=Code.INVALID_STATUS,
            field="status",
        )


def transition(
    *, ticket: Ticket, user, status: str, mentor_email: str | None, now: datetime
) -> dict:
    """The column changes that take ``ticket`` to ``status`` for ``user``, or a refusal.

    ``mentor_email`` on a claim, when given, must be the caller's own: a ticket is claimed by
    the user who asks, never in another's name.
    """
    current = ticket.status
    is_owner = ticket.owner_id == user.pk
    is_its_mentor = ticket.mentor_id is not None and ticket.mentor_id == user.pk
    if current not in LIVE_STATUSES:
        raise _refuse(
            f"This ticket is already {current.lower()}; it cannot change any more.",
            Code.TICKET_FINISHED,
        )
    if status == current:
        if current == Status.CLAIMED:
            who = "you" if is_its_mentor else "another mentor"
            raise _refuse(f"This ticket is already claimed by {who}.", Code.ALREADY_CLAIMED)
        raise _refuse("This ticket is already open.", Code.ALREADY_OPEN)

    if status == Status.CLAIMED:  # current is OPEN
        if not roles.may_claim(user):
            raise _refuse(
                "Only mentors, organizers and directors can claim tickets.", Code.NOT_MENTOR
            )
        if is_owner:
            raise _refuse("You cannot claim your own ticket.", Code.OWN_TICKET)
        if mentor_email and mentor_email.strip().lower() != (user.email or "").lower():
            raise DomainError(
                "A ticket is claimed by the mentor who sends the request: "
                "mentor_email must be your own email.",
                code=Code.MENTOR_EMAIL_NOT_YOURS,
                field="mentor_email",
            )
        return {"status": Status.CLAIMED, "mentor": user, "claimed_at": now}

    if status == Status.OPEN:  # current is CLAIMED
        if not is_its_mentor:
            raise _refuse(
                "Only the mentor who claimed this ticket can put it back in the queue.",
                Code.NOT_ITS_MENTOR,
            )
        return {"status": Status.OPEN, "mentor": None, "claimed_at": None}

    if status == Status.CLOSED:
        if current == Status.OPEN:
            raise _refuse(
                "An open ticket cannot be closed: a mentor claims it first "
                "(the owner may cancel it).",
                Code.NOT_CLAIMED,
            )
        if not (is_its_mentor or is_owner):
            raise _refuse(
                "Only the mentor who claimed this ticket or its owner can close it.",
                Code.NOT_ITS_MENTOR,
            )
        return {"status": Status.CLOSED, "closed_at": now}

    # status == CANCELLED, current is OPEN or CLAIMED
    if not is_owner:
        raise _refuse("Only the owner can cancel a ticket.", Code.NOT_OWNER)
    return {"status": Status.CANCELLED, "cancelled_at": now}


def feedback_problems(ticket: Ticket) -> list[DomainError]:
    """Feedback is for a CLOSED ticket that had a mentor (the caller's own: the service's read)."""
    if ticket.status != Status.CLOSED:
        return [
            DomainError(
                f"Feedback is for closed tickets: this one is {ticket.status.lower()}.",
                code=Code.TICKET_NOT_CLOSED,
                field="ticket",
            )
        ]
    if ticket.mentor_id is None:
        return [
            DomainError("This ticket had no mentor to rate.", code=Code.NO_MENTOR, field="ticket")
        ]
    return []
