"""Seed 000's GET /mentor/ (and /mentor/<skills>/) with availability times written by the
database and the mentors as a subquery (issue 16): the same bytes as before, under both
TEAM_PRODUCTION_CLIENT values, in the same number of queries at two sizes.

``old_mentor_cards`` is the selector as it was (ids as a list, datetimes formatted in Python),
kept here as the reference: the same requests are made with it patched in and without, on the
same generated data, and the bodies compared byte for byte.
"""

import random
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from mentoring import rules, selectors
from mentoring.models import MentorAvailability, MentorProfile
from tests.clients import client_for
from tests.factories import MenteeFactory, MentorFactory, MentorProfileFactory

pytestmark = pytest.mark.django_db


def old_mentor_cards(*, now, skills=None, page=None):
    assert page is None  # the requests compared here send no limit or offset
    mentors = User.objects.filter(is_mentor=True, is_active=True)
    names = rules.skill_names(skills or [], for_search=True)
    if names:
        through = MentorProfile.skills.through
        wanted = selectors.Q()
        for name in names:
            wanted |= selectors.Q(skill__name__iexact=name)
        having_all = (
            through.objects.filter(wanted)
            .values("mentorprofile_id")
            .annotate(found=selectors.Count("skill_id", distinct=True))
            .filter(found=len(names))
            .values("mentorprofile_id")
        )
        mentors = mentors.filter(pk__in=having_all)
    rows = mentors.order_by("pk").values_list(
        "pk",
        "username",
        "first_name",
        "last_name",
        "is_mentor",
        "profile_photo",
        "mentor_profile__about_me",
        "mentor_profile__team_number",
    )
    cards = {
        row[0]: selectors.MentorCard(
            row[0], row[1], row[2], row[3], row[4], row[5] or "", row[6] or "", row[7]
        )
        for row in rows
    }
    if not cards:
        return []
    ids = list(cards)
    through = MentorProfile.skills.through
    for mentor_id, name in (
        through.objects.filter(mentorprofile_id__in=ids)
        .order_by("skill__name")
        .values_list("mentorprofile_id", "skill__name")
    ):
        cards[mentor_id].skills.append(name)
    for pk, mentor_id, start, end, status in (
        MentorAvailability.objects.filter(mentor_id__in=ids, end_time__gt=now)
        .order_by("start_time", "pk")
        .values_list("pk", "mentor_id", "start_time", "end_time", "status")
    ):
        cards[mentor_id].availabilities.append((pk, mentor_id, start, end, status))
    return list(cards.values())


def generate(*, count: int, seed: int, now):
    rng = random.Random(seed)
    for i in range(count):
        if i % 5 == 4:
            mentor = MentorFactory(first_name="Zoë", is_active=i % 10 != 9)  # no profile
        else:
            mentor = MentorProfileFactory(
                about_me=f"Über {i}",
                team_number=rng.choice([None, 3]),
                skills=rng.sample(["CSS", "Django", "C++", "Go"], rng.randint(0, 3)),
            ).user
        start = now + timedelta(
            minutes=rng.randrange(-600, 6000, 30), microseconds=rng.choice([0, -123000])
        )
        for _ in range(rng.randint(0, 4)):
            MentorAvailability.objects.create(
                mentor=mentor,
                start_time=start,
                end_time=start + timedelta(minutes=30, microseconds=rng.choice([0, 0, 250])),
                status=rng.choice(["Open", "Booked"]),
            )
            start += timedelta(hours=1)


@pytest.mark.parametrize("mode", ["seed", "momentors"])
def test_mentor_lists_are_byte_for_byte_the_old_selector(settings, monkeypatch, clock, mode):
    settings.TEAM_PRODUCTION_CLIENT = mode
    clock.set(clock.current.replace(microsecond=123000))
    generate(count=25, seed=16, now=clock.current)
    client = client_for(MenteeFactory())
    urls = ["/mentor/", "/mentor/css/", "/mentor/django,go/"]
    new = [client.get(url) for url in urls]
    assert [r.status_code for r in new] == [200, 200, 200]
    with monkeypatch.context() as patch:
        patch.setattr("mentoring.selectors.mentor_cards", old_mentor_cards)
        old = [client.get(url) for url in urls]
    assert [r.content for r in new] == [r.content for r in old]
    assert b'.123250Z"' in new[0].content  # fractions as isoformat writes them
    assert re.search(rb':\d\dZ"', new[0].content)  # and none for whole seconds


def test_mentor_list_costs_the_same_queries_at_two_sizes(clock):
    client = client_for(MenteeFactory())
    counts = []
    for size in (3, 30):
        generate(count=size, seed=size, now=clock.current)
        client.get("/mentor/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/mentor/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_mentor_list_sends_no_list_of_ids(clock):
    generate(count=12, seed=4, now=clock.current)
    ids = sorted(User.objects.filter(is_mentor=True, is_active=True).values_list("pk", flat=True))
    client = client_for(MenteeFactory())
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/mentor/").status_code == 200
    in_lists = ", ".join(str(pk) for pk in ids)
    assert not [q["sql"] for q in queries.captured_queries if in_lists in q["sql"]]
