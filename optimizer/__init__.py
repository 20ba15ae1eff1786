"""The schedule optimizer: exact, fast, with ranked alternatives.

An owner offers availability windows; each invitee offers theirs; every window has a preference
1-3. A meeting lasts L minutes, starts on a grid of G minutes, lies within one day and inside
both people's availability (the union of their windows; a minute takes the highest preference
covering it, a meeting the lowest over its minutes). The owner meets one invitee at a time with
B minutes between meetings, and each invitee at most once. The best schedule maximises, in
order: the number of invitees scheduled, the sum of owner + invitee preference, then earlier
starts. `suggest` returns the best schedule and the next best ones that differ from it.

The problem is NP-hard in general (job interval selection); the solver is exact (an integer
program solved with HiGHS, with an assignment and an LP-first shortcut). No Django here: the
scheduling service builds an `Instance` from database rows, the `oneonone-suggest` command from
`oneonone-instance/1` JSON. See docs/optimizer.md.

    >>> import datetime as dt
    >>> day = dt.date(2025, 3, 3)
    >>> instance = Instance(
    ...     meeting_minutes=30,
    ...     grid_minutes=15,
    ...     owner=[Window(day, 9 * 60, 10 * 60, 3)],
    ...     invitees={"ana": [Window(day, 9 * 60, 12 * 60, 2)]},
    ... )
    >>> best = suggest(instance, count=1).best
    >>> best.objective, best.meetings[0].start_minute
    ((1, 5), 540)
"""

from optimizer.formats import (
    INSTANCE_FORMAT,
    SOLUTION_FORMAT,
    SUGGESTIONS_FORMAT,
    FormatError,
    load_instance,
    parse_instance,
    schedule_to_json,
    solution_to_json,
    suggestions_to_json,
)
from optimizer.model import (
    Instance,
    Invitee,
    Meeting,
    Schedule,
    Suggestions,
    Window,
    check_schedule,
    meeting_preference,
)
from optimizer.solver import DEFAULT_COUNT, DEFAULT_TIME_LIMIT, suggest

__all__ = [
    "DEFAULT_COUNT",
    "DEFAULT_TIME_LIMIT",
    "INSTANCE_FORMAT",
    "SOLUTION_FORMAT",
    "SUGGESTIONS_FORMAT",
    "FormatError",
    "Instance",
    "Invitee",
    "Meeting",
    "Schedule",
    "Suggestions",
    "Window",
    "check_schedule",
    "load_instance",
    "meeting_preference",
    "parse_instance",
    "schedule_to_json",
    "solution_to_json",
    "suggest",
    "suggestions_to_json",
]
