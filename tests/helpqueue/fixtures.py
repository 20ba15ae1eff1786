"""Help-queue fixtures, shared by tests/helpqueue (via conftest) and the MentorQ contract tests."""

from datetime import UTC, datetime, timedelta

import pytest

from accounts.models import QueueRole
from tests.helpqueue.factories import make_user


class FrozenClock:
    """``core.clock.now`` stands still until moved."""

    def __init__(self, start: datetime):
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta) -> datetime:
        self.current += timedelta(**delta)
        return self.current


@pytest.fixture
def frozen(monkeypatch):
    clock = FrozenClock(datetime(2025, 3, 1, 12, 0, tzinfo=UTC))
    monkeypatch.setattr("core.clock.now", clock)
    return clock


@pytest.fixture
def participant(db):
    return make_user(QueueRole.PARTICIPANT)


@pytest.fixture
def other_participant(db):
    return make_user(QueueRole.PARTICIPANT)


@pytest.fixture
def mentor(db):
    return make_user(QueueRole.MENTOR, first_name="Ada", last_name="Lovelace")


@pytest.fixture
def other_mentor(db):
    return make_user(QueueRole.MENTOR)


@pytest.fixture
def organizer(db):
    return make_user(QueueRole.ORGANIZER)


@pytest.fixture
def director(db):
    return make_user(QueueRole.DIRECTOR)
