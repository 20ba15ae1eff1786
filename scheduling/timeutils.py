"""Wall-clock times in a calendar's zone <-> instants in UTC."""

import datetime as dt
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_instant(day: dt.date, clock_time: dt.time, tz: ZoneInfo) -> dt.datetime:
    """The instant of a wall-clock date and time in ``tz``, as an aware UTC datetime.

    A time in a DST gap (02:30 on a spring-forward night) is read with the offset in force
    before the change, as zoneinfo does with fold=0.
    """
    return dt.datetime.combine(day, clock_time, tzinfo=tz).astimezone(dt.UTC)


def end_of_local_day(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    return local_instant(day + dt.timedelta(days=1), dt.time(0), tz)


def local_day_pieces(
    start: dt.datetime, end: dt.datetime, tz: ZoneInfo
) -> list[tuple[dt.date, int, int]]:
    """Split ``[start, end)`` into (local date, start minute, end minute) pieces, one per day.

    End minutes may be 1440 (24:00). Minutes are wall-clock minutes from local midnight.
    """
    pieces = []
    local_start = start.astimezone(tz)
    local_end = end.astimezone(tz)
    day = local_start.date()
    if local_end.date() == day:
        # Within one local day (most windows): the one piece the loop below would find.
        begin = local_start.hour * 60 + local_start.minute
        finish = local_end.hour * 60 + local_end.minute
        return [(day, begin, finish)] if local_end > local_start and finish > begin else []
    while True:
        day_start = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
        piece_start = max(local_start, day_start)
        next_midnight = end_of_local_day(day, tz).astimezone(tz)
        piece_end = min(local_end, next_midnight)
        if piece_end > piece_start:
            begin = piece_start.hour * 60 + piece_start.minute
            finish = (
                MINUTES_PER_DAY
                if piece_end >= next_midnight
                else piece_end.hour * 60 + piece_end.minute
            )
            if finish > begin:
                pieces.append((day, begin, finish))
        if local_end <= next_midnight:
            return pieces
        day += dt.timedelta(days=1)


def window_pieces(window, tz: ZoneInfo) -> list[tuple[dt.date, int, int]]:
    """``local_day_pieces`` of a window (anything with ``start`` and ``end``), computed once per
    window and zone: a calendar's details and its suggestions split the same windows."""
    cached = getattr(window, "_local_pieces", None)
    if cached is not None and cached[0] is tz:
        return cached[1]
    pieces = local_day_pieces(window.start, window.end, tz)
    window._local_pieces = (tz, pieces)
    return pieces


def minute_instant(day: dt.date, minute: int, tz: ZoneInfo) -> dt.datetime:
    """The UTC instant of ``minute`` minutes after local midnight of ``day`` (wall clock)."""
    if minute >= MINUTES_PER_DAY:
        return end_of_local_day(day, tz)
    return local_instant(day, dt.time(minute // 60, minute % 60), tz)
