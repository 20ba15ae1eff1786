import datetime as dt

import pytest

from optimizer import Instance, Invitee, Meeting, Window, check_schedule, meeting_preference

DAY = dt.date(2025, 3, 3)
NEXT = dt.date(2025, 3, 4)


def at(hours: int, minutes: int = 0) -> int:
    return hours * 60 + minutes


def test_meeting_preference_inside_one_window_is_its_preference():
    windows = [Window(DAY, at(9), at(10), 2)]

    assert meeting_preference(windows, DAY, at(9, 30), 30) == 2


def test_meeting_preference_overlapping_windows_take_the_highest_per_minute():
    windows = [Window(DAY, at(9), at(11), 1), Window(DAY, at(9, 30), at(10, 30), 3)]

    assert meeting_preference(windows, DAY, at(9, 30), 60) == 3
    assert meeting_preference(windows, DAY, at(9, 15), 30) == 1
    assert meeting_preference(windows, DAY, at(10), 60) == 1


def test_meeting_preference_spans_adjacent_windows_with_the_lowest():
    windows = [Window(DAY, at(9), at(10), 3), Window(DAY, at(10), at(11), 2)]

    assert meeting_preference(windows, DAY, at(9, 45), 30) == 2


def test_meeting_preference_gap_between_windows_is_not_available():
    windows = [Window(DAY, at(9), at(10), 3), Window(DAY, at(10, 5), at(11), 3)]

    assert meeting_preference(windows, DAY, at(9, 45), 30) == 0


def test_meeting_preference_other_date_is_not_available():
    windows = [Window(DAY, at(9), at(10), 3)]

    assert meeting_preference(windows, NEXT, at(9), 30) == 0


def test_meeting_preference_may_end_at_midnight_but_not_cross_it():
    windows = [Window(DAY, at(23), 1440, 3), Window(NEXT, 0, at(1), 3)]

    assert meeting_preference(windows, DAY, at(23, 30), 30) == 3
    assert meeting_preference(windows, DAY, at(23, 45), 30) == 0


@pytest.mark.parametrize(
    ("start", "end", "preference", "message"),
    [
        (600, 600, 3, "end_minute must be after start_minute"),
        (600, 590, 3, "end_minute must be after start_minute"),
        (1440, 1440, 3, "start_minute must be an integer in 0..1439, got 1440"),
        (-1, 60, 3, "start_minute must be an integer in 0..1439, got -1"),
        (0, 1441, 3, "end_minute must be an integer in 1..1440, got 1441"),
        (0, 60, 4, "preference must be 1, 2 or 3, got 4"),
        (0, 60, 0, "preference must be 1, 2 or 3, got 0"),
        (0, 60, True, "preference must be 1, 2 or 3, got True"),
    ],
)
def test_window_rejects_invalid_values(start, end, preference, message):
    with pytest.raises(ValueError) as error:
        Window(DAY, start, end, preference)

    assert str(error.value) == message


def test_window_accepts_end_at_midnight():
    window = Window(DAY, at(23), 1440, 1)

    assert (window.start_minute, window.end_minute) == (1380, 1440)


def test_window_rejects_datetime_for_date():
    with pytest.raises(ValueError):
        Window(dt.datetime(2025, 3, 3, tzinfo=dt.UTC), 0, 60, 3)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"meeting_minutes": 0}, "meeting_minutes must be an integer in 1..1440, got 0"),
        ({"buffer_minutes": -5}, "buffer_minutes must be an integer >= 0, got -5"),
        ({"grid_minutes": 7}, "grid_minutes must be an integer dividing 1440, got 7"),
        ({"grid_minutes": 0}, "grid_minutes must be an integer dividing 1440, got 0"),
    ],
)
def test_instance_rejects_invalid_numbers(fields, message):
    arguments = {"meeting_minutes": 30, "owner": [], "invitees": [], **fields}

    with pytest.raises(ValueError) as error:
        Instance(**arguments)

    assert str(error.value) == message


def test_instance_rejects_duplicate_invitee_ids():
    with pytest.raises(ValueError) as error:
        Instance(meeting_minutes=30, owner=[], invitees=[Invitee("a"), Invitee("a")])

    assert str(error.value) == "duplicate invitee id 'a'"


def test_instance_accepts_invitees_as_a_mapping_in_order():
    window = Window(DAY, at(9), at(10), 3)

    instance = Instance(meeting_minutes=30, owner=[window], invitees={"b": [window], "a": []})

    assert instance.invitees == (Invitee("b", (window,)), Invitee("a", ()))
    assert (instance.buffer_minutes, instance.grid_minutes) == (0, 1)


def _instance() -> Instance:
    return Instance(
        meeting_minutes=30,
        buffer_minutes=10,
        grid_minutes=15,
        owner=[Window(DAY, at(9), at(12), 3)],
        invitees={"a": [Window(DAY, at(9), at(12), 2)], "b": [Window(DAY, at(9), at(12), 1)]},
    )


def test_check_schedule_returns_the_objective():
    meetings = [
        Meeting("a", DAY, at(9), at(9, 30), 5),
        Meeting("b", DAY, at(9, 45), at(10, 15), 4),
    ]

    assert check_schedule(_instance(), meetings) == (2, 9)


@pytest.mark.parametrize(
    ("meetings", "message"),
    [
        ([Meeting("z", DAY, at(9), at(9, 30), 5)], "meeting z 2025-03-03 540: unknown invitee"),
        (
            [Meeting("a", DAY, at(9), at(9, 30), 5), Meeting("a", DAY, at(10), at(10, 30), 5)],
            "meeting a 2025-03-03 600: invitee has a second meeting",
        ),
        (
            [Meeting("a", DAY, at(9, 5), at(9, 35), 5)],
            "meeting a 2025-03-03 545: start is not on the grid",
        ),
        (
            [Meeting("a", DAY, at(9), at(9, 45), 5)],
            "meeting a 2025-03-03 540: end is not start + meeting_minutes",
        ),
        (
            [Meeting("a", DAY, at(11, 45), at(12, 15), 5)],
            "meeting a 2025-03-03 705: outside the owner's availability",
        ),
        (
            [Meeting("a", NEXT, at(9), at(9, 30), 5)],
            "meeting a 2025-03-04 540: outside the owner's availability",
        ),
        (
            [Meeting("a", DAY, at(9), at(9, 30), 6)],
            "meeting a 2025-03-03 540: preference is 5, not 6",
        ),
        (
            [Meeting("a", DAY, at(9), at(9, 30), 5), Meeting("b", DAY, at(9, 30), at(10), 4)],
            "two meetings overlap (with the buffer)",
        ),
    ],
)
def test_check_schedule_rejects_invalid_meetings(meetings, message):
    with pytest.raises(ValueError) as error:
        check_schedule(_instance(), meetings)

    assert str(error.value) == message
