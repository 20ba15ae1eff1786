"""Writes on scheduling rounds. Every rule of calendars, invitations, answers and finalizing.

Windows arrive as `SlotInput`: wall-clock (naive) datetimes read in the calendar's time zone, or
aware datetimes taken as they are. They are stored in UTC.
"""

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from accounts.models import User
from accounts.validators import validate_time_zone
from contacts.models import Contact
from contacts.services import add_user_as_contact
from core import clock, intervals
from core.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    NotFound,
    RateLimited,
)
from core.ids import row_id
from scheduling import emails, rules, selectors, timeutils
from scheduling.errors import Code
from scheduling.models import AvailabilityWindow, Calendar, Invitation, Meeting
from scheduling.suggestions import suggest_schedules
from scheduling.tokens import hash_token, new_nonce, token_for

NAME_MAX = 150


@dataclass(frozen=True)
class SlotInput:
    start: dt.datetime
    end: dt.datetime
    preference: int
    name: str = ""


@dataclass(frozen=True)
class MeetingInput:
    """One meeting of a schedule: the invitee by contact id or (``contact_id=None``) user id."""

    contact_id: int | None
    start: dt.datetime
    end: dt.datetime
    user_id: int | None = None


# --- Checks --------------------------------------------------------------------------------------
def _instant(value: dt.datetime, tz) -> dt.datetime:
    if value.tzinfo is None:
        return timeutils.local_instant(value.date(), value.time(), tz)
    return value.astimezone(dt.UTC)


def _check_windows(
    slots: Iterable[SlotInput], *, tz, field: str, problems: list[DomainError]
) -> list[tuple[dt.datetime, dt.datetime, int, str]]:
    """Each slot as (start UTC, end UTC, preference, name); problems are collected."""
    now = clock.now()
    today = now.astimezone(tz).date()
    result = []
    for slot in slots:
        if slot.preference not in (1, 2, 3) or isinstance(slot.preference, bool):
            problems.append(
                DomainError(
                    "Preference level must be either 1, 2, or 3 (3 being highest preference).",
                    code=Code.PREFERENCE_RANGE,
                    field=field,
                )
            )
            continue
        start, end = _instant(slot.start, tz), _instant(slot.end, tz)
        if end <= start:
            problems.append(
                DomainError(
                    "End time must be after start time.", code=Code.END_BEFORE_START, field=field
                )
            )
            continue
        if start.astimezone(tz).date() < today or end <= now:
            problems.append(
                DomainError("Available date cannot be in the past.", code=Code.PAST, field=field)
            )
            continue
        result.append((start, end, slot.preference, (slot.name or "")[:NAME_MAX]))
    return result


def _check_deadline(deadline: dt.datetime | None, tz, problems, *, field="deadline"):
    if deadline is None:
        return None
    instant = _instant(deadline, tz)
    if rules.deadline_passed(instant, now=clock.now()):
        problems.append(DomainError("Deadline cannot be in the past", code=Code.PAST, field=field))
    return instant


def _check_name(name, problems, *, required: bool):
    if name is None:
        if required:
            problems.append(
                DomainError("This field is required.", code=Code.REQUIRED, field="name")
            )
        return
    if not name.strip():
        problems.append(DomainError("This field may not be blank.", code=Code.BLANK, field="name"))
    elif len(name) > NAME_MAX:
        problems.append(
            DomainError(
                f"Ensure this field has no more than {NAME_MAX} characters.",
                code=Code.MAX_LENGTH,
                field="name",
            )
        )


def _owned_contacts(owner: User, contact_ids: Sequence[int], problems, *, field: str):
    ids = list(dict.fromkeys(row_id(c) for c in contact_ids))  # None: no such contact
    found = {c.pk: c for c in Contact.objects.filter(pk__in=ids)}
    contacts = []
    for contact_id in ids:
        contact = found.get(contact_id)
        if contact is None:
            problems.append(
                DomainError("Contact does not exist", code=Code.CONTACT_NOT_FOUND, field=field)
            )
        elif contact.owner_id != owner.pk:
            problems.append(
                DomainError("Invalid contact id", code=Code.CONTACT_NOT_OWNED, field=field)
            )
        else:
            contacts.append(contact)
    return contacts


def _row_ids(values) -> list[int]:
    """The values that can name a row (the others name none, so there is nothing to remove)."""
    return [found for found in map(row_id, values) if found is not None]


def _raise_if(problems):
    if problems:
        raise InvalidInput(problems)


def _check_dates(start_date, end_date, problems) -> None:
    if start_date and end_date and end_date < start_date:
        problems.append(
            DomainError(
                "End date must not be before start date.",
                code=Code.END_BEFORE_START,
                field="end_date",
            )
        )


def _check_within_dates(calendar: Calendar, windows, tz, problems, *, field) -> None:
    """Windows of a calendar with start and end dates stay inside those (local) days."""
    first = None
    if calendar.start_date:
        first = timeutils.local_instant(calendar.start_date, dt.time(0), tz)
    last = timeutils.end_of_local_day(calendar.end_date, tz) if calendar.end_date else None
    for start, end, *_ in windows:
        # A date left open does not bound that side: the window's own end stands in for it.
        if not intervals.covers([(first or start, last or end)], start, end):
            problems.append(
                DomainError(
                    f"Availability must lie between the calendar's start date "
                    f"({calendar.start_date}) and end date ({calendar.end_date}).",
                    code=Code.OUTSIDE_DATES,
                    field=field,
                )
            )


# --- Invitations ---------------------------------------------------------------------------------
def _nudge_due(deadline: dt.datetime | None) -> dt.datetime | None:
    return rules.nudge_due(
        deadline, now=clock.now(), lead=timedelta(hours=settings.INVITATION_NUDGE_HOURS)
    )


def _invite(calendar: Calendar, contacts: Iterable[Contact], *, deadline=None) -> list[Invitation]:
    invitations = []
    for contact in contacts:
        nonce = new_nonce()
        invitation = Invitation(
            calendar=calendar,
            contact=contact,
            token_nonce=nonce,
            token_hash=hash_token(token_for(nonce)),
            deadline=deadline,
        )
        invitation.copy_invitee(contact)
        invitation.nudge_due_at = _nudge_due(rules.effective_deadline(invitation, calendar))
        invitation.save(force_insert=True)
        emails.queue_invitation(invitation)
        invitations.append(invitation)
    return invitations


# --- Calendars -----------------------------------------------------------------------------------
def _check_time_zone(name: str, problems: list[DomainError], *, field="time_zone") -> str:
    """The IANA name, or UTC (to go on checking the rest) with a problem on ``field``."""
    try:
        validate_time_zone(name)
    except ValidationError as exc:
        problems.append(DomainError(exc.messages[0], code=Code.TIME_ZONE_INVALID, field=field))
        return "UTC"
    return name


def create_calendar(
    *,
    owner: User,
    name: str,
    description: str = "",
    deadline: dt.datetime | None = None,
    invitee_contact_ids: Sequence[int] = (),
    slots: Sequence[SlotInput] = (),
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    meeting_minutes: int = 30,
    gap_minutes: int = 0,
    grid_minutes: int = 15,
    time_zone: str | None = None,
    invitee_field: str = "invitees",
    slots_field: str = "available_slots",
) -> Calendar:
    """A new round with the owner's availability; every invitee gets their link by email."""
    problems: list[DomainError] = []
    time_zone = _check_time_zone(time_zone or owner.time_zone or "UTC", problems)
    tz = timeutils.zone(time_zone)
    _check_name(name, problems, required=True)
    deadline = _check_deadline(deadline, tz, problems)
    _check_dates(start_date, end_date, problems)
    if not 1 <= meeting_minutes <= 1440:
        problems.append(
            DomainError(
                "Meeting length must be 1 to 1440 minutes.",
                code=Code.INVALID,
                field="meeting_minutes",
            )
        )
    if gap_minutes < 0:
        problems.append(
            DomainError("Gap must not be negative.", code=Code.INVALID, field="gap_minutes")
        )
    if grid_minutes < 1 or 1440 % grid_minutes:
        problems.append(
            DomainError(
                "Grid must divide a day (5, 10, 15, 30, 60 ...).",
                code=Code.INVALID,
                field="grid_minutes",
            )
        )
    contacts = _owned_contacts(owner, invitee_contact_ids, problems, field=invitee_field)
    windows = _check_windows(slots, tz=tz, field=slots_field, problems=problems)
    _raise_if(problems)
    with transaction.atomic():
        calendar = Calendar.objects.create(
            owner=owner,
            name=name.strip(),
            description=description or "",
            deadline=deadline,
            start_date=start_date,
            end_date=end_date,
            meeting_minutes=meeting_minutes,
            gap_minutes=gap_minutes,
            grid_minutes=grid_minutes,
            time_zone=time_zone,
        )
        AvailabilityWindow.objects.bulk_create(
            AvailabilityWindow(calendar=calendar, start=s, end=e, preference=p, name=n)
            for s, e, p, n in windows
        )
        _invite(calendar, contacts)
    return calendar


def update_calendar(
    *,
    owner: User,
    calendar_id: int,
    name: str | None = None,
    description: str | None = None,
    deadline: dt.datetime | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    add_invitee_contact_ids: Sequence[int] = (),
    remove_invitee_contact_ids: Sequence[int] = (),
    add_slots: Sequence[SlotInput] = (),
    remove_window_ids: Sequence[int] = (),
) -> Calendar:
    """Edit a round that is not finalized. New invitees get their link; removed ones lose it.

    Removing invitees or windows that are not in this calendar is ignored (seed 001).
    """
    with transaction.atomic():
        calendar = selectors.owned_calendar(
            owner=owner, calendar_id=calendar_id, queryset=Calendar.objects.select_for_update()
        )
        rules.refuse_if_finalized(calendar)
        tz = timeutils.zone(calendar.time_zone)
        problems: list[DomainError] = []
        if name is not None:
            _check_name(name, problems, required=False)
        new_deadline = _check_deadline(deadline, tz, problems)
        contacts = _owned_contacts(owner, add_invitee_contact_ids, problems, field="add_invitees")
        invited = set(
            calendar.invitations.filter(contact__in=contacts).values_list("contact_id", flat=True)
        )
        # An account invited through an entry that was removed since is still invited.
        invited_users = set(
            calendar.invitations.filter(
                user__in=[c.user_id for c in contacts if c.user_id]
            ).values_list("user_id", flat=True)
        )
        for contact in contacts:
            if contact.pk in invited or contact.user_id in invited_users:
                problems.append(
                    DomainError(
                        "This contact is already invited.",
                        code=Code.ALREADY_INVITED,
                        field="add_invitees",
                    )
                )
        windows = _check_windows(add_slots, tz=tz, field="add_availabilities", problems=problems)
        _check_dates(
            start_date if start_date is not None else calendar.start_date,
            end_date if end_date is not None else calendar.end_date,
            problems,
        )
        _raise_if(problems)

        if name is not None:
            calendar.name = name.strip()
        if description is not None:
            calendar.description = description
        if start_date is not None:
            calendar.start_date = start_date
        if end_date is not None:
            calendar.end_date = end_date
        if new_deadline is not None:
            calendar.deadline = new_deadline
            # The automatic nudge follows the deadline (invitees with their own keep theirs).
            for invitation in calendar.invitations.filter(
                deadline__isnull=True, nudged_at__isnull=True
            ):
                invitation.nudge_due_at = _nudge_due(rules.effective_deadline(invitation, calendar))
                invitation.save(update_fields=["nudge_due_at"])
        calendar.save()
        if remove_invitee_contact_ids:
            calendar.invitations.filter(
                contact_id__in=_row_ids(remove_invitee_contact_ids)
            ).delete()
        if remove_window_ids:
            calendar.windows.filter(
                invitation__isnull=True, pk__in=_row_ids(remove_window_ids)
            ).delete()
        AvailabilityWindow.objects.bulk_create(
            AvailabilityWindow(calendar=calendar, start=s, end=e, preference=p, name=n)
            for s, e, p, n in windows
        )
        _invite(calendar, [c for c in contacts if c.pk not in invited])
    return calendar


def delete_calendar(*, owner: User, calendar_id: int) -> None:
    calendar = selectors.owned_calendar(owner=owner, calendar_id=calendar_id)
    calendar.delete()


# --- Reminders -----------------------------------------------------------------------------------
def remind_invitee(*, owner: User, calendar_id: int, contact_id: int) -> Invitation:
    """Email one invitee who has not answered their link again; at most once an interval."""
    calendar = selectors.owned_calendar(owner=owner, calendar_id=calendar_id)
    contact_id = row_id(contact_id)
    if contact_id is None or not Contact.objects.filter(pk=contact_id).exists():
        raise NotFound("Contact does not exist.", code=Code.CONTACT_NOT_FOUND)
    invitation = Invitation.objects.filter(calendar=calendar, contact_id=contact_id).first()
    if invitation is None:
        raise NotFound("Contact is not an invitee of this calendar.", code=Code.NOT_INVITED)
    rules.refuse_if_finalized(calendar)
    if invitation.has_answered:
        raise Conflict(
            f"{invitation.full_name} has already responded.", code=Code.ALREADY_RESPONDED
        )
    now = clock.now()
    rules.refuse_if_deadline_passed(invitation, calendar, now=now)
    interval = timedelta(minutes=settings.REMINDER_MIN_INTERVAL_MINUTES)
    with transaction.atomic():
        claimed = (
            Invitation.objects.filter(pk=invitation.pk)
            .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=now - interval))
            .update(last_reminded_at=now)
        )
        if not claimed:
            invitation.refresh_from_db(fields=["last_reminded_at"])
            wait = int((invitation.last_reminded_at + interval - now).total_seconds()) + 1
            raise RateLimited(
                f"{invitation.full_name} was reminded less than "
                f"{settings.REMINDER_MIN_INTERVAL_MINUTES} minutes ago; try again in "
                f"{(wait + 59) // 60} minutes.",
                retry_after=wait,
                code=Code.THROTTLED,
            )
        invitation.calendar = calendar
        emails.queue_reminder(invitation, occasion=now.isoformat(), automatic=False)
    return invitation


def send_due_nudges(*, limit: int = 500) -> int:
    """Send the automatic nudge of every invitation that is due and still unanswered. Once each.

    Each row is claimed with a conditional UPDATE, so two runs at once send it once. Re-checked at
    sending: answered, finalized or past-deadline invitations are skipped.
    """
    now = clock.now()
    due = list(
        Invitation.objects.filter(nudge_due_at__lte=now, nudged_at__isnull=True).values_list(
            "pk", flat=True
        )[:limit]
    )
    sent = 0
    for pk in due:
        with transaction.atomic():
            # Only the row's own columns in the claim: PostgreSQL re-checks those when two
            # runs race for the row (a condition through a join would not be re-checked).
            claimed = Invitation.objects.filter(
                pk=pk, nudged_at__isnull=True, responded_at__isnull=True
            ).update(nudged_at=now)
            if not claimed:
                Invitation.objects.filter(pk=pk, nudged_at__isnull=True).update(nudge_due_at=None)
                continue
            invitation = Invitation.objects.select_related("calendar__owner").get(pk=pk)
            deadline = rules.effective_deadline(invitation)
            if (
                rules.is_finalized(invitation.calendar)
                or deadline is None
                or rules.deadline_passed(deadline, now=now)
            ):
                continue
            emails.queue_reminder(invitation, occasion=deadline.isoformat(), automatic=True)
            sent += 1
    return sent


# --- Answers -------------------------------------------------------------------------------------
def submit_answer(*, calendar_id: int, token: str, slots: Sequence[SlotInput]) -> Invitation:
    """An invitee's availability, through their link: once, before the deadline and finalizing."""
    invitation = selectors.invitation_by_token(calendar_id=calendar_id, token=token)
    calendar = invitation.calendar
    now = clock.now()
    if rules.is_finalized(calendar):
        raise DomainError("Calendar has been finalized", code=Code.FINALIZED)
    if rules.answers_due_passed(invitation, calendar, now=now):
        raise DomainError("Deadline has passed", code=Code.DEADLINE_PASSED)
    if invitation.has_answered:
        raise DomainError("Already responded", code=Code.ALREADY_RESPONDED)
    tz = timeutils.zone(calendar.time_zone)
    problems: list[DomainError] = []
    windows = _check_windows(slots, tz=tz, field="availability", problems=problems)
    _raise_if(problems)
    with transaction.atomic():
        # Lock the calendar row: an answer and a finalize of the same calendar never interleave.
        locked = Calendar.objects.select_for_update().only("finalized").get(pk=calendar.pk)
        if rules.is_finalized(locked):
            raise DomainError("Calendar has been finalized", code=Code.FINALIZED)
        claimed = Invitation.objects.filter(pk=invitation.pk, responded_at__isnull=True).update(
            responded_at=now, accepted=True
        )
        if not claimed:
            raise DomainError("Already responded", code=Code.ALREADY_RESPONDED)
        emails.withdraw_reminders(invitation)
        AvailabilityWindow.objects.bulk_create(
            AvailabilityWindow(
                calendar=calendar, invitation=invitation, start=s, end=e, preference=p, name=n
            )
            for s, e, p, n in windows
        )
    invitation.responded_at = now
    return invitation


# --- Finalizing ----------------------------------------------------------------------------------
def _covered(start, end, windows) -> bool:
    """True when [start, end) lies inside the union of the windows."""
    return intervals.covers([(w.start, w.end) for w in windows], start, end)


def _check_schedule(
    *, calendar: Calendar, owner: User, meetings: Sequence[MeetingInput], field: str
) -> list[tuple[Invitation, dt.datetime, dt.datetime]]:
    """The rules every schedule meets, draft or final; returns the meetings in time order.

    ``calendar`` comes from selectors.calendar_with_everything. Each meeting lies inside the
    owner's availability and, for an invitee who answered, inside theirs (one who did not may be
    placed anywhere in the owner's); only invitees of this calendar, each at most once; no two
    meetings closer than the gap, and none overlapping the owner's final meetings elsewhere.
    """
    tz = timeutils.zone(calendar.time_zone)
    invitations = list(calendar.invitations.all())
    by_contact = {i.contact_id: i for i in invitations if i.contact_id is not None}
    by_user = {i.user_id: i for i in reversed(invitations) if i.user_id}
    known = set(
        Contact.objects.filter(
            pk__in=[m.contact_id for m in meetings if m.contact_id is not None], owner=owner
        ).values_list("pk", flat=True)
    )
    problems: list[DomainError] = []
    planned: list[tuple[Invitation, dt.datetime, dt.datetime]] = []
    seen: set[int] = set()
    for item in meetings:
        if item.contact_id is None:
            invitation = by_user.get(item.user_id)
            if invitation is None:
                problems.append(
                    DomainError(
                        f"User not invited to calendar: {item.user_id}.",
                        code=Code.NOT_INVITED,
                        field=field,
                    )
                )
                continue
        else:
            if item.contact_id not in known:
                problems.append(
                    DomainError(
                        f"Invalid contact id {item.contact_id}.",
                        code=Code.CONTACT_NOT_FOUND,
                        field=field,
                    )
                )
                continue
            invitation = by_contact.get(item.contact_id)
            if invitation is None:
                problems.append(
                    DomainError(
                        f"Contact not invited to calendar: {item.contact_id}.",
                        code=Code.NOT_INVITED,
                        field=field,
                    )
                )
                continue
        if invitation.pk in seen:
            problems.append(
                DomainError(
                    f"{invitation.full_name} is scheduled more than once.",
                    code=Code.DUPLICATE,
                    field=field,
                )
            )
            continue
        seen.add(invitation.pk)
        start, end = _instant(item.start, tz), _instant(item.end, tz)
        name = invitation.full_name
        if end <= start:
            problems.append(
                DomainError(
                    f"Invalid meeting time for contact: {name}: the end must be after the start.",
                    code=Code.END_BEFORE_START,
                    field=field,
                )
            )
            continue
        if not _covered(start, end, calendar.owner_windows):
            problems.append(
                DomainError(
                    f"Invalid meeting time for contact: {name}: outside your availability.",
                    code=Code.OUTSIDE_OWNER,
                    field=field,
                )
            )
            continue
        if invitation.has_answered and not _covered(start, end, invitation.answer_windows):
            problems.append(
                DomainError(
                    f"Invalid meeting time for contact: {name}: outside their availability.",
                    code=Code.OUTSIDE_INVITEE,
                    field=field,
                )
            )
            continue
        planned.append((invitation, start, end))
    gap = timedelta(minutes=calendar.gap_minutes)
    ordered = sorted(planned, key=lambda p: p[1])
    for (first, first_start, first_end), (second, second_start, second_end) in itertools.pairwise(
        ordered
    ):
        if intervals.overlaps(first_start, first_end + gap, second_start, second_end):
            problems.append(
                DomainError(
                    f"Meeting times overlap: {first.full_name} and "
                    f"{second.full_name}"
                    + (f" (with the {calendar.gap_minutes}-minute gap)." if gap else "."),
                    code=Code.OVERLAP,
                    field=field,
                )
            )
    others = (
        selectors.final_meetings_elsewhere(
            calendar=calendar, start=ordered[0][1], end=max(end for *_, end in ordered)
        )
        if ordered
        else []
    )
    for other in others:
        for invitation, start, end in planned:
            if intervals.overlaps(start, end, other.start, other.end):
                problems.append(
                    DomainError(
                        f"Meeting times overlap: {invitation.full_name}'s meeting overlaps "
                        "one of your meetings in another calendar.",
                        code=Code.OVERLAP,
                        field=field,
                    )
                )
    _raise_if(problems)
    return ordered


def rule_broken(exc: IntegrityError, *, field: str | None = None) -> DomainError:
    """The rule a database constraint refused, as the domain error a user can act on.

    The constraint's name comes from PostgreSQL's diagnostics or from SQLite's message. Only a
    race that slipped past the service's own checks gets here; each constraint keeps its meaning
    (an overlap is not "already finalized", a duplicate invitation is not an overlap).
    """
    cause = exc.__cause__
    diag = getattr(cause, "diag", None)
    name = (getattr(diag, "constraint_name", None) or "").lower()
    text = f"{name} {exc}".lower()
    if "meeting_owner_no_overlap" in text:
        return DomainError(
            "Meeting times overlap: a meeting overlaps one of your meetings in another calendar.",
            code=Code.OVERLAP,
            field=field,
        )
    if "meeting_once_per_invitation" in text or (
        "scheduling_meeting.invitation_id" in text and "unique" in text
    ):
        return rules.finalized_refusal(again=True)
    if "invitation_once" in text or (
        "scheduling_invitation.calendar_id" in text and "unique" in text
    ):
        return DomainError(
            "This contact is already invited.", code=Code.ALREADY_INVITED, field=field
        )
    if "meeting_end_after_start" in text:
        return DomainError(
            "Invalid meeting time: the end must be after the start.",
            code=Code.END_BEFORE_START,
            field=field,
        )
    if "foreign key" in text:
        return Conflict(
            "An invitee or the calendar changed meanwhile; reload and try again.",
            code=Code.CHANGED_MEANWHILE,
        )
    return Conflict("This change conflicts with existing data.", code=Code.CONFLICT)


def _finalize(
    *,
    owner: User,
    calendar_id: int,
    meetings: Sequence[MeetingInput] | None,
    field: str,
) -> list[Meeting]:
    """Check and write in one transaction, holding the owner's lock and the calendar's.

    The owner's row is locked first (FOR NO KEY UPDATE on PostgreSQL, so rows that merely point
    at the user are not blocked; on SQLite the IMMEDIATE transaction already holds the write
    lock), so two finalizes of one owner's rounds run one after the other and each checks the
    meetings the other wrote. Then the calendar's row: answers, invitation changes and draft
    edits of this round wait for it. The checks read the state as it is under those locks.

    ``meetings=None`` finalizes the current draft, read under the locks; it may be empty.
    """
    try:
        with transaction.atomic():
            User.objects.select_for_update(no_key=True).filter(pk=owner.pk).values_list(
                "pk", flat=True
            ).first()
            selectors.owned_calendar(
                owner=owner,
                calendar_id=calendar_id,
                queryset=Calendar.objects.select_for_update().only("pk", "owner_id"),
            )
            calendar = selectors.calendar_with_everything(owner=owner, calendar_id=calendar_id)
            rules.refuse_if_finalized(calendar, again=True)
            if meetings is None:
                meetings = [
                    MeetingInput(
                        m.invitation.contact_id, m.start, m.end, user_id=m.invitation.user_id
                    )
                    for m in calendar.meetings.filter(status=Meeting.Status.DRAFT).select_related(
                        "invitation"
                    )
                ]
            elif not meetings:
                raise DomainError("Choose at least one meeting.", code=Code.REQUIRED, field=field)
            ordered = _check_schedule(
                calendar=calendar, owner=owner, meetings=meetings, field=field
            )
            won = Calendar.objects.filter(pk=calendar.pk, finalized=False).update(
                finalized=True, finalized_at=clock.now()
            )
            if not won:
                raise rules.finalized_refusal(again=True)
            calendar.meetings.all().delete()  # drafts
            created = Meeting.objects.bulk_create(
                Meeting(
                    calendar=calendar,
                    invitation=invitation,
                    owner=owner,
                    start=start,
                    end=end,
                    status=Meeting.Status.FINAL,
                )
                for invitation, start, end in ordered
            )
            for meeting, (invitation, _, _) in zip(created, ordered, strict=True):
                meeting.invitation = invitation
            calendar.finalized = True
            if created:  # an empty schedule (seed 003) has nothing to announce
                emails.queue_finalized(calendar, created)
    except IntegrityError as exc:  # a constraint caught what the checks above did not
        raise rule_broken(exc, field=field) from exc
    return created


def finalize_calendar(
    *, owner: User, calendar_id: int, meetings: Sequence[MeetingInput]
) -> list[Meeting]:
    """Make a schedule final: checked, written in one transaction, announced by email.

    The checks are ``_check_schedule``'s (the same for drafts). Of two finalize requests at once
    exactly one wins.
    """
    return _finalize(
        owner=owner, calendar_id=calendar_id, meetings=list(meetings), field="finalized_schedule"
    )


def finalize_draft(*, owner: User, calendar_id: int) -> list[Meeting]:
    """Make the current draft schedule final, through the same checks as finalize_calendar.

    Seed 003's finalize "does not require any input": without a draft (none generated, or it
    was deleted) the round is finalized with an empty schedule. The draft is re-checked, so a
    draft that no longer fits (a window removed since, a meeting finalized elsewhere) is
    refused and nothing changes.
    """
    return _finalize(owner=owner, calendar_id=calendar_id, meetings=None, field="schedule")


# --- Draft schedules (seed 003) ------------------------------------------------------------------
def _replace_draft(
    calendar: Calendar, owner: User, ordered: Sequence[tuple[Invitation, dt.datetime, dt.datetime]]
) -> list[Meeting]:
    with transaction.atomic():
        locked = Calendar.objects.select_for_update().only("finalized").get(pk=calendar.pk)
        rules.refuse_if_finalized(locked)
        calendar.meetings.filter(status=Meeting.Status.DRAFT).delete()
        created = Meeting.objects.bulk_create(
            Meeting(
                calendar=calendar,
                invitation=invitation,
                owner=owner,
                start=start,
                end=end,
                status=Meeting.Status.DRAFT,
            )
            for invitation, start, end in ordered
        )
    for meeting, (invitation, _, _) in zip(created, ordered, strict=True):
        meeting.invitation = invitation
    return created


def generate_draft_schedule(*, owner: User, calendar_id: int) -> list[Meeting]:
    """Replace the draft with the optimizer's best schedule over the invitees who answered.

    Seed 003 lists no refusal here: invitees who have not answered yet are simply left out
    (seed 001's "no suggestions until everyone answered" is that seed's rule alone). With
    nobody answered the draft is empty.
    """
    calendar = selectors.calendar_with_everything(owner=owner, calendar_id=calendar_id)
    rules.refuse_if_finalized(calendar)
    invitations = list(calendar.invitations.all())
    busy = [(m.start, m.end) for m in selectors.other_final_meetings(calendar=calendar)]
    schedules = suggest_schedules(
        calendar=calendar,
        owner_windows=calendar.owner_windows,
        invitations=invitations,
        busy=busy,
        count=1,
        wait_for_everyone=False,
    )
    best = schedules[0].meetings if schedules else []
    return _replace_draft(
        calendar, owner, sorted(((m.invitation, m.start, m.end) for m in best), key=lambda p: p[1])
    )


def set_draft_schedule(
    *, owner: User, calendar_id: int, meetings: Sequence[MeetingInput]
) -> list[Meeting]:
    """The owner's own draft (an edited suggestion), checked like a final schedule."""
    calendar = selectors.calendar_with_everything(owner=owner, calendar_id=calendar_id)
    rules.refuse_if_finalized(calendar)
    ordered = _check_schedule(calendar=calendar, owner=owner, meetings=meetings, field="schedule")
    return _replace_draft(calendar, owner, ordered)


def delete_draft_schedule(*, owner: User, calendar_id: int) -> None:
    with transaction.atomic():
        calendar = selectors.owned_calendar(
            owner=owner, calendar_id=calendar_id, queryset=Calendar.objects.select_for_update()
        )
        rules.refuse_if_finalized(calendar)
        calendar.meetings.filter(status=Meeting.Status.DRAFT).delete()


# --- Invitees who are users (seeds 003 and 004) --------------------------------------------------
def invite_user(
    *,
    owner: User,
    calendar_id: int,
    user_id: int,
    deadline: dt.datetime | None = None,
    field: str = "invitee",
) -> Invitation:
    """Invite an account: through the owner's contact entry for it (created if missing)."""
    with transaction.atomic():
        calendar = selectors.owned_calendar(
            owner=owner, calendar_id=calendar_id, queryset=Calendar.objects.select_for_update()
        )
        rules.refuse_if_finalized(calendar)
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            raise DomainError("User does not exist.", code=Code.USER_NOT_FOUND, field=field)
        if user.pk == owner.pk:
            raise DomainError("You cannot invite yourself.", code=Code.SELF, field=field)
        problems: list[DomainError] = []
        deadline = _check_deadline(deadline, timeutils.zone(calendar.time_zone), problems)
        _raise_if(problems)
        contact = add_user_as_contact(owner=owner, user=user)
        if calendar.invitations.filter(Q(contact=contact) | Q(user=user)).exists():
            raise DomainError(
                "This user is already invited.", code=Code.ALREADY_INVITED, field=field
            )
        [invitation] = _invite(calendar, [contact], deadline=deadline)
    return invitation


def _owned_invitation(owner: User, calendar_id, invitation_id):
    invitation = selectors.owned_invitation(
        owner=owner,
        calendar_id=calendar_id,
        invitation_id=invitation_id,
        queryset=Calendar.objects.select_for_update(),
    )
    return invitation.calendar, invitation


def set_invitation_deadline(
    *, owner: User, calendar_id: int, invitation_id: int, deadline: dt.datetime
) -> Invitation:
    """The invitee's own deadline (it overrides the calendar's); the nudge follows it."""
    with transaction.atomic():
        calendar, invitation = _owned_invitation(owner, calendar_id, invitation_id)
        rules.refuse_if_finalized(calendar)
        problems: list[DomainError] = []
        if deadline is None:
            problems.append(
                DomainError("This field is required.", code=Code.REQUIRED, field="deadline")
            )
        instant = _check_deadline(deadline, timeutils.zone(calendar.time_zone), problems)
        _raise_if(problems)
        invitation.deadline = instant
        update_fields = ["deadline"]
        if invitation.nudged_at is None:
            invitation.nudge_due_at = _nudge_due(instant)
            update_fields.append("nudge_due_at")
        invitation.save(update_fields=update_fields)
    return invitation


def remove_invitation(*, owner: User, calendar_id: int, invitation_id: int) -> None:
    """Uninvite: the invitee's windows and draft meeting go with the invitation."""
    with transaction.atomic():
        calendar, invitation = _owned_invitation(owner, calendar_id, invitation_id)
        rules.refuse_if_finalized(calendar)
        invitation.delete()


def accept_invitation(*, user: User, invitation_id: int) -> Invitation:
    """The invited user accepts (seed 004). Idempotent; refused once the calendar is final.

    Under the calendar's lock, as finalizing takes it: an accept and a finalize of the same
    round never interleave, and two accepts at once both answer the same accepted invitation.
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_related("calendar").filter(pk=row_id(invitation_id))
        ).first()
        if invitation is None:
            raise NotFound("Invitation not found.", code=Code.INVITATION_NOT_FOUND)
        if invitation.user_id != user.pk:
            raise Forbidden("This invitation is not yours.", code=Code.NOT_INVITEE)
        locked = (
            Calendar.objects.select_for_update().only("finalized").get(pk=invitation.calendar_id)
        )
        rules.refuse_if_finalized(locked)
        Invitation.objects.filter(pk=invitation.pk, accepted=False).update(accepted=True)
        invitation.accepted = True
    return invitation


# --- Windows, one at a time, by the owner or an invitee who is a user (seeds 003 and 004) --------
def _refuse_window_change(calendar: Calendar, invitation: Invitation | None) -> None:
    """Nobody after finalizing; an invitee not after their (effective) deadline."""
    rules.refuse_if_finalized(calendar)
    if invitation is not None:
        rules.refuse_if_deadline_passed(invitation, calendar, now=clock.now())


def _checked_window(calendar: Calendar, slot: SlotInput, field):
    tz = timeutils.zone(calendar.time_zone)
    problems: list[DomainError] = []
    windows = _check_windows([slot], tz=tz, field=field, problems=problems)
    _check_within_dates(calendar, windows, tz, problems, field=field)
    _raise_if(problems)
    return windows[0]


def _mark_answered(invitation: Invitation | None) -> None:
    """An invitee's first window is their answer, as a link answer is in seed 001."""
    if invitation is not None and invitation.responded_at is None:
        now = clock.now()
        if Invitation.objects.filter(pk=invitation.pk, responded_at__isnull=True).update(
            responded_at=now, accepted=True
        ):
            emails.withdraw_reminders(invitation)
        invitation.responded_at = now
        invitation.accepted = True


def add_window(
    *, actor: User, calendar_id: int, slot: SlotInput, field: str | None = None
) -> AvailabilityWindow:
    """A window of the owner (actor owns the calendar) or of the actor's own invitation."""
    with transaction.atomic():
        calendar, invitation = selectors.calendar_for_member(
            user=actor, calendar_id=calendar_id, queryset=Calendar.objects.select_for_update()
        )
        _refuse_window_change(calendar, invitation)
        start, end, preference, name = _checked_window(calendar, slot, field)
        window = AvailabilityWindow.objects.create(
            calendar=calendar,
            invitation=invitation,
            start=start,
            end=end,
            preference=preference,
            name=name,
        )
        _mark_answered(invitation)
    window.calendar = calendar
    window.invitation = invitation
    return window


def _own_window(actor: User, calendar_id, window_id):
    calendar, invitation = selectors.calendar_for_member(
        user=actor, calendar_id=calendar_id, queryset=Calendar.objects.select_for_update()
    )
    window = AvailabilityWindow.objects.filter(calendar=calendar, pk=row_id(window_id)).first()
    if window is None:
        raise NotFound("Availability not found.", code=Code.WINDOW_NOT_FOUND)
    mine = (
        window.invitation_id is None
        if invitation is None
        else window.invitation_id == (invitation.pk)
    )
    if not mine:
        raise Forbidden("You can only change your own availability.", code=Code.NOT_YOUR_WINDOW)
    _refuse_window_change(calendar, invitation)
    window.calendar = calendar
    window.invitation = invitation
    return window


def update_window(
    *,
    actor: User,
    calendar_id: int,
    window_id: int,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    preference: int | None = None,
    name: str | None = None,
    field: str | None = None,
) -> AvailabilityWindow:
    """Change one's own window; fields left None keep their value."""
    with transaction.atomic():
        window = _own_window(actor, calendar_id, window_id)
        slot = SlotInput(
            start if start is not None else window.start,
            end if end is not None else window.end,
            preference if preference is not None else window.preference,
            name if name is not None else window.name,
        )
        window.start, window.end, window.preference, window.name = _checked_window(
            window.calendar, slot, field
        )
        window.save(update_fields=["start", "end", "preference", "name"])
    return window


def delete_window(*, actor: User, calendar_id: int, window_id: int) -> None:
    with transaction.atomic():
        window = _own_window(actor, calendar_id, window_id)
        window.delete()


# --- The address book's side: contacts.services calls these -------------------------------------
def follow_contact(*, contact: Contact) -> None:
    """A contact entry was added or changed: its invitations to open rounds follow it.

    Invitations of finalized rounds keep the invitee as they were (the round's history). An entry
    for an account takes back that account's invitations to the owner's open rounds that lost
    their entry (the account ended a friendship, see release_contact), so seed 001 can name
    them by contact id again.
    """
    if contact.user_id is not None:
        Invitation.objects.filter(
            contact__isnull=True,
            user=contact.user_id,
            calendar__owner=contact.owner_id,
            calendar__finalized=False,
        ).exclude(calendar__invitations__contact=contact).update(contact=contact)
    Invitation.objects.filter(contact=contact, calendar__finalized=False).update(
        first_name=contact.first_name,
        last_name=contact.last_name,
        email=contact.email,
        user=contact.user_id,
    )


def release_contact(*, contact: Contact, refuse_open: bool = True) -> None:
    """Detach a contact entry from its invitations before the entry is removed.

    Call inside the transaction that deletes the entry. Nothing a round recorded changes: every
    invitation keeps its invitee (name, email, account), token, answer and meeting; only its link
    to the address book goes.

    ``refuse_open`` (the owner removes their own contact): if the contact is invited to rounds
    that are not finalized, the removal is refused with a Conflict naming them, and nothing
    changes; the owner removes them from those rounds first (which deletes their answer, as
    uninviting always does) or waits until the round is finalized. Without it (the other user of
    a friendship ends it) the invitations stay, open or not: the invitee is still invited, through
    their account, to the owner's round.
    """
    invitations = Invitation.objects.filter(contact=contact)
    # Lock the open rounds involved: a finalize or an invite of them waits for this decision.
    open_rounds = list(
        Calendar.objects.select_for_update()
        .filter(pk__in=invitations.filter(calendar__finalized=False).values("calendar_id"))
        .order_by("pk")
    )
    if refuse_open and open_rounds:
        names = ", ".join(f'"{c.name}"' for c in open_rounds)
        raise Conflict(
            f"{contact.full_name} is invited to rounds that are not finalized: {names}. "
            "Remove them from those rounds first.",
            code=Code.INVITED_TO_OPEN_ROUNDS,
        )
    follow_contact(contact=contact)  # the open rounds' invitees as the entry has them now
    invitations.update(contact=None)
