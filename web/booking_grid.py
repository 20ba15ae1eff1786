"""A mentor's week as a grid of half hours in the mentor's time zone (presentation only).

Each cell is one wall-clock half hour: past, free (published, Open), booked, or empty (future,
nothing published: the page offers to publish it). Which times may be published or deleted is
for ``mentoring.services`` to say.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

STEP = dt.timedelta(minutes=30)
DAY_START, DAY_END = 8, 20  # hours shown unless published time lies outside them


@dataclass(frozen=True)
class GridCell:
    start: dt.datetime | None  # aware, in the grid's zone; None for a time that does not exist
    state: str  # "past", "open", "booked", "empty", or "none" (skipped by a DST change)
    availability_id: int | None = None

    @property
    def key(self) -> str:
        return self.start.isoformat(timespec="minutes")

    @property
    def day_label(self) -> str:
        return self.start.strftime("%Y-%m-%d")

    @property
    def start_label(self) -> str:
        return self.start.strftime("%H:%M")

    @property
    def end_label(self) -> str:
        """The wall-clock end of the half hour, "24:00" at midnight (the publish form's values)."""
        end = (self.start + STEP).strftime("%H:%M")
        return "24:00" if end == "00:00" else end


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def wall(day: dt.date, minutes: int, zone: ZoneInfo) -> dt.datetime | None:
    """``day`` at ``minutes`` after midnight in ``zone``; None when that time does not exist."""
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)
    moment = naive.replace(tzinfo=zone)
    back = moment.astimezone(dt.UTC).astimezone(zone)
    return moment if back.replace(tzinfo=None) == naive else None


def week_bounds(monday: dt.date, zone: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(monday, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(), tzinfo=zone)
    return start, end


def week_grid(*, monday: dt.date, zone: ZoneInfo, spans, now: dt.datetime, whole_day=False):
    """``{"days": [date], "rows": [(label, [GridCell per day])]}`` for the week of ``monday``.

    ``spans``: the mentor's availability (``start_time``, ``end_time``, ``status``, ``pk``).
    """
    first, last = week_bounds(monday, zone)
    spans = [s for s in spans if s.end_time > first and s.start_time < last]
    low, high = (0, 24 * 60) if whole_day else (DAY_START * 60, DAY_END * 60)
    for span in spans:  # rows enough for every published half hour of the week
        moment, stop = max(span.start_time, first), min(span.end_time, last)
        while moment < stop:
            local = moment.astimezone(zone)
            minutes = local.hour * 60 + local.minute // 30 * 30
            low, high = min(low, minutes), max(high, minutes + 30)
            moment += STEP
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    rows = []
    for minutes in range(low, high, 30):
        cells = []
        for day in days:
            start = wall(day, minutes, zone)
            cells.append(_cell(start, spans, now) if start else GridCell(start=None, state="none"))
        rows.append((f"{minutes // 60:02d}:{minutes % 60:02d}", cells))
    return {"days": days, "rows": rows}


def _cell(start: dt.datetime, spans, now: dt.datetime) -> GridCell:
    for span in spans:
        if span.start_time <= start < span.end_time:
            state = "booked" if span.status == "Booked" else "open"
            if span.end_time <= now:
                state = "past"
            return GridCell(start=start, state=state, availability_id=span.pk)
    if start <= now:
        return GridCell(start=start, state="past")
    return GridCell(start=start, state="empty")
