import datetime as dt

import pytest

from optimizer import (
    Instance,
    Invitee,
    Meeting,
    Schedule,
    Suggestions,
    Window,
    check_schedule,
    solver,
    suggest,
)
from optimizer.generate import generate
from optimizer.greedy import greedy
from optimizer.reference import brute_force_objectives, plain_mip

DAY = dt.date(2025, 3, 3)
NEXT = dt.date(2025, 3, 4)


def at(hours: int, minutes: int = 0) -> int:
    return hours * 60 + minutes


def window(start: int, end: int, preference: int = 3, date: dt.date = DAY) -> Window:
    return Window(date, start, end, preference)


def test_suggest_schedules_the_format_example():
    instance = Instance(
        meeting_minutes=30,
        grid_minutes=15,
        owner=[window(at(9), at(12), 3)],
        invitees={"i0000": [window(at(10), at(11, 30), 2)]},
    )

    result = suggest(instance, count=1)

    assert result == Suggestions(
        (Schedule(meetings=(Meeting("i0000", DAY, 600, 630, 5),), scheduled=1, preference=5),)
    )


def test_suggest_uses_the_union_and_the_lowest_preference_of_a_meeting():
    instance = Instance(
        meeting_minutes=60,
        grid_minutes=30,
        owner=[window(at(9), at(10), 1), window(at(9, 30), at(11), 3)],
        invitees={"a": [window(at(9), at(11), 3)]},
    )

    result = suggest(instance, count=3)

    # 09:00 scores 1 + 3 (its first half is only in the preference-1 window); 09:30 and 10:00
    # score 3 + 3, and 09:30 is earlier.
    assert [s.meetings for s in result.schedules] == [
        (Meeting("a", DAY, at(9, 30), at(10, 30), 6),),
        (Meeting("a", DAY, at(10), at(11), 6),),
        (Meeting("a", DAY, at(9), at(10), 4),),
    ]


def test_suggest_meetings_may_end_at_midnight():
    instance = Instance(
        meeting_minutes=30,
        grid_minutes=30,
        owner=[window(at(23), 1440, 2)],
        invitees={"a": [window(at(23), 1440, 3)], "b": [window(at(23), 1440, 3)]},
    )

    best = suggest(instance, count=1).best

    assert best.objective == (2, 10)
    assert [(m.start_minute, m.end_minute) for m in best.meetings] == [(1380, 1410), (1410, 1440)]


@pytest.mark.parametrize(("buffer", "scheduled"), [(0, 2), (15, 1)])
def test_suggest_buffer_applies_across_midnight(buffer, scheduled):
    instance = Instance(
        meeting_minutes=60,
        buffer_minutes=buffer,
        grid_minutes=60,
        owner=[window(at(23), 1440), window(0, at(1), date=NEXT)],
        invitees={"a": [window(at(23), 1440)], "b": [window(0, at(1), date=NEXT)]},
    )

    assert suggest(instance, count=1).best.scheduled == scheduled


def test_suggest_buffer_keeps_meetings_apart():
    everyone = [window(at(9), at(12))]
    instance = Instance(
        meeting_minutes=30,
        buffer_minutes=15,
        grid_minutes=15,
        owner=[window(at(9), at(10, 15))],
        invitees={"a": everyone, "b": everyone, "c": everyone},
    )

    best = suggest(instance, count=1).best

    assert best.objective == (2, 12)
    assert [m.start_minute for m in best.meetings] == [at(9), at(9, 45)]


def test_suggest_without_owner_availability_gives_one_empty_schedule():
    instance = Instance(meeting_minutes=30, owner=[], invitees={"a": [window(at(9), at(12))]})

    result = suggest(instance, count=3)

    assert result == Suggestions((Schedule(meetings=(), scheduled=0, preference=0),))


def test_suggest_leaves_out_invitees_without_overlap():
    instance = Instance(
        meeting_minutes=30,
        grid_minutes=15,
        owner=[window(at(9), at(10))],
        invitees={
            "other-day": [window(at(9), at(10), date=NEXT)],
            "adjacent": [window(at(10), at(11))],
            "too-short": [window(at(9), at(9, 20))],
            "fits": [window(at(9, 30), at(10))],
            "nothing": [],
        },
    )

    result = suggest(instance, count=3)

    assert [s.meetings for s in result.schedules] == [
        (Meeting("fits", DAY, at(9, 30), at(10), 6),),
        (),
    ]


def test_suggest_schedules_invitees_a_greedy_pass_leaves_out():
    instance = Instance(
        meeting_minutes=30,
        grid_minutes=30,
        owner=[window(at(9), at(10))],
        invitees={
            "flexible": [window(at(9), at(9, 30), 3), window(at(9, 30), at(10), 1)],
            "fixed": [window(at(9), at(9, 30), 2)],
        },
    )

    best = suggest(instance, count=1).best

    assert greedy(instance).objective == (1, 6)
    assert best.objective == (2, 9)
    assert best.meetings == (
        Meeting("fixed", DAY, at(9), at(9, 30), 5),
        Meeting("flexible", DAY, at(9, 30), at(10), 4),
    )


@pytest.mark.parametrize("grid", [15, 30])
def test_suggest_breaks_ties_toward_earlier_starts(grid):
    instance = Instance(
        meeting_minutes=30,
        grid_minutes=grid,
        owner=[window(at(9), at(12))],
        invitees={"a": [window(at(9), at(12))], "b": [window(at(10), at(12))]},
    )

    best = suggest(instance, count=1).best

    assert [m.start_minute for m in best.meetings] == [at(9), at(10)]


def test_suggest_solves_the_mip_when_the_relaxation_is_fractional(monkeypatch):
    # A@09:00 and B@09:15 overlap, B@09:15 and A@09:45 overlap (with the buffer), and A can be
    # met once: the relaxation takes half of each (1.5 meetings), the optimum is one meeting.
    instance = Instance(
        meeting_minutes=30,
        buffer_minutes=15,
        grid_minutes=15,
        owner=[window(at(9), at(10, 30))],
        invitees={
            "A": [window(at(9), at(9, 30)), window(at(9, 45), at(10, 15))],
            "B": [window(at(9, 15), at(9, 45))],
        },
    )
    calls = []

    def spy(*args, **kwargs):
        calls.append(kwargs["options"]["mip_rel_gap"])
        return real_milp(*args, **kwargs)

    real_milp = solver.milp
    monkeypatch.setattr(solver, "milp", spy)

    result = suggest(instance, count=4)

    assert [s.meetings for s in result.schedules] == [
        (Meeting("A", DAY, at(9), at(9, 30), 6),),
        (Meeting("B", DAY, at(9, 15), at(9, 45), 6),),
        (Meeting("A", DAY, at(9, 45), at(10, 15), 6),),
        (),
    ]
    assert calls[0] == 0.0
    assert all(schedule.optimal for schedule in result.schedules)


def test_suggest_alternatives_are_the_next_best_distinct_schedules():
    instance = Instance(
        meeting_minutes=30,
        buffer_minutes=10,
        grid_minutes=5,
        owner=[window(at(9), at(10, 30), 2), window(at(10), at(11), 3)],
        invitees={
            "a": [window(at(9), at(10), 3)],
            "b": [window(at(9, 20), at(10, 10), 1), window(at(10, 30), at(11), 2)],
            "c": [window(at(10), at(11), 3)],
        },
    )

    result = suggest(instance, count=6)

    assert [s.objective for s in result.schedules] == brute_force_objectives(instance, 6)
    assert len({s.key() for s in result.schedules}) == 6
    for schedule in result.schedules:
        assert check_schedule(instance, schedule.meetings) == schedule.objective


def test_suggest_returns_fewer_schedules_when_fewer_exist():
    instance = Instance(
        meeting_minutes=30,
        owner=[window(at(9), at(9, 30))],
        invitees={"a": [window(at(9), at(9, 30), 1)]},
    )

    result = suggest(instance, count=5)

    assert [s.objective for s in result.schedules] == [(1, 4), (0, 0)]


def test_suggest_time_limit_returns_a_schedule_not_proven_optimal():
    instance = generate("large-dense", 0)

    result = suggest(instance, count=1, time_limit=0.001)

    assert result.best.optimal is False
    assert result.best.scheduled > 0
    assert check_schedule(instance, result.best.meetings) == result.best.objective


def test_suggest_is_deterministic():
    instance = generate("medium", 4)

    assert suggest(instance, count=3) == suggest(instance, count=3)


@pytest.mark.parametrize(
    ("profile", "seed"),
    [(profile, seed) for profile in ("small", "medium", "tight") for seed in range(3)],
)
def test_suggest_matches_the_plain_mip_on_generated_instances(profile, seed):
    instance = generate(profile, seed)

    result = suggest(instance, count=3)

    assert result.best.objective == plain_mip(instance).objective
    assert [s.optimal for s in result.schedules] == [True, True, True]
    for schedule in result.schedules:
        assert check_schedule(instance, schedule.meetings) == schedule.objective


def test_suggest_matches_the_plain_mip_when_starts_never_overlap():
    instance = generate("medium", 1, grid_minutes=60, buffer_minutes=0)

    assert suggest(instance, count=1).best.objective == plain_mip(instance).objective


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"count": 0}, "count must be at least 1"),
        ({"time_limit": 0}, "time_limit must be positive"),
    ],
)
def test_suggest_rejects_invalid_arguments(arguments, message):
    instance = Instance(meeting_minutes=30, owner=[], invitees=[Invitee("a")])

    with pytest.raises(ValueError) as error:
        suggest(instance, **arguments)

    assert str(error.value) == message
