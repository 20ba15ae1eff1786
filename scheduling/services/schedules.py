"""Schedules: the owner's draft (seed 003) and the final schedule, checked by the same rules
(``_check_schedule``) and written by the same path (``_write_meetings``)."""

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction

from accounts.models import User
from contacts.models import Contact
from core import clock, intervals
from core.errors import Conflict, DomainError
from core.ids import row_id
from scheduling import emails, rules, selectors, timeutils
from scheduling.errors import Code
from scheduling.models import Calendar, Invitation, Meeting
from scheduling.services import checks
from scheduling.suggestions import suggest_for_round


@dataclass(frozen=True)
class MeetingInput:
    """One meeting of a schedule: the invitee by contact id or (``contact_id=None``) user id."""

    contact_id: int | None
    start: dt.datetime
    end: dt.datetime
    user_id: int | None = None


Planned = tuple[Invitation, dt.datetime, dt.datetime]


def _check_schedule(
    *, everything: selectors.Round, owner: User, meetings: Sequence[MeetingInput], field: str
) -> list[Planned]:
    """The rules every schedule meets, draft or final; returns the meetings in time order.

    ``everything`` is selectors.calendar_with_everything's. Each meeting lies inside the
    owner's availability and, for an invitee who answered, inside theirs (one who did not may be
    placed anywhere in the owner's); only invitees of this calendar, each at most once; no two
    meetings closer than the gap, and none overlapping the owner's final meetings elsewhere.
    Every problem is reported, each meeting's first one in the order the meetings came.
    """
    calendar = everything.calendar
    tz = timeutils.zone(calendar.time_zone)
    invitees = _Invitees.of(everything.invitations, owner, meetings)
    problems: list[DomainError] = []
    planned: list[Planned] = []
    seen: set[int] = set()
    for item in meetings:
        invitation = invitees.find(item, field=field)
        if isinstance(invitation, DomainError):
            problems.append(invitation)
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
        start, end = checks.as_instant(item.start, tz), checks.as_instant(item.end, tz)
        problem = _misplaced(everything, invitation, start, end, field=field)
        if problem is not None:
            problems.append(problem)
            continue
        planned.append((invitation, start, end))
    ordered = sorted(planned, key=lambda p: p[1])
    problems += _too_close(calendar, ordered, field=field)
    problems += _overlapping_other_calendars(calendar, planned, field=field)
    checks.raise_if(problems)
    return ordered


@dataclass(frozen=True)
class _Invitees:
    """The calendar's invitations by contact id and by account, and which of the contact ids
    a schedule names are the owner's (one query)."""

    by_contact: dict[int, Invitation]
    by_user: dict[int, Invitation]
    owners_contacts: set[int]

    @classmethod
    def of(
        cls, invitations: Sequence[Invitation], owner: User, meetings: Sequence[MeetingInput]
    ) -> "_Invitees":
        named = [row_id(m.contact_id) for m in meetings if m.contact_id is not None]
        return cls(
            by_contact={i.contact_id: i for i in invitations if i.contact_id is not None},
            # The first invitation of an account wins (reversed: earlier ones overwrite).
            by_user={i.user_id: i for i in reversed(invitations) if i.user_id},
            owners_contacts=set(
                Contact.objects.filter(pk__in=named, owner=owner).values_list("pk", flat=True)
            ),
        )

    def find(self, item: MeetingInput, *, field: str) -> Invitation | DomainError:
        """The invitation the meeting names, or the problem with the name."""
        if item.contact_id is None:
            invitation = self.by_user.get(item.user_id)
            if invitation is None:
                return DomainError(
                    f"User not invited to calendar: {item.user_id}.",
                    code=Code.NOT_INVITED,
                    field=field,
                )
            return invitation
        if item.contact_id not in self.owners_contacts:
            return DomainError(
                f"Invalid contact id {item.contact_id}.", code=Code.CONTACT_NOT_FOUND, field=field
            )
        invitation = self.by_contact.get(item.contact_id)
        if invitation is None:
            return DomainError(
                f"Contact not invited to calendar: {item.contact_id}.",
                code=Code.NOT_INVITED,
                field=field,
            )
        return invitation


def _misplaced(everything: selectors.Round, invitation: Invitation, start, end, *, field):
    """Why [start, end) cannot be the invitee's meeting, or None: it must lie inside the owner's
    windows and, once the invitee answered, inside theirs."""
    name = invitation.full_name
    if end <= start:
        return DomainError(
            f"Invalid meeting time for contact: {name}: the end must be after the start.",
            code=Code.END_BEFORE_START,
            field=field,
        )
    if not intervals.covers([(w.start, w.end) for w in everything.owner_windows], start, end):
        return DomainError(
            f"Invalid meeting time for contact: {name}: outside your availability.",
            code=Code.OUTSIDE_OWNER,
            field=field,
        )
    if invitation.has_answered and not intervals.covers(
        [(w.start, w.end) for w in everything.answer_windows(invitation)], start, end
    ):
        return DomainError(
            f"Invalid meeting time for contact: {name}: outside their availability.",
            code=Code.OUTSIDE_INVITEE,
            field=field,
        )
    return None


def _too_close(calendar: Calendar, ordered: list[Planned], *, field) -> list[DomainError]:
    """Consecutive meetings (by start) that overlap once the first is followed by the gap."""
    gap = timedelta(minutes=calendar.gap_minutes)
    return [
        DomainError(
            f"Meeting times overlap: {first.full_name} and {second.full_name}"
            + (f" (with the {calendar.gap_minutes}-minute gap)." if gap else "."),
            code=Code.OVERLAP,
            field=field,
        )
        for (first, first_start, first_end), (second, second_start, second_end) in (
            itertools.pairwise(ordered)
        )
        if too_close(gap, first_start, first_end, second_start, second_end)
    ]


def _overlapping_other_calendars(
    calendar: Calendar, planned: list[Planned], *, field
) -> list[DomainError]:
    """Meetings that overlap one of the owner's final meetings in another calendar."""
    if not planned:
        return []
    others = selectors.final_meetings_elsewhere(
        calendar=calendar,
        start=min(start for _, start, _ in planned),
        end=max(end for *_, end in planned),
    )
    return [
        DomainError(
            f"Meeting times overlap: {invitation.full_name}'s meeting overlaps "
            "one of your meetings in another calendar.",
            code=Code.OVERLAP,
            field=field,
        )
        for other in others
        for invitation, start, end in planned
        if intervals.overlaps(start, end, other.start, other.end)
    ]


def too_close(gap: timedelta, start, end, other_start, other_end) -> bool:
    """Two meetings, in either order, that overlap once the gap is added after each."""
    return intervals.overlaps(start - gap, end + gap, other_start, other_end)


def feasible_starts(
    *, everything: selectors.Round, invitations: Sequence[Invitation], schedule: Sequence[Planned]
) -> dict[int, list[dt.datetime]]:
    """Where each invitee's meeting may start, the rest of ``schedule`` staying as it is: the
    starts a move (or a meeting added by hand) may pick, by invitation id, in time order.

    A read, next to the rules it reads. ``everything`` is
    selectors.calendar_with_everything's; ``schedule`` is (invitation, start, end) of the meetings
    planned so far, in which each invitee's own meeting is the one being moved (ignored). The
    starts are on the round's grid in its wall-clock time inside the owner's windows (as the
    suggestions' are), still to come, and pass ``_check_schedule``'s steps with the others:
    ``_misplaced`` (the owner's windows, and the invitee's once they answered), the gap to every
    other meeting, and the owner's final meetings in other calendars (one query in all).
    """
    calendar = everything.calendar
    tz = timeutils.zone(calendar.time_zone)
    length = timedelta(minutes=calendar.meeting_minutes)
    gap = timedelta(minutes=calendar.gap_minutes)
    now = clock.now()
    candidates = sorted(
        {
            start
            for window in everything.owner_windows
            for day, begin, finish in timeutils.window_pieces(window, tz)
            for minute in range(
                -(-begin // calendar.grid_minutes) * calendar.grid_minutes,
                finish - calendar.meeting_minutes + 1,
                calendar.grid_minutes,
            )
            if (start := timeutils.minute_instant(day, minute, tz)) >= now
        }
    )
    if not candidates or not invitations:
        return {invitation.pk: [] for invitation in invitations}
    elsewhere = [
        (m.start, m.end)
        for m in selectors.final_meetings_elsewhere(
            calendar=calendar, start=candidates[0], end=candidates[-1] + length
        )
    ]
    free = [
        start
        for start in candidates
        if not any(intervals.overlaps(start, start + length, s, e) for s, e in elsewhere)
    ]
    starts = {}
    for invitation in invitations:
        others = [(s, e) for planned, s, e in schedule if planned.pk != invitation.pk]
        starts[invitation.pk] = [
            start
            for start in free
            if _misplaced(everything, invitation, start, start + length, field=None) is None
            and not any(too_close(gap, start, start + length, s, e) for s, e in others)
        ]
    return starts


def _write_meetings(
    calendar: Calendar, owner: User, ordered: Sequence[Planned], *, status: Meeting.Status
) -> list[Meeting]:
    """The one path that writes a schedule: it replaces the round's draft with ``ordered``
    (checked, in time order) as meetings of ``status``. Call inside the transaction that holds
    the calendar's lock. A round that is not finalized has no other meetings than its draft."""
    calendar.meetings.filter(status=Meeting.Status.DRAFT).delete()
    created = Meeting.objects.bulk_create(
        Meeting(
            calendar=calendar,
            invitation=invitation,
            owner=owner,
            start=start,
            end=end,
            status=status,
        )
        for invitation, start, end in ordered
    )
    for meeting, (invitation, _, _) in zip(created, ordered, strict=True):
        meeting.invitation = invitation
    return created


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
            everything = _lock_for_finalizing(owner, calendar_id)
            calendar = everything.calendar
            rules.refuse_if_finalized(calendar, again=True)
            if meetings is None:
                meetings = _draft_as_input(calendar)
            elif not meetings:
                raise DomainError("Choose at least one meeting.", code=Code.REQUIRED, field=field)
            ordered = _check_schedule(
                everything=everything, owner=owner, meetings=meetings, field=field
            )
            won = Calendar.objects.filter(pk=calendar.pk, finalized=False).update(
                finalized=True, finalized_at=clock.now()
            )
            if not won:
                raise rules.finalized_refusal(again=True)
            calendar.finalized = True
            created = _write_meetings(calendar, owner, ordered, status=Meeting.Status.FINAL)
            if created:  # an empty schedule (seed 003) has nothing to announce
                emails.queue_finalized(calendar, created)
    except IntegrityError as exc:  # a constraint caught what the checks above did not
        raise rule_broken(exc, field=field) from exc
    return created


def _lock_for_finalizing(owner: User, calendar_id) -> selectors.Round:
    """Lock the owner's row, then the calendar's; the calendar as calendar_with_everything reads
    it under those locks."""
    User.objects.select_for_update(no_key=True).filter(pk=owner.pk).values_list(
        "pk", flat=True
    ).first()
    selectors.owned_calendar(
        owner=owner,
        calendar_id=calendar_id,
        queryset=Calendar.objects.select_for_update().only("pk", "owner_id"),
    )
    return selectors.calendar_with_everything(owner=owner, calendar_id=calendar_id)


def _draft_as_input(calendar: Calendar) -> list[MeetingInput]:
    """The current draft, as a schedule to check again."""
    drafts = calendar.meetings.filter(status=Meeting.Status.DRAFT).select_related("invitation")
    return [
        MeetingInput(m.invitation.contact_id, m.start, m.end, user_id=m.invitation.user_id)
        for m in drafts
    ]


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
def _replace_draft(calendar: Calendar, owner: User, ordered: Sequence[Planned]) -> list[Meeting]:
    with transaction.atomic():
        locked = Calendar.objects.select_for_update().only("finalized").get(pk=calendar.pk)
        rules.refuse_if_finalized(locked)
        return _write_meetings(calendar, owner, ordered, status=Meeting.Status.DRAFT)


def generate_draft_schedule(*, owner: User, calendar_id: int) -> list[Meeting]:
    """Replace the draft with the optimizer's best schedule over the invitees who answered.

    Seed 003 lists no refusal here: invitees who have not answered yet are simply left out
    (seed 001's "no suggestions until everyone answered" is that seed's rule alone). With
    nobody answered the draft is empty.
    """
    everything = selectors.calendar_with_everything(owner=owner, calendar_id=calendar_id)
    calendar = everything.calendar
    rules.refuse_if_finalized(calendar)
    schedules = suggest_for_round(everything, count=1, wait_for_everyone=False)
    best = schedules[0].meetings if schedules else []
    return _replace_draft(
        calendar, owner, sorted(((m.invitation, m.start, m.end) for m in best), key=lambda p: p[1])
    )


def set_draft_schedule(
    *, owner: User, calendar_id: int, meetings: Sequence[MeetingInput]
) -> list[Meeting]:
    """The owner's own draft (an edited suggestion), checked like a final schedule."""
    everything = selectors.calendar_with_everything(owner=owner, calendar_id=calendar_id)
    rules.refuse_if_finalized(everything.calendar)
    ordered = _check_schedule(
        everything=everything, owner=owner, meetings=meetings, field="schedule"
    )
    return _replace_draft(everything.calendar, owner, ordered)


def delete_draft_schedule(*, owner: User, calendar_id: int) -> None:
    with transaction.atomic():
        calendar = selectors.owned_calendar(
            owner=owner, calendar_id=calendar_id, queryset=Calendar.objects.select_for_update()
        )
        rules.refuse_if_finalized(calendar)
        calendar.meetings.filter(status=Meeting.Status.DRAFT).delete()
