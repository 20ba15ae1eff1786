"""The input checks the scheduling services share.

Each check appends what is wrong to ``problems`` (one ``DomainError`` per problem, on its field)
instead of raising, so a request hears every problem at once; ``raise_if`` ends a step with them.

Windows arrive as ``SlotInput``: wall-clock (naive) datetimes read in the calendar's time zone,
or aware datetimes taken as they are. They are stored in UTC.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from accounts.models import User
from accounts.validators import validate_time_zone
from contacts.models import Contact
from core import clock, intervals
from core.errors import DomainError, InvalidInput
from core.ids import row_id
from scheduling import rules, timeutils
from scheduling.errors import Code
from scheduling.models import Calendar

NAME_MAX = 150


@dataclass(frozen=True)
class SlotInput:
    start: dt.datetime
    end: dt.datetime
    preference: int
    name: str = ""


def as_instant(value: dt.datetime, tz) -> dt.datetime:
    if value.tzinfo is None:
        return timeutils.local_instant(value.date(), value.time(), tz)
    return value.astimezone(dt.UTC)


def check_windows(
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
        start, end = as_instant(slot.start, tz), as_instant(slot.end, tz)
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


def check_deadline(deadline: dt.datetime | None, tz, problems, *, field="deadline"):
    if deadline is None:
        return None
    instant = as_instant(deadline, tz)
    if rules.deadline_passed(instant, now=clock.now()):
        problems.append(DomainError("Deadline cannot be in the past", code=Code.PAST, field=field))
    return instant


def check_name(name, problems, *, required: bool):
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


def owned_contacts(owner: User, contact_ids: Sequence[int], problems, *, field: str):
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


def row_ids(values) -> list[int]:
    """The values that can name a row (the others name none, so there is nothing to remove)."""
    return [found for found in map(row_id, values) if found is not None]


def raise_if(problems):
    if problems:
        raise InvalidInput(problems)


def check_dates(start_date, end_date, problems) -> None:
    if start_date and end_date and end_date < start_date:
        problems.append(
            DomainError(
                "End date must not be before start date.",
                code=Code.END_BEFORE_START,
                field="end_date",
            )
        )


def check_within_dates(calendar: Calendar, windows, tz, problems, *, field) -> None:
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


def check_time_zone(name: str, problems: list[DomainError], *, field="time_zone") -> str:
    """The IANA name, or UTC (to go on checking the rest) with a problem on ``field``."""
    try:
        validate_time_zone(name)
    except ValidationError as exc:
        problems.append(DomainError(exc.messages[0], code=Code.TIME_ZONE_INVALID, field=field))
        return "UTC"
    return name
