"""The answer page's week grid: cells from windows, laid out in a zone, marks back to slots."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from web import grid

UTC = dt.UTC
TORONTO = ZoneInfo("America/Toronto")


def window(start, end):
    return SimpleNamespace(start=start, end=end)


def utc(day, hour, minute=0, month=3):
    return dt.datetime(2027, month, day, hour, minute, tzinfo=UTC)


def test_cells_cut_windows_and_skip_what_has_begun():
    cells = grid.cells_of(
        [window(utc(8, 9), utc(8, 10, 10)), window(utc(8, 9, 30), utc(8, 10))],
        minutes=30,
        not_before=utc(8, 9, 10),
    )
    assert [(c.start, c.end) for c in cells] == [
        (utc(8, 9, 30), utc(8, 10)),
        (utc(8, 10), utc(8, 10, 10)),
    ]


def test_weeks_put_a_gap_where_times_jump():
    cells = grid.cells_of(
        [window(utc(8, 9), utc(8, 9, 30)), window(utc(8, 14), utc(8, 14, 15))],
        minutes=15,
        not_before=utc(1, 0),
    )
    (week,) = grid.weeks(cells, UTC, minutes=15)
    assert week.title == "Week of 8 March 2027"
    assert week.days == [dt.date(2027, 3, 8)]
    assert [label for label, _ in week.rows] == ["09:00", "09:15", "", "14:00"]
    assert week.rows[2][1] is None


def test_weeks_give_a_repeated_wall_clock_time_its_own_row():
    """Toronto's clocks go back on 7 November 2027: 01:00-02:00 happens twice."""
    cells = grid.cells_of(
        [window(utc(7, 5, month=11), utc(7, 7, month=11))], minutes=30, not_before=utc(1, 0)
    )
    (week,) = grid.weeks(cells, TORONTO, minutes=30)
    assert [label for label, _ in week.rows] == [
        "01:00",
        "01:00 (2nd)",
        "01:30",
        "01:30 (2nd)",
    ]
    assert week.rows[1][1][0].start == utc(7, 6, month=11)


def test_weeks_split_at_monday_in_the_viewers_zone():
    cells = grid.cells_of(
        [window(utc(7, 23), utc(7, 23, 30))], minutes=30, not_before=utc(1, 0)
    )  # Sunday 23:00 UTC is Monday 04:30 in Kolkata
    (week,) = grid.weeks(cells, ZoneInfo("Asia/Kolkata"), minutes=30)
    assert week.days == [dt.date(2027, 3, 8)]
    assert cells[0].key(ZoneInfo("Asia/Kolkata")) == "2027-03-08T04:30+05:30"


def test_marked_cells_become_slots_merging_touching_cells_of_one_level():
    cells = grid.cells_of([window(utc(8, 9), utc(8, 11))], minutes=30, not_before=utc(1, 0))
    marks = {utc(8, 9): 3, utc(8, 9, 30): 3, utc(8, 10): 2, utc(8, 10, 30): 0}
    assert [(s.start, s.end, s.preference) for s in grid.marked_slots(marks, cells)] == [
        (utc(8, 9), utc(8, 10), 3),
        (utc(8, 10), utc(8, 10, 30), 2),
    ]


def test_parse_instant_wants_an_offset():
    assert grid.parse_instant("2027-03-08T09:00-05:00") == utc(8, 14)
    assert grid.parse_instant("2027-03-08T09:00") is None
    assert grid.parse_instant("soon") is None
