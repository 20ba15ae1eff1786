"""The mentor's week grid and the queue's activity plot: presentation helpers, unit-tested."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from web import booking_grid, plots

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC


def span(start, end, status="Open", pk=1):
    return SimpleNamespace(start_time=start, end_time=end, status=status, pk=pk)


def states(grid, label):
    return [cell.state for cell in dict(grid["rows"])[label]]


def test_the_hour_skipped_by_daylight_saving_has_no_cells():
    # Sunday 28 March 2027: Berlin's clocks jump from 02:00 to 03:00.
    now = dt.datetime(2027, 3, 20, tzinfo=UTC)
    grid = booking_grid.week_grid(
        monday=dt.date(2027, 3, 22), zone=BERLIN, spans=[], now=now, whole_day=True
    )
    assert len(grid["rows"]) == 48
    assert states(grid, "02:00")[6] == "none"
    assert states(grid, "02:30")[6] == "none"
    assert states(grid, "03:00")[6] == "empty"
    assert states(grid, "02:00")[5] == "empty"


def test_rows_grow_to_show_free_time_outside_working_hours():
    now = dt.datetime(2027, 3, 1, tzinfo=UTC)
    early = span(
        dt.datetime(2027, 3, 2, 5, 0, tzinfo=UTC), dt.datetime(2027, 3, 2, 5, 30, tzinfo=UTC)
    )
    grid = booking_grid.week_grid(monday=dt.date(2027, 3, 1), zone=BERLIN, spans=[early], now=now)
    labels = [label for label, _cells in grid["rows"]]
    assert labels[0] == "06:00"  # 05:00 UTC is 06:00 in Berlin
    assert labels[-1] == "19:30"
    assert states(grid, "06:00")[1] == "open"


def test_cells_say_past_open_booked_and_empty():
    now = dt.datetime(2027, 3, 2, 9, 0, tzinfo=UTC)  # Tuesday 10:00 in Berlin
    spans = [
        span(
            dt.datetime(2027, 3, 2, 7, tzinfo=UTC), dt.datetime(2027, 3, 2, 7, 30, tzinfo=UTC), pk=1
        ),
        span(
            dt.datetime(2027, 3, 2, 10, tzinfo=UTC),
            dt.datetime(2027, 3, 2, 10, 30, tzinfo=UTC),
            "Booked",
            2,
        ),
        span(
            dt.datetime(2027, 3, 2, 11, tzinfo=UTC),
            dt.datetime(2027, 3, 2, 11, 30, tzinfo=UTC),
            pk=3,
        ),
    ]
    grid = booking_grid.week_grid(monday=dt.date(2027, 3, 1), zone=BERLIN, spans=spans, now=now)
    tuesday = {label: cells[1] for label, cells in grid["rows"]}
    assert tuesday["08:00"].state == "past"  # published, but over
    assert (tuesday["11:00"].state, tuesday["11:00"].availability_id) == ("booked", 2)
    assert (tuesday["12:00"].state, tuesday["12:00"].availability_id) == ("open", 3)
    assert tuesday["12:30"].state == "empty"
    assert tuesday["09:30"].state == "past"
    cell = tuesday["12:30"]
    assert (cell.key, cell.day_label, cell.start_label, cell.end_label) == (
        "2027-03-02T12:30+01:00",
        "2027-03-02",
        "12:30",
        "13:00",
    )


def test_the_last_half_hour_of_a_day_ends_at_24_00():
    cell = booking_grid.GridCell(
        start=dt.datetime(2027, 3, 2, 23, 30, tzinfo=BERLIN), state="empty"
    )
    assert cell.end_label == "24:00"


def hour(h, opened, wait=None, close=None):
    return {
        "hour": dt.datetime(2025, 3, 1, h, tzinfo=UTC),
        "opened": opened,
        "median_wait_seconds": wait,
        "median_close_seconds": close,
    }


def test_the_plot_scales_bars_and_lines_to_nice_axes():
    plot = plots.activity_plot([hour(9, 3, 600, 1800), hour(10, 0), hour(11, 1, 120)])
    assert [t["text"] for t in plot["count_ticks"]] == ["0", "1", "2", "3", "4", "5"]
    assert [t["text"] for t in plot["minute_ticks"]] == ["0", "12.5", "25", "37.5", "50"]
    assert len(plot["bars"]) == 2  # no bar for an hour without tickets
    tallest = plot["bars"][0]
    assert tallest["y"] + tallest["height"] == plot["base"]
    assert tallest["title"] == "Sat 09:00: 3 opened"
    assert len(plot["wait"].split()) == 2
    assert len(plot["close"].split()) == 1
    assert [label["text"] for label in plot["hour_labels"]] == ["09:00", "10:00", "11:00"]


def test_the_plot_of_a_long_event_labels_about_twelve_hours_and_counts_in_fifths():
    plot = plots.activity_plot([hour(h % 24, 17) for h in range(48)])
    assert len(plot["hour_labels"]) == 12
    assert [t["text"] for t in plot["count_ticks"]] == ["0", "4", "8", "12", "16", "20"]
    assert plot["wait"] == ""


def test_no_hours_no_plot():
    assert plots.activity_plot([]) is None
