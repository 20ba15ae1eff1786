"""Helpers shared by tests of several apps: datetimes as the contracts write them, the outbox
delivered, calls raced in threads."""

import threading

from django.core import mail
from django.db import connection

BARRIER_SECONDS = 30  # every thread reaches the start line within this, or the race is off
RACE_SECONDS = 120  # a call still running after this fails the test instead of hanging it


def z(value) -> str:
    """A UTC datetime as the contracts write it (``2027-03-01T12:00:00Z``)."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def delivered() -> list:
    """Deliver what the outbox holds; return ``mail.outbox``, every email sent so far (the list
    itself: ``delivered().clear()`` forgets them). What a commit would have sent, in a test that
    never commits."""
    from notifications.tasks import deliver_pending_messages

    deliver_pending_messages()
    return mail.outbox


def race(calls) -> list:
    """Run the calls at the same instant, each in its own thread and database connection; their
    results in order. Needs a database the threads share (the ``shared_database`` fixture)."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=BARRIER_SECONDS)
            results[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=RACE_SECONDS)
    stuck = [index for index, thread in enumerate(threads) if thread.is_alive()]
    assert stuck == [], f"calls {stuck} still running after {RACE_SECONDS} s"
    return results
