"""Fixtures of the help-queue tests (also imported by tests/contracts/test_002_tickets*.py)."""

from tests.helpqueue.fixtures import *  # noqa: F403
