"""References the solver is checked against.

- `plain_mip`: one MIP over every candidate, the same constraints, objective (scheduled,
  preference) only, solved by HiGHS branch and cut with gap zero: no assignment or LP-first
  shortcut, no tie-break. The benchmark's reference.
- `brute_force_*`: every schedule by enumeration, with candidates taken from the definitions
  (`meeting_preference`), not from the solver's vectorised builder. The tests' reference on tiny
  instances.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from optimizer.candidates import build_candidates
from optimizer.greedy import schedule_of
from optimizer.model import MINUTES_PER_DAY, Instance, Schedule, meeting_preference
from optimizer.solver import Model


def plain_mip(instance: Instance, *, time_limit: float = 600.0) -> Schedule:
    """The reference: one MIP over all candidates, objective (scheduled, preference) only."""
    candidates = build_candidates(instance)
    if len(candidates) == 0:
        return schedule_of(instance, candidates, (), optimal=True)
    model = Model(candidates, len(instance.invitees))
    result = milp(
        -model.primary.astype(np.float64),
        integrality=np.ones(len(candidates)),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(model.matrix, -np.inf, 1),
        options={"time_limit": time_limit, "mip_rel_gap": 0.0},
    )
    if result.x is None:
        raise RuntimeError(f"plain MIP found no schedule: {result.message}")
    chosen = np.flatnonzero(result.x > 0.5)
    return schedule_of(instance, candidates, chosen.tolist(), optimal=result.status == 0)


Candidate = tuple[str, dt.date, int, int]  # invitee, date, start minute, preference


def brute_force_candidates(instance: Instance) -> list[list[Candidate]]:
    """Per invitee, every allowed (invitee, date, start, preference), from the definitions."""
    length = instance.meeting_minutes
    dates = sorted({window.date for window in instance.owner})
    per_invitee = []
    for person in instance.invitees:
        options = []
        for date in dates:
            for start in range(0, MINUTES_PER_DAY - length + 1, instance.grid_minutes):
                owner = meeting_preference(instance.owner, date, start, length)
                mine = meeting_preference(person.availability, date, start, length)
                if owner and mine:
                    options.append((person.id, date, start, owner + mine))
        per_invitee.append(options)
    return per_invitee


def brute_force_schedules(instance: Instance) -> list[tuple[tuple[int, int], frozenset]]:
    """Every valid schedule as ((scheduled, preference), {(invitee, date, start)}).

    Exponential: for tiny instances only."""
    spacing = instance.meeting_minutes + instance.buffer_minutes
    options = brute_force_candidates(instance)
    found: list[tuple[tuple[int, int], frozenset]] = []

    def absolute(candidate: Candidate) -> int:
        return candidate[1].toordinal() * MINUTES_PER_DAY + candidate[2]

    def visit(index: int, chosen: list[Candidate]) -> None:
        if index == len(options):
            value = (len(chosen), sum(c[3] for c in chosen))
            found.append((value, frozenset(c[:3] for c in chosen)))
            return
        visit(index + 1, chosen)
        for candidate in options[index]:
            start = absolute(candidate)
            if all(abs(start - absolute(other)) >= spacing for other in chosen):
                chosen.append(candidate)
                visit(index + 1, chosen)
                chosen.pop()

    visit(0, [])
    return found


def brute_force_objectives(instance: Instance, count: int) -> list[tuple[int, int]]:
    """The `count` best objectives over all schedules: what ranked suggestions must have."""
    values = sorted((value for value, _ in brute_force_schedules(instance)), reverse=True)
    return values[:count]
