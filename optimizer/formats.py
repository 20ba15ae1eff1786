"""JSON in and out: `oneonone-instance/1`, `oneonone-solution/1`, `oneonone-suggestions/1`.

See docs/optimizer.md. Reading is strict about what the format defines (a `FormatError` names
the field and the reason) and ignores unknown keys.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from optimizer.model import (
    MINUTES_PER_DAY,
    PREFERENCES,
    Instance,
    Invitee,
    Schedule,
    Suggestions,
    Window,
)

INSTANCE_FORMAT = "oneonone-instance/1"
SOLUTION_FORMAT = "oneonone-solution/1"
SUGGESTIONS_FORMAT = "oneonone-suggestions/1"

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"(\d{2}):(\d{2})")


class FormatError(ValueError):
    """Malformed input: `field` is where (e.g. `invitees[2].availability[0].end`), `reason` why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def _integer(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FormatError(field, f"must be an integer, got {json.dumps(value)}")
    return value


def _object(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FormatError(field, "must be an object")
    return value


def _list(value: Any, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise FormatError(field, "must be a list")
    return value


def _required(data: dict[str, Any], key: str, field: str) -> Any:
    if key not in data:
        raise FormatError(field, "is missing")
    return data[key]


def _date(value: Any, field: str) -> dt.date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise FormatError(field, f"must be a date YYYY-MM-DD, got {json.dumps(value)}")


def _minute(value: Any, field: str, *, end: bool) -> int:
    match = _TIME.fullmatch(value) if isinstance(value, str) else None
    if match:
        hours, minutes = int(match[1]), int(match[2])
        if hours < 24 and minutes < 60:
            return hours * 60 + minutes
        if end and hours == 24 and minutes == 0:
            return MINUTES_PER_DAY
        if hours == 24 and minutes == 0:
            raise FormatError(field, "24:00 is only allowed as an end")
    raise FormatError(field, f"must be a time HH:MM, got {json.dumps(value)}")


def _window(value: Any, field: str) -> Window:
    data = _object(value, field)
    date = _date(_required(data, "date", f"{field}.date"), f"{field}.date")
    start = _minute(_required(data, "start", f"{field}.start"), f"{field}.start", end=False)
    end = _minute(_required(data, "end", f"{field}.end"), f"{field}.end", end=True)
    if end <= start:
        raise FormatError(f"{field}.end", "must be after start")
    preference = _integer(
        _required(data, "preference", f"{field}.preference"), f"{field}.preference"
    )
    if preference not in PREFERENCES:
        raise FormatError(f"{field}.preference", f"must be 1, 2 or 3, got {preference}")
    return Window(date, start, end, preference)


def _availability(value: Any, field: str) -> tuple[Window, ...]:
    data = _object(value, field)
    windows = _list(
        _required(data, "availability", f"{field}.availability"), f"{field}.availability"
    )
    return tuple(_window(item, f"{field}.availability[{i}]") for i, item in enumerate(windows))


def parse_instance(data: Any) -> Instance:
    """An `Instance` from decoded `oneonone-instance/1` JSON; raises FormatError."""
    data = _object(data, "instance")
    kind = data.get("format")
    if kind != INSTANCE_FORMAT:
        got = "missing" if "format" not in data else json.dumps(kind)
        raise FormatError("format", f"unknown format {got}, expected {INSTANCE_FORMAT!r}")
    length = _integer(_required(data, "meeting_minutes", "meeting_minutes"), "meeting_minutes")
    if not 1 <= length <= MINUTES_PER_DAY:
        raise FormatError("meeting_minutes", f"must be between 1 and 1440, got {length}")
    buffer = _integer(data.get("buffer_minutes", 0), "buffer_minutes")
    if buffer < 0:
        raise FormatError("buffer_minutes", f"must be 0 or more, got {buffer}")
    grid = _integer(data.get("grid_minutes", 1), "grid_minutes")
    if grid < 1 or MINUTES_PER_DAY % grid:
        raise FormatError("grid_minutes", f"must divide 1440, got {grid}")
    owner = _availability(_required(data, "owner", "owner"), "owner")
    people = _list(_required(data, "invitees", "invitees"), "invitees")
    invitees: list[Invitee] = []
    seen: set[str] = set()
    for i, item in enumerate(people):
        field = f"invitees[{i}]"
        person = _object(item, field)
        key = _required(person, "id", f"{field}.id")
        if not isinstance(key, str) or not key:
            raise FormatError(f"{field}.id", f"must be a non-empty string, got {json.dumps(key)}")
        if key in seen:
            raise FormatError(f"{field}.id", f"duplicate invitee id {json.dumps(key)}")
        seen.add(key)
        invitees.append(Invitee(key, _availability(person, field)))
    return Instance(
        meeting_minutes=length,
        buffer_minutes=buffer,
        grid_minutes=grid,
        owner=owner,
        invitees=invitees,
    )


def load_instance(text: str | bytes) -> Instance:
    """An `Instance` from `oneonone-instance/1` JSON text; raises FormatError."""
    try:
        data = json.loads(text)
    except UnicodeDecodeError as error:
        raise FormatError("instance", "is not UTF-8 text") from error
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise FormatError("instance", f"is not valid JSON ({error.msg} at {where})") from error
    return parse_instance(data)


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def schedule_to_json(schedule: Schedule) -> dict[str, Any]:
    """One schedule: objective, whether it is proven optimal, and meetings by start."""
    return {
        "objective": {"scheduled": schedule.scheduled, "preference": schedule.preference},
        "optimal": schedule.optimal,
        "meetings": [
            {
                "invitee": m.invitee,
                "date": m.date.isoformat(),
                "start": _clock(m.start_minute),
                "end": _clock(m.end_minute),
            }
            for m in schedule.meetings
        ],
    }


def solution_to_json(schedule: Schedule) -> dict[str, Any]:
    """One schedule as an `oneonone-solution/1` document."""
    return {"format": SOLUTION_FORMAT, **schedule_to_json(schedule)}


def suggestions_to_json(suggestions: Suggestions) -> dict[str, Any]:
    """Ranked schedules as an `oneonone-suggestions/1` document."""
    return {
        "format": SUGGESTIONS_FORMAT,
        "schedules": [schedule_to_json(schedule) for schedule in suggestions.schedules],
    }
