"""The demo-data commands: refused on a production server unless forced; every account shown."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import User
from notifications.models import OutboxMessage

COMMANDS = [
    ("load_scheduling_demo", ["demo"]),
    ("load_mentoring_demo", ["demo-mentor-001", "demo-mentee-001"]),
]


@pytest.mark.parametrize(("command", "usernames"), COMMANDS)
def test_demo_refuses_with_debug_off_and_creates_nothing(db, settings, command, usernames):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command(command, stdout=io.StringIO())
    assert not User.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(("command", "usernames"), COMMANDS)
def test_demo_with_force_runs_with_debug_off_and_lists_every_account(
    db, settings, command, usernames
):
    settings.DEBUG = False
    out = io.StringIO()
    call_command(command, "--force", stdout=out)
    printed = out.getvalue()
    assert "Accounts created (password " in printed
    created = set(User.objects.values_list("username", flat=True))
    assert set(usernames) <= created
    for username in created:
        assert f"  {username}\n" in printed


def test_mentoring_demo_run_again_creates_no_account(db, settings):
    settings.DEBUG = True
    call_command("load_mentoring_demo", "--mentors", "1", "--mentees", "1", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_mentoring_demo", "--mentors", "1", "--mentees", "1", stdout=out)
    assert "No new accounts." in out.getvalue()
