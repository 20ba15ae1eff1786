"""Mentoring services: availability status, the database's own guards."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from mentoring import services
from mentoring.models import MentorAvailability, Session
from tests.factories import (
    AvailabilityFactory,
    MenteeFactory,
    SessionFactory,
    next_half_hour,
)


def test_long_window_is_booked_only_when_sessions_cover_it(db):
    start = next_half_hour()
    window = AvailabilityFactory(start_time=start, end_time=start + timedelta(hours=1))
    first = services.request_session(
        mentee=MenteeFactory(), availability_id=window.pk, start_time=start, session_length=30
    )
    window.refresh_from_db()
    assert window.status == "Open"
    services.request_session(
        mentee=MenteeFactory(),
        availability_id=window.pk,
        start_time=start + timedelta(minutes=30),
        session_length=30,
    )
    window.refresh_from_db()
    assert window.status == "Booked"
    services.cancel_session(user=first.mentor, session_id=first.pk)
    window.refresh_from_db()
    assert window.status == "Open"


def test_sixty_minute_session_books_both_chunks_and_cancel_frees_both(db):
    start = next_half_hour()
    chunks = services.publish_availability(
        mentor=_mentor(),
        start_time=start,
        end_time=start + timedelta(hours=1),
        chunked=True,
    )
    session = services.request_session(
        mentee=MenteeFactory(), availability_id=chunks[0].pk, start_time=start, session_length=60
    )
    assert set(MentorAvailability.objects.values_list("status", flat=True)) == {"Booked"}
    services.cancel_session(user=session.mentee, session_id=session.pk)
    assert set(MentorAvailability.objects.values_list("status", flat=True)) == {"Open"}


def _mentor():
    from tests.factories import MentorFactory

    return MentorFactory()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints exist on PostgreSQL only"
)
def test_postgresql_refuses_overlapping_live_sessions_even_without_the_service(db):
    session = SessionFactory(session_length=30)
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            mentor_availability=session.mentor_availability,
            mentor=session.mentor,
            mentee=MenteeFactory(),
            start_time=session.start_time + timedelta(minutes=10),
            end_time=session.end_time + timedelta(minutes=10),
            session_length=30,
        )
    Session.objects.create(  # a canceled one may overlap
        mentor_availability=session.mentor_availability,
        mentor=session.mentor,
        mentee=MenteeFactory(),
        start_time=session.start_time,
        end_time=session.end_time,
        session_length=30,
        status="Canceled",
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="exclusion constraints exist on PostgreSQL only"
)
def test_postgresql_refuses_overlapping_availability_even_without_the_service(db):
    slot = AvailabilityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorAvailability.objects.create(
            mentor=slot.mentor,
            start_time=slot.start_time + timedelta(minutes=10),
            end_time=slot.end_time + timedelta(minutes=10),
        )
