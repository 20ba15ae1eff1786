"""A mentor's availability: publishing and deleting spans, and their Open/Booked status."""

from datetime import datetime

from django.db import IntegrityError, transaction

from accounts.models import User
from core import clock
from core.errors import DomainError, Forbidden, InvalidInput, NotFound
from core.ids import row_id
from mentoring import rules
from mentoring.errors import Code
from mentoring.models import LIVE_STATUSES, AvailabilityStatus, MentorAvailability, Session


def publish_availability(
    *, mentor: User, start_time: datetime, end_time: datetime, chunked: bool = False
) -> list[MentorAvailability]:
    """The mentor's new availability: one span (v1) or 30-minute chunks (v2), status Open.

    Rules: only mentors; start in the future; end after start; at most 7 days at once; chunked
    spans last a whole number of half hours; nothing overlaps the mentor's other availability.
    """
    rules.check_is_mentor(mentor, to="publish availability")
    problems = rules.availability_problems(start_time, end_time, now=clock.now(), chunked=chunked)
    if problems:
        raise InvalidInput(problems)
    spans = _chunks(start_time, end_time) if chunked else [(start_time, end_time)]
    try:
        with transaction.atomic():
            # One writer per mentor at a time: the overlap check below then sees every span.
            list(User.objects.select_for_update().filter(pk=mentor.pk).values_list("pk"))
            existing = (
                MentorAvailability.objects.filter(mentor=mentor)
                .filter(rules.overlapping(start_time, end_time))
                .order_by("start_time")
                .values_list("start_time", "end_time")[:1]
            )
            rules.check_no_availability_overlap(existing, start_time, end_time)
            created = MentorAvailability.objects.bulk_create(
                [MentorAvailability(mentor=mentor, start_time=s, end_time=e) for s, e in spans]
            )
    except IntegrityError as exc:  # PostgreSQL's exclusion constraint caught a race
        raise DomainError(
            "This overlaps your availability.",
            code=Code.AVAILABILITY_OVERLAP,
            field="start_time",
        ) from exc
    if any(item.pk is None for item in created):  # backends that return no ids on bulk insert
        created = list(
            MentorAvailability.objects.filter(
                mentor=mentor, start_time__gte=start_time, end_time__lte=end_time
            ).order_by("start_time")
        )
    return created


def _chunks(start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """[start, end) cut into rules.CHUNK-long spans (the caller checked it divides evenly)."""
    spans = []
    cursor = start
    while cursor < end:
        spans.append((cursor, cursor + rules.CHUNK))
        cursor += rules.CHUNK
    return spans


def delete_availability(*, user: User, availability_id) -> None:
    """Remove one of the caller's own spans, unless a live session still needs it."""
    with transaction.atomic():
        availability = (
            MentorAvailability.objects.select_for_update()
            .filter(pk=row_id(availability_id))
            .first()
        )
        if availability is None:
            raise NotFound("No availability with that id.", code=Code.NOT_FOUND)
        if availability.mentor_id != user.pk:
            raise Forbidden("This availability belongs to another mentor.", code=Code.NOT_OWNER)
        now = clock.now()
        span = (availability.start_time, availability.end_time)
        sessions = (
            Session.objects.filter(mentor_id=user.pk, status__in=LIVE_STATUSES)
            .filter(rules.overlapping(*span), end_time__gt=now)
            .order_by("start_time", "pk")
            .values_list("start_time", "end_time", "status")[:1]
        )
        rules.check_availability_unused(span, sessions, now=now)
        availability.delete()


def lock_spans(mentor_id: int, start: datetime, end: datetime) -> list[MentorAvailability]:
    """The mentor's availability rows overlapping [start, end), locked, by start."""
    return list(
        MentorAvailability.objects.select_for_update()
        .filter(mentor_id=mentor_id)
        .filter(rules.overlapping(start, end))
        .order_by("start_time", "pk")
    )


def refresh_statuses(spans: list[MentorAvailability]) -> None:
    """Set each span's status as ``rules.availability_status`` says from the live sessions."""
    if not spans:
        return
    low = min(s.start_time for s in spans)
    high = max(s.end_time for s in spans)
    busy = list(
        Session.objects.filter(mentor_id=spans[0].mentor_id, status__in=LIVE_STATUSES)
        .filter(rules.overlapping(low, high))
        .values_list("start_time", "end_time")
    )
    booked, opened = [], []
    for span in spans:
        status = rules.availability_status((span.start_time, span.end_time), busy)
        if status != span.status:
            (booked if status == AvailabilityStatus.BOOKED else opened).append(span.pk)
            span.status = status
    if booked:
        MentorAvailability.objects.filter(pk__in=booked).update(status=AvailabilityStatus.BOOKED)
    if opened:
        MentorAvailability.objects.filter(pk__in=opened).update(status=AvailabilityStatus.OPEN)
