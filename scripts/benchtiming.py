"""What the benchmark scripts share: timing several callables alternately, and percentiles.

Alternate requests are what make a ratio readable on a shared machine: a busy moment slows the
endpoint and its floor alike. Imported by the scripts beside it (``from benchtiming import``).
"""

import time
from collections.abc import Callable


def alternately(fns: list[Callable[[], object]], requests: int, *, warmups: int = 1):
    """Each of ``fns`` ``requests`` times in turn, after ``warmups`` untimed rounds: one list
    of milliseconds per callable, in the order given."""
    for _ in range(warmups):
        for fn in fns:
            fn()
    samples = [[] for _ in fns]
    for _ in range(requests):
        for fn, out in zip(fns, samples, strict=True):
            began = time.perf_counter()
            fn()
            out.append((time.perf_counter() - began) * 1000)
    return samples


def pct(samples: list[float], q: float) -> float:
    """The ``q`` quantile of ``samples`` (nearest rank: 0.5 for the p50, 0.95 for the p95)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]
