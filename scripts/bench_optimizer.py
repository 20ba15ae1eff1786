"""Benchmark the schedule optimizer against a greedy pass and a plain MIP.

    .venv/bin/python scripts/bench_optimizer.py [--quick] [--profiles large,large-dense]
                                                [--seeds N] [--repeat R]

For every seeded instance it measures, in this one run, the solver's first schedule, its three
ranked schedules, the greedy baseline and the plain MIP (the reference), and prints a table, the
ratios and one PASS/FAIL line per target of issue 3. Exit status 1 when a target fails.
Each time is the best of at least R runs (more while under a second, at most 25); a method
slower than 5 s is run once.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from optimizer.candidates import build_candidates
from optimizer.generate import PROFILES, generate
from optimizer.greedy import greedy
from optimizer.model import Instance
from optimizer.reference import plain_mip
from optimizer.solver import suggest

DEFAULT_PROFILES = ("small", "medium", "large", "large-dense", "tight")
QUICK_PROFILES = ("small", "medium", "large")
SLOW_SECONDS = 5.0

# (profile, seconds for the first schedule)
TIME_TARGETS = (("large", 0.2), ("large-dense", 2.0))
SPEEDUP_TARGETS = (("large", 4.0), ("large-dense", 4.0))
ALTERNATIVES_TARGETS = (("large", 3.0),)


@dataclass
class Row:
    profile: str
    seed: int
    invitees: int
    candidates: int
    ours: float
    ours_objective: tuple[int, int]
    three: float
    three_objectives: list[tuple[int, int]]
    greedy: float
    greedy_objective: tuple[int, int]
    mip: float
    mip_objective: tuple[int, int]
    mip_optimal: bool

    @property
    def optimal(self) -> bool:
        return self.ours_objective == self.mip_objective and self.mip_optimal

    @property
    def speedup(self) -> float:
        return self.mip / self.ours

    @property
    def alternatives(self) -> float:
        return self.three / self.ours

    @property
    def greedy_shortfall(self) -> float:
        best = self.ours_objective[0]
        return 0.0 if best == 0 else 1 - self.greedy_objective[0] / best


def timed(function: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Best wall time of at least `repeat` runs, more while under a second (up to 25 runs);
    a run slower than SLOW_SECONDS is not repeated. Garbage collection is off while timing."""
    times: list[float] = []
    result = None
    gc.collect()
    gc.disable()
    try:
        until = time.perf_counter() + 1.0
        while True:
            start = time.perf_counter()
            result = function()
            times.append(time.perf_counter() - start)
            if times[-1] > SLOW_SECONDS or len(times) >= 25:
                break
            if len(times) >= repeat and time.perf_counter() >= until:
                break
    finally:
        gc.enable()
    return min(times), result


def measure(profile: str, seed: int, repeat: int) -> Row:
    instance: Instance = generate(profile, seed)
    ours, one = timed(lambda: suggest(instance, count=1), repeat)
    three, several = timed(lambda: suggest(instance, count=3), repeat)
    greedy_time, baseline = timed(lambda: greedy(instance), repeat)
    mip_time, reference = timed(lambda: plain_mip(instance), repeat)
    return Row(
        profile=profile,
        seed=seed,
        invitees=len(instance.invitees),
        candidates=len(build_candidates(instance)),
        ours=ours,
        ours_objective=one.best.objective,
        three=three,
        three_objectives=[s.objective for s in several.schedules],
        greedy=greedy_time,
        greedy_objective=baseline.objective,
        mip=mip_time,
        mip_objective=reference.objective,
        mip_optimal=reference.optimal,
    )


def objective(value: tuple[int, int]) -> str:
    return f"{value[0]}/{value[1]}"


def print_table(rows: list[Row]) -> None:
    header = (
        f"{'profile':<12}{'seed':>5}{'invitees':>9}{'cands':>8}"
        f"{'ours s':>9}{'3 alts s':>9}{'greedy s':>9}{'MIP s':>9}"
        f"{'ours':>10}{'greedy':>10}{'MIP':>10}"
        f"{'MIP/ours':>9}{'3/1':>6}{'greedy -':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r.profile:<12}{r.seed:>5}{r.invitees:>9}{r.candidates:>8}"
            f"{r.ours:>9.3f}{r.three:>9.3f}{r.greedy:>9.3f}{r.mip:>9.3f}"
            f"{objective(r.ours_objective):>10}{objective(r.greedy_objective):>10}"
            f"{objective(r.mip_objective):>10}"
            f"{r.speedup:>8.1f}x{r.alternatives:>5.2f}x{r.greedy_shortfall:>8.1%}"
        )
    print()
    print("objective = invitees scheduled / preference total; 'greedy -' = invitees the greedy")
    print("pass leaves out, relative to the optimum; times in seconds, best of the repeats.")


def verdicts(rows: list[Row]) -> list[tuple[bool, str]]:
    lines = []
    optimal = sum(r.optimal for r in rows)
    lines.append(
        (optimal == len(rows), f"optimal: equal to the plain MIP on {optimal}/{len(rows)}")
    )
    by_profile: dict[str, list[Row]] = {}
    for r in rows:
        by_profile.setdefault(r.profile, []).append(r)
    for profile, limit in TIME_TARGETS:
        if profile in by_profile:
            worst = max(r.ours for r in by_profile[profile])
            lines.append(
                (worst <= limit, f"{profile}: first schedule <= {limit:g} s (max {worst:.3f} s)")
            )
    for profile, factor in SPEEDUP_TARGETS:
        if profile in by_profile:
            least = min(r.speedup for r in by_profile[profile])
            lines.append(
                (
                    least >= factor,
                    f"{profile}: >= {factor:g}x faster than the plain MIP (min {least:.1f}x)",
                )
            )
    for profile, factor in ALTERNATIVES_TARGETS:
        if profile in by_profile:
            most = max(r.alternatives for r in by_profile[profile])
            lines.append(
                (most <= factor, f"{profile}: three schedules <= {factor:g}x one (max {most:.2f}x)")
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small, medium, large; one seed")
    parser.add_argument(
        "--profiles",
        help=f"comma-separated, from {', '.join(PROFILES)} (default {','.join(DEFAULT_PROFILES)})",
    )
    parser.add_argument("--seeds", type=int, help="instances per profile (default 3, quick 1)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (default 3)")
    args = parser.parse_args(argv)
    profiles = (
        args.profiles.split(",")
        if args.profiles
        else (QUICK_PROFILES if args.quick else DEFAULT_PROFILES)
    )
    unknown = [p for p in profiles if p not in PROFILES]
    if unknown:
        parser.error(f"unknown profile {unknown[0]!r}")
    seeds = args.seeds if args.seeds is not None else (1 if args.quick else 3)

    rows = []
    for profile in profiles:
        for seed in range(seeds):
            rows.append(measure(profile, seed, args.repeat))
            print(f"measured {profile} seed {seed}", file=sys.stderr, flush=True)
    print_table(rows)
    print()
    results = verdicts(rows)
    for ok, text in results:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
