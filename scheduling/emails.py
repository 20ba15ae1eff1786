"""The emails of scheduling rounds, queued through the outbox, with .ics invites."""

import datetime as dt

from django.conf import settings

from notifications.services import cancel_pending, queue_email
from scheduling import ics, rules, timeutils
from scheduling.models import Calendar, Invitation, Meeting
from scheduling.tokens import token_for


def invitation_link(invitation: Invitation) -> str:
    return settings.INVITATION_LINK_TEMPLATE.format(
        base=settings.PUBLIC_BASE_URL,
        calendar_id=invitation.calendar_id,
        token=token_for(invitation.token_nonce),
    )


def _local(moment: dt.datetime | None, calendar: Calendar) -> str:
    if moment is None:
        return "no deadline"
    local = moment.astimezone(timeutils.zone(calendar.time_zone))
    return f"{local:%A %d %B %Y, %H:%M} ({calendar.time_zone})"


def queue_invitation(invitation: Invitation) -> None:
    calendar = invitation.calendar
    queue_email(
        key=f"calendar-invitation:{invitation.pk}",
        kind="calendar_invitation",
        to=invitation.email,
        subject=f"{ics.owner_name(calendar)} invites you to pick a time: {calendar.name}",
        text=(
            f"Hello {invitation.first_name},\n\n"
            f"{ics.owner_name(calendar)} would like to meet you one-on-one ({calendar.name}).\n"
            f"{calendar.description}\n\n"
            f"Tell them when you are available, before "
            f"{_local(rules.effective_deadline(invitation, calendar), calendar)}:\n"
            f"{invitation_link(invitation)}\n\n"
            "No account is needed. This link is yours alone: please do not share it.\n"
        ),
    )


PREFERENCE_WORDS = {3: "preferred", 2: "fine", 1: "if need be"}


def queue_answer_received(invitation: Invitation, windows) -> None:
    """The invitee's receipt of their answer (``windows``: anything with start, end and
    preference), with their link to look at it again and, later, at their meeting."""
    calendar = invitation.calendar
    tz = timeutils.zone(calendar.time_zone)
    times = "\n".join(
        f"- {w.start.astimezone(tz):%a %d %b %Y %H:%M}-{w.end.astimezone(tz):%H:%M}: "
        f"{PREFERENCE_WORDS.get(w.preference, w.preference)}"
        for w in sorted(windows, key=lambda w: w.start)
    )
    given = (
        f"The times you gave ({calendar.time_zone}):\n{times}"
        if times
        else "You said none of the times work."
    )
    queue_email(
        key=f"calendar-answered:{invitation.pk}",
        kind="calendar_answered",
        to=invitation.email,
        subject=f"Your answer is in: {calendar.name}",
        text=(
            f"Hello {invitation.first_name},\n\n"
            f"{ics.owner_name(calendar)} has your answer for {calendar.name}.\n\n{given}\n\n"
            "You will get your meeting by email once the schedule is final. Your link shows "
            f"your answer now and your meeting then:\n{invitation_link(invitation)}\n"
        ),
    )


def withdraw_reminders(invitation: Invitation) -> None:
    """The invitee answered: reminders and nudges still waiting in the outbox (a retry after a
    mail-server fault, say) are skipped, never sent after the answer."""
    for kind in ("nudge", "reminder"):
        cancel_pending(key_prefix=f"calendar-{kind}:{invitation.pk}:")


def queue_reminder(invitation: Invitation, *, occasion: str, automatic: bool) -> None:
    """Dropped unsent (outbox ``send_before``) if it cannot go out before the deadline."""
    calendar = invitation.calendar
    deadline = rules.effective_deadline(invitation, calendar)
    queue_email(
        key=f"calendar-{'nudge' if automatic else 'reminder'}:{invitation.pk}:{occasion}",
        kind="calendar_nudge" if automatic else "calendar_reminder",
        to=invitation.email,
        subject=f"Reminder: pick a time with {ics.owner_name(calendar)} ({calendar.name})",
        text=(
            f"Hello {invitation.first_name},\n\n"
            f"{ics.owner_name(calendar)} is still waiting for your availability for "
            f"{calendar.name}. Answers are due by {_local(deadline, calendar)}:\n"
            f"{invitation_link(invitation)}\n"
        ),
        send_before=deadline,
    )


def _line(meeting: Meeting, calendar: Calendar) -> str:
    tz = timeutils.zone(calendar.time_zone)
    start = meeting.start.astimezone(tz)
    end = meeting.end.astimezone(tz)
    return f"{start:%a %d %b %Y %H:%M}-{end:%H:%M} ({calendar.time_zone})"


def queue_finalized(calendar: Calendar, meetings: list[Meeting]) -> None:
    """One email per scheduled invitee with their meeting, one to the owner with all of them."""
    for meeting in meetings:
        invitee = meeting.invitation
        queue_email(
            key=f"calendar-final:{calendar.pk}:{meeting.invitation_id}",
            kind="calendar_meeting",
            to=invitee.email,
            subject=f"Your meeting with {ics.owner_name(calendar)}: {calendar.name}",
            text=(
                f"Hello {invitee.first_name},\n\n"
                f"Your one-on-one with {ics.owner_name(calendar)} is set: "
                f"{_line(meeting, calendar)}.\nThe invite is attached.\n"
            ),
            attachments=[
                {
                    "filename": "invite.ics",
                    "content": ics.meetings_ics(calendar, [meeting], invite=True),
                    "mimetype": "text/calendar; method=REQUEST",
                }
            ],
        )
    if not calendar.owner.email:
        return
    lines = "\n".join(
        f"- {m.invitation.full_name} <{m.invitation.email}>: {_line(m, calendar)}" for m in meetings
    )
    queue_email(
        key=f"calendar-final:{calendar.pk}:owner",
        kind="calendar_schedule",
        to=calendar.owner.email,
        subject=f"Schedule finalized: {calendar.name} ({len(meetings)} meetings)",
        text=(
            f"Your schedule for {calendar.name} is final:\n\n{lines}\n\nThe invites are attached.\n"
        ),
        attachments=[
            {
                "filename": "schedule.ics",
                "content": ics.meetings_ics(calendar, meetings, invite=True),
                "mimetype": "text/calendar; method=REQUEST",
            }
        ],
    )
