"""Property tests on tiny random instances against a brute-force search."""

import datetime as dt
import math

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from optimizer import Instance, Invitee, Window, check_schedule, suggest
from optimizer.candidates import build_candidates
from optimizer.reference import brute_force_candidates, brute_force_objectives

DAYS = (dt.date(2025, 3, 3), dt.date(2025, 3, 4))
# A morning, and the hours around midnight between the two days.
SEGMENTS = ((0, 9 * 60, 11 * 60), (0, 22 * 60 + 30, 1440), (1, 0, 90))

tiny = settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@st.composite
def windows(draw):
    day, lo, hi = draw(st.sampled_from(SEGMENTS))
    start = draw(st.integers(lo // 5, hi // 5 - 1)) * 5
    end = draw(st.integers(start // 5 + 1, hi // 5)) * 5
    return Window(DAYS[day], start, end, draw(st.integers(1, 3)))


@st.composite
def instances(draw):
    people = draw(st.integers(0, 4))
    return Instance(
        meeting_minutes=draw(st.sampled_from((15, 30, 45, 60))),
        buffer_minutes=draw(st.sampled_from((0, 5, 15))),
        grid_minutes=draw(st.sampled_from((5, 15, 30, 60))),
        owner=draw(st.lists(windows(), max_size=4)),
        invitees=[
            Invitee(f"p{i}", tuple(draw(st.lists(windows(), max_size=3)))) for i in range(people)
        ],
    )


def small_enough(instance: Instance) -> bool:
    options = brute_force_candidates(instance)
    return math.prod(len(o) + 1 for o in options) <= 20_000


@tiny
@given(instances())
def test_candidates_match_the_definitions(instance):
    candidates = build_candidates(instance)

    built = {
        (m.invitee, m.date, m.start_minute, m.preference)
        for m in (candidates.meeting(instance, j) for j in range(len(candidates)))
    }

    assert built == {c for options in brute_force_candidates(instance) for c in options}
    assert len(built) == len(candidates)


@tiny
@given(instances(), st.integers(1, 4))
def test_suggest_matches_brute_force(instance, count):
    assume(small_enough(instance))

    result = suggest(instance, count=count)

    objectives = [schedule.objective for schedule in result.schedules]
    assert objectives == brute_force_objectives(instance, count)
    assert objectives == sorted(objectives, reverse=True)
    assert len({schedule.key() for schedule in result.schedules}) == len(objectives)
    for schedule in result.schedules:
        assert schedule.optimal
        assert check_schedule(instance, schedule.meetings) == schedule.objective
        assert list(schedule.meetings) == sorted(
            schedule.meetings, key=lambda m: (m.date, m.start_minute)
        )
