"""Help-queue fixtures, shared by tests/helpqueue (via conftest) and the MentorQ contract tests."""

import pytest

from accounts.models import QueueRole
from tests.factories import make_user


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
