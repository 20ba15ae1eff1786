"""The week grid of the answer page (and the round editor): a round's windows cut into cells.

Presentation only. The cells are computed here, on the server, from the round's windows; the
page shows them in the viewer's time zone and sends back each marked cell's instant with its
offset. Which answers are acceptable is for ``scheduling.services.submit_answer`` to say.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scheduling import services, timeutils

SMALLEST_CELL_MINUTES = 15  # a finer round grid is still shown in quarter hours


@dataclass(frozen=True)
class Cell:
    start: dt.datetime  # aware
    end: dt.datetime

    def key(self, tz: ZoneInfo) -> str:
        """The instant as the page sends it back: ISO 8601 with the viewer's offset."""
        return self.start.astimezone(tz).isoformat(timespec="minutes")


def zone_or_none(name: str | None) -> ZoneInfo | None:
    if not name or len(name) > 64:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def cell_minutes(grid_minutes: int) -> int:
    return max(grid_minutes or SMALLEST_CELL_MINUTES, SMALLEST_CELL_MINUTES)


def cells_of(windows, *, minutes: int, not_before: dt.datetime) -> list[Cell]:
    """Each window cut into cells of ``minutes`` (the last one may be shorter), by start; only
    cells that start at ``not_before`` or later. Overlapping windows give each instant once."""
    step = dt.timedelta(minutes=minutes)
    seen: set[dt.datetime] = set()
    cells = []
    for window in sorted(windows, key=lambda w: w.start):
        start = window.start
        while start < window.end:
            end = min(start + step, window.end)
            if start >= not_before and start not in seen:
                seen.add(start)
                cells.append(Cell(start.astimezone(dt.UTC), end.astimezone(dt.UTC)))
            start = end
    cells.sort(key=lambda c: c.start)
    return cells


@dataclass
class Week:
    title: str
    days: list[dt.date]
    rows: list[tuple[str, list | None]]  # (time label, [Cell or None per day]); None: a gap


def weeks(cells: list[Cell], tz: ZoneInfo, *, minutes: int) -> list[Week]:
    """The cells laid out in ``tz``: one table per week (Monday first), a column per day that
    has cells, a row per local start time (``("", None)`` where times jump by more than
    ``minutes``). A wall-clock time that happens twice (the night clocks go back) gets two
    rows."""
    step = minutes
    by_week: dict[dt.date, dict[tuple, dict[dt.date, Cell]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    days_of: dict[dt.date, set[dt.date]] = defaultdict(set)
    for cell in cells:
        local = cell.start.astimezone(tz)
        day = local.date()
        monday = day - dt.timedelta(days=day.weekday())
        by_week[monday][(local.time().replace(fold=0), local.fold)][day] = cell
        days_of[monday].add(day)
    result = []
    for monday in sorted(by_week):
        days = sorted(days_of[monday])
        rows = []
        previous = None
        for (clock_time, fold), by_day in sorted(by_week[monday].items()):
            minute = clock_time.hour * 60 + clock_time.minute
            if previous is not None and minute - previous > step:
                rows.append(("", None))  # a break in the times: the page shows a gap
            previous = minute
            label = f"{clock_time:%H:%M}" + (" (2nd)" if fold else "")
            rows.append((label, [by_day.get(day) for day in days]))
        result.append(Week(title=f"Week of {monday:%-d %B %Y}", days=days, rows=rows))
    return result


def parse_instant(text: str) -> dt.datetime | None:
    """An ISO 8601 instant with an offset, or None (naive or unreadable)."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def marked_slots(marks: dict[dt.datetime, int], cells: list[Cell]) -> list[services.SlotInput]:
    """Marked cells as slots: touching cells with the same preference become one slot."""
    slots: list[services.SlotInput] = []
    for cell in cells:
        level = marks.get(cell.start)
        if not level:
            continue
        if slots and slots[-1].end == cell.start and slots[-1].preference == level:
            slots[-1] = services.SlotInput(start=slots[-1].start, end=cell.end, preference=level)
        else:
            slots.append(services.SlotInput(start=cell.start, end=cell.end, preference=level))
    return slots


def blank_cells(
    first_day: dt.date,
    last_day: dt.date,
    *,
    from_hour: int,
    to_hour: int,
    minutes: int,
    tz,
    not_before,
) -> list[Cell]:
    """Cells of ``minutes`` covering ``from_hour``-``to_hour`` of each day, in ``tz`` (the round
    editor's grid). A wall-clock hour that does not exist (clocks go forward) has no cells."""
    cells, seen = [], set()
    day = first_day
    while day <= last_day:
        for minute in range(from_hour * 60, to_hour * 60, minutes):
            start = timeutils.minute_instant(day, minute, tz)
            end = timeutils.minute_instant(day, minute + minutes, tz)
            if end > start and start >= not_before and start not in seen:
                seen.add(start)
                cells.append(Cell(start, end))
        day += dt.timedelta(days=1)
    cells.sort(key=lambda c: c.start)
    return cells


def levels_from_windows(cells: list[Cell], windows) -> dict[dt.datetime, int]:
    """Each cell's level: the preference of the window holding its start (the editor shows a
    round's current availability)."""
    marks = {}
    for cell in cells:
        for window in windows:
            if window.start <= cell.start < window.end:
                marks[cell.start] = window.preference
                break
    return marks


NOT_OFFERED = (
    "Some of the times you marked are not offered any more (they passed, or the owner changed "
    "them). Reload the page and mark your times again."
)


def read_marks(
    data, cells, *, drop_unknown: bool = False, unknown_message: str = NOT_OFFERED
) -> tuple[dict[dt.datetime, int], list[str]]:
    """The marked cells of the form: ``at:<instant with offset>`` = 1, 2 or 3 (empty: unmarked).

    A mark of a time not among ``cells`` is an error, or dropped with ``drop_unknown`` (the
    editor's grid was redrawn for other days or hours)."""
    offered = {cell.start for cell in cells}
    marks: dict[dt.datetime, int] = {}
    unknown = 0
    for name, value in data.items():
        if not name.startswith("at:") or value in ("", "0"):
            continue
        moment = parse_instant(name[3:])
        if moment is None or moment.astimezone(dt.UTC) not in offered:
            unknown += 1
            continue
        if value not in ("1", "2", "3"):
            return {}, ["A preference is preferred (3), fine (2) or if need be (1)."]
        marks[moment.astimezone(dt.UTC)] = int(value)
    if unknown and not drop_unknown:
        return {}, [unknown_message]
    return marks, []
