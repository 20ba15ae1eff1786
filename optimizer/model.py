"""Typed inputs and outputs of the optimizer, and what availability means.

Everything here is plain Python: the solver works on numpy arrays built from these types
(`optimizer.candidates`), and the functions at the end of this module are the reference
semantics the solver and the tests are checked against.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

MINUTES_PER_DAY = 1440
PREFERENCES = (1, 2, 3)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class Window:
    """Time someone is available: `[start_minute, end_minute)` on `date`, with a preference.

    Minutes count from midnight in the calendar's time zone; `end_minute` is exclusive and may be
    1440 (24:00). A window never crosses midnight. Preference is 1, 2 or 3 (3 best).
    """

    date: dt.date
    start_minute: int
    end_minute: int
    preference: int = 3

    def __post_init__(self) -> None:
        # The usual window (exact types, in range) in one test: it passes every check below.
        if (
            type(self.date) is dt.date
            and type(self.start_minute) is int
            and type(self.end_minute) is int
            and type(self.preference) is int
            and 0 <= self.start_minute < self.end_minute <= MINUTES_PER_DAY
            and 1 <= self.preference <= 3
        ):
            return
        if not isinstance(self.date, dt.date) or isinstance(self.date, dt.datetime):
            raise ValueError(f"date must be a datetime.date, got {self.date!r}")
        if not _is_int(self.start_minute) or not 0 <= self.start_minute < MINUTES_PER_DAY:
            raise ValueError(
                f"start_minute must be an integer in 0..1439, got {self.start_minute!r}"
            )
        if not _is_int(self.end_minute) or not 0 < self.end_minute <= MINUTES_PER_DAY:
            raise ValueError(f"end_minute must be an integer in 1..1440, got {self.end_minute!r}")
        if self.end_minute <= self.start_minute:
            raise ValueError("end_minute must be after start_minute")
        if self.preference not in PREFERENCES or not _is_int(self.preference):
            raise ValueError(f"preference must be 1, 2 or 3, got {self.preference!r}")


@dataclass(frozen=True, slots=True)
class Invitee:
    """Someone the owner wants to meet, identified by a unique non-empty `id`."""

    id: str
    availability: tuple[Window, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError(f"invitee id must be a non-empty string, got {self.id!r}")
        object.__setattr__(self, "availability", _windows(self.availability))


def _windows(windows: Iterable[Window]) -> tuple[Window, ...]:
    result = tuple(windows)
    for window in result:
        if not isinstance(window, Window):
            raise ValueError(f"expected a Window, got {window!r}")
    return result


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class Instance:
    """One scheduling problem.

    `meeting_minutes` is the meeting length L (1..1440), `buffer_minutes` the gap B the owner
    keeps between two meetings, `grid_minutes` the grid G meetings start on (a divisor of 1440).
    `invitees` may be given as a sequence of `Invitee` or as a mapping from id to windows; it is
    stored as a tuple of `Invitee` in the given order.
    """

    meeting_minutes: int
    owner: tuple[Window, ...]
    invitees: tuple[Invitee, ...]
    buffer_minutes: int = 0
    grid_minutes: int = 1

    def __init__(
        self,
        *,
        meeting_minutes: int,
        owner: Iterable[Window],
        invitees: Sequence[Invitee] | Mapping[str, Iterable[Window]],
        buffer_minutes: int = 0,
        grid_minutes: int = 1,
    ) -> None:
        if not _is_int(meeting_minutes) or not 1 <= meeting_minutes <= MINUTES_PER_DAY:
            raise ValueError(
                f"meeting_minutes must be an integer in 1..1440, got {meeting_minutes!r}"
            )
        if not _is_int(buffer_minutes) or buffer_minutes < 0:
            raise ValueError(f"buffer_minutes must be an integer >= 0, got {buffer_minutes!r}")
        if not _is_int(grid_minutes) or grid_minutes < 1 or MINUTES_PER_DAY % grid_minutes != 0:
            raise ValueError(f"grid_minutes must be an integer dividing 1440, got {grid_minutes!r}")
        if isinstance(invitees, Mapping):
            people = tuple(
                Invitee(id=key, availability=tuple(value)) for key, value in invitees.items()
            )
        else:
            people = tuple(invitees)
        seen: set[str] = set()
        for person in people:
            if not isinstance(person, Invitee):
                raise ValueError(f"expected an Invitee, got {person!r}")
            if person.id in seen:
                raise ValueError(f"duplicate invitee id {person.id!r}")
            seen.add(person.id)
        object.__setattr__(self, "meeting_minutes", meeting_minutes)
        object.__setattr__(self, "owner", _windows(owner))
        object.__setattr__(self, "invitees", people)
        object.__setattr__(self, "buffer_minutes", buffer_minutes)
        object.__setattr__(self, "grid_minutes", grid_minutes)


@dataclass(frozen=True, slots=True)
class Meeting:
    """One meeting of a schedule: `[start_minute, end_minute)` on `date` with `invitee`.

    `preference` is the meeting's score: owner preference + invitee preference (2..6).
    """

    invitee: str
    date: dt.date
    start_minute: int
    end_minute: int
    preference: int


@dataclass(frozen=True, slots=True)
class Schedule:
    """A set of meetings, sorted by date and start, with its objective.

    `optimal` is False only when the time limit stopped the solver before it proved that no
    better schedule exists (for alternatives: no better one that differs from the earlier ones).
    """

    meetings: tuple[Meeting, ...]
    scheduled: int
    preference: int
    optimal: bool = True

    @property
    def objective(self) -> tuple[int, int]:
        """(number of invitees scheduled, sum of meeting preferences), compared as a tuple."""
        return (self.scheduled, self.preference)

    def key(self) -> frozenset[tuple[str, dt.date, int]]:
        """The schedule as a set of (invitee, date, start): what makes two schedules distinct."""
        return frozenset((m.invitee, m.date, m.start_minute) for m in self.meetings)


@dataclass(frozen=True, slots=True)
class Suggestions:
    """Ranked schedules, best first, pairwise distinct.

    The first is optimal; each later one is the best schedule that differs from all earlier ones.
    There are fewer than requested when fewer distinct schedules exist.
    """

    schedules: tuple[Schedule, ...]

    @property
    def best(self) -> Schedule:
        return self.schedules[0]


# Reference semantics -------------------------------------------------------------------------


def meeting_preference(windows: Iterable[Window], date: dt.date, start: int, length: int) -> int:
    """A person's preference for a meeting `[start, start + length)` on `date`, 0 if not allowed.

    Availability is the union of the windows; a minute covered by several windows takes their
    highest preference; the meeting takes the lowest preference over its minutes.
    """
    if start < 0 or start + length > MINUTES_PER_DAY:
        return 0
    by_minute = [0] * length
    for window in windows:
        if window.date != date:
            continue
        lo = max(window.start_minute, start)
        hi = min(window.end_minute, start + length)
        for minute in range(lo, hi):
            by_minute[minute - start] = max(by_minute[minute - start], window.preference)
    return min(by_minute)


def check_schedule(instance: Instance, meetings: Iterable[Meeting]) -> tuple[int, int]:
    """Validate meetings against the instance and return their objective.

    Raises ValueError naming the first rule a meeting breaks: unknown invitee, a second meeting
    for one invitee, off the grid, wrong length, crossing midnight, outside the owner's or the
    invitee's availability, a preference that does not match, or two meetings (plus the buffer)
    overlapping.
    """
    length = instance.meeting_minutes
    people = {person.id: person.availability for person in instance.invitees}
    seen: set[str] = set()
    starts: list[int] = []
    total = 0
    for meeting in meetings:
        where = f"meeting {meeting.invitee} {meeting.date} {meeting.start_minute}"
        if meeting.invitee not in people:
            raise ValueError(f"{where}: unknown invitee")
        if meeting.invitee in seen:
            raise ValueError(f"{where}: invitee has a second meeting")
        seen.add(meeting.invitee)
        if meeting.start_minute % instance.grid_minutes:
            raise ValueError(f"{where}: start is not on the grid")
        if meeting.end_minute != meeting.start_minute + length:
            raise ValueError(f"{where}: end is not start + meeting_minutes")
        if meeting.start_minute < 0 or meeting.end_minute > MINUTES_PER_DAY:
            raise ValueError(f"{where}: meeting does not lie within one day")
        owner = meeting_preference(instance.owner, meeting.date, meeting.start_minute, length)
        if not owner:
            raise ValueError(f"{where}: outside the owner's availability")
        invitee = meeting_preference(
            people[meeting.invitee], meeting.date, meeting.start_minute, length
        )
        if not invitee:
            raise ValueError(f"{where}: outside the invitee's availability")
        if meeting.preference != owner + invitee:
            raise ValueError(f"{where}: preference is {owner + invitee}, not {meeting.preference}")
        total += owner + invitee
        starts.append(meeting.date.toordinal() * MINUTES_PER_DAY + meeting.start_minute)
    starts.sort()
    spacing = length + instance.buffer_minutes
    for earlier, later in itertools.pairwise(starts):
        if later - earlier < spacing:
            raise ValueError("two meetings overlap (with the buffer)")
    return (len(seen), total)
