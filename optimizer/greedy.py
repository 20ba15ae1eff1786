"""The greedy baseline the benchmark compares with: what the seed implementations do.

Invitees in the given order, each taking its best free start (highest preference, then
earliest). It misses schedules that exist; it is not used to answer users, only as a last
resort when the time limit runs out before the exact solver has found any schedule.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import numpy as np

from optimizer.candidates import Candidates, build_candidates
from optimizer.model import Instance, Schedule


def greedy_indices(candidates: Candidates) -> tuple[int, ...]:
    """Invitees in order, each taking its best free start (highest preference, then earliest)."""
    order = np.lexsort((candidates.step, -candidates.preference, candidates.invitee))
    placed: list[int] = []
    chosen: list[int] = []
    served = -1
    blocked = candidates.blocked
    for index in order.tolist():
        invitee = int(candidates.invitee[index])
        if invitee == served:
            continue
        step = int(candidates.step[index])
        at = bisect.bisect_left(placed, step - blocked + 1)
        if at < len(placed) and placed[at] <= step + blocked - 1:
            continue
        placed.insert(at, step)
        chosen.append(index)
        served = invitee
    return tuple(sorted(chosen))


def schedule_of(
    instance: Instance, candidates: Candidates, chosen: Iterable[int], optimal: bool
) -> Schedule:
    meetings = tuple(candidates.meeting(instance, index) for index in chosen)
    return Schedule(
        meetings=meetings,
        scheduled=len(meetings),
        preference=sum(m.preference for m in meetings),
        optimal=optimal,
    )


def greedy(instance: Instance) -> Schedule:
    candidates = build_candidates(instance)
    return schedule_of(instance, candidates, greedy_indices(candidates), optimal=False)
