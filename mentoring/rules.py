"""The rules of mentor booking, each written once; services and selectors ask them.

=============================================================  =================================
rule                                                           function
=============================================================  =================================
live sessions of one mentor, or one mentee, never overlap      check_no_session_overlap
a session lies inside the mentor's availability                check_starts_inside,
                                                               check_fits_availability
a session lasts 30 or 60 minutes                               check_session_length
a session or an availability starts in the future              start_past
who requests a session (a mentee, of another, a mentor)        check_is_mentee, check_may_book
who sees a session (its mentor and its mentee)                 may_see_session,
                                                               sessions_visible_to
who confirms (its mentor, while pending, before the start)     check_may_confirm
who cancels (either side, while live, before the start)        check_may_cancel
never back to Pending; any other status is unknown             refuse_status
availabilities of one mentor never overlap                     check_no_availability_overlap
an availability: after its start, 7 days at most, in chunks   availability_problems
an availability a live session still needs is kept             check_availability_unused
Booked while live sessions cover it, Open otherwise            availability_status
who has a mentor profile and publishes availability: mentors   check_is_mentor
skill names: trimmed, unique without case, bounded, printable  skill_names
=============================================================  =================================

"Overlap" is ``core.intervals``' (half-open spans: touching is not overlapping);
``overlapping`` is the same test written as a database filter, used to fetch the few rows a
rule then decides on. Functions named ``check_*`` raise a DomainError; the others return.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.db.models import Q

from core.errors import DomainError, Forbidden
from core.intervals import covers, first_overlap
from mentoring.errors import Code
from mentoring.models import LIVE_STATUSES, AvailabilityStatus, SessionStatus

SESSION_LENGTHS = (30, 60)  # minutes
CHUNK = timedelta(minutes=30)  # v2 availability is stored in chunks of this length
MAX_AVAILABILITY_SPAN = timedelta(days=7)
MAX_SKILLS = 20  # skills of one mentor, and so names in one search
MAX_SKILL_LENGTH = 50  # characters of a skill name


def utc(value: datetime) -> str:
    """A time as messages show it: UTC, to the second."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def overlapping(start: datetime, end: datetime) -> Q:
    """Rows whose [start_time, end_time) overlaps [start, end): ``intervals.overlaps`` in SQL."""
    return Q(start_time__lt=end, end_time__gt=start)


# --- Who --------------------------------------------------------------------------------------
def check_is_mentor(user, *, to: str) -> None:
    """Only mentors ``to`` (have a mentor profile, publish availability)."""
    if not user.is_mentor:
        raise Forbidden(
            f"Only mentors {to}: set is_mentor on your profile first.", code=Code.NOT_MENTOR
        )


def check_is_mentee(user, *, to: str) -> None:
    """Only mentees ``to`` (have a mentee profile, request sessions)."""
    if not user.is_mentee:
        raise Forbidden(
            f"Only mentees {to}: set is_mentee on your profile first.", code=Code.NOT_MENTEE
        )


def sessions_visible_to(user) -> Q:
    """The sessions a user may see: those they take part in, on either side."""
    return Q(mentor=user) | Q(mentee=user)


def may_see_session(user_id: int, session) -> bool:
    return user_id in (session.mentor_id, session.mentee_id)


# --- Availability -----------------------------------------------------------------------------
def start_past(start: datetime, *, now: datetime) -> DomainError | None:
    """The refusal of a session or an availability starting at or before ``now``, if it does."""
    if start <= now:
        return DomainError(
            "Start time must be in the future.", code=Code.START_PAST, field="start_time"
        )
    return None


def availability_problems(
    start: datetime, end: datetime, *, now: datetime, chunked: bool
) -> list[DomainError]:
    """Every problem of a new availability [start, end): each field's first, all at once."""
    problems = [p for p in [start_past(start, now=now)] if p]
    if end <= start:
        problems.append(
            DomainError(
                "End time must be after start time.", code=Code.END_BEFORE_START, field="end_time"
            )
        )
    elif end - start > MAX_AVAILABILITY_SPAN:
        problems.append(
            DomainError(
                "An availability spans at most 7 days; publish longer periods in parts.",
                code=Code.TOO_LONG,
                field="end_time",
            )
        )
    elif chunked and (end - start) % CHUNK:
        problems.append(
            DomainError(
                "Availability is stored in 30-minute chunks: the time from start to end must be "
                "a whole number of half hours.",
                code=Code.NOT_WHOLE_CHUNKS,
                field="end_time",
            )
        )
    return problems


def check_no_availability_overlap(
    existing: Iterable[tuple[datetime, datetime]], start: datetime, end: datetime
) -> None:
    """A mentor's availabilities never overlap: refuse [start, end) if it meets one of them."""
    clash = first_overlap(sorted(existing), start, end)
    if clash is not None:
        raise DomainError(
            f"This overlaps your availability from {utc(clash[0])} to {utc(clash[1])}.",
            code=Code.AVAILABILITY_OVERLAP,
            field="start_time",
        )


def check_availability_unused(
    span: tuple[datetime, datetime],
    sessions: Iterable[tuple[datetime, datetime, str]],
    *,
    now: datetime,
) -> None:
    """An availability stays while a live session that has not ended overlaps it.

    ``sessions``: the mentor's live sessions as ``(start, end, status)``, by start.
    """
    unfinished = [session for session in sessions if session[1] > now]
    busy = first_overlap(unfinished, *span)
    if busy is not None:
        raise DomainError(
            f"A {busy[2].lower()} session ({utc(busy[0])}) uses this "
            "availability: cancel the session first.",
            code=Code.AVAILABILITY_IN_USE,
        )


def availability_status(
    span: tuple[datetime, datetime], busy: Iterable[tuple[datetime, datetime]]
) -> AvailabilityStatus:
    """Booked while live sessions (``busy``) cover the whole span, Open otherwise."""
    return AvailabilityStatus.BOOKED if covers(busy, *span) else AvailabilityStatus.OPEN


# --- Sessions ---------------------------------------------------------------------------------
def check_session_length(minutes) -> None:
    if minutes not in SESSION_LENGTHS or isinstance(minutes, bool):
        raise DomainError(
            "Session length must be 30 or 60 minutes.",
            code=Code.BAD_LENGTH,
            field="session_length",
        )


def check_may_book(*, mentee, mentor) -> None:
    """A mentee books another person, who is still an active mentor."""
    if mentor.pk == mentee.pk:
        raise DomainError(
            "You cannot book a session with yourself.",
            code=Code.OWN_AVAILABILITY,
            field="mentor_availability",
        )
    if not (mentor.is_mentor and mentor.is_active):
        raise DomainError(
            "This availability's owner is no longer a mentor.",
            code=Code.NOT_MENTOR,
            field="mentor_availability",
        )


def check_starts_inside(availability: tuple[datetime, datetime], start: datetime) -> None:
    """A session starts inside the availability it is requested from."""
    if not availability[0] <= start < availability[1]:
        raise DomainError(
            f"Start time must be inside the availability ({utc(availability[0])}"
            f" to {utc(availability[1])}).",
            code=Code.OUTSIDE_AVAILABILITY,
            field="start_time",
        )


def check_fits_availability(
    spans: Iterable[tuple[datetime, datetime]], start: datetime, end: datetime
) -> None:
    """A session lies inside the union of the mentor's availability (60 minutes may span two
    chunks)."""
    if not covers(spans, start, end):
        minutes = int((end - start).total_seconds() // 60)
        raise DomainError(
            f"A {minutes}-minute session from {utc(start)} does not fit in "
            "the mentor's availability.",
            code=Code.OUTSIDE_AVAILABILITY,
            field="session_length",
        )


def check_no_session_overlap(
    sessions: Iterable[tuple[datetime, datetime, int, int]],
    start: datetime,
    end: datetime,
    *,
    mentor_id: int,
) -> None:
    """Two live sessions of one mentor, or of one mentee, never overlap.

    ``sessions``: the live sessions of both people as ``(start, end, mentor_id, mentee_id)``.
    """
    clash = first_overlap(sessions, start, end)
    if clash is not None:
        raise DomainError(
            "The mentor already has a session at that time."
            if mentor_id in clash[2:]
            else "You already have a session at that time.",
            code=Code.SESSION_OVERLAP,
            field="start_time",
        )


def live_sessions_of(people: Iterable[int]) -> Q:
    """Live sessions in which any of ``people`` (user pks) takes part, on either side."""
    people = list(people)
    return Q(status__in=LIVE_STATUSES) & (Q(mentor_id__in=people) | Q(mentee_id__in=people))


def check_may_confirm(user_id: int, session, *, now: datetime) -> None:
    """The mentor confirms a pending session before it starts."""
    if session.mentor_id != user_id:
        raise Forbidden("Only the mentor can confirm a session.", code=Code.NOT_MENTOR)
    if session.status != SessionStatus.PENDING:
        raise DomainError(
            f"Only a pending session can be confirmed; this one is {session.status}.",
            code=Code.BAD_TRANSITION,
            field="status",
        )
    if session.start_time <= now:
        raise DomainError(
            "The session has already started.", code=Code.ALREADY_STARTED, field="status"
        )


#: The longest reason a person may give when canceling a session (it goes into an email).
MAX_CANCEL_REASON = 500


def clean_cancel_reason(reason) -> str:
    """The reason for canceling, trimmed; refused beyond MAX_CANCEL_REASON characters."""
    text = (reason or "").strip()
    if len(text) > MAX_CANCEL_REASON:
        raise DomainError(
            f"Keep the reason to at most {MAX_CANCEL_REASON} characters (it has {len(text)}).",
            code=Code.REASON_TOO_LONG,
            field="reason",
        )
    return text


def check_may_cancel(session, *, now: datetime) -> None:
    """Either side cancels a pending or confirmed session before it starts.

    Either side: the caller found the session among those it may see (``may_see_session``).
    """
    if session.status not in LIVE_STATUSES:
        raise DomainError(
            f"Only a pending or confirmed session can be canceled; this one is {session.status}.",
            code=Code.BAD_TRANSITION,
            field="status",
        )
    if session.start_time <= now:
        raise DomainError(
            "A session can only be canceled before it starts.",
            code=Code.ALREADY_STARTED,
            field="status",
        )


def refuse_status(status) -> DomainError:
    """Why a session cannot be moved to ``status`` (anything but Confirmed or Canceled)."""
    if status == SessionStatus.PENDING:
        return DomainError(
            "A session cannot go back to Pending.", code=Code.BAD_TRANSITION, field="status"
        )
    return DomainError(
        f'"{status}" is not a valid status: use "{SessionStatus.CONFIRMED}" or '
        f'"{SessionStatus.CANCELED}".',
        code=Code.BAD_STATUS,
        field="status",
    )


# --- Skills -----------------------------------------------------------------------------------
def skill_names(skills, *, for_search: bool = False) -> list[str]:
    """Skill names, spaces collapsed, blanks and repeats (any case) dropped, in the order given.

    A string is read as a comma-separated list (the seed's PATCH example sends ``"Python"``).
    More than MAX_SKILLS names or one longer than MAX_SKILL_LENGTH is refused (no mentor could
    have it). A name to store may not hold control characters; a search passes them on: it
    matches nothing, and PostgreSQL refuses a NUL itself (core.api answers that 400).
    """
    if skills is None:
        return []
    if isinstance(skills, str):
        skills = skills.split(",")
    if not isinstance(skills, list | tuple):
        raise _skills_invalid("Give skills as a list of names.")
    names: list[str] = []
    seen: set[str] = set()
    for raw in skills:
        if not isinstance(raw, str):
            raise _skills_invalid("Each skill must be a name.")
        name = " ".join(raw.split())
        if not name or name.lower() in seen:
            continue
        if len(name) > MAX_SKILL_LENGTH:
            raise _skills_invalid(f"A skill name has at most {MAX_SKILL_LENGTH} characters.")
        if not for_search and not name.isprintable():  # "\u0000" and other control characters
            raise _skills_invalid("A skill name cannot contain control characters.")
        seen.add(name.lower())
        names.append(name)
    if len(names) > MAX_SKILLS:
        raise _skills_invalid(f"At most {MAX_SKILLS} skills.")
    return names


def _skills_invalid(message: str) -> DomainError:
    return DomainError(message, code=Code.SKILLS_INVALID, field="skills")
