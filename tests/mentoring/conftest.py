import pytest

from tests.mentoring.helpers import freeze_clock


@pytest.fixture
def frozen(monkeypatch):
    """``clock.now()`` stands still until the test moves it."""
    return freeze_clock(monkeypatch)
