import datetime as dt
import uuid

import pytest

from config.celery_app import app as celery_app
from tests.clients import SchemaCheckedClient
from tests.factories import PASSWORD, UserFactory
from tests.support import delivered

# A fixed "now" for tests that move time: Monday 1 March 2027, 12:00 UTC.
NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)


class FrozenClock:
    """``core.clock.now()`` stands at ``current`` until the test moves it."""

    def __init__(self, start: dt.datetime):
        self.current = start

    def __call__(self) -> dt.datetime:
        return self.current

    def advance(self, **delta) -> dt.datetime:
        """``clock.advance(minutes=5)``: moves now forward, returns the new now."""
        self.current += dt.timedelta(**delta)
        return self.current

    def set(self, moment: dt.datetime) -> None:
        self.current = moment


@pytest.fixture
def clock(monkeypatch):
    """The one frozen clock of the suite: ``core.clock.now()`` starts at NOW and moves only when
    the test says (``clock.advance(...)``, ``clock.set(...)``; ``clock.current`` is now)."""
    fake = FrozenClock(NOW)
    monkeypatch.setattr("core.clock.now", fake)
    return fake


@pytest.fixture
def sent_mail():
    """Deliver what the outbox holds, then return every email sent so far (a copy)."""
    return lambda: list(delivered())


@pytest.fixture
def shared_database():
    """Skips the test where its threads cannot share the database: an in-memory SQLite one (the
    suite's SQLite database is a file, so these run there and on PostgreSQL)."""
    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads need a database they share: PostgreSQL or a SQLite file")


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Each test: its own cache keys (login throttle), media under tmp, tasks in-process.

    The default cache is a database table: a key prefix of its own gives each test an empty
    cache without touching the database in tests that have none.
    """
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for alias, config in settings.CACHES.items()
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests
    settings.MEDIA_ROOT = tmp_path / "media"
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = eager


@pytest.fixture
def api():
    """An anonymous client; every JSON response it gets is checked against /api/schema/."""
    return SchemaCheckedClient()


@pytest.fixture
def user(db):
    return UserFactory(password=PASSWORD)


@pytest.fixture
def other_user(db):
    return UserFactory(password=PASSWORD)


@pytest.fixture
def jwt_for():
    from accounts.services import issue_jwt_pair

    def make(u):
        return issue_jwt_pair(user=u)["access"]

    return make


@pytest.fixture
def bearer(api, user, jwt_for):
    """A client authenticated as ``user`` with a JWT."""
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt_for(user)}")
    return api


@pytest.fixture
def token_client(user):
    """A client authenticated as ``user`` with a DRF token key."""
    from accounts.services import issue_token_key

    client = SchemaCheckedClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token_key(user=user)}")
    return client
