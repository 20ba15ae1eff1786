"""Mentoring services: availability status, the database's own guards."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from core.errors import DomainError, NotFound
from mentoring import services
from mentoring.models import MentorAvailability, Session, SessionStatus
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


def test_session_status_takes_the_domain_values_not_the_wire_words(db):
    session = SessionFactory()
    with pytest.raises(DomainError) as caught:
        services.change_session_status(
            user=session.mentor, session_id=session.pk, status="confirmed"
        )
    assert caught.value.code == "bad_status"
    with pytest.raises(DomainError) as caught:
        services.change_session_status(
            user=session.mentor, session_id=session.pk, status=SessionStatus.PENDING
        )
    assert caught.value.code == "bad_transition"
    session.refresh_from_db()
    assert session.status == "Pending"
    changed = services.change_session_status(
        user=session.mentor, session_id=session.pk, status=SessionStatus.CONFIRMED
    )
    assert changed.status == "Confirmed"


def test_a_stranger_gets_not_found_before_any_status_refusal(db):
    session = SessionFactory()
    for status in ("Nonsense", SessionStatus.PENDING, SessionStatus.CANCELED):
        with pytest.raises(NotFound):
            services.change_session_status(
                user=MenteeFactory(), session_id=session.pk, status=status
            )
    session.refresh_from_db()
    assert session.status == "Pending"


@pytest.mark.parametrize("bad_id", [0, -1, 2**63, 10**30, "abc", "1.5", None])
def test_ids_naming_no_row_get_each_callers_own_error(db, bad_id):
    session = SessionFactory()
    with pytest.raises(NotFound):
        services.cancel_session(user=session.mentee, session_id=bad_id)
    with pytest.raises(NotFound):
        services.delete_availability(user=session.mentor, availability_id=bad_id)
    with pytest.raises(DomainError) as caught:
        services.request_session(
            mentee=MenteeFactory(),
            availability_id=bad_id,
            start_time=session.start_time,
            session_length=30,
        )
    assert (caught.value.code, caught.value.field) == (
        "unknown_availability",
        "mentor_availability",
    )


# --- Canceling with a reason ----------------------------------------------------------------------
def _booked_session():
    start = next_half_hour()
    window = AvailabilityFactory(start_time=start, end_time=start + timedelta(minutes=30))
    return services.request_session(
        mentee=MenteeFactory(), availability_id=window.pk, start_time=start, session_length=30
    )


def _cancel_email(sent, to):
    (message,) = [m for m in sent if m.to == [to.email] and "canceled" in m.subject]
    return message


def test_the_reason_for_canceling_is_quoted_in_the_other_persons_email(db, sent_mail):
    session = _booked_session()
    services.cancel_session(
        user=session.mentee, session_id=session.pk, reason="  My train is late, sorry.\n"
    )
    body = _cancel_email(sent_mail(), session.mentor).body
    assert body.endswith("The time is free again.\n\nTheir reason: My train is late, sorry.\n")
    assert [
        m for m in sent_mail() if m.to == [session.mentee.email] and "canceled" in m.subject
    ] == []


def test_canceling_without_a_reason_sends_the_email_without_one(db, sent_mail):
    session = _booked_session()
    services.cancel_session(user=session.mentor, session_id=session.pk, reason="   ")
    body = _cancel_email(sent_mail(), session.mentee).body
    assert "reason" not in body
    assert body.endswith("The time is free again.\n")


def test_a_reason_too_long_is_refused_and_nothing_is_canceled(db, sent_mail):
    from mentoring.rules import MAX_CANCEL_REASON

    session = _booked_session()
    with pytest.raises(DomainError) as refused:
        services.cancel_session(
            user=session.mentee, session_id=session.pk, reason="x" * (MAX_CANCEL_REASON + 1)
        )
    assert (refused.value.code, refused.value.field) == ("reason_too_long", "reason")
    assert f"at most {MAX_CANCEL_REASON} characters" in refused.value.message
    session.refresh_from_db()
    assert session.status == SessionStatus.PENDING
    assert [m for m in sent_mail() if "canceled" in m.subject] == []
    services.cancel_session(
        user=session.mentee, session_id=session.pk, reason="x" * MAX_CANCEL_REASON
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELED
