"""Reads on the help queue, each in a fixed number of queries whatever the number of tickets.

A ticket is read as a ``QueuedTicket``: the row with where it stands in the queue
(``queue_position``, ``estimated_wait_seconds``) and whether its owner left feedback. The big
list (``ticket_row_chunks``) and the mentors' live queue (``live_queue_rows``) read the same
values without model instances.
"""

from __future__ import annotations

import hashlib
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.expressions import Case, When, Window
from django.db.models.functions import Coalesce, RowNumber

from accounts.models import QueueRole, User
from core import isotime
from core.errors import Forbidden, NotFound
from core.ids import row_id
from helpqueue import roles, rules
from helpqueue.errors import Code
from helpqueue.models import Feedback, Ticket

if TYPE_CHECKING:
    from collections.abc import Iterator

    from core.paging import Page

Status = Ticket.Status

#: How many of the most recent claims the estimated wait is averaged over.
RECENT_CLAIMS = 20


@dataclass(frozen=True, slots=True)
class QueuedTicket:
    """A ticket as a reader sees it: the row, and where it stands in the queue.

    - ``queue_position``: 1-based place among OPEN tickets in the order they were created
      (ties by id), ``None`` when the ticket is not OPEN;
    - ``estimated_wait_seconds``: ``queue_position`` times the average created -> claimed time
      of the last RECENT_CLAIMS claims, ``None`` when the ticket is not OPEN or nothing was
      claimed yet;
    - ``has_feedback``: whether the ticket's owner rated its mentor.
    """

    ticket: Ticket
    queue_position: int | None
    estimated_wait_seconds: int | None
    has_feedback: bool


#: The user columns a ticket needs (owner's and mentor's name and email): loading only these
#: keeps a list of thousands of tickets cheap.
USER_FIELDS = ("username", "first_name", "last_name", "email")


def _base(*, user) -> QuerySet[Ticket]:
    tickets = (
        Ticket.objects.select_related("owner", "mentor")
        .only(
            *(f.name for f in Ticket._meta.concrete_fields),
            *(f"{who}__{name}" for who in ("owner", "mentor") for name in USER_FIELDS),
        )
        .annotate(has_feedback=Exists(Feedback.objects.filter(ticket=OuterRef("pk"))))
        .order_by("created", "id")
    )
    return tickets if roles.sees_all_tickets(user) else tickets.filter(owner=user)


def _position_subquery():
    """Correlated count of OPEN tickets created before this one (ties by id) and itself."""
    ahead = (
        Ticket.objects.filter(status=Status.OPEN)
        .filter(
            Q(created__lt=OuterRef("created"))
            | Q(created=OuterRef("created"), id__lte=OuterRef("id"))
        )
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Case(
        When(status=Status.OPEN, then=Coalesce(Subquery(ahead), Value(0))),
        default=None,
        output_field=IntegerField(),
    )


def _position_by_window():
    """Positions from one window over the rows queried, numbering each status on its own: right
    when every OPEN ticket is among them (the whole table, or the live queue's OPEN and CLAIMED
    tickets); the numbers of other statuses are not positions and are dropped."""
    return Window(RowNumber(), partition_by=[F("status")], order_by=[F("created"), F("id")])


def _estimated_wait(position: int | None, average_seconds: float | None) -> int | None:
    """``position`` times the average wait, in whole seconds; None unless both are known."""
    if not position or average_seconds is None:
        return None
    return round(average_seconds * position)


def average_wait() -> timedelta | None:
    """Average created -> claimed over the last RECENT_CLAIMS claims (one query)."""
    recent = Ticket.objects.filter(claimed_at__isnull=False).order_by("-claimed_at", "-id")
    ids = recent.values("id")[:RECENT_CLAIMS]
    return Ticket.objects.filter(id__in=Subquery(ids)).aggregate(avg=Avg(_claim_duration()))["avg"]


def _claim_duration():
    return ExpressionWrapper(F("claimed_at") - F("created"), output_field=DurationField())


def _close_duration():
    return ExpressionWrapper(F("closed_at") - F("created"), output_field=DurationField())


def _queued(tickets: Iterable[Ticket], *, avg: timedelta | None) -> list[QueuedTicket]:
    """The tickets of a ``_base`` query annotated with ``_position``, as ``QueuedTicket``."""
    seconds = None if avg is None else avg.total_seconds()
    queued = []
    for ticket in tickets:
        position = ticket._position if ticket.status == Status.OPEN else None
        queued.append(
            QueuedTicket(
                ticket=ticket,
                queue_position=position,
                estimated_wait_seconds=_estimated_wait(position, seconds),
                has_feedback=ticket.has_feedback,
            )
        )
    return queued


def ticket_list(*, user) -> list[QueuedTicket]:
    """Every ticket the user may see, oldest first: 2 queries.

    Mentors, organizers and directors see all (positions from one window function over the
    whole table); everyone else their own (positions from a correlated count per own ticket).
    Model instances: the list endpoint reads the same as values with ``ticket_row_chunks``.
    """
    if roles.sees_all_tickets(user):
        tickets = _base(user=user).annotate(_position=_position_by_window())
    else:
        tickets = _base(user=user).annotate(_position=_position_subquery())
    return _queued(tickets, avg=average_wait())


#: What ``ticket_row_chunks`` reads of the owner and the mentor, as flat keys.
_ROW_USER_FIELDS = {
    f"{who}_{name}": F(f"{who}__{name}") for who in ("owner", "mentor") for name in USER_FIELDS
}
_ROW_TIMES = ("created", "claimed_at", "closed_at", "cancelled_at")


def ticket_row_chunks(
    *, user, with_feedback: bool = False, page: Page | None = None, chunk_size: int = 2000
) -> Iterator[list[dict]]:
    """``ticket_list`` as plain values, for lists of thousands: 2 queries, no model instances,
    given as lists of at most ``chunk_size`` rows, in order, read from the database as they are
    asked for (a caller that encodes each before asking for the next never holds every row).

    Each row has the ticket's columns (``id``, ``owner_id``, ``mentor_id``, ``status``,
    ``title``, ``comment``, ``contact``, ``location``, ``owner_name``, ``active``), the owner's
    and the mentor's ``USER_FIELDS`` as ``owner_<field>`` / ``mentor_<field>`` (``None`` without
    a mentor), ``queue_position`` and ``estimated_wait_seconds`` as ``QueuedTicket`` has them,
    ``has_feedback`` when ``with_feedback``, and the four times as ``<name>_iso``: text as DRF
    writes a datetime in the current time zone, or aware datetimes for ``core.isotime.iso``
    when the database cannot write that text itself (``core.isotime.utc_iso``).

    With ``page``, only that page of the list, cut by the database (positions stay those of the
    whole queue: the window and the correlated count are computed before the cut). The rows are
    one query read by chunks (``QuerySet.iterator``: a server-side cursor on PostgreSQL), so the
    number of queries does not depend on the number of rows or chunks.
    """
    tickets = Ticket.objects.order_by("created", "id")
    if not roles.sees_all_tickets(user):
        tickets = tickets.filter(owner=user)
    position = _position_by_window() if roles.sees_all_tickets(user) else _position_subquery()
    extras = {f"{name}_iso": isotime.utc_iso(name) for name in _ROW_TIMES}
    if with_feedback:
        extras["has_feedback"] = Exists(Feedback.objects.filter(ticket=OuterRef("pk")))
    values = tickets.annotate(_position=position, **_ROW_USER_FIELDS, **extras).values(
        "id",
        "owner_id",
        "mentor_id",
        "status",
        "title",
        "comment",
        "contact",
        "location",
        "owner_name",
        "active",
        "_position",
        *_ROW_USER_FIELDS,
        *extras,
    )
    avg = average_wait()
    seconds = None if avg is None else avg.total_seconds()
    open_ = Status.OPEN
    rows = iter((values if page is None else page.cut(values)).iterator(chunk_size=chunk_size))
    while chunk := list(islice(rows, chunk_size)):
        for row in chunk:
            position = row.pop("_position")
            if row["status"] != open_:
                position = None
            row["queue_position"] = position
            row["estimated_wait_seconds"] = _estimated_wait(position, seconds)
        yield chunk


def visible_ticket(*, user, ticket_id: int) -> QueuedTicket:
    """One ticket the user may see (2 queries), or NotFound: others' tickets are not revealed."""
    ticket = _base(user=user).filter(pk=ticket_id).annotate(_position=_position_subquery()).first()
    if ticket is None:
        raise NotFound("No ticket with this id.", code=Code.TICKET_NOT_FOUND)
    return _queued([ticket], avg=average_wait())[0]


def ticket_stats(*, user) -> dict[str, float | None]:
    """Directors only: average seconds from created to claimed and to closed (one query).

    The claimed average counts every ticket with a claim time (claimed now, closed, or
    cancelled after a claim; a released ticket has none); the closed average counts CLOSED
    tickets only (a cancelled one was never helped to the end).
    """
    if not roles.may_see_stats(user):
        raise Forbidden("Only directors can see the queue statistics.", code=Code.NOT_DIRECTOR)
    row = Ticket.objects.aggregate(
        claimed=Avg(_claim_duration(), filter=Q(claimed_at__isnull=False)),
        closed=Avg(_close_duration(), filter=Q(status=Status.CLOSED)),
    )
    return {
        "average_claimed_datetime_seconds": _seconds(row["claimed"]),
        "average_closed_datetime_seconds": _seconds(row["closed"]),
    }


def ticket_counts(*, user) -> dict:
    """Directors only: tickets per status, distinct mentors and owners, the average rating.

    The counts HackRU's back end adds to its statistics (two queries).
    """
    if not roles.may_see_stats(user):
        raise Forbidden("Only directors can see the queue statistics.", code=Code.NOT_DIRECTOR)
    row = Ticket.objects.aggregate(
        total=Count("id"),
        **{name: Count("id", filter=Q(status=name)) for name in Status.values},
        mentors=Count("mentor", distinct=True),
        owners=Count("owner", distinct=True),
    )
    rating = Feedback.objects.aggregate(avg=Avg("rating"))["avg"]
    return {**row, "average_rating": None if rating is None else round(float(rating), 3)}


def public_ticket_stats() -> dict:
    """What HackRU's back end shows everyone: the averages and the number of tickets."""
    row = Ticket.objects.aggregate(
        claimed=Avg(_claim_duration(), filter=Q(claimed_at__isnull=False)),
        closed=Avg(_close_duration(), filter=Q(status=Status.CLOSED)),
        total=Count("id"),
    )
    return {
        "average_claimed_datetime_seconds": _seconds(row["claimed"]),
        "average_closed_datetime_seconds": _seconds(row["closed"]),
        "total": row["total"],
    }


# --- Feedback -------------------------------------------------------------------------------------
def feedback_list(*, user, page: Page | None = None) -> QuerySet[Feedback]:
    """Directors see every feedback; everyone else the feedback on their own tickets.

    Oldest first (ties by ticket, the feedback's key); with ``page``, only that page (sliced:
    filter before asking for a page).
    """
    feedback = Feedback.objects.select_related("ticket").order_by("created", "ticket_id")
    if not roles.may_see_stats(user):
        feedback = feedback.filter(ticket__owner=user)
    return feedback if page is None else page.cut(feedback)


def own_feedback(*, user, ticket_id) -> Feedback:
    """The feedback on one of the user's own tickets (directors: any), or NotFound."""
    feedback = Feedback.objects.filter(ticket_id=row_id(ticket_id), ticket__owner=user).first()
    if feedback is None:
        raise NotFound("No feedback for this ticket.", code=Code.FEEDBACK_NOT_FOUND)
    return feedback


def visible_feedback(*, user, ticket_id) -> Feedback:
    """One feedback: its ticket's owner and directors may read it; NotFound for others."""
    found = feedback_list(user=user).filter(ticket_id=row_id(ticket_id)).first()
    if found is None:
        raise NotFound("No feedback for this ticket.", code=Code.FEEDBACK_NOT_FOUND)
    return found


def leaderboard(*, user, limit: int = 5, offset: int = 0) -> list[dict]:
    """Directors only: mentors by average rating (best first; ties: more ratings, then email).

    ``limit`` mentors after the first ``offset`` (cut by the database).
    """
    if not roles.may_see_stats(user):
        raise Forbidden("Only directors can see the mentor leaderboard.", code=Code.NOT_DIRECTOR)
    rows = (
        Feedback.objects.values(
            "ticket__mentor_id",
            "ticket__mentor__email",
            "ticket__mentor__username",
            "ticket__mentor__first_name",
            "ticket__mentor__last_name",
        )
        .annotate(average_rating=Avg("rating"), ratings=Count("ticket_id"))
        # The mentor's id last: a total order, so pages neither repeat nor skip a mentor.
        .order_by("-average_rating", "-ratings", "ticket__mentor__email", "ticket__mentor_id")[
            offset : offset + limit
        ]
    )
    board = []
    for row in rows:
        full = f"{row['ticket__mentor__first_name']} {row['ticket__mentor__last_name']}".strip()
        board.append(
            {
                "mentor": row["ticket__mentor__email"],
                "name": full or row["ticket__mentor__username"],
                "average_rating": round(float(row["average_rating"]), 3),
                "ratings": row["ratings"],
            }
        )
    return board


def _seconds(value) -> float | None:
    if value is None:
        return None
    if not isinstance(value, timedelta):  # a backend that averages durations as microseconds
        value = timedelta(microseconds=float(value))
    return round(value.total_seconds(), 3)


# --- The web pages' reads -------------------------------------------------------------------------
def own_tickets(*, user) -> list[QueuedTicket]:
    """The tickets the user opened, oldest first, with position and wait (2 queries).

    The hacker's own list: for a mentor too (``ticket_list`` gives mentors every ticket).
    """
    tickets = _base(user=user).filter(owner=user).annotate(_position=_position_subquery())
    return _queued(tickets, avg=average_wait())


def _live(tickets: QuerySet[Ticket], *, user) -> QuerySet[Ticket]:
    """``tickets`` cut to the mentors' queue, OPEN and CLAIMED, for mentors, organizers and
    directors only: the one place of that rule, which ``live_queue_rows`` and
    ``live_queue_version`` read."""
    if not roles.may_claim(user):
        raise Forbidden(
            "Only mentors, organizers and directors see the queue.", code=Code.NOT_MENTOR
        )
    return tickets.filter(status__in=rules.LIVE_STATUSES)


@dataclass(frozen=True, slots=True)
class LiveTicketRow:
    """A ticket of the live queue as plain values: what the mentors' page shows of it.

    ``queue_position`` as ``QueuedTicket`` has it (None unless OPEN); the owner's and the
    mentor's names as their columns (``owner_name`` is the name the owner chose to show).
    """

    id: int
    status: str
    title: str
    comment: str
    contact: str
    location: str
    owner_name: str
    owner_id: int
    owner_username: str
    owner_first_name: str
    owner_last_name: str
    mentor_id: int | None
    mentor_username: str | None
    mentor_first_name: str | None
    mentor_last_name: str | None
    created: datetime
    claimed_at: datetime | None
    queue_position: int | None


def live_queue_rows(*, user) -> list[LiveTicketRow]:
    """The mentors' queue: OPEN and CLAIMED tickets, oldest first, as values, without the
    estimated wait: one query, no model instances (the mentors' page, polled, with a thousand
    live tickets in a busy hour). Mentors, organizers and directors only."""
    values = (
        _live(Ticket.objects, user=user)
        .order_by("created", "id")
        .annotate(queue_position=_position_by_window(), **_ROW_USER_FIELDS)
        .values(*(field.name for field in fields(LiveTicketRow)))
    )
    rows = []
    for row in values:
        if row["status"] != Status.OPEN:
            row["queue_position"] = None  # the window numbers CLAIMED tickets too
        rows.append(LiveTicketRow(**row))
    return rows


def live_queue_version(*, user) -> str:
    """A short text that changes whenever the live queue changes (one aggregate query).

    Made of the OPEN and CLAIMED counts, the sums of their ids, the sum of the mentors' ids and
    the latest created and claimed times of the live tickets. A new ticket raises the latest
    created time; a close or a cancel lowers a count; a release moves a ticket from CLAIMED to
    OPEN; a claim moves one the other way and sets a new latest claimed time; a ticket released
    by one mentor and claimed by another between two reads changes the mentors' sum. Several
    changes that would each move these and together cancel out would need claims at the same
    instant as an earlier claim. The names of people are not in it: an account renamed shows
    in the list at its next change. Mentors, organizers and directors only.
    """
    row = _live(Ticket.objects.order_by(), user=user).aggregate(
        open=Count("id", filter=Q(status=Status.OPEN)),
        claimed=Count("id", filter=Q(status=Status.CLAIMED)),
        open_ids=Sum("id", filter=Q(status=Status.OPEN)),
        claimed_ids=Sum("id", filter=Q(status=Status.CLAIMED)),
        mentors=Sum("mentor_id"),
        created=Max("created"),
        claimed_at=Max("claimed_at"),
    )
    parts = [
        row[key].isoformat() if isinstance(row[key], datetime) else str(row[key] or 0)
        for key in (
            "open",
            "claimed",
            "open_ids",
            "claimed_ids",
            "mentors",
            "created",
            "claimed_at",
        )
    ]
    return hashlib.blake2b("|".join(parts).encode(), digest_size=8).hexdigest()


#: The most hours ``hourly_activity`` returns (the latest ones): a week of a long event.
MAX_ACTIVITY_HOURS = 24 * 7


def hourly_activity(*, user, zone) -> list[dict]:
    """Directors only: per hour (in ``zone``) of the event, from the first ticket to the last.

    Each row: ``hour`` (aware, in ``zone``), ``opened`` (tickets created in that hour),
    ``median_wait_seconds`` (created -> claimed of those claimed) and
    ``median_close_seconds`` (created -> closed of those CLOSED), ``None`` without any. Hours
    without tickets are rows of zeros, so a plot's axis is even. One query; medians in Python
    (portable, and an event's tickets are few).
    """
    if not roles.may_see_stats(user):
        raise Forbidden("Only directors can see the queue statistics.", code=Code.NOT_DIRECTOR)
    buckets: dict[datetime, tuple[list, list, list]] = {}
    for created, claimed_at, closed_at, status in Ticket.objects.order_by().values_list(
        "created", "claimed_at", "closed_at", "status"
    ):
        # Keyed by the instant the local hour starts: a repeated hour (DST) stays two hours.
        local = created.astimezone(zone)
        hour = local.replace(minute=0, second=0, microsecond=0).astimezone(UTC)
        opened, waits, closes = buckets.setdefault(hour, ([], [], []))
        opened.append(1)
        if claimed_at is not None:
            waits.append((claimed_at - created).total_seconds())
        if status == Status.CLOSED and closed_at is not None:
            closes.append((closed_at - created).total_seconds())
    if not buckets:
        return []
    first, last = min(buckets), max(buckets)
    first = max(first, last - timedelta(hours=MAX_ACTIVITY_HOURS - 1))
    rows = []
    moment = first
    while moment <= last:
        opened, waits, closes = buckets.get(moment, ([], [], []))
        rows.append(
            {
                "hour": moment.astimezone(zone),
                "opened": len(opened),
                "median_wait_seconds": _median(waits),
                "median_close_seconds": _median(closes),
            }
        )
        moment += timedelta(hours=1)
    return rows


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def people_with_queue_roles() -> list[User]:
    """Users whose help-queue role is not participant, by role then username (one query)."""
    order = Case(
        *(When(queue_role=role, then=Value(i)) for i, role in enumerate(QueueRole.values)),
        output_field=IntegerField(),
    )
    return list(
        User.objects.exclude(queue_role=QueueRole.PARTICIPANT)
        .annotate(_rank=order)
        .order_by("-_rank", "username")
        .only("username", "first_name", "last_name", "email", "queue_role")
    )


def user_by_email_or_username(value: str) -> User:
    """The account with this email or username (any case), or NotFound."""
    value = (value or "").strip()
    found = (
        User.objects.filter(Q(email__iexact=value) | Q(username__iexact=value)).first()
        if value
        else None
    )
    if found is None:
        raise NotFound(
            "No account has this email or username.", code=Code.USER_NOT_FOUND, field="who"
        )
    return found
