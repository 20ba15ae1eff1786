"""Availability windows one at a time, by the owner or an invitee who is a user (seeds 003 and
004). An invitee's first window is their answer."""

import datetime as dt

from django.db import transaction

from accounts.models import User
from core import clock
from core.errors import DomainError, Forbidden, NotFound
from core.ids import row_id
from scheduling import rules, selectors, timeutils
from scheduling.errors import Code
from scheduling.models import AvailabilityWindow, Calendar, Invitation
from scheduling.services import answers, checks
from scheduling.services.checks import SlotInput


def _refuse_window_change(calendar: Calendar, invitation: Invitation | None) -> None:
    """Nobody after finalizing; an invitee not after their (effective) deadline."""
    rules.refuse_if_finalized(calendar)
    if invitation is not None:
        rules.refuse_if_deadline_passed(invitation, calendar, now=clock.now())


def _checked_window(calendar: Calendar, slot: SlotInput, field):
    tz = timeutils.zone(calendar.time_zone)
    problems: list[DomainError] = []
    windows = checks.check_windows([slot], tz=tz, field=field, problems=problems)
    checks.check_within_dates(calendar, windows, tz, problems, field=field)
    checks.raise_if(problems)
    return windows[0]


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
        if invitation is not None and not invitation.has_answered:
            # An invitee's first window is their answer, as a link answer is in seed 001.
            answers.record_answer(invitation, now=clock.now())
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
    if not rules.may_change_window(window, invitation=invitation):
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
