"""Writes on the help queue: open a ticket, move it through its state machine, set roles.

The state machine and the feedback rules are ``helpqueue.rules``; a refusal raises a
DomainError with the reason, and nothing is written. Every transition is a conditional UPDATE on
the state it was decided from, so of two concurrent requests (two mentors claiming) exactly one
wins and the other is refused with the reason that holds after the winner's change.
"""

from django.conf import settings
from django.db import transaction

from accounts.models import QueueRole, User
from core import clock
from core.errors import DomainError, InvalidInput, NotFound
from core.ids import row_id
from helpqueue import rules, selectors
from helpqueue.errors import Code
from helpqueue.models import Feedback, Ticket
from helpqueue.selectors import QueuedTicket
from notifications.services import queue_email

Status = Ticket.Status
TEXT_FIELDS = ("title", "comment", "contact", "location")


def open_ticket(
    *,
    owner: User,
    title: str,
    comment: str = "",
    contact: str = "",
    location: str = "",
    owner_email: str | None = None,
    status: str | None = None,
    owner_name: str = "",
) -> Ticket:
    """Open a ticket for ``owner`` (always OPEN, created now; any other ``status`` is refused).

    ``owner_email``, when given, must be the owner's own email (any case): nobody opens tickets
    in another person's name. An owner has at most HELPQUEUE_MAX_OPEN_TICKETS_PER_OWNER tickets
    OPEN or CLAIMED at a time (default 0: no limit). ``owner_name`` is the name the owner
    chooses to show (HackRU's front-end sends their name or "Anonymous").
    """
    values = {"title": title, "comment": comment, "contact": contact, "location": location}
    values["owner_name"] = owner_name
    problems: list[DomainError] = []
    for name, value in values.items():
        value = (value or "").strip()
        values[name] = value
        limit = Ticket._meta.get_field(name).max_length
        if name == "title" and not value:
            problems.append(
                DomainError("This field may not be blank.", code=Code.BLANK, field=name)
            )
        elif limit and len(value) > limit:
            problems.append(
                DomainError(
                    f"Ensure this field has no more than {limit} characters.",
                    code=Code.MAX_LENGTH,
                    field=name,
                )
            )
    if owner_email is not None and owner_email.strip().lower() != (owner.email or "").lower():
        problems.append(
            DomainError(
                "You can only open tickets for yourself: use your own email.",
                code=Code.OWNER_EMAIL_NOT_YOURS,
                field="owner_email",
            )
        )
    if status not in (None, "", Status.OPEN):
        problems.append(
            DomainError(
                "A new ticket is always OPEN; a mentor claims it and closes it later.",
                code=Code.STATUS_NOT_OPEN,
                field="status",
            )
        )
    if problems:
        raise InvalidInput(problems)

    limit = settings.HELPQUEUE_MAX_OPEN_TICKETS_PER_OWNER
    with transaction.atomic():
        # Lock the owner's row: two concurrent requests of one owner are counted one after the
        # other (PostgreSQL); SQLite's IMMEDIATE transactions already serialize writers.
        User.objects.select_for_update().filter(pk=owner.pk).first()
        live = Ticket.objects.filter(owner=owner, status__in=rules.LIVE_STATUSES)
        if limit and live.count() >= limit:
            raise DomainError(
                "You already have an open ticket; close or cancel it before opening another."
                if limit == 1
                else f"You already have {limit} open tickets; close or cancel one first.",
                code=Code.TOO_MANY_OPEN_TICKETS,
            )
        return Ticket.objects.create(owner=owner, created=clock.now(), **values)


def change_ticket_status(
    *, user: User, ticket_id: int, status: str, mentor_email: str | None = None
) -> QueuedTicket:
    """Move a ticket the user can see to ``status``; the transition follows from the caller.

    ``mentor_email`` (optional, the seed's PATCH field) is never trusted: a ticket is claimed
    by the user who asks. On a claim, a non-empty ``mentor_email`` other than the caller's own
    is refused rather than silently ignored. Returns the ticket as the caller sees it.
    """
    rules.check_status(status)
    for _attempt in range(3):
        ticket = selectors.visible_ticket(user=user, ticket_id=ticket_id).ticket
        changes = rules.transition(
            ticket=ticket, user=user, status=status, mentor_email=mentor_email, now=clock.now()
        )
        with transaction.atomic():
            won = Ticket.objects.filter(
                pk=ticket.pk, status=ticket.status, mentor_id=ticket.mentor_id
            ).update(**changes)
            if won and status == Status.CLAIMED:
                _queue_claimed_email(ticket=ticket, mentor=user, claimed_at=changes["claimed_at"])
        if won:
            return selectors.visible_ticket(user=user, ticket_id=ticket_id)
        # Someone changed the ticket between our read and our write: decide again on what is
        # there now (the usual outcome is a refusal such as "already claimed").
    raise DomainError(
        "The ticket kept changing while we tried to update it; try again.", code=Code.BUSY
    )


def update_ticket(
    *,
    user: User,
    ticket_id: int,
    status: str | None = None,
    mentor_email: str | None = None,
    mentor_email_sent: bool = False,
    active: bool | None = None,
) -> QueuedTicket:
    """HackRU's PATCH: any of ``status``, ``mentor_email`` alone, ``active``; all or nothing.

    ``mentor_email`` without ``status`` means a claim when it is the caller's own email and a
    release (back to OPEN) when it is empty or null; ``active`` marks whether the owner is
    still there (``set_ticket_active``). With nothing to change: 400.
    """
    if not status and mentor_email_sent:
        status = Status.CLAIMED if (mentor_email or "").strip() else Status.OPEN
    if not status and active is None:
        raise DomainError(
            "Send status, mentor_email or active.", code=Code.NOTHING_TO_CHANGE, field="status"
        )
    with transaction.atomic():  # a refusal of the second change undoes the first
        if status:
            change_ticket_status(
                user=user, ticket_id=ticket_id, status=status, mentor_email=mentor_email
            )
        if active is not None:
            set_ticket_active(user=user, ticket_id=ticket_id, active=active)
    return selectors.visible_ticket(user=user, ticket_id=ticket_id)


def set_ticket_active(*, user: User, ticket_id: int, active: bool) -> QueuedTicket:
    """Mark whether a ticket's owner is still there (HackRU's front-end's "active" dot).

    Anyone who sees the ticket may (its owner, mentors, organizers, directors), while it is
    OPEN or CLAIMED; a finished ticket is refused (400) and nothing changes.
    """
    ticket = selectors.visible_ticket(user=user, ticket_id=ticket_id).ticket  # else 404
    changed = Ticket.objects.filter(pk=ticket.pk, status__in=rules.LIVE_STATUSES).update(
        active=bool(active)
    )
    if not changed:
        raise DomainError(
            "This ticket is finished; whether its owner is active no longer matters.",
            code=Code.TICKET_FINISHED,
            field="active",
        )
    return selectors.visible_ticket(user=user, ticket_id=ticket_id)


# --- Feedback -------------------------------------------------------------------------------------
def _feedback_problems(*, rating, comments, partial: bool) -> tuple[dict, list[DomainError]]:
    values, problems = {}, []
    if rating is not None or not partial:
        if isinstance(rating, bool) or not isinstance(rating, int | float | str):
            ok = False
        else:
            try:
                number = float(rating)
                ok = number.is_integer() and 1 <= number <= 5
            except ValueError:
                ok = False
        if ok:
            values["rating"] = int(float(rating))
        else:
            problems.append(
                DomainError(
                    "A rating is a whole number from 1 to 5.",
                    code=Code.INVALID_RATING,
                    field="rating",
                )
            )
    if comments is not None or not partial:
        if comments is not None and not isinstance(comments, str):
            problems.append(
                DomainError("Comments must be text.", code=Code.INVALID, field="comments")
            )
        else:
            values["comments"] = (comments or "").strip()
            if len(values["comments"]) > 2000:
                problems.append(
                    DomainError(
                        "Ensure this field has no more than 2000 characters.",
                        code=Code.MAX_LENGTH,
                        field="comments",
                    )
                )
    return values, problems


def give_feedback(*, user: User, ticket_id, rating, comments=None) -> Feedback:
    """The owner of a CLOSED ticket rates its mentor (1-5) with optional comments, once.

    A ticket the user does not own: 404 (as for reading it). Not closed, or closed without a
    mentor, or already rated (change it with ``change_feedback``): 400 with the reason.
    """
    values, problems = _feedback_problems(rating=rating, comments=comments, partial=False)
    ticket = _own_ticket(user=user, ticket_id=ticket_id)  # NotFound unless the user's own
    problems += rules.feedback_problems(ticket)
    if problems:
        raise InvalidInput(problems)
    now = clock.now()
    with transaction.atomic():
        feedback, created = Feedback.objects.get_or_create(
            ticket=ticket, defaults={**values, "created": now, "updated": now}
        )
    if not created:
        raise DomainError(
            "You already rated this ticket; change your feedback instead.",
            code=Code.FEEDBACK_EXISTS,
            field="ticket",
        )
    return feedback


def change_feedback(*, user: User, ticket_id, rating=None, comments=None) -> Feedback:
    """The owner changes the rating and/or comments of their feedback; 404 for anyone else."""
    values, problems = _feedback_problems(rating=rating, comments=comments, partial=True)
    if problems:
        raise InvalidInput(problems)
    feedback = selectors.own_feedback(user=user, ticket_id=ticket_id)
    if values:
        values["updated"] = clock.now()
        Feedback.objects.filter(pk=feedback.pk).update(**values)
        for name, value in values.items():
            setattr(feedback, name, value)
    return feedback


def _own_ticket(*, user: User, ticket_id) -> Ticket:
    """One of the user's own tickets; a number naming none of them: NotFound."""
    pk = row_id(ticket_id)
    if pk is None and not isinstance(ticket_id, int):
        raise DomainError(
            "A ticket is named by its id (a number).", code=Code.INVALID, field="ticket"
        )
    ticket = Ticket.objects.filter(pk=pk, owner=user).first()
    if ticket is None:
        raise NotFound("No ticket with this id.", code=Code.TICKET_NOT_FOUND)
    return ticket


def _queue_claimed_email(*, ticket: Ticket, mentor: User, claimed_at) -> None:
    to = ticket.owner.email
    if not to:
        return
    name = mentor.display_name
    queue_email(
        key=f"ticket-claimed:ticket:{ticket.pk}:{to.lower()}:{claimed_at.isoformat()}",
        kind="ticket_claimed",
        to=to,
        subject=f"A mentor is on your ticket: {ticket.title}"[:255],
        text=(
            f"Hello {ticket.owner.display_name},\n\n"
            f'{name} claimed your help ticket "{ticket.title}" and is on the way'
            + (f" to {ticket.location}" if ticket.location else "")
            + ".\n"
            + (f"You can reach them at {mentor.email}.\n" if mentor.email else "")
        ),
    )


def set_queue_role(*, user: User, role: str) -> User:
    """Give a user a help-queue role (participant, mentor, organizer, director)."""
    role = (role or "").strip().lower()
    if role not in QueueRole.values:
        raise DomainError(
            f'"{role}" is not a role: use one of {", ".join(QueueRole.values)}.',
            code=Code.INVALID_ROLE,
            field="queue_role",
        )
    User.objects.filter(pk=user.pk).update(queue_role=role)
    user.queue_role = role
    return user
