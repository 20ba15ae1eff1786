"""Two requests for the same time at once: exactly one wins (threads, real transactions)."""

from datetime import timedelta

import pytest

from mentoring.models import MentorAvailability, Session
from tests.clients import client_for
from tests.factories import (
    AvailabilityFactory,
    MenteeFactory,
    MentorFactory,
    next_half_hour,
)
from tests.support import race, z

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shared_database")]


def post(client, availability, start, length):
    def call():
        response = client.post(
            "/sessionrequest/",
            {
                "mentor_availability": availability.pk,
                "start_time": z(start),
                "session_length": length,
            },
            format="json",
        )
        return response.status_code, response.json()

    return call


@pytest.mark.parametrize("attempt", range(3))
def test_two_mentees_same_time_exactly_one_succeeds(attempt):
    mentor = MentorFactory()
    start = next_half_hour(days=attempt + 1)
    slot = AvailabilityFactory(
        mentor=mentor, start_time=start, end_time=start + timedelta(minutes=30)
    )
    clients = [client_for(MenteeFactory()) for _ in range(2)]

    results = race([post(client, slot, start, 30) for client in clients])

    assert sorted(code for code, _ in results) == [201, 400]
    assert Session.objects.count() == 1
    assert MentorAvailability.objects.get(pk=slot.pk).status == "Booked"


def test_overlapping_requests_on_different_chunks_exactly_one_succeeds():
    mentor = MentorFactory()
    start = next_half_hour()
    first = AvailabilityFactory(
        mentor=mentor, start_time=start, end_time=start + timedelta(minutes=30)
    )
    second = AvailabilityFactory(
        mentor=mentor, start_time=first.end_time, end_time=first.end_time + timedelta(minutes=30)
    )
    a, b = client_for(MenteeFactory()), client_for(MenteeFactory())

    results = race([post(a, first, start, 60), post(b, second, second.start_time, 30)])

    assert sorted(code for code, _ in results) == [201, 400]
    assert Session.objects.count() == 1


def test_one_mentee_two_mentors_same_time_exactly_one_succeeds():
    start = next_half_hour()
    slots = [
        AvailabilityFactory(
            mentor=MentorFactory(), start_time=start, end_time=start + timedelta(minutes=30)
        )
        for _ in range(2)
    ]
    mentee = MenteeFactory()
    clients = [client_for(mentee), client_for(mentee)]

    results = race([post(c, s, start, 30) for c, s in zip(clients, slots, strict=True)])

    assert sorted(code for code, _ in results) == [201, 400]
    assert Session.objects.count() == 1
