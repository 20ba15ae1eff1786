import io

import pytest
from django.core.management import call_command

from scheduling.models import Calendar, Invitation
from scheduling.selectors import calendar_with_everything
from scheduling.suggestions import suggest_schedules


@pytest.fixture(autouse=True)
def _development_server(settings):
    settings.DEBUG = True  # demo data is refused on a production server (tests/test_demo_commands)


def test_load_scheduling_demo_gives_suggestions_at_once(db):
    out = io.StringIO()
    call_command("load_scheduling_demo", stdout=out)
    calendar = Calendar.objects.get(owner__username="demo")
    assert Invitation.objects.filter(calendar=calendar, responded_at__isnull=False).count() == 30
    full = calendar_with_everything(owner=calendar.owner, calendar_id=calendar.pk)
    schedules = suggest_schedules(
        calendar=full.calendar, windows=full.windows, invitations=full.invitations
    )
    assert len(schedules) == 3
    assert schedules[0].scheduled >= 20
    assert "Demo loaded" in out.getvalue()


def test_load_scheduling_demo_twice_replaces_the_demo(db):
    call_command("load_scheduling_demo", stdout=io.StringIO())
    call_command("load_scheduling_demo", stdout=io.StringIO())
    assert Calendar.objects.filter(owner__username="demo").count() == 1
