import copy
import datetime as dt
import json

import pytest

from optimizer import (
    FormatError,
    Instance,
    Invitee,
    Meeting,
    Schedule,
    Suggestions,
    Window,
    load_instance,
    parse_instance,
    solution_to_json,
    suggestions_to_json,
)

DAY = dt.date(2025, 3, 3)

EXAMPLE = {
    "format": "oneonone-instance/1",
    "meeting_minutes": 30,
    "buffer_minutes": 0,
    "grid_minutes": 15,
    "owner": {
        "availability": [{"date": "2025-03-03", "start": "09:00", "end": "12:00", "preference": 3}]
    },
    "invitees": [
        {
            "id": "i0000",
            "availability": [
                {"date": "2025-03-03", "start": "10:00", "end": "11:30", "preference": 2}
            ],
        }
    ],
}


def test_parse_instance_reads_the_format_example():
    instance = parse_instance(EXAMPLE)

    assert instance == Instance(
        meeting_minutes=30,
        buffer_minutes=0,
        grid_minutes=15,
        owner=[Window(DAY, 540, 720, 3)],
        invitees=[Invitee("i0000", (Window(DAY, 600, 690, 2),))],
    )


def test_parse_instance_defaults_buffer_and_grid_and_ignores_unknown_keys():
    data = copy.deepcopy(EXAMPLE)
    del data["buffer_minutes"], data["grid_minutes"]
    data["comment"] = "ignored"
    data["owner"]["name"] = "ignored"
    data["invitees"][0]["availability"][0]["note"] = "ignored"

    instance = parse_instance(data)

    assert (instance.buffer_minutes, instance.grid_minutes) == (0, 1)
    assert instance.invitees[0].availability == (Window(DAY, 600, 690, 2),)


def test_parse_instance_accepts_end_at_24_00():
    data = copy.deepcopy(EXAMPLE)
    data["owner"]["availability"][0].update(start="23:00", end="24:00")

    instance = parse_instance(data)

    assert instance.owner == (Window(DAY, 1380, 1440, 3),)


def test_load_instance_reads_json_text_and_bytes():
    text = json.dumps(EXAMPLE)

    assert load_instance(text) == load_instance(text.encode()) == parse_instance(EXAMPLE)


def _owner_window(**changes):
    data = copy.deepcopy(EXAMPLE)
    data["owner"]["availability"][0].update(changes)
    return data


def _invitee_window(**changes):
    data = copy.deepcopy(EXAMPLE)
    data["invitees"][0]["availability"][0].update(changes)
    return data


def _top(**changes):
    data = copy.deepcopy(EXAMPLE)
    data.update(changes)
    return data


def _without(key):
    data = copy.deepcopy(EXAMPLE)
    del data[key]
    return data


def _second_invitee(**person):
    data = copy.deepcopy(EXAMPLE)
    data["invitees"].append({"availability": [], **person})
    return data


W = "owner.availability[0]"
I = "invitees[0].availability[0]"  # noqa: E741


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "instance: must be an object"),
        (_without("format"), "format: unknown format missing, expected 'oneonone-instance/1'"),
        (
            _top(format="oneonone-instance/2"),
            "format: unknown format \"oneonone-instance/2\", expected 'oneonone-instance/1'",
        ),
        (_without("meeting_minutes"), "meeting_minutes: is missing"),
        (_top(meeting_minutes="30"), 'meeting_minutes: must be an integer, got "30"'),
        (_top(meeting_minutes=30.0), "meeting_minutes: must be an integer, got 30.0"),
        (_top(meeting_minutes=True), "meeting_minutes: must be an integer, got true"),
        (_top(meeting_minutes=0), "meeting_minutes: must be between 1 and 1440, got 0"),
        (_top(meeting_minutes=1441), "meeting_minutes: must be between 1 and 1440, got 1441"),
        (_top(buffer_minutes=-1), "buffer_minutes: must be 0 or more, got -1"),
        (_top(grid_minutes=7), "grid_minutes: must divide 1440, got 7"),
        (_top(grid_minutes=0), "grid_minutes: must divide 1440, got 0"),
        (_top(grid_minutes=None), "grid_minutes: must be an integer, got null"),
        (_without("owner"), "owner: is missing"),
        (_top(owner=[]), "owner: must be an object"),
        (_top(owner={}), "owner.availability: is missing"),
        (_top(owner={"availability": {}}), "owner.availability: must be a list"),
        (_without("invitees"), "invitees: is missing"),
        (_top(invitees={}), "invitees: must be a list"),
        (_top(invitees=["i0000"]), "invitees[0]: must be an object"),
        (_second_invitee(), "invitees[1].id: is missing"),
        (_second_invitee(id=""), 'invitees[1].id: must be a non-empty string, got ""'),
        (_second_invitee(id=7), "invitees[1].id: must be a non-empty string, got 7"),
        (_second_invitee(id="i0000"), 'invitees[1].id: duplicate invitee id "i0000"'),
        (_top(invitees=[{"id": "x"}]), "invitees[0].availability: is missing"),
        (
            _owner_window(date="2025-02-30"),
            f'{W}.date: must be a date YYYY-MM-DD, got "2025-02-30"',
        ),
        (_owner_window(date="2025-3-3"), f'{W}.date: must be a date YYYY-MM-DD, got "2025-3-3"'),
        (_owner_window(date=20250303), f"{W}.date: must be a date YYYY-MM-DD, got 20250303"),
        (_owner_window(start="9:00"), f'{W}.start: must be a time HH:MM, got "9:00"'),
        (_owner_window(start="09:60"), f'{W}.start: must be a time HH:MM, got "09:60"'),
        (_owner_window(start="24:00"), f"{W}.start: 24:00 is only allowed as an end"),
        (_owner_window(end="24:01"), f'{W}.end: must be a time HH:MM, got "24:01"'),
        (_owner_window(end="25:00"), f'{W}.end: must be a time HH:MM, got "25:00"'),
        (_owner_window(end="09:00"), f"{W}.end: must be after start"),
        (_owner_window(end="08:00"), f"{W}.end: must be after start"),
        (_invitee_window(preference=0), f"{I}.preference: must be 1, 2 or 3, got 0"),
        (_invitee_window(preference=4), f"{I}.preference: must be 1, 2 or 3, got 4"),
        (_invitee_window(preference="3"), f'{I}.preference: must be an integer, got "3"'),
        (_invitee_window(preference=2.5), f"{I}.preference: must be an integer, got 2.5"),
        (_top(invitees=[{"id": "x", "availability": [{}]}]), f"{I}.date: is missing"),
        (_top(invitees=[{"id": "x", "availability": [7]}]), f"{I}: must be an object"),
    ],
)
def test_parse_instance_rejects_malformed_input(data, message):
    with pytest.raises(FormatError) as error:
        parse_instance(data)

    assert str(error.value) == message
    assert f"{error.value.field}: {error.value.reason}" == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{",
            "instance: is not valid JSON (Expecting property name enclosed in double quotes "
            "at line 1 column 2)",
        ),
        ("", "instance: is not valid JSON (Expecting value at line 1 column 1)"),
        (b"\xff\xfe{", "instance: is not UTF-8 text"),
    ],
)
def test_load_instance_rejects_text_that_is_not_json(text, message):
    with pytest.raises(FormatError) as error:
        load_instance(text)

    assert str(error.value) == message


def _schedule(optimal=True):
    meetings = (
        Meeting("b", DAY, 1380, 1410, 5),
        Meeting("a", DAY, 1410, 1440, 6),
    )
    return Schedule(meetings=meetings, scheduled=2, preference=11, optimal=optimal)


def test_suggestions_to_json_writes_times_and_24_00():
    document = suggestions_to_json(Suggestions((_schedule(), _schedule(optimal=False))))

    expected_schedule = {
        "objective": {"scheduled": 2, "preference": 11},
        "optimal": True,
        "meetings": [
            {"invitee": "b", "date": "2025-03-03", "start": "23:00", "end": "23:30"},
            {"invitee": "a", "date": "2025-03-03", "start": "23:30", "end": "24:00"},
        ],
    }
    assert document == {
        "format": "oneonone-suggestions/1",
        "schedules": [expected_schedule, {**expected_schedule, "optimal": False}],
    }


def test_solution_to_json_names_its_format():
    document = solution_to_json(_schedule())

    assert document["format"] == "oneonone-solution/1"
    assert document["objective"] == {"scheduled": 2, "preference": 11}
