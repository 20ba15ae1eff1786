"""The rules of a scheduling round, each written once: services, selectors, suggestions and
contracts ask here instead of comparing fields themselves.

Pure functions of the instances (or values) they are given and of ``now`` where time matters:
no query, no clock read, no write. A refusal is raised as the domain error the services raise
for it; whether a rule holds is also available as a plain answer for the callers that only
skip or filter.
"""

import datetime as dt

from core.errors import Closed
from scheduling.errors import Code
from scheduling.models import AvailabilityWindow, Calendar, Invitation, Meeting


# --- Deadlines -----------------------------------------------------------------------------------
def effective_deadline(
    invitation: Invitation, calendar: Calendar | None = None
) -> dt.datetime | None:
    """When an invitee's answers are due: the invitation's own deadline, else the calendar's.

    ``calendar`` is the invitation's (given when the invitation does not know it yet).
    """
    if invitation.deadline is not None:
        return invitation.deadline
    return (calendar if calendar is not None else invitation.calendar).deadline


def deadline_passed(deadline: dt.datetime | None, *, now: dt.datetime) -> bool:
    """A deadline passes at its instant; no deadline never passes."""
    return deadline is not None and deadline <= now


def answers_due_passed(
    invitation: Invitation, calendar: Calendar | None = None, *, now: dt.datetime
) -> bool:
    """The invitee's (effective) deadline has passed: they may no longer change their answer."""
    return deadline_passed(effective_deadline(invitation, calendar), now=now)


def refuse_if_deadline_passed(
    invitation: Invitation, calendar: Calendar | None = None, *, now: dt.datetime
) -> None:
    if answers_due_passed(invitation, calendar, now=now):
        raise Closed("Deadline has passed", code=Code.DEADLINE_PASSED)


def nudge_due(
    deadline: dt.datetime | None, *, now: dt.datetime, lead: dt.timedelta
) -> dt.datetime | None:
    """When the automatic nudge ``lead`` before the deadline is due; None without a deadline,
    or when that moment is already over (the nudge is skipped, not sent late)."""
    if deadline is None:
        return None
    due = deadline - lead
    return due if due > now else None


# --- The round's state ---------------------------------------------------------------------------
def is_finalized(calendar: Calendar) -> bool:
    """A finalized round is closed: nothing of it changes any more (answers, invitees, windows,
    drafts); its final meetings and its invitees' records are its history."""
    return calendar.finalized


def finalized_refusal(*, again: bool = False) -> Closed:
    """The refusal of a change of a finalized round. ``again``: the change was finalizing it."""
    if again:
        return Closed("Calendar has already been finalized.", code=Code.FINALIZED)
    return Closed("Calendar has been finalized.", code=Code.FINALIZED)


def refuse_if_finalized(calendar: Calendar, *, again: bool = False) -> None:
    if is_finalized(calendar):
        raise finalized_refusal(again=again)


def waiting_for_answers(
    calendar: Calendar, invitations: list[Invitation], *, now: dt.datetime
) -> bool:
    """True while some invitee has not answered and their deadline has not passed."""
    return any(
        not invitation.has_answered and not answers_due_passed(invitation, calendar, now=now)
        for invitation in invitations
    )


def shares_a_meeting(answer_windows, owner_windows, *, minutes: int) -> bool:
    """Some time the invitee gave overlaps the owner's for a whole meeting: without it no
    schedule can place them, whatever the others do."""
    length = dt.timedelta(minutes=minutes)
    for mine in answer_windows:
        for theirs in owner_windows:
            if min(mine.end, theirs.end) - max(mine.start, theirs.start) >= length:
                return True
    return False


# --- Who may see what ----------------------------------------------------------------------------
def may_see_window(window: AvailabilityWindow, *, invitation: Invitation | None) -> bool:
    """The owner (``invitation`` None) sees every window; an invitee the owner's and their own."""
    return invitation is None or window.invitation_id in (None, invitation.pk)


def may_change_window(window: AvailabilityWindow, *, invitation: Invitation | None) -> bool:
    """Everyone changes only their own windows: the owner's have no invitation."""
    return window.invitation_id == (invitation.pk if invitation is not None else None)


def may_see_member(calendar: Calendar, *, invitation: Invitation | None, viewer_id, member_id):
    """Whose windows a member may list: the owner anyone's, an invitee the owner's and their own."""
    return invitation is None or member_id in (calendar.owner_id, viewer_id)


def meetings_shown(calendar: Calendar) -> bool:
    """Seed 004 shows a round's meetings once it is finalized, not its drafts before."""
    return is_finalized(calendar)


def may_see_meeting(meeting: Meeting, *, calendar: Calendar, viewer_id, of_user_id=None) -> bool:
    """Seed 004: a final meeting of a finalized round, to its owner or to its invitee.

    ``of_user_id`` keeps one member's meetings: the owner's id keeps all of them (the owner is in
    every one), an invitee's their own.
    """
    if not meetings_shown(calendar) or meeting.status != Meeting.Status.FINAL:
        return False
    invitee_id = meeting.invitation.user_id
    if viewer_id != calendar.owner_id and invitee_id != viewer_id:
        return False
    return of_user_id is None or of_user_id in (calendar.owner_id, invitee_id)
