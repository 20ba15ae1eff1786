import datetime as dt
import uuid

import pytest
from django.core import mail
from rest_framework.test import APIClient

from config.celery_app import app as celery_app
from tests.factories import UserFactory

PASSWORD = "correct-horse-42"
# A fixed "now" for tests that move time: Monday 1 March 2027, 12:00 UTC.
NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self, now):
        self.current = now

    def __call__(self):
        return self.current

    def advance(self, **kwargs):
        self.current += dt.timedelta(**kwargs)


@pytest.fixture
def clock(monkeypatch):
    """Controls core.clock.now(): starts at NOW; ``clock.advance(minutes=5)`` moves it."""
    fake = Clock(NOW)
    monkeypatch.setattr("core.clock.now", fake)
    return fake


@pytest.fixture
def sent_mail():
    """Deliver what the outbox holds, then return every email sent so far."""
    from notifications.tasks import deliver_pending_messages

    def deliver():
        deliver_pending_messages()
        return list(mail.outbox)

    return deliver


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
    return APIClient()


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
def client_for(jwt_for):
    """``client_for(user)``: an API client authenticated as that user with a JWT."""

    def make(u):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {jwt_for(u)}")
        return client

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

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token_key(user=user)}")
    return client
