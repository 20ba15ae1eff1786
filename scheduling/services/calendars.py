"""Calendars (scheduling rounds): creating, editing and deleting them."""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from accounts.models import User
from contacts.models import Contact
from core.errors import DomainError
from scheduling import rules, selectors, timeutils
from scheduling.errors import Code
from scheduling.models import AvailabilityWindow, Calendar
from scheduling.services import checks, invitations
from scheduling.services.checks import SlotInput


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
    time_zone = checks.check_time_zone(time_zone or owner.time_zone or "UTC", problems)
    tz = timeutils.zone(time_zone)
    checks.check_name(name, problems, required=True)
    deadline = checks.check_deadline(deadline, tz, problems)
    checks.check_dates(start_date, end_date, problems)
    _check_lengths(meeting_minutes, gap_minutes, grid_minutes, problems)
    contacts = checks.owned_contacts(owner, invitee_contact_ids, problems, field=invitee_field)
    windows = checks.check_windows(slots, tz=tz, field=slots_field, problems=problems)
    checks.raise_if(problems)
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
        _add_owner_windows(calendar, windows)
        invitations.invite(calendar, contacts)
    return calendar


def _check_lengths(meeting_minutes: int, gap_minutes: int, grid_minutes: int, problems) -> None:
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


def _add_owner_windows(calendar: Calendar, windows) -> None:
    """``windows`` as checks.check_windows returns them."""
    AvailabilityWindow.objects.bulk_create(
        AvailabilityWindow(calendar=calendar, start=s, end=e, preference=p, name=n)
        for s, e, p, n in windows
    )


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
            checks.check_name(name, problems, required=False)
        new_deadline = checks.check_deadline(deadline, tz, problems)
        contacts = checks.owned_contacts(
            owner, add_invitee_contact_ids, problems, field="add_invitees"
        )
        _check_not_invited(calendar, contacts, problems)
        windows = checks.check_windows(
            add_slots, tz=tz, field="add_availabilities", problems=problems
        )
        checks.check_dates(
            start_date if start_date is not None else calendar.start_date,
            end_date if end_date is not None else calendar.end_date,
            problems,
        )
        checks.raise_if(problems)

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
            _nudges_follow_deadline(calendar)
        calendar.save()
        _remove_invitees_and_windows(calendar, remove_invitee_contact_ids, remove_window_ids)
        _add_owner_windows(calendar, windows)
        invitations.invite(calendar, contacts)
    return calendar


def _check_not_invited(calendar: Calendar, contacts: Sequence[Contact], problems) -> None:
    """Contacts to add must not be invited yet, through their entry or their account."""
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


def _nudges_follow_deadline(calendar: Calendar) -> None:
    """The automatic nudge follows a new deadline (invitees with their own keep theirs)."""
    for invitation in calendar.invitations.filter(deadline__isnull=True, nudged_at__isnull=True):
        invitation.nudge_due_at = invitations.nudge_due_for(invitation, calendar)
        invitation.save(update_fields=["nudge_due_at"])


def _remove_invitees_and_windows(calendar: Calendar, contact_ids, window_ids) -> None:
    """Ids that are not this calendar's invitees or owner windows are ignored."""
    if contact_ids:
        calendar.invitations.filter(contact_id__in=checks.row_ids(contact_ids)).delete()
    if window_ids:
        calendar.windows.filter(invitation__isnull=True, pk__in=checks.row_ids(window_ids)).delete()


def delete_calendar(*, owner: User, calendar_id: int) -> None:
    calendar = selectors.owned_calendar(owner=owner, calendar_id=calendar_id)
    calendar.delete()
