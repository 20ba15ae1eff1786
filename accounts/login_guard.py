"""Throttle of failed logins, per (username, client) pair.

Counting per pair, not per address, means a shared office or proxy address cannot lock everyone
out, and one user's wrong guesses do not block another user. Once LOGIN_FAILURE_LIMIT failures
fall within LOGIN_FAILURE_WINDOW_SECONDS, every further attempt for that pair (right password
or not) gets 429 until the oldest failure leaves the window: otherwise a guesser could go on and
tell a right password by the answer. Successful logins are not counted.

The counts live in the default cache: set CACHE_URL to Redis when several processes serve.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from core.errors import RateLimited


def _key(username: str, client: str) -> str:
    digest = hashlib.sha256(f"{(username or '').lower()}\x00{client}".encode()).hexdigest()
    return f"login-failures:{digest}"


def _recent(key: str, now: float) -> list[float]:
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    return [t for t in cache.get(key, []) if t > now - window]


def check_allowed(*, username: str, client: str) -> None:
    now = time.time()
    failures = _recent(_key(username, client), now)
    if len(failures) >= settings.LOGIN_FAILURE_LIMIT:
        retry_after = int(failures[0] + settings.LOGIN_FAILURE_WINDOW_SECONDS - now) + 1
        raise RateLimited(
            f"Too many failed logins. Try again in {retry_after} seconds.",
            retry_after=retry_after,
        )


def record_failure(*, username: str, client: str) -> None:
    now = time.time()
    key = _key(username, client)
    failures = [*_recent(key, now), now]
    cache.set(key, failures, settings.LOGIN_FAILURE_WINDOW_SECONDS)
