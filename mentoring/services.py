"""Writes on mentor booking. Every rule of profiles, availability and sessions lives here.

Keyword-only, verb-first functions that check the caller's rights and the rules, change state in
one transaction and queue their emails in it (sent after the commit). Refusals are DomainError
values (400 unless the error class says otherwise) naming the field at fault.

Concurrency: a session request locks the mentor's availability rows that the session touches,
then the user rows of both participants (in pk order), before checking for clashes. Two requests
for overlapping time of one mentor therefore run one after the other, and the second sees the
first. Confirm and cancel lock the same availability rows, then the session. On PostgreSQL,
exclusion constraints (migration 0002) refuse overlapping live sessions of one mentor or one
mentee, and overlapping availabilities of one mentor, even if a code path forgot the lock.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q

from accounts.models import User
from core import clock
from core.errors import DomainError, Forbidden, InvalidInput, NotFound
from mentoring import emails
from mentoring.errors import Code
from mentoring.models import (
    LIVE_STATUSES,
    AvailabilityStatus,
    MenteeProfile,
    MentorAvailability,
    MentorProfile,
    ReminderKind,
    Session,
    SessionReminder,
    SessionStatus,
    Skill,
)
from mentoring.selectors import MAX_SKILL_LENGTH, MAX_SKILLS
from notifications.services import cancel_pending

CHUNK = timedelta(minutes=30)
SESSION_LENGTHS = (30, 60)
MAX_AVAILABILITY_SPAN = timedelta(days=7)
MAX_TEAM_NUMBER = 1_000_000
REMINDER_LEADS = {
    ReminderKind.SIXTY: timedelta(minutes=60),
    ReminderKind.FIFTEEN: timedelta(minutes=15),
}


MAX_ID = 2**63 - 1  # larger ids cannot exist, and PostgreSQL refuses to compare with them


def _id_or_none(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- Profiles -----------------------------------------------------------------------------------
def _clean_skills(skills) -> list[str]:
    """Skill names, trimmed and without duplicates (case-insensitive), in the order given.

    A string is read as a comma-separated list (the seed's PATCH example sends ``"Python"``).
    """
    if skills is None:
        return []
    if isinstance(skills, str):
        skills = skills.split(",")
    if not isinstance(skills, list | tuple):
        raise DomainError(
            "Give skills as a list of names.", code=Code.SKILLS_INVALID, field="skills"
        )
    names: list[str] = []
    seen: set[str] = set()
    for raw in skills:
        if not isinstance(raw, str):
            raise DomainError(
                "Each skill must be a name.", code=Code.SKILLS_INVALID, field="skills"
            )
        name = " ".join(raw.split())
        if not name or name.lower() in seen:
            continue
        if len(name) > MAX_SKILL_LENGTH:
            raise DomainError(
                f"A skill name has at most {MAX_SKILL_LENGTH} characters.",
                code=Code.SKILLS_INVALID,
                field="skills",
            )
        if not name.isprintable():  # "\u0000" and other control characters
            raise DomainError(
                "A skill name cannot contain control characters.",
                code=Code.SKILLS_INVALID,
                field="skills",
            )
        seen.add(name.lower())
        names.append(name)
    if len(names) > MAX_SKILLS:
        raise DomainError(f"At most {MAX_SKILLS} skills.", code=Code.SKILLS_INVALID, field="skills")
    return names


def _skill_objects(names: list[str]) -> list[Skill]:
    result = []
    for name in names:
        skill = Skill.objects.filter(name__iexact=name).first()
        if skill is None:
            try:
                with transaction.atomic():
                    skill = Skill.objects.create(name=name)
            except IntegrityError:  # created concurrently under another spelling
                skill = Skill.objects.get(name__iexact=name)
        result.append(skill)
    return result


def _clean_team_number(value, problems: list[DomainError]):
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if isinstance(value, bool) or number < 0 or number > MAX_TEAM_NUMBER:
        problems.append(
            DomainError(
                f"Team number must be a whole number from 0 to {MAX_TEAM_NUMBER}.",
                code=Code.TEAM_NUMBER_INVALID,
                field="team_number",
            )
        )
        return None
    return number


def _clean_about_me(value, problems: list[DomainError]) -> str:
    text = (value or "").strip()
    if len(text) > 2000:
        problems.append(
            DomainError("At most 2000 characters.", code=Code.ABOUT_ME_INVALID, field="about_me")
        )
    return text


_UNSET = object()


def create_mentor_profile(
    *, user: User, about_me: str = "", skills=None, team_number=None
) -> MentorProfile:
    """The caller's mentor profile. Only mentors (``is_mentor``) have one, and only one."""
    if not user.is_mentor:
        raise Forbidden(
            "Only mentors have a mentor profile: set is_mentor on your profile first.",
            code=Code.NOT_MENTOR,
        )
    problems: list[DomainError] = []
    about_me = _clean_about_me(about_me, problems)
    team_number = _clean_team_number(team_number, problems)
    if problems:
        raise InvalidInput(problems)
    names = _clean_skills(skills)
    try:
        with transaction.atomic():
            profile = MentorProfile.objects.create(
                user=user, about_me=about_me, team_number=team_number
            )
            profile.skills.set(_skill_objects(names))
    except IntegrityError as exc:
        raise DomainError(
            "You already have a mentor profile: change it with PATCH /mentorinfoupdate/.",
            code=Code.PROFILE_EXISTS,
        ) from exc
    return profile


def _own_mentor_profile(user: User) -> MentorProfile:
    profile = MentorProfile.objects.filter(user=user).first()
    if profile is None:
        raise NotFound("You have no mentor profile yet.", code=Code.NO_PROFILE)
    return profile


def update_mentor_profile(
    *, user: User, about_me=_UNSET, skills=_UNSET, team_number=_UNSET
) -> MentorProfile:
    """Change any of about_me, skills (replaces the set), team_number of the caller's profile."""
    profile = _own_mentor_profile(user)
    problems: list[DomainError] = []
    if about_me is not _UNSET:
        profile.about_me = _clean_about_me(about_me, problems)
    if team_number is not _UNSET:
        profile.team_number = _clean_team_number(team_number, problems)
    if problems:
        raise InvalidInput(problems)
    names = None if skills is _UNSET else _clean_skills(skills)
    with transaction.atomic():
        profile.save()
        if names is not None:
            profile.skills.set(_skill_objects(names))
    return profile


def delete_mentor_profile(*, user: User) -> None:
    """Remove about_me, skills and team number. Availability and sessions are kept."""
    _own_mentor_profile(user).delete()


def create_mentee_profile(*, user: User, team_number=None) -> MenteeProfile:
    if not user.is_mentee:
        raise Forbidden(
            "Only mentees have a mentee profile: set is_mentee on your profile first.",
            code=Code.NOT_MENTEE,
        )
    problems: list[DomainError] = []
    team_number = _clean_team_number(team_number, problems)
    if problems:
        raise InvalidInput(problems)
    try:
        with transaction.atomic():
            return MenteeProfile.objects.create(user=user, team_number=team_number)
    except IntegrityError as exc:
        raise DomainError(
            "You already have a mentee profile: change it with PATCH /menteeinfoupdate/.",
            code=Code.PROFILE_EXISTS,
        ) from exc


def _own_mentee_profile(user: User) -> MenteeProfile:
    profile = MenteeProfile.objects.filter(user=user).first()
    if profile is None:
        raise NotFound("You have no mentee profile yet.", code=Code.NO_PROFILE)
    return profile


def update_mentee_profile(*, user: User, team_number=_UNSET) -> MenteeProfile:
    profile = _own_mentee_profile(user)
    if team_number is not _UNSET:
        problems: list[DomainError] = []
        profile.team_number = _clean_team_number(team_number, problems)
        if problems:
            raise InvalidInput(problems)
        profile.save()
    return profile


def delete_mentee_profile(*, user: User) -> None:
    _own_mentee_profile(user).delete()


# --- Availability -------------------------------------------------------------------------------
def publish_availability(
    *, mentor: User, start_time: datetime, end_time: datetime, chunked: bool = False
) -> list[MentorAvailability]:
    """The mentor's new availability: one span (v1) or 30-minute chunks (v2), status Open.

    Rules: only mentors; start in the future; end after start; at most 7 days at once; chunked
    spans last a whole number of half hours; nothing overlaps the mentor's other availability.
    """
    if not mentor.is_mentor:
        raise Forbidden(
            "Only mentors publish availability: set is_mentor on your profile first.",
            code=Code.NOT_MENTOR,
        )
    now = clock.now()
    problems: list[DomainError] = []
    if start_time <= now:
        problems.append(
            DomainError(
                "Start time must be in the future.", code=Code.START_PAST, field="start_time"
            )
        )
    if end_time <= start_time:
        problems.append(
            DomainError(
                "End time must be after start time.", code=Code.END_BEFORE_START, field="end_time"
            )
        )
    elif end_time - start_time > MAX_AVAILABILITY_SPAN:
        problems.append(
            DomainError(
                "An availability spans at most 7 days; publish longer periods in parts.",
                code=Code.TOO_LONG,
                field="end_time",
            )
        )
    elif chunked and (end_time - start_time) % CHUNK:
        problems.append(
            DomainError(
                "Availability is stored in 30-minute chunks: the time from start to end must be "
                "a whole number of half hours.",
                code=Code.NOT_WHOLE_CHUNKS,
                field="end_time",
            )
        )
    if problems:
        raise InvalidInput(problems)
    if chunked:
        spans = []
        cursor = start_time
        while cursor < end_time:
            spans.append((cursor, cursor + CHUNK))
            cursor += CHUNK
    else:
        spans = [(start_time, end_time)]
    try:
        with transaction.atomic():
            # One writer per mentor at a time: the overlap check below then sees every span.
            list(User.objects.select_for_update().filter(pk=mentor.pk).values_list("pk"))
            clash = (
                MentorAvailability.objects.filter(
                    mentor=mentor, start_time__lt=end_time, end_time__gt=start_time
                )
                .order_by("start_time")
                .first()
            )
            if clash is not None:
                raise DomainError(
                    f"This overlaps your availability from {_utc(clash.start_time)} to "
                    f"{_utc(clash.end_time)}.",
                    code=Code.AVAILABILITY_OVERLAP,
                    field="start_time",
                )
            created = MentorAvailability.objects.bulk_create(
                [MentorAvailability(mentor=mentor, start_time=s, end_time=e) for s, e in spans]
            )
    except IntegrityError as exc:  # PostgreSQL's exclusion constraint caught a race
        raise DomainError(
            "This overlaps your availability.", code=Code.AVAILABILITY_OVERLAP, field="start_time"
        ) from exc
    if any(item.pk is None for item in created):  # backends that return no ids on bulk insert
        created = list(
            MentorAvailability.objects.filter(
                mentor=mentor, start_time__gte=start_time, end_time__lte=end_time
            ).order_by("start_time")
        )
    return created


def delete_availability(*, user: User, availability_id: int) -> None:
    """Remove one of the caller's own spans, unless a live session still needs it."""
    with transaction.atomic():
        availability = (
            MentorAvailability.objects.select_for_update()
            .filter(pk=_id_or_none(availability_id))
            .first()
        )
        if availability is None:
            raise NotFound("No availability with that id.", code=Code.NOT_FOUND)
        if availability.mentor_id != user.pk:
            raise Forbidden("This availability belongs to another mentor.", code=Code.NOT_OWNER)
        busy = (
            Session.objects.filter(
                mentor_id=user.pk,
                status__in=LIVE_STATUSES,
                start_time__lt=availability.end_time,
                end_time__gt=availability.start_time,
            )
            .filter(end_time__gt=clock.now())
            .first()
        )
        if busy is not None:
            raise DomainError(
                f"A {busy.status.lower()} session ({_utc(busy.start_time)}) uses this "
                "availability: cancel the session first.",
                code=Code.AVAILABILITY_IN_USE,
            )
        availability.delete()


def _covers(spans: list[MentorAvailability], start: datetime, end: datetime) -> bool:
    cursor = start
    for span in sorted(spans, key=lambda s: s.start_time):
        if span.start_time > cursor:
            return False
        cursor = max(cursor, span.end_time)
        if cursor >= end:
            return True
    return cursor >= end


def _refresh_statuses(spans: list[MentorAvailability]) -> None:
    """Booked while live sessions cover the whole span, Open otherwise."""
    if not spans:
        return
    mentor_id = spans[0].mentor_id
    low = min(s.start_time for s in spans)
    high = max(s.end_time for s in spans)
    busy = list(
        Session.objects.filter(
            mentor_id=mentor_id, status__in=LIVE_STATUSES, start_time__lt=high, end_time__gt=low
        )
        .order_by("start_time")
        .values_list("start_time", "end_time")
    )
    booked, opened = [], []
    for span in spans:
        cursor = span.start_time
        for s, e in busy:
            if e <= cursor or s >= span.end_time:
                continue
            if s > cursor:
                break
            cursor = max(cursor, e)
        status = AvailabilityStatus.BOOKED if cursor >= span.end_time else AvailabilityStatus.OPEN
        if status != span.status:
            (booked if status == AvailabilityStatus.BOOKED else opened).append(span.pk)
            span.status = status
    if booked:
        MentorAvailability.objects.filter(pk__in=booked).update(status=AvailabilityStatus.BOOKED)
    if opened:
        MentorAvailability.objects.filter(pk__in=opened).update(status=AvailabilityStatus.OPEN)


def _lock_spans(mentor_id: int, start: datetime, end: datetime) -> list[MentorAvailability]:
    return list(
        MentorAvailability.objects.select_for_update()
        .filter(mentor_id=mentor_id, start_time__lt=end, end_time__gt=start)
        .order_by("start_time", "pk")
    )


# --- Sessions -----------------------------------------------------------------------------------
def request_session(
    *, mentee: User, availability_id, start_time: datetime, session_length
) -> Session:
    """A mentee asks for ``session_length`` (30 or 60) minutes of a mentor, from ``start_time``.

    The session starts inside the given availability and fits inside the mentor's availability
    (a 60-minute session may run on into the next chunk); it is in the future; it overlaps no
    live session of either person. The mentor is emailed (if their settings say so).
    """
    if not mentee.is_mentee:
        raise Forbidden(
            "Only mentees request sessions: set is_mentee on your profile first.",
            code=Code.NOT_MENTEE,
        )
    if session_length not in SESSION_LENGTHS or isinstance(session_length, bool):
        raise DomainError(
            "Session length must be 30 or 60 minutes.",
            code=Code.BAD_LENGTH,
            field="session_length",
        )
    end_time = start_time + timedelta(minutes=session_length)
    try:
        with transaction.atomic():
            availability = MentorAvailability.objects.filter(
                pk=_id_or_none(availability_id)
            ).first()
            if availability is None:
                raise DomainError(
                    "No availability with that id.",
                    code=Code.UNKNOWN_AVAILABILITY,
                    field="mentor_availability",
                )
            mentor = User.objects.get(pk=availability.mentor_id)
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
            if start_time <= clock.now():
                raise DomainError(
                    "Start time must be in the future.", code=Code.START_PAST, field="start_time"
                )
            if not availability.start_time <= start_time < availability.end_time:
                raise DomainError(
                    f"Start time must be inside the availability ({_utc(availability.start_time)}"
                    f" to {_utc(availability.end_time)}).",
                    code=Code.OUTSIDE_AVAILABILITY,
                    field="start_time",
                )
            spans = _lock_spans(mentor.pk, start_time, end_time)
            if not _covers(spans, start_time, end_time):
                raise DomainError(
                    f"A {session_length}-minute session from {_utc(start_time)} does not fit in "
                    "the mentor's availability.",
                    code=Code.OUTSIDE_AVAILABILITY,
                    field="session_length",
                )
            people = sorted({mentor.pk, mentee.pk})
            list(User.objects.select_for_update().filter(pk__in=people).values_list("pk"))
            clash = (
                Session.objects.filter(
                    status__in=LIVE_STATUSES, start_time__lt=end_time, end_time__gt=start_time
                )
                .filter(Q(mentor_id__in=people) | Q(mentee_id__in=people))
                .first()
            )
            if clash is not None:
                mentor_busy = mentor.pk in (clash.mentor_id, clash.mentee_id)
                raise DomainError(
                    "The mentor already has a session at that time."
                    if mentor_busy
                    else "You already have a session at that time.",
                    code=Code.SESSION_OVERLAP,
                    field="start_time",
                )
            session = Session.objects.create(
                mentor_availability=availability,
                mentor=mentor,
                mentee=mentee,
                start_time=start_time,
                end_time=end_time,
                session_length=session_length,
                status=SessionStatus.PENDING,
            )
            _refresh_statuses(spans)
            emails.queue_session_requested(session)
    except IntegrityError as exc:  # PostgreSQL's exclusion constraint caught a race
        raise DomainError(
            "Someone else booked that time just now.", code=Code.SESSION_OVERLAP, field="start_time"
        ) from exc
    return session


def _participant_session(user: User, session_id) -> Session:
    session = (
        Session.objects.filter(pk=_id_or_none(session_id))
        .filter(Q(mentor=user) | Q(mentee=user))
        .first()
    )
    if session is None:
        raise NotFound("No session with that id.", code=Code.NOT_FOUND)
    return session


def _locked(user: User, session_id) -> tuple[Session, list[MentorAvailability]]:
    """Lock order everywhere: the mentor's availability rows, then the session row."""
    found = _participant_session(user, session_id)
    spans = _lock_spans(found.mentor_id, found.start_time, found.end_time)
    session = Session.objects.select_for_update().get(pk=found.pk)
    return session, spans


def confirm_session(*, user: User, session_id) -> Session:
    """The mentor accepts a pending session; the mentee is told and reminders are scheduled."""
    with transaction.atomic():
        session, _ = _locked(user, session_id)
        if session.mentor_id != user.pk:
            raise Forbidden("Only the mentor can confirm a session.", code=Code.NOT_MENTOR)
        if session.status != SessionStatus.PENDING:
            raise DomainError(
                f"Only a pending session can be confirmed; this one is {session.status}.",
                code=Code.BAD_TRANSITION,
                field="status",
            )
        now = clock.now()
        if session.start_time <= now:
            raise DomainError(
                "The session has already started.", code=Code.ALREADY_STARTED, field="status"
            )
        session.status = SessionStatus.CONFIRMED
        session.confirmed_at = now
        session.sequence += 1
        session.save(update_fields=["status", "confirmed_at", "sequence"])
        _schedule_reminders(session, now)
        emails.queue_session_confirmed(session)
    return session


def _schedule_reminders(session: Session, now: datetime) -> None:
    """Rows for 60 and 15 minutes before, for both people; a due time already past is skipped."""
    rows = [
        SessionReminder(
            session=session, recipient_id=person, kind=kind, due_at=session.start_time - lead
        )
        for person in (session.mentor_id, session.mentee_id)
        for kind, lead in REMINDER_LEADS.items()
        if session.start_time - lead > now
    ]
    SessionReminder.objects.bulk_create(rows)


def cancel_session(*, user: User, session_id) -> Session:
    """Either side cancels a pending or confirmed session before it starts; its time is freed."""
    with transaction.atomic():
        session, spans = _locked(user, session_id)
        if session.status not in LIVE_STATUSES:
            raise DomainError(
                f"Only a pending or confirmed session can be canceled; this one is "
                f"{session.status}.",
                code=Code.BAD_TRANSITION,
                field="status",
            )
        now = clock.now()
        if session.start_time <= now:
            raise DomainError(
                "A session can only be canceled before it starts.",
                code=Code.ALREADY_STARTED,
                field="status",
            )
        session.status = SessionStatus.CANCELED
        session.canceled_at = now
        session.canceled_by = user
        session.sequence += 1
        session.save(update_fields=["status", "canceled_at", "canceled_by", "sequence"])
        SessionReminder.objects.filter(session=session, sent_at__isnull=True).update(canceled=True)
        cancel_pending(key_prefix=f"{emails.key_prefix(session)}reminder:")
        _refresh_statuses(spans)
        emails.queue_session_canceled(session, by=user)
    return session


def change_session_status(*, user: User, session_id, status) -> Session:
    """PATCH /sessionrequest/<pk>: "Confirmed" (the mentor) or "Canceled" (either side)."""
    value = status.strip().lower() if isinstance(status, str) else ""
    if value == "confirmed":
        return confirm_session(user=user, session_id=session_id)
    if value in ("canceled", "cancelled"):
        return cancel_session(user=user, session_id=session_id)
    _participant_session(user, session_id)  # a stranger learns nothing about the session
    if value == "pending":
        raise DomainError(
            "A session cannot go back to Pending.", code=Code.BAD_TRANSITION, field="status"
        )
    raise DomainError(
        f'"{status}" is not a valid status: use "Confirmed" or "Canceled".',
        code=Code.BAD_STATUS,
        field="status",
    )


# --- Reminders ----------------------------------------------------------------------------------
def send_due_reminders(*, limit: int = 500) -> int:
    """Send every reminder that is due; returns how many were sent.

    Each row is claimed with a conditional UPDATE (``sent_at`` from NULL), so two runs at once
    never both handle it. Just before sending it is checked again: a session no longer
    confirmed, a reminder the recipient turned off, or one found more than
    MENTORING_REMINDER_GRACE_SECONDS late (or after the start) sends nothing.
    """
    now = clock.now()
    due = list(
        SessionReminder.objects.filter(sent_at__isnull=True, canceled=False, due_at__lte=now)
        .order_by("due_at", "pk")
        .values_list("pk", "session_id")[:limit]
    )
    return sum(_send_reminder(pk, session_id) for pk, session_id in due)


def _send_reminder(reminder_id: int, session_id: int) -> bool:
    with transaction.atomic():
        # Same order as cancel_session (session, then reminder): a cancel either comes first
        # (and this finds the row canceled) or waits until this reminder is handled.
        session = Session.objects.select_for_update().filter(pk=session_id).first()
        now = clock.now()
        claimed = SessionReminder.objects.filter(
            pk=reminder_id, sent_at__isnull=True, canceled=False
        ).update(sent_at=now)
        if not claimed or session is None:
            return False
        reminder = SessionReminder.objects.select_related("recipient").get(pk=reminder_id)
        grace = timedelta(seconds=settings.MENTORING_REMINDER_GRACE_SECONDS)
        if session.status != SessionStatus.CONFIRMED:
            outcome = SessionReminder.Outcome.NOT_CONFIRMED
        elif now > reminder.due_at + grace or now >= session.start_time:
            outcome = SessionReminder.Outcome.TOO_LATE
        elif not emails.wants(reminder.recipient, f"{reminder.kind}_minute_alert"):
            outcome = SessionReminder.Outcome.SETTING_OFF
        else:
            emails.queue_reminder(session, reminder)
            outcome = SessionReminder.Outcome.SENT
        SessionReminder.objects.filter(pk=reminder_id).update(outcome=outcome)
    return outcome == SessionReminder.Outcome.SENT
