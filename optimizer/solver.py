"""The exact solver: an integer program over candidate starts, and ranked alternatives.

Model. One 0/1 variable x_j per candidate j = (invitee, start). Constraints:

- each invitee at most once: sum of x_j over the invitee's candidates <= 1;
- the owner's timeline, as clique constraints: two starts conflict when they are fewer than
  k = ceil((L + B) / G) grid steps apart, so for every distinct candidate start t the
  candidates starting in the k steps ending at t pairwise conflict and sum to at most 1.
  These are all the maximal cliques of the (interval) conflict graph; dominated ones are
  dropped.

Objective, maximised: sum of x_j * (W + preference_j), with W = 6 * m + 1 where m bounds the
number of meetings, so one more meeting always outweighs any preference total; plus a tie-break
toward earlier starts whose total over any schedule stays below 0.5, so it never changes the
(scheduled, preference) optimum.

Strategy. When k == 1 (G >= L + B) grid starts never overlap and the problem is an assignment
problem, solved by `scipy.optimize.linear_sum_assignment` with an exact integer objective.
Otherwise the LP relaxation is solved first (HiGHS); when its solution is integral it is
optimal, and only when it is fractional the MIP is solved (HiGHS branch and cut, relative gap
zero).

Alternatives. Schedule k + 1 is the best schedule not among the first k. Its objective is at
most schedule k's, so any unseen schedule with the same objective is a best one: the solver
first looks for such a schedule one move away from an earlier one (one meeting moved to another
start or invitee, or two invitees swapping starts), and otherwise solves the MIP with a cut
sum_{j in S} x_j <= |S| - 1 for every earlier schedule S. That cut also excludes the strict
supersets of S, which is harmless: a strict superset schedules more invitees, so it is better
than S and was found before S.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, linprog, milp

from optimizer.candidates import Candidates, build_candidates
from optimizer.greedy import greedy_indices
from optimizer.model import Instance, Schedule, Suggestions

DEFAULT_COUNT = 3
DEFAULT_TIME_LIMIT = 10.0
_INTEGRAL = 1e-6
_ASSIGNMENT_CELLS = 4_000_000
_EXACT_FLOAT = 2**52
_MAX_SWAP_MEETINGS = 1500  # swaps look at every pair of meetings


@dataclass(frozen=True, slots=True)
class _Found:
    chosen: tuple[int, ...]  # candidate indices, ascending (so by start)
    optimal: bool


class Model:
    """The integer program of one instance, reused for every schedule of a suggestion."""

    def __init__(self, candidates: Candidates, invitees: int) -> None:
        self.candidates = candidates
        step = candidates.step
        size = step.size
        blocked = candidates.blocked
        self.blocked = blocked

        starts, first = np.unique(step, return_index=True)
        after = np.append(first[1:], size)
        low = np.searchsorted(starts, starts - blocked + 1)
        # Clique of start a = distinct starts low[a]..a; it is inside the next one when the
        # next one begins at the same distinct start.
        keep = np.ones(starts.size, dtype=bool)
        keep[:-1] = low[1:] > low[:-1]
        clique_lo = first[low[keep]]
        clique_hi = after[keep]
        self.cliques = int(keep.sum())

        by_invitee = np.argsort(candidates.invitee, kind="stable")
        counts = np.bincount(candidates.invitee, minlength=invitees)
        offsets = np.cumsum(counts) - counts
        several = np.flatnonzero(counts > 1)

        row_lengths = np.concatenate([clique_hi - clique_lo, counts[several]])
        row_starts = np.concatenate([clique_lo, offsets[several]])
        rows = row_lengths.size
        total = int(row_lengths.sum())
        which = np.repeat(np.arange(rows), row_lengths)
        position = np.arange(total) - (np.cumsum(row_lengths) - row_lengths)[which]
        columns = row_starts[which] + position
        clique_rows = self.cliques
        columns[which >= clique_rows] = by_invitee[columns[which >= clique_rows]]
        indptr = np.concatenate([[0], np.cumsum(row_lengths)])
        self.matrix = sparse.csr_matrix(
            (np.ones(total), columns, indptr), shape=(rows, size), dtype=np.float64
        )

        # Bound on the number of meetings: invitees with candidates, and disjoint starts.
        disjoint = 0
        last = None
        for start in starts.tolist():
            if last is None or start - last >= blocked:
                disjoint += 1
                last = start
        self.max_meetings = max(1, min(int((counts > 0).sum()), disjoint))
        self.weight = 6 * self.max_meetings + 1
        self.primary = (self.weight + candidates.preference).astype(np.int64)
        span = int(step[-1] - step[0]) + 1 if size else 1
        self.span = span
        self.lateness = (step - step[0]).astype(np.int64) if size else step
        earliness = (span - 1 - self.lateness) / span
        self.objective = self.primary + earliness * (0.5 / self.max_meetings)

    # -- checks ---------------------------------------------------------------------------------

    def feasible(self, chosen: np.ndarray) -> bool:
        steps = np.sort(self.candidates.step[chosen])
        invitees = self.candidates.invitee[chosen]
        return bool(
            np.unique(invitees).size == invitees.size and np.all(np.diff(steps) >= self.blocked)
        )

    def value(self, chosen: tuple[int, ...]) -> tuple[int, int]:
        return (len(chosen), int(self.candidates.preference[list(chosen)].sum()))

    def tie(self, chosen: tuple[int, ...]) -> int:
        """Higher is earlier: minus the sum of the start steps."""
        return -int(self.lateness[list(chosen)].sum())

    # -- first schedule -------------------------------------------------------------------------

    def solve_first(self, deadline: float) -> _Found | None:
        if self.blocked == 1:
            found = self._assignment()
            if found is not None:
                return found
        # The LP relaxation, solved through its dual: min 1'y s.t. A'y >= c, y >= 0 (x <= 1 is
        # implied by A x <= 1 since every candidate lies in a clique). It has one column per
        # constraint instead of one per candidate, which HiGHS solves about twice as fast; the
        # relaxation's solution x is the dual's row duals.
        result = linprog(
            np.ones(self.matrix.shape[0]),
            A_ub=-self.matrix.T,
            b_ub=-self.objective,
            bounds=(0, None),
            method="highs",
            options={"time_limit": _remaining(deadline), "presolve": False},
        )
        if result.status == 0:
            x = -result.ineqlin.marginals
            if np.all(np.minimum(np.abs(x), np.abs(1 - x)) < _INTEGRAL):
                chosen = np.flatnonzero(x > 0.5)
                # Certificate: a feasible schedule worth the relaxation's bound (to well within
                # 1 - 0.5, the smallest primary difference minus the largest tie-break) is
                # optimal whatever the solver did.
                worth = float(self.objective[chosen].sum())
                if self.feasible(chosen) and worth >= result.fun - 0.25:
                    return _Found(tuple(chosen.tolist()), True)
        return self._mip([], deadline)

    def _assignment(self) -> _Found | None:
        """Max-weight bipartite matching of invitees to starts, exact in integers."""
        cand = self.candidates
        people, row = np.unique(cand.invitee, return_inverse=True)
        starts, column = np.unique(cand.step, return_inverse=True)
        if people.size * starts.size > _ASSIGNMENT_CELLS:
            return None
        scale = self.max_meetings * self.span + 1
        values = self.primary * scale + (self.span - 1 - self.lateness)
        if int(values.max()) * self.max_meetings >= _EXACT_FLOAT:
            return None
        weights = np.zeros((people.size, starts.size))
        weights[row, column] = values
        index = np.full((people.size, starts.size), -1, dtype=np.int64)
        index[row, column] = np.arange(cand.step.size)
        rows, columns = linear_sum_assignment(weights, maximize=True)
        chosen = index[rows, columns]
        return _Found(tuple(np.sort(chosen[chosen >= 0]).tolist()), True)

    # -- MIP ------------------------------------------------------------------------------------

    def _mip(self, exclude: list[_Found], deadline: float) -> _Found | None:
        """Best schedule outside `exclude`; None when there is none (or none in time)."""
        size = self.candidates.step.size
        cuts = []
        bounds = []
        proven = all(found.optimal for found in exclude)
        for found in exclude:
            row = np.zeros(size)
            if found.optimal:
                row[list(found.chosen)] = 1.0
            else:  # exclude exactly this set: its supersets may not have been seen
                row[:] = -1.0
                row[list(found.chosen)] = 1.0
            cuts.append(sparse.csr_matrix(row))
            bounds.append(len(found.chosen) - 1)
        matrix = sparse.vstack([self.matrix, *cuts], format="csr") if cuts else self.matrix
        upper = np.concatenate([np.ones(self.matrix.shape[0]), bounds])
        result = milp(
            -self.objective,
            integrality=np.ones(size),
            bounds=Bounds(0, 1),
            constraints=LinearConstraint(matrix, -np.inf, upper),
            options={"time_limit": _remaining(deadline), "mip_rel_gap": 0.0, "presolve": True},
        )
        if result.x is None or result.status not in (0, 1):
            return None
        chosen = np.flatnonzero(result.x > 0.5)
        if not self.feasible(chosen):
            return None
        return _Found(tuple(chosen.tolist()), proven and result.status == 0)

    # -- alternatives ---------------------------------------------------------------------------

    def solve_next(self, found: list[_Found], deadline: float) -> _Found | None:
        if any(f.optimal and not f.chosen for f in found):
            return None  # the empty schedule was the best left: nothing else exists
        nearby = self._neighbour(found)
        if nearby is not None:
            return nearby
        if time.perf_counter() >= deadline:
            return None
        return self._mip(found, deadline)

    def _neighbour(self, found: list[_Found]) -> _Found | None:
        """An unseen schedule one move from an earlier one with the latest objective, if any."""
        target = self.value(found[-1].chosen)
        seen = {f.chosen for f in found}
        options: list[tuple[int, int, tuple[int, ...]]] = []
        for order, source in enumerate(reversed(found)):
            if self.value(source.chosen) != target:
                continue
            for tie, chosen in self._moves(source.chosen):
                if chosen not in seen:
                    options.append((-tie, order, chosen))
                    break
        if not options:
            return None
        options.sort(key=lambda option: option[:2])
        proven = all(f.optimal for f in found)
        return _Found(options[0][2], proven)

    def _moves(self, chosen: tuple[int, ...]):
        """Schedules with the same objective one move from `chosen`, best tie-break first."""
        if not chosen:
            return
        cand = self.candidates
        blocked = self.blocked
        base_tie = self.tie(chosen)
        meetings = np.asarray(chosen, dtype=np.int64)
        taken = cand.step[meetings]
        owner = np.full(int(cand.invitee.max()) + 1, -1, dtype=np.int64)
        owner[cand.invitee[meetings]] = meetings

        # Replace one meeting by candidate j (another start of the same invitee, or someone
        # unscheduled) when j conflicts with nothing else and scores the same.
        step = cand.step
        lo = np.searchsorted(taken, step - blocked + 1, side="left")
        hi = np.searchsorted(taken, step + blocked - 1, side="right")
        conflicts = hi - lo
        own = owner[cand.invitee]
        everyone = np.arange(step.size)
        removed = np.where(own >= 0, own, meetings[np.minimum(lo, meetings.size - 1)])
        with_own = (own >= 0) & (np.abs(step[np.maximum(own, 0)] - step) < blocked)
        valid = np.where(own >= 0, (own != everyone) & (conflicts == with_own), conflicts == 1)
        valid &= cand.preference == cand.preference[removed]
        moves = np.flatnonzero(valid)
        gain = self.lateness[removed[moves]] - self.lateness[moves]
        order = np.lexsort((moves, -gain))
        moves, gain = moves[order], gain[order]
        members = set(chosen)

        def moved(index: int) -> tuple[int, ...]:
            return tuple(sorted((members - {int(removed[index])}) | {int(index)}))

        position = 0
        while position < moves.size and gain[position] >= 0:
            yield base_tie + int(gain[position]), moved(int(moves[position]))
            position += 1
        yield from ((base_tie, swap) for swap in self._swaps(chosen))
        while position < moves.size:
            yield base_tie + int(gain[position]), moved(int(moves[position]))
            position += 1

    def _swaps(self, chosen: tuple[int, ...]):
        """Two scheduled invitees exchanging starts with the same total preference."""
        cand = self.candidates
        meetings = np.asarray(chosen, dtype=np.int64)
        if not 2 <= meetings.size <= _MAX_SWAP_MEETINGS:
            return
        width = int(cand.step.max() - cand.step.min()) + 1
        keys = cand.invitee * width + (cand.step - cand.step.min())
        order = np.argsort(keys)
        sorted_keys = keys[order]

        def lookup(invitee: np.ndarray, step: np.ndarray) -> np.ndarray:
            wanted = invitee * width + (step - cand.step.min())
            where = np.minimum(np.searchsorted(sorted_keys, wanted), sorted_keys.size - 1)
            return np.where(sorted_keys[where] == wanted, order[where], -1)

        first, second = np.triu_indices(meetings.size, k=1)
        a, b = meetings[first], meetings[second]
        a_at_b = lookup(cand.invitee[a], cand.step[b])
        b_at_a = lookup(cand.invitee[b], cand.step[a])
        ok = (a_at_b >= 0) & (b_at_a >= 0)
        same = cand.preference[a] + cand.preference[b]
        ok[ok] &= (cand.preference[a_at_b[ok]] + cand.preference[b_at_a[ok]]) == same[ok]
        members = set(chosen)
        for pair in np.flatnonzero(ok).tolist():
            rest = members - {int(a[pair]), int(b[pair])}
            yield tuple(sorted(rest | {int(a_at_b[pair]), int(b_at_a[pair])}))


def _remaining(deadline: float) -> float:
    return max(deadline - time.perf_counter(), 0.001)


def _schedule(instance: Instance, candidates: Candidates, found: _Found) -> Schedule:
    meetings = tuple(candidates.meeting(instance, index) for index in found.chosen)
    return Schedule(
        meetings=meetings,
        scheduled=len(meetings),
        preference=sum(m.preference for m in meetings),
        optimal=found.optimal,
    )


def suggest(
    instance: Instance, *, count: int = DEFAULT_COUNT, time_limit: float = DEFAULT_TIME_LIMIT
) -> Suggestions:
    """Up to `count` ranked schedules for `instance`, best first, pairwise distinct.

    The first is optimal for (invitees scheduled, preference total), earlier starts breaking
    ties; each later one is the best schedule that differs from all earlier ones. Fewer are
    returned when fewer distinct schedules exist. `time_limit` (seconds) bounds the whole call:
    when it runs out, the best schedule found so far is returned with `optimal=False`, and no
    further alternatives are searched by the MIP.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    if time_limit <= 0:
        raise ValueError("time_limit must be positive")
    deadline = time.perf_counter() + time_limit
    candidates = build_candidates(instance)
    if len(candidates) == 0:
        return Suggestions((Schedule(meetings=(), scheduled=0, preference=0, optimal=True),))
    model = Model(candidates, len(instance.invitees))
    first = model.solve_first(deadline)
    if first is None:  # time ran out before the MIP found any schedule
        first = _Found(greedy_indices(candidates), False)
    found = [first]
    while len(found) < count:
        following = model.solve_next(found, deadline)
        if following is None:
            break
        found.append(following)
    return Suggestions(tuple(_schedule(instance, candidates, f) for f in found))
