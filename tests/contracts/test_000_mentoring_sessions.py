"""Seed 000 (Team Production System): sessions and their emails through HTTP."""

from datetime import timedelta

import pytest

from accounts.models import NotificationSettings
from mentoring.models import MentorAvailability, Session, SessionReminder
from notifications.models import OutboxMessage
from tests.clients import client_for
from tests.factories import (
    AvailabilityFactory,
    MenteeFactory,
    MentorFactory,
    SessionFactory,
    next_half_hour,
)
from tests.support import delivered, z


def chunks(mentor, count=2, start=None):
    start = start or next_half_hour()
    return [
        AvailabilityFactory(
            mentor=mentor,
            start_time=start + timedelta(minutes=30 * i),
            end_time=start + timedelta(minutes=30 * (i + 1)),
        )
        for i in range(count)
    ]


def request(client, availability, start, length=30):
    return client.post(
        "/sessionrequest/",
        {"mentor_availability": availability.pk, "start_time": z(start), "session_length": length},
        format="json",
    )


def statuses(*availabilities):
    return [MentorAvailability.objects.get(pk=a.pk).status for a in availabilities]


@pytest.fixture
def mentor(db):
    return MentorFactory(first_name="Menna", last_name="Tor", email="mentor@x.com")


@pytest.fixture
def mentee(db):
    return MenteeFactory(first_name="Tee", last_name="Mentee", email="mentee@x.com")


# --- POST /sessionrequest/ ----------------------------------------------------------------------
def test_session_request_creates_pending_session_documented_shape(mentor, mentee):
    first, second = chunks(mentor)
    response = request(client_for(mentee), first, first.start_time, 60)
    assert response.status_code == 201
    session = Session.objects.get()
    assert response.json() == {
        "pk": session.pk,
        "mentor_first_name": "Menna",
        "mentor_last_name": "Tor",
        "mentor_availability": first.pk,
        "mentor": mentor.pk,
        "mentee": mentee.pk,
        "mentee_first_name": "Tee",
        "mentee_last_name": "Mentee",
        "start_time": z(first.start_time),
        "end_time": z(first.start_time + timedelta(hours=1)),
        "status": "Pending",
        "session_length": 60,
    }
    assert statuses(first, second) == ["Booked", "Booked"]


def test_session_request_emails_the_mentor_with_ics_in_their_time_zone(mentor, mentee):
    mentor.time_zone = "America/Toronto"
    mentor.save()
    (slot,) = chunks(mentor, 1, start=next_half_hour().replace(hour=15))
    request(client_for(mentee), slot, slot.start_time)
    session = Session.objects.get()
    (message,) = delivered()
    assert message.to == ["mentor@x.com"]
    local = slot.start_time.astimezone(__import__("zoneinfo").ZoneInfo("America/Toronto"))
    assert f"{local:%H:%M}" in message.subject
    assert "America/Toronto" in message.subject
    (name, content, mimetype) = message.attachments[0]
    assert name == "session.ics"
    assert mimetype.startswith("text/calendar")
    assert f"UID:session-{session.pk}@oneonone" in content
    assert "METHOD:REQUEST" in content
    assert "STATUS:TENTATIVE" in content
    assert "TZID=America/Toronto" in content


def test_session_request_respects_mentor_setting(mentor, mentee):
    NotificationSettings.objects.filter(user=mentor).update(session_requested=False)
    (slot,) = chunks(mentor, 1)
    assert request(client_for(mentee), slot, slot.start_time).status_code == 201
    assert delivered() == []
    assert OutboxMessage.objects.count() == 0


def test_session_request_by_non_mentee_is_403(mentor):
    (slot,) = chunks(mentor, 1)
    response = request(client_for(MentorFactory()), slot, slot.start_time)
    assert response.status_code == 403
    assert Session.objects.count() == 0


def test_session_request_with_own_availability_is_refused(mentor):
    mentor.is_mentee = True
    mentor.save()
    (slot,) = chunks(mentor, 1)
    response = request(client_for(mentor), slot, slot.start_time)
    assert response.status_code == 400
    assert Session.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"start_time": "soon", "session_length": 30}, "start_time"),
        ({"start_time": "2031-01-01T10:00:00Z", "session_length": "long"}, "session_length"),
        ({"start_time": "2031-01-01T10:00:00Z"}, "session_length"),
        ({"session_length": 30}, "start_time"),
    ],
)
def test_session_request_malformed_input_is_400(mentor, mentee, body, field):
    (slot,) = chunks(mentor, 1)
    response = client_for(mentee).post(
        "/sessionrequest/", {"mentor_availability": slot.pk, **body}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert Session.objects.count() == 0


@pytest.mark.parametrize("length", [0, 15, 45, 90, -30])
def test_session_request_wrong_length_is_400(mentor, mentee, length):
    (slot,) = chunks(mentor, 1)
    response = request(client_for(mentee), slot, slot.start_time, length)
    assert response.status_code == 400
    assert response.json() == {"session_length": ["Session length must be 30 or 60 minutes."]}
    assert Session.objects.count() == 0


def test_session_request_unknown_availability_is_400(mentee):
    response = client_for(mentee).post(
        "/sessionrequest/",
        {"mentor_availability": 999999, "start_time": z(next_half_hour()), "session_length": 30},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"mentor_availability": ["No availability with that id."]}


def test_session_request_outside_availability_is_400(mentor, mentee):
    (slot,) = chunks(mentor, 1)
    response = request(client_for(mentee), slot, slot.start_time - timedelta(minutes=30))
    assert response.status_code == 400
    assert "inside the availability" in response.json()["start_time"][0]
    assert Session.objects.count() == 0
    assert statuses(slot) == ["Open"]


def test_session_request_running_past_availability_is_400(mentor, mentee):
    (slot,) = chunks(mentor, 1)
    response = request(client_for(mentee), slot, slot.start_time, 60)
    assert response.status_code == 400
    assert "does not fit" in response.json()["session_length"][0]
    assert Session.objects.count() == 0


def test_session_request_cannot_span_a_gap_between_chunks(mentor, mentee):
    start = next_half_hour()
    first = chunks(mentor, 1, start=start)[0]
    chunks(mentor, 1, start=start + timedelta(hours=1))
    response = request(client_for(mentee), first, first.start_time, 60)
    assert response.status_code == 400
    assert Session.objects.count() == 0


def test_session_request_in_the_past_is_400(clock, mentor, mentee):
    (slot,) = chunks(mentor, 1)
    clock.set(slot.start_time + timedelta(minutes=1))
    response = request(client_for(mentee), slot, slot.start_time)
    assert response.status_code == 400
    assert response.json() == {"start_time": ["Start time must be in the future."]}


def test_session_request_inside_a_long_v1_window(mentor, mentee):
    start = next_half_hour()
    window = AvailabilityFactory(
        mentor=mentor, start_time=start, end_time=start + timedelta(hours=2)
    )
    response = request(client_for(mentee), window, start + timedelta(minutes=30), 60)
    assert response.status_code == 201
    assert statuses(window) == ["Open"]  # time is left in it


@pytest.mark.parametrize("status", ["Pending", "Confirmed"])
def test_session_request_overlapping_mentors_live_session_is_400(mentor, mentee, status):
    first, second = chunks(mentor)
    SessionFactory(mentor_availability=first, session_length=60, status=status)
    response = request(client_for(mentee), second, second.start_time)
    assert response.status_code == 400
    assert response.json() == {"start_time": ["The mentor already has a session at that time."]}
    assert Session.objects.count() == 1


def test_session_request_overlapping_mentees_own_session_is_400(mentor, mentee):
    (slot,) = chunks(mentor, 1)
    (elsewhere,) = chunks(MentorFactory(), 1, start=slot.start_time)
    SessionFactory(mentor_availability=elsewhere, mentee=mentee)
    response = request(client_for(mentee), slot, slot.start_time)
    assert response.status_code == 400
    assert response.json() == {"start_time": ["You already have a session at that time."]}
    assert Session.objects.count() == 1


def test_canceled_session_frees_its_time(mentor, mentee):
    (slot,) = chunks(mentor, 1)
    SessionFactory(mentor_availability=slot, status="Canceled")
    assert request(client_for(mentee), slot, slot.start_time).status_code == 201


# --- PATCH /sessionrequest/<pk> -----------------------------------------------------------------
@pytest.fixture
def pending(mentor, mentee):
    first, _ = chunks(mentor)
    response = request(client_for(mentee), first, first.start_time, 60)
    delivered().clear()
    return Session.objects.get(pk=response.json()["pk"])


def patch(user, session, status):
    return client_for(user).patch(
        f"/sessionrequest/{session.pk}", {"status": status}, format="json"
    )


def test_mentor_confirms_and_mentee_is_emailed(pending, mentor, mentee):
    response = patch(mentor, pending, "Confirmed")
    assert response.status_code == 200
    assert response.json()["status"] == "Confirmed"
    pending.refresh_from_db()
    assert (pending.status, pending.sequence) == ("Confirmed", 1)
    (message,) = delivered()
    assert message.to == ["mentee@x.com"]
    assert message.subject.startswith("Session confirmed with Menna Tor")
    content = message.attachments[0][1]
    assert "STATUS:CONFIRMED" in content
    assert "SEQUENCE:1" in content
    assert f"UID:session-{pending.pk}@oneonone" in content
    reminders = sorted(
        SessionReminder.objects.values_list("recipient_id", "kind", "due_at"),
    )
    start = pending.start_time
    assert reminders == sorted(
        [
            (mentor.pk, "sixty", start - timedelta(minutes=60)),
            (mentor.pk, "fifteen", start - timedelta(minutes=15)),
            (mentee.pk, "sixty", start - timedelta(minutes=60)),
            (mentee.pk, "fifteen", start - timedelta(minutes=15)),
        ]
    )


def test_mentee_cannot_confirm(pending, mentee):
    response = patch(mentee, pending, "Confirmed")
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == "Pending"
    assert delivered() == []


def test_stranger_sees_404_and_changes_nothing(pending):
    for status in ("Confirmed", "Canceled", "Nonsense"):
        assert patch(MentorFactory(), pending, status).status_code == 404
    pending.refresh_from_db()
    assert pending.status == "Pending"


@pytest.mark.parametrize("value", ["Pending", "Done", "", "confirmedd"])
def test_wrong_status_value_is_400(pending, mentor, value):
    response = patch(mentor, pending, value)
    assert response.status_code == 400
    assert "status" in response.json()
    pending.refresh_from_db()
    assert pending.status == "Pending"


@pytest.mark.parametrize(
    ("value", "status"), [(" confirmed ", "Confirmed"), ("CANCELLED", "Canceled")]
)
def test_status_words_are_read_without_case_or_spaces_british_spelling_too(
    pending, mentor, value, status
):
    response = patch(mentor, pending, value)
    assert response.status_code == 200
    assert response.json()["status"] == status
    pending.refresh_from_db()
    assert pending.status == status


def test_unknown_status_is_refused_with_the_words_to_use(pending, mentor):
    response = patch(mentor, pending, " Done ")  # the serializer trims the spaces
    assert response.json() == {
        "status": ['"Done" is not a valid status: use "Confirmed" or "Canceled".']
    }


def test_confirming_twice_is_400(pending, mentor):
    patch(mentor, pending, "Confirmed")
    response = patch(mentor, pending, "Confirmed")
    assert response.status_code == 400
    assert response.json() == {
        "status": ["Only a pending session can be confirmed; this one is Confirmed."]
    }
    assert SessionReminder.objects.count() == 4


@pytest.mark.parametrize("who", ["mentor", "mentee"])
def test_either_side_cancels_and_the_other_is_emailed_with_cancel_ics(pending, mentor, mentee, who):
    patch(mentor, pending, "Confirmed")
    delivered().clear()
    canceler, other = (mentor, mentee) if who == "mentor" else (mentee, mentor)
    response = patch(canceler, pending, "Canceled")
    assert response.status_code == 200
    assert response.json()["status"] == "Canceled"
    (message,) = delivered()
    assert message.to == [other.email]
    content = message.attachments[0][1]
    assert "METHOD:CANCEL" in content
    assert "STATUS:CANCELLED" in content
    assert "SEQUENCE:2" in content
    assert f"UID:session-{pending.pk}@oneonone" in content
    assert set(SessionReminder.objects.values_list("canceled", flat=True)) == {True}
    assert statuses(*MentorAvailability.objects.all()) == ["Open", "Open"]


def test_cancel_respects_recipients_setting(pending, mentor, mentee):
    NotificationSettings.objects.filter(user=mentor).update(session_canceled=False)
    assert patch(mentee, pending, "Canceled").status_code == 200
    assert delivered() == []


def test_cancel_after_start_is_refused(clock, pending, mentor):
    patch(mentor, pending, "Confirmed")
    clock.set(pending.start_time + timedelta(seconds=1))
    response = patch(mentor, pending, "Canceled")
    assert response.status_code == 400
    assert response.json() == {"status": ["A session can only be canceled before it starts."]}
    pending.refresh_from_db()
    assert pending.status == "Confirmed"


def test_confirm_after_start_is_refused(clock, pending, mentor):
    clock.set(pending.start_time)
    response = patch(mentor, pending, "Confirmed")
    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == "Pending"


def test_canceled_session_cannot_be_confirmed_or_canceled_again(pending, mentor, mentee):
    patch(mentee, pending, "Canceled")
    assert patch(mentor, pending, "Confirmed").status_code == 400
    assert patch(mentor, pending, "Canceled").status_code == 400
    pending.refresh_from_db()
    assert pending.status == "Canceled"


def test_patch_accepts_path_with_slash_and_any_case(pending, mentor):
    response = client_for(mentor).patch(
        f"/sessionrequest/{pending.pk}/", {"status": "confirmed"}, format="json"
    )
    assert (response.status_code, response.json()["status"]) == (200, "Confirmed")


def test_patch_without_status_is_400(pending, mentor):
    response = client_for(mentor).patch(f"/sessionrequest/{pending.pk}", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {"status": ["This field is required."]}


# --- GET /session/ and /archivesession/ ---------------------------------------------------------
def test_session_lists_only_own_sessions_split_at_24_hours(clock, mentor, mentee):
    now = clock.current
    old = SessionFactory(
        mentor_availability=AvailabilityFactory(
            mentor=mentor,
            start_time=now - timedelta(hours=25),
            end_time=now - timedelta(hours=24, minutes=30),
        ),
        mentee=mentee,
        status="Confirmed",
    )
    recent = SessionFactory(
        mentor_availability=AvailabilityFactory(
            mentor=mentor,
            start_time=now - timedelta(hours=23),
            end_time=now - timedelta(hours=22, minutes=30),
        ),
        mentee=mentee,
    )
    upcoming = SessionFactory(mentor_availability=AvailabilityFactory(mentor=mentor))
    SessionFactory()  # neither takes part

    def pks(user, url):
        return [row["pk"] for row in client_for(user).get(url).json()]

    assert pks(mentor, "/session/") == [recent.pk, upcoming.pk]
    assert pks(mentee, "/session/") == [recent.pk]
    assert pks(mentor, "/archivesession/") == [old.pk]
    assert pks(mentee, "/archivesession") == [old.pk]
    assert pks(MenteeFactory(), "/session/") == []


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("url", ["/session/", "/archivesession/"])
def test_session_lists_query_count_is_fixed(
    clock,
    mentor,
    mentee,
    django_assert_num_queries,
    count,
    url,
):
    base = clock.current - timedelta(days=2) if "archive" in url else next_half_hour()
    for i in range(count):
        start = base + timedelta(hours=i)
        SessionFactory(
            mentor_availability=AvailabilityFactory(
                mentor=mentor, start_time=start, end_time=start + timedelta(minutes=30)
            ),
            mentee=MenteeFactory(),
        )
    client = client_for(mentor)
    with django_assert_num_queries(2):
        assert len(client.get(url).json()) == count


def test_huge_ids_are_404_or_400_never_500(mentee):
    client = client_for(mentee)
    huge = 10**30
    assert (
        client.patch(f"/sessionrequest/{huge}", {"status": "Canceled"}, format="json").status_code
        == 404
    )
    assert client.delete(f"/availabilty/{huge}/").status_code == 404
    response = client.post(
        "/sessionrequest/",
        {"mentor_availability": huge, "start_time": z(next_half_hour()), "session_length": 30},
        format="json",
    )
    assert response.status_code == 400
