"""Candidate meetings: every (invitee, start on the grid) that both people's availability allows.

Times are measured on one absolute timeline: `date.toordinal() * 1440 + minute`. Since the grid
divides 1440, a start is on the grid exactly when its absolute minute is a multiple of G, so a
start is identified by its *step*, absolute minute // G.

The preference of a meeting for one person is the highest level p such that the meeting lies
inside the union of that person's windows of preference >= p (that is the lowest, over the
meeting's minutes, of the highest preference covering each minute). For each level the windows
are merged into disjoint intervals, each interval gives a range of allowed steps, and the ranges
of the owner and of every invitee are intersected and expanded with numpy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from optimizer.model import MINUTES_PER_DAY, PREFERENCES, Instance, Meeting, Window

Ranges = tuple[np.ndarray, np.ndarray]
Ranges3 = tuple[np.ndarray, np.ndarray, np.ndarray]


@dataclass(frozen=True, slots=True)
class Candidates:
    """All candidate meetings of an instance, sorted by start then invitee index.

    `invitee` indexes `instance.invitees`; `step` is the absolute start minute // G;
    `preference` is owner preference + invitee preference. Two candidates conflict (cannot
    both be in a schedule) when they share the invitee or their steps differ by less than
    `blocked` = ceil((L + B) / G).
    """

    invitee: np.ndarray
    step: np.ndarray
    preference: np.ndarray
    grid: int
    length: int
    blocked: int

    def __len__(self) -> int:
        return int(self.step.size)

    def meeting(self, instance: Instance, index: int) -> Meeting:
        start = int(self.step[index]) * self.grid
        day, minute = divmod(start, MINUTES_PER_DAY)
        return Meeting(
            invitee=instance.invitees[int(self.invitee[index])].id,
            date=dt.date.fromordinal(day),
            start_minute=minute,
            end_minute=minute + self.length,
            preference=int(self.preference[index]),
        )


def _window_table(people: Iterable[tuple[int, Iterable[Window]]]) -> np.ndarray:
    """Rows (person, day ordinal, start minute, end minute, preference) of all windows."""
    ordinals: dict[dt.date, int] = {}
    rows = []
    for person, windows in people:
        for w in windows:
            day = ordinals.get(w.date)
            if day is None:
                day = ordinals[w.date] = w.date.toordinal()
            rows.append((person, day, w.start_minute, w.end_minute, w.preference))
    if not rows:
        return np.zeros((0, 5), dtype=np.int64)
    return np.asarray(rows, dtype=np.int64)


def level_ranges(table: np.ndarray, level: int, length: int, grid: int) -> Ranges3:
    """(person, lo, hi): inclusive step ranges of the meetings inside the union of a person's
    windows of preference >= level, sorted by person then step, disjoint per person."""
    rows = table[table[:, 4] >= level]
    if rows.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), empty.copy()
    rows = rows[np.lexsort((rows[:, 2], rows[:, 1], rows[:, 0]))]
    person, day, start, end = rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3]
    new_day = np.ones(person.size, dtype=bool)
    new_day[1:] = (person[1:] != person[:-1]) | (day[1:] != day[:-1])
    group = np.cumsum(new_day)
    # Running end within the (person, day) group: offsetting by the group keeps cummax local.
    reach = np.maximum.accumulate(group * 2048 + end) - group * 2048
    new_run = new_day.copy()
    new_run[1:] |= start[1:] > reach[:-1]
    first = np.flatnonzero(new_run)
    run_end = np.maximum.reduceat(end, first)
    base = day[first] * MINUTES_PER_DAY
    lo = -(-(base + start[first]) // grid)
    hi = (base + run_end - length) // grid
    keep = lo <= hi
    return person[first][keep], lo[keep], hi[keep]


def start_ranges(
    windows: Iterable[Window], level: int, length: int, grid: int
) -> list[tuple[int, int]]:
    """Inclusive step ranges of the meetings that lie inside windows of preference >= level."""
    _, lo, hi = level_ranges(_window_table([(0, windows)]), level, length, grid)
    return list(zip(lo.tolist(), hi.tolist(), strict=True))


def _expand(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For inclusive ranges, (index of the range, value) for every value of every range."""
    lengths = hi - lo + 1
    total = int(lengths.sum())
    which = np.repeat(np.arange(lo.size), lengths)
    offsets = np.cumsum(lengths) - lengths
    values = np.arange(total, dtype=np.int64) - offsets[which] + lo[which]
    return which, values


def _member(values: np.ndarray, ranges: Ranges) -> np.ndarray:
    """Whether each value lies in one of the sorted disjoint inclusive ranges."""
    lo, hi = ranges
    if lo.size == 0:
        return np.zeros(values.size, dtype=bool)
    index = np.searchsorted(lo, values, side="right") - 1
    return (index >= 0) & (values <= hi[np.maximum(index, 0)])


def build_candidates(instance: Instance) -> Candidates:
    length = instance.meeting_minutes
    grid = instance.grid_minutes
    blocked = -(-(length + instance.buffer_minutes) // grid)
    owner_table = _window_table([(0, instance.owner)])
    invitee_table = _window_table(enumerate(p.availability for p in instance.invitees))
    owner = {p: level_ranges(owner_table, p, length, grid)[1:] for p in PREFERENCES}
    tagged = {p: level_ranges(invitee_table, p, length, grid) for p in PREFERENCES}

    olo, ohi = owner[1]
    who, ilo, ihi = tagged[1]
    empty = np.zeros(0, dtype=np.int64)
    if olo.size == 0 or ilo.size == 0:
        return Candidates(empty, empty.copy(), empty.copy(), grid, length, blocked)

    # Intersect every invitee range with the owner ranges it overlaps.
    first = np.searchsorted(ohi, ilo, side="left")
    last = np.searchsorted(olo, ihi, side="right")
    which, owner_index = _expand(first, np.maximum(last, first) - 1)
    lo = np.maximum(ilo[which], olo[owner_index])
    hi = np.minimum(ihi[which], ohi[owner_index])
    keep = lo <= hi
    lo, hi, who = lo[keep], hi[keep], who[which[keep]]

    which, step = _expand(lo, hi)
    invitee = who[which]
    owner_level = 1 + _member(step, owner[2]).astype(np.int64) + _member(step, owner[3])

    # Invitee levels: membership of (invitee, step) keys in the keyed level ranges.
    base = int(olo[0])
    span = int(ohi[-1]) - base
    width = span + 3
    key = invitee * width + (step - base)
    invitee_level = np.ones(step.size, dtype=np.int64)
    for p in (2, 3):
        pwho, plo, phi = tagged[p]
        # Clip to the owner's span so keys of one invitee never reach the next one's.
        plo = np.clip(plo, base - 1, base + span + 1)
        phi = np.clip(phi, base - 1, base + span + 1)
        ranges = (pwho * width + (plo - base), pwho * width + (phi - base))
        invitee_level += _member(key, ranges)

    order = np.lexsort((invitee, step))
    return Candidates(
        invitee=invitee[order],
        step=step[order],
        preference=(owner_level + invitee_level)[order],
        grid=grid,
        length=length,
        blocked=blocked,
    )
