"""Sessions: a mentee requests time of a mentor, the mentor confirms, either side cancels."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction

from accounts.models import User
from core import clock
from core.errors import DomainError, NotFound
from core.ids import row_id
from mentoring import emails, rules
from mentoring.errors import Code
from mentoring.models import (
    MentorAvailability,
    Session,
    SessionReminder,
    SessionStatus,
)
from mentoring.services.availability import lock_spans, refresh_statuses
from mentoring.services.reminders import schedule_reminders
from notifications.services import cancel_pending


def request_session(
    *, mentee: User, availability_id, start_time: datetime, session_length
) -> Session:
    """A mentee asks for ``session_length`` (30 or 60) minutes of a mentor, from ``start_time``.

    The session starts inside the given availability and fits inside the mentor's availability
    (a 60-minute session may run on into the next chunk); it is in the future; it overlaps no
    live session of either person. The mentor is emailed (if their settings say so).
    """
    rules.check_is_mentee(mentee, to="request sessions")
    rules.check_session_length(session_length)
    end_time = start_time + timedelta(minutes=session_length)
    try:
        with transaction.atomic():
            availability = _requested_availability(availability_id)
            mentor = User.objects.get(pk=availability.mentor_id)
            _check_request(mentee, mentor, availability, start_time)
            spans = lock_spans(mentor.pk, start_time, end_time)
            rules.check_fits_availability(
                [(span.start_time, span.end_time) for span in spans], start_time, end_time
            )
            _check_both_free(mentor, mentee, start_time, end_time)
            session = Session.objects.create(
                mentor_availability=availability,
                mentor=mentor,
                mentee=mentee,
                start_time=start_time,
                end_time=end_time,
                session_length=session_length,
                status=SessionStatus.PENDING,
            )
            refresh_statuses(spans)
            emails.queue_session_requested(session)
    except IntegrityError as exc:  # PostgreSQL's exclusion constraint caught a race
        raise DomainError(
            "Someone else booked that time just now.",
            code=Code.SESSION_OVERLAP,
            field="start_time",
        ) from exc
    return session


def _requested_availability(availability_id) -> MentorAvailability:
    availability = MentorAvailability.objects.filter(pk=row_id(availability_id)).first()
    if availability is None:
        raise DomainError(
            "No availability with that id.",
            code=Code.UNKNOWN_AVAILABILITY,
            field="mentor_availability",
        )
    return availability


def _check_request(
    mentee: User, mentor: User, availability: MentorAvailability, start: datetime
) -> None:
    """Who books whom, when: the rules that need no lock."""
    rules.check_may_book(mentee=mentee, mentor=mentor)
    problem = rules.start_past(start, now=clock.now())
    if problem:
        raise problem
    rules.check_starts_inside((availability.start_time, availability.end_time), start)


def _check_both_free(mentor: User, mentee: User, start: datetime, end: datetime) -> None:
    """Lock both people (in pk order), then refuse a clash with a live session of either."""
    people = sorted({mentor.pk, mentee.pk})
    list(User.objects.select_for_update().filter(pk__in=people).values_list("pk"))
    sessions = (
        Session.objects.filter(rules.live_sessions_of(people))
        .filter(rules.overlapping(start, end))
        .values_list("start_time", "end_time", "mentor_id", "mentee_id")[:1]
    )
    rules.check_no_session_overlap(sessions, start, end, mentor_id=mentor.pk)


def _participant_session(user: User, session_id) -> Session:
    session = (
        Session.objects.filter(pk=row_id(session_id))
        .filter(rules.sessions_visible_to(user))
        .first()
    )
    if session is None:
        raise NotFound("No session with that id.", code=Code.NOT_FOUND)
    return session


def _locked(user: User, session_id) -> tuple[Session, list[MentorAvailability]]:
    """Lock order everywhere: the mentor's availability rows, then the session row."""
    found = _participant_session(user, session_id)
    spans = lock_spans(found.mentor_id, found.start_time, found.end_time)
    session = Session.objects.select_for_update().get(pk=found.pk)
    return session, spans


def confirm_session(*, user: User, session_id) -> Session:
    """The mentor accepts a pending session; the mentee is told and reminders are scheduled."""
    with transaction.atomic():
        session, _ = _locked(user, session_id)
        now = clock.now()
        rules.check_may_confirm(user.pk, session, now=now)
        session.status = SessionStatus.CONFIRMED
        session.confirmed_at = now
        session.sequence += 1
        session.save(update_fields=["status", "confirmed_at", "sequence"])
        schedule_reminders(session, now)
        emails.queue_session_confirmed(session)
    return session


def cancel_session(*, user: User, session_id, reason: str = "") -> Session:
    """Either side cancels a pending or confirmed session before it starts; its time is freed.

    ``reason`` (optional, at most ``rules.MAX_CANCEL_REASON`` characters) is quoted in the email
    to the other person; it is not stored.
    """
    reason = rules.clean_cancel_reason(reason)
    with transaction.atomic():
        session, spans = _locked(user, session_id)
        now = clock.now()
        rules.check_may_cancel(session, now=now)
        session.status = SessionStatus.CANCELED
        session.canceled_at = now
        session.canceled_by = user
        session.sequence += 1
        session.save(update_fields=["status", "canceled_at", "canceled_by", "sequence"])
        SessionReminder.objects.filter(session=session, sent_at__isnull=True).update(canceled=True)
        cancel_pending(key_prefix=f"{emails.key_prefix(session)}reminder:")
        refresh_statuses(spans)
        emails.queue_session_canceled(session, by=user, reason=reason)
    return session


def change_session_status(*, user: User, session_id, status: SessionStatus | str) -> Session:
    """Move a session to ``status``: Confirmed (``confirm_session``), Canceled (``cancel_session``).

    Any other value (Pending, or text naming no status) is refused, after the session is found
    among the caller's: a stranger learns nothing about it (404).
    """
    if status == SessionStatus.CONFIRMED:
        return confirm_session(user=user, session_id=session_id)
    if status == SessionStatus.CANCELED:
        return cancel_session(user=user, session_id=session_id)
    _participant_session(user, session_id)
    raise rules.refuse_status(status)
