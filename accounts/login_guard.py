"""Throttle of failed logins, per (username, client) pair.

Counting per pair, not per address, means a shared office or proxy address cannot lock everyone
out, and one user's wrong guesses do not block another user. Once LOGIN_FAILURE_LIMIT failures
fall within LOGIN_FAILURE_WINDOW_SECONDS, every further attempt for that pair (right password
or not) gets 429 until the oldest failure leaves the window: otherwise a guesser could go on and
tell a right password by the answer. Successful logins are not counted.

An attempt takes a slot before its password is checked (``begin``) and gives it back when the
login succeeds (``succeeded``); a failed attempt keeps its slot, which is the failure counted.
Taking a slot is one atomic ``cache.add`` of a key no one has used before, so parallel guesses
never evaluate more than the limit, whichever cache holds the slots: the database cache (the
default, shared by every process), Redis, or a per-process memory cache.

The slots of a pair live in windows of LOGIN_FAILURE_WINDOW_SECONDS (fixed, numbered from the
epoch); a window offers as many slots as the limit minus the failures of the previous window
that are still less than a window old. The count is therefore over the last window, sliding.

One known limit: a burst of parallel guesses that straddles the end of a window can be
evaluated up to twice the limit, because the attempts already in the new window may read the
old window's slots before the last attempts of the old window have taken theirs. The next
window then offers nothing (the old window's failures fill it), so the rate over time stays
the limit per window; only the burst is larger. ``cache.add`` is the one atomic operation every
cache backend offers (the database cache's ``incr`` is a read and a write), which is why the
slots are keys and not a counter.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from accounts.errors import Code
from core import clock
from core.errors import RateLimited


@dataclass(frozen=True)
class Attempt:
    """A login attempt holding a slot: a failure unless it is given back."""

    key: str


def _base(username: str, client: str) -> str:
    digest = hashlib.sha256(f"{(username or '').lower()}\x00{client}".encode()).hexdigest()
    return f"login-failures:{digest}"


def _slot(base: str, window: int, index: int) -> str:
    return f"{base}:{window}:{index}"


def begin(*, username: str, client: str) -> Attempt:
    """Take a slot for one login attempt, or raise RateLimited (429) when none is left."""
    limit = settings.LOGIN_FAILURE_LIMIT
    length = settings.LOGIN_FAILURE_WINDOW_SECONDS
    now = clock.now().timestamp()  # the windows follow the clock; the cache's expiry is relative
    current = int(now // length)
    base = _base(username, client)
    previous = cache.get_many([_slot(base, current - 1, i) for i in range(limit)])
    taken = cache.get_many([_slot(base, current, i) for i in range(limit)])
    recent = [at for at in previous.values() if at > now - length]
    for index in range(limit - len(recent)):
        key = _slot(base, current, index)
        # A slot lives two windows: through its own, and the next, which still counts it.
        if key not in taken and cache.add(key, now, timeout=2 * length + 1):
            return Attempt(key=key)
    # Every slot is taken: the pair waits until its oldest failure is a window old.
    oldest = min([*recent, *taken.values()], default=now)
    retry_after = max(int(oldest + length - now) + 1, 1)
    raise RateLimited(
        f"Too many failed logins. Try again in {retry_after} seconds.",
        retry_after=retry_after,
        code=Code.THROTTLED,
    )


def succeeded(attempt: Attempt) -> None:
    """The attempt logged in: give its slot back, so that it is not counted as a failure."""
    cache.delete(attempt.key)
