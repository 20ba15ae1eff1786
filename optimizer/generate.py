"""Seeded random instances for the benchmark and the tests.

The same (profile, seed) always gives the same instance. The owner works some hours each day in
two or three windows of mixed preference (sometimes overlapping, to exercise the union rule);
every invitee offers a few windows on random days.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from optimizer.model import Instance, Invitee, Window

FIRST_DAY = dt.date(2025, 3, 3)


@dataclass(frozen=True, slots=True)
class Profile:
    invitees: int
    days: int
    grid_minutes: int
    meeting_minutes: int = 30
    buffer_minutes: int = 0
    windows_per_invitee: tuple[int, int] = (1, 3)
    window_minutes: tuple[int, int] = (30, 180)
    exact_windows: bool = False  # every invitee window exactly one meeting long, on the grid


PROFILES: dict[str, Profile] = {
    "small": Profile(invitees=5, days=1, grid_minutes=15),
    "medium": Profile(invitees=100, days=5, grid_minutes=5, buffer_minutes=10),
    "large": Profile(invitees=1000, days=20, grid_minutes=15),
    "large-dense": Profile(
        invitees=1000,
        days=20,
        grid_minutes=5,
        buffer_minutes=5,
        windows_per_invitee=(3, 8),
        window_minutes=(60, 300),
    ),
    "tight": Profile(invitees=300, days=10, grid_minutes=15, exact_windows=True),
}


def _preference(rng: random.Random) -> int:
    return rng.choices((1, 2, 3), weights=(1, 2, 3))[0]


def generate(profile: str | Profile, seed: int = 0, **overrides: int) -> Instance:
    """A random instance of the named (or given) profile; keyword overrides replace fields."""
    shape = PROFILES[profile] if isinstance(profile, str) else profile
    if overrides:
        shape = replace(shape, **overrides)
    rng = random.Random(f"{seed}:{shape}")
    days = [FIRST_DAY + dt.timedelta(days=offset) for offset in range(shape.days)]
    grid = shape.grid_minutes
    length = shape.meeting_minutes

    owner: list[Window] = []
    for day in days:
        morning = rng.choice((8 * 60, 9 * 60, 10 * 60))
        lunch = rng.choice((12 * 60, 12 * 60 + 30))
        owner.append(Window(day, morning, lunch, _preference(rng)))
        afternoon = lunch + rng.choice((30, 60))
        evening = rng.choice((16 * 60, 17 * 60, 18 * 60))
        owner.append(Window(day, afternoon, evening, _preference(rng)))
        if rng.random() < 0.5:
            start = rng.randrange(morning, evening - 60, 15)
            owner.append(Window(day, start, start + rng.choice((60, 90, 120)), 3))

    invitees: list[Invitee] = []
    for number in range(shape.invitees):
        windows: list[Window] = []
        for _ in range(rng.randint(*shape.windows_per_invitee)):
            day = rng.choice(days)
            if shape.exact_windows:
                start = rng.randrange(8 * 60, 18 * 60 - length + 1, grid)
                windows.append(Window(day, start, start + length, _preference(rng)))
                continue
            minutes = rng.randrange(shape.window_minutes[0], shape.window_minutes[1] + 1, 5)
            start = rng.randrange(7 * 60, 19 * 60 - minutes + 1, 5)
            windows.append(Window(day, start, start + minutes, _preference(rng)))
        invitees.append(Invitee(f"i{number:04d}", tuple(windows)))

    return Instance(
        meeting_minutes=length,
        buffer_minutes=shape.buffer_minutes,
        grid_minutes=grid,
        owner=owner,
        invitees=invitees,
    )
