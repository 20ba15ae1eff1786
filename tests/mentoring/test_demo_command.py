"""The demo-data command."""

import io

import pytest
from django.core.management import call_command

from mentoring.models import MenteeProfile, MentorAvailability, MentorProfile


@pytest.fixture(autouse=True)
def _development_server(settings):
    settings.DEBUG = True  # demo data is refused on a production server (tests/test_demo_commands)


def test_load_mentoring_demo_creates_mentors_and_mentees_once(db):
    args = ["--mentors", "3", "--mentees", "2", "--skills", "2", "--chunks", "4"]
    call_command("load_mentoring_demo", *args, stdout=io.StringIO())
    call_command("load_mentoring_demo", *args, stdout=io.StringIO())
    assert MentorProfile.objects.count() == 3
    assert MenteeProfile.objects.count() == 2
    assert MentorAvailability.objects.count() == 12
    assert {p.skills.count() for p in MentorProfile.objects.all()} == {2}
    assert set(MentorAvailability.objects.values_list("status", flat=True)) == {"Open"}
