"""Helpers shared by the mentoring tests (services and HTTP)."""

from datetime import datetime, timedelta

from rest_framework.test import APIClient

from accounts.services import issue_jwt_pair
from core import clock


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_jwt_pair(user=user)['access']}")
    return client


def z(value) -> str:
    """A UTC datetime as the contract writes it."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


class FrozenClock:
    """A clock the test moves: ``clock.now()`` returns ``self.value``."""

    def __init__(self, value: datetime):
        self.value = value

    def now(self) -> datetime:
        return self.value

    def advance(self, **kwargs) -> None:
        self.value += timedelta(**kwargs)

    def set(self, value: datetime) -> None:
        self.value = value


def freeze_clock(monkeypatch) -> FrozenClock:
    fake = FrozenClock(clock.now().replace(microsecond=0))
    monkeypatch.setattr(clock, "now", fake.now)
    return fake
