"""Seed 000 (Team Production System): mentors, mentees and availability through HTTP."""

from datetime import timedelta

import pytest

from mentoring.models import MenteeProfile, MentorAvailability, MentorProfile, Skill
from tests.clients import client_for
from tests.factories import (
    AvailabilityFactory,
    MenteeFactory,
    MenteeProfileFactory,
    MentorFactory,
    MentorProfileFactory,
    SessionFactory,
    next_half_hour,
)
from tests.support import z

V2 = {"HTTP_ACCEPT": "version=v2"}


# --- /mentor/ -----------------------------------------------------------------------------------
def test_mentor_list_shows_mentors_with_skills_and_future_availability(clock, db):
    profile = MentorProfileFactory(about_me="I am test user", skills=["CSS", "Django"])
    mentor = profile.user
    AvailabilityFactory(  # ended: not listed
        mentor=mentor,
        start_time=clock.current - timedelta(hours=2),
        end_time=clock.current - timedelta(hours=1),
    )
    future = AvailabilityFactory(mentor=mentor)
    MenteeFactory()  # not a mentor: not listed
    viewer = MenteeFactory()

    response = client_for(viewer).get("/mentor/")

    assert response.status_code == 200
    assert response.json() == [
        {
            "pk": mentor.pk,
            "username": mentor.username,
            "first_name": mentor.first_name,
            "last_name": mentor.last_name,
            "is_mentor": True,
            "profile_photo": None,
            "mentor_profile": {
                "about_me": "I am test user",
                "skills": ["CSS", "Django"],
                "availabilities": [
                    {
                        "pk": future.pk,
                        "mentor": mentor.pk,
                        "start_time": z(future.start_time),
                        "end_time": z(future.end_time),
                        "status": "Open",
                    }
                ],
            },
        }
    ]


def test_mentor_list_mentor_without_profile_has_empty_profile(db):
    mentor = MentorFactory()
    data = client_for(mentor).get("/mentor").json()
    assert data[0]["mentor_profile"] == {"about_me": "", "skills": [], "availabilities": []}


def test_mentor_list_requires_authentication(api, db):
    assert api.get("/mentor/").status_code == 401


@pytest.mark.parametrize("count", [1, 3])
def test_mentor_list_query_count_is_fixed(db, django_assert_num_queries, count):
    for _ in range(count):
        profile = MentorProfileFactory(skills=["CSS", "HTML"])
        start = next_half_hour()
        for i in range(3):
            AvailabilityFactory(
                mentor=profile.user,
                start_time=start + timedelta(minutes=30 * i),
                end_time=start + timedelta(minutes=30 * (i + 1)),
            )
    client = client_for(MenteeFactory())
    # authentication (1) + mentors with profiles (1) + skills (1) + availability (1)
    with django_assert_num_queries(4):
        response = client.get("/mentor/")
    assert len(response.json()) == count
    assert all(len(m["mentor_profile"]["availabilities"]) == 3 for m in response.json())


def test_mentor_by_skill_lists_only_mentors_with_that_skill_any_case(db):
    html = MentorProfileFactory(about_me="Coding is fun", skills=["HTML", "CSS"])
    MentorProfileFactory(skills=["Python"])
    response = client_for(MenteeFactory()).get("/mentor/html/")
    assert response.status_code == 200
    assert response.json() == [
        {"pk": html.user_id, "about_me": "Coding is fun", "skills": ["CSS", "HTML"]}
    ]


def test_mentor_by_skill_with_commas_requires_every_skill(db):
    both = MentorProfileFactory(skills=["HTML", "CSS"])
    MentorProfileFactory(skills=["HTML"])
    data = client_for(MenteeFactory()).get("/mentor/HTML,css/").json()
    assert [m["pk"] for m in data] == [both.user_id]


def test_mentor_by_unknown_skill_is_empty(db):
    MentorProfileFactory(skills=["HTML"])
    assert client_for(MenteeFactory()).get("/mentor/Cobol/").json() == []


@pytest.mark.parametrize("count", [1, 3])
def test_mentor_by_skill_query_count_is_fixed(db, django_assert_num_queries, count):
    for _ in range(count):
        MentorProfileFactory(skills=["HTML", "CSS"])
    client = client_for(MenteeFactory())
    with django_assert_num_queries(4):
        assert len(client.get("/mentor/HTML/").json()) == count


# --- /mentorinfo/ -------------------------------------------------------------------------------
def test_mentorinfo_post_creates_profile_with_documented_shape(db):
    mentor = MentorFactory()
    response = client_for(mentor).post(
        "/mentorinfo/",
        {"about_me": "Hi, I am so and so", "skills": ["CSS"], "team_number": 10},
        format="json",
    )
    assert response.status_code == 201
    assert response.json() == {
        "pk": mentor.pk,
        "about_me": "Hi, I am so and so",
        "skills": ["CSS"],
        "availabilities": [],
        "team_number": 10,
    }
    assert list(MentorProfile.objects.get(user=mentor).skills.values_list("name", flat=True)) == [
        "CSS"
    ]


def test_mentorinfo_post_refused_for_non_mentor(db):
    user = MenteeFactory()
    response = client_for(user).post("/mentorinfo/", {"about_me": "x"}, format="json")
    assert response.status_code == 403
    assert "is_mentor" in response.json()["detail"]
    assert MentorProfile.objects.count() == 0


def test_mentorinfo_post_twice_is_refused(db):
    profile = MentorProfileFactory(about_me="first")
    response = client_for(profile.user).post("/mentorinfo/", {"about_me": "second"}, format="json")
    assert response.status_code == 400
    assert "PATCH /mentorinfoupdate/" in response.json()["non_field_errors"][0]
    profile.refresh_from_db()
    assert profile.about_me == "first"


def test_mentorinfo_post_bad_team_number_is_400(db):
    mentor = MentorFactory()
    response = client_for(mentor).post("/mentorinfo/", {"team_number": "ten"}, format="json")
    assert response.status_code == 400
    assert "team_number" in response.json()
    assert MentorProfile.objects.count() == 0


def test_mentorinfo_get_shows_own_profile_with_future_availability(db):
    profile = MentorProfileFactory(about_me="me", skills=["CSS"], team_number=10)
    slot = AvailabilityFactory(mentor=profile.user)
    AvailabilityFactory()  # someone else's
    response = client_for(profile.user).get("/mentorinfo/")
    assert response.json() == {
        "pk": profile.user_id,
        "about_me": "me",
        "skills": ["CSS"],
        "availabilities": [
            {
                "pk": slot.pk,
                "mentor": profile.user_id,
                "start_time": z(slot.start_time),
                "end_time": z(slot.end_time),
            }
        ],
        "team_number": 10,
    }


def test_mentorinfo_get_without_profile_is_404(db):
    response = client_for(MentorFactory()).get("/mentorinfo/")
    assert response.status_code == 404


def test_mentorinfoupdate_patch_accepts_skill_as_string(db):
    profile = MentorProfileFactory(about_me="me", skills=["CSS"], team_number=10)
    response = client_for(profile.user).patch(
        "/mentorinfoupdate/", {"skills": "Python"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["skills"] == ["Python"]
    assert response.json()["about_me"] == "me"
    assert response.json()["team_number"] == 10


def test_mentorinfoupdate_patch_reuses_skills_without_case(db):
    MentorProfileFactory(skills=["Django"])
    profile = MentorProfileFactory()
    response = client_for(profile.user).patch(
        "/mentorinfoupdate/", {"skills": ["django", " CSS ", "css"]}, format="json"
    )
    assert response.json()["skills"] == ["CSS", "Django"]
    assert Skill.objects.count() == 2


def test_mentorinfoupdate_patch_refuses_bad_skills(db):
    profile = MentorProfileFactory(skills=["CSS"])
    response = client_for(profile.user).patch(
        "/mentorinfoupdate/", {"skills": [1, 2]}, format="json"
    )
    assert response.status_code == 400
    assert list(profile.skills.values_list("name", flat=True)) == ["CSS"]


def test_mentorinfoupdate_without_profile_is_404(db):
    response = client_for(MentorFactory()).patch(
        "/mentorinfoupdate/", {"about_me": "x"}, format="json"
    )
    assert response.status_code == 404
    assert MentorProfile.objects.count() == 0


def test_mentorinfoupdate_delete_removes_profile_keeps_availability(db):
    profile = MentorProfileFactory()
    AvailabilityFactory(mentor=profile.user)
    response = client_for(profile.user).delete("/mentorinfoupdate/")
    assert response.status_code == 204
    assert MentorProfile.objects.count() == 0
    assert MentorAvailability.objects.count() == 1


# --- /mentee/ and /menteeinfo/ ------------------------------------------------------------------
def test_mentee_list_documented_shape(db):
    profile = MenteeProfileFactory(team_number=4)
    bare = MenteeFactory()
    MentorFactory()
    response = client_for(bare).get("/mentee/")
    assert response.json() == [
        {
            "pk": profile.user_id,
            "username": profile.user.username,
            "first_name": profile.user.first_name,
            "last_name": profile.user.last_name,
            "is_mentee": True,
            "profile_photo": None,
            "mentee_profile": {"team_number": 4},
        },
        {
            "pk": bare.pk,
            "username": bare.username,
            "first_name": bare.first_name,
            "last_name": bare.last_name,
            "is_mentee": True,
            "profile_photo": None,
            "mentee_profile": None,
        },
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_mentee_list_query_count_is_fixed(db, django_assert_num_queries, count):
    for _ in range(count):
        MenteeProfileFactory()
    client = client_for(MentorFactory())
    with django_assert_num_queries(2):
        assert len(client.get("/mentee/").json()) == count


def test_menteeinfo_post_get_patch_delete(db):
    mentee = MenteeFactory()
    client = client_for(mentee)
    assert client.get("/menteeinfo/").json() == []
    response = client.post("/menteeinfo/", {"team_number": "4"}, format="json")
    assert (response.status_code, response.json()) == (201, [{"team_number": 4}])
    assert client.get("/menteeinfo/").json() == [{"team_number": 4}]
    again = client.post("/menteeinfo/", {"team_number": "6"}, format="json")
    assert (again.status_code, again.json()) == (
        400,
        {
            "non_field_errors": [
                "You already have a mentee profile: change it with PATCH /menteeinfoupdate/."
            ]
        },
    )
    response = client.patch("/menteeinfoupdate/", [{"team_number": "5"}], format="json")
    assert (response.status_code, response.json()) == (200, {"team_number": 5})
    assert MenteeProfile.objects.get(user=mentee).team_number == 5
    assert client.delete("/menteeinfoupdate/").status_code == 204
    assert MenteeProfile.objects.count() == 0


def test_menteeinfo_post_refused_for_non_mentee(db):
    response = client_for(MentorFactory()).post("/menteeinfo/", {"team_number": 4}, format="json")
    assert response.status_code == 403
    assert MenteeProfile.objects.count() == 0


def test_menteeinfoupdate_refuses_bad_team_number(db):
    profile = MenteeProfileFactory(team_number=4)
    response = client_for(profile.user).patch(
        "/menteeinfoupdate/", {"team_number": -3}, format="json"
    )
    assert response.status_code == 400
    profile.refresh_from_db()
    assert profile.team_number == 4


# --- /availabilty/ ------------------------------------------------------------------------------
def test_availability_v1_post_creates_one_span(db):
    mentor = MentorFactory()
    start = next_half_hour()
    response = client_for(mentor).post(
        "/availabilty/",
        {"start_time": z(start), "end_time": z(start + timedelta(hours=1))},
        format="json",
    )
    assert response.status_code == 201
    item = MentorAvailability.objects.get()
    assert response.json() == {
        "pk": item.pk,
        "mentor": mentor.pk,
        "start_time": z(start),
        "end_time": z(start + timedelta(hours=1)),
    }
    assert (item.start_time, item.end_time, item.status) == (
        start,
        start + timedelta(hours=1),
        "Open",
    )


def test_availability_correct_spelling_is_served_too(db):
    mentor = MentorFactory()
    start = next_half_hour()
    response = client_for(mentor).post(
        "/availability/",
        {"start_time": z(start), "end_time": z(start + timedelta(hours=1))},
        format="json",
    )
    assert response.status_code == 201
    assert client_for(mentor).get("/availability/").json() == [response.json()]


def test_availability_v2_post_stores_half_hour_chunks(db):
    mentor = MentorFactory()
    start = next_half_hour()
    response = client_for(mentor).post(
        "/v2/availabilty/",
        {"start_time": z(start), "end_time": z(start + timedelta(hours=1))},
        format="json",
        **V2,
    )
    assert response.status_code == 201
    chunks = list(MentorAvailability.objects.order_by("start_time"))
    assert response.json() == [
        {
            "pk": chunk.pk,
            "mentor": mentor.pk,
            "start_time": z(chunk.start_time),
            "end_time": z(chunk.end_time),
            "status": "Open",
        }
        for chunk in chunks
    ]
    assert [(c.start_time, c.end_time) for c in chunks] == [
        (start, start + timedelta(minutes=30)),
        (start + timedelta(minutes=30), start + timedelta(hours=1)),
    ]


def test_availability_v2_refuses_span_not_whole_half_hours(db):
    mentor = MentorFactory()
    start = next_half_hour()
    response = client_for(mentor).post(
        "/v2/availabilty/",
        {"start_time": z(start), "end_time": z(start + timedelta(minutes=45))},
        format="json",
    )
    assert response.status_code == 400
    assert "30-minute chunks" in response.json()["end_time"][0]
    assert MentorAvailability.objects.count() == 0


@pytest.mark.parametrize(
    ("start_delta", "end_delta", "field", "message"),
    [
        (
            -timedelta(hours=30),
            -timedelta(hours=29),
            "start_time",
            "Start time must be in the future.",
        ),
        (timedelta(hours=1), timedelta(0), "end_time", "End time must be after start time."),
        (timedelta(0), -timedelta(minutes=30), "end_time", "End time must be after start time."),
        (timedelta(0), timedelta(days=8), "end_time", None),
    ],
)
def test_availability_post_refuses_bad_times(db, start_delta, end_delta, field, message):
    mentor = MentorFactory()
    start = next_half_hour() + start_delta
    end = next_half_hour() + end_delta
    response = client_for(mentor).post(
        "/availabilty/", {"start_time": z(start), "end_time": z(end)}, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    if message:
        assert response.json()[field] == [message]
    assert MentorAvailability.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        {"start_time": "tomorrow", "end_time": "2031-01-01T10:00:00Z"},
        {"start_time": "2031-01-01T10:00:00Z"},
        {},
        {"start_time": "2031-02-30T10:00:00Z", "end_time": "2031-03-01T10:00:00Z"},
    ],
)
def test_availability_post_refuses_malformed_input(db, body):
    response = client_for(MentorFactory()).post("/availabilty/", body, format="json")
    assert response.status_code == 400
    assert MentorAvailability.objects.count() == 0


def test_availability_post_refused_for_non_mentor(db):
    start = next_half_hour()
    response = client_for(MenteeFactory()).post(
        "/availabilty/",
        {"start_time": z(start), "end_time": z(start + timedelta(hours=1))},
        format="json",
    )
    assert response.status_code == 403
    assert MentorAvailability.objects.count() == 0


def test_availability_post_mentor_field_is_ignored_always_own(db):
    mentor, other = MentorFactory(), MentorFactory()
    start = next_half_hour()
    response = client_for(mentor).post(
        "/availabilty/",
        {"mentor": other.pk, "start_time": z(start), "end_time": z(start + timedelta(hours=1))},
        format="json",
    )
    assert response.json()["mentor"] == mentor.pk
    assert MentorAvailability.objects.get().mentor == mentor


@pytest.mark.parametrize("url", ["/availabilty/", "/v2/availabilty/"])
def test_availability_post_refuses_overlap_with_own(db, url):
    mentor = MentorFactory()
    existing = AvailabilityFactory(mentor=mentor)
    start = existing.start_time - timedelta(minutes=30)
    response = client_for(mentor).post(
        url, {"start_time": z(start), "end_time": z(start + timedelta(hours=1))}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["start_time"] == [
        f"This overlaps your availability from {z(existing.start_time)} to {z(existing.end_time)}."
    ]
    assert MentorAvailability.objects.count() == 1


def test_availability_may_touch_own_and_overlap_others(db):
    mentor = MentorFactory()
    existing = AvailabilityFactory(mentor=mentor)
    AvailabilityFactory(start_time=existing.end_time)  # another mentor, same time
    response = client_for(mentor).post(
        "/availabilty/",
        {"start_time": z(existing.end_time), "end_time": z(existing.end_time + timedelta(hours=1))},
        format="json",
    )
    assert response.status_code == 201


def test_availability_get_v1_lists_future_of_every_mentor_without_status(clock, db):
    later = AvailabilityFactory(start_time=next_half_hour(days=2))
    sooner = AvailabilityFactory()
    AvailabilityFactory(
        start_time=clock.current - timedelta(hours=1), end_time=clock.current - timedelta(minutes=1)
    )
    response = client_for(MenteeFactory()).get("/availabilty/")
    assert response.json() == [
        {
            "pk": a.pk,
            "mentor": a.mentor_id,
            "start_time": z(a.start_time),
            "end_time": z(a.end_time),
        }
        for a in (sooner, later)
    ]


@pytest.mark.parametrize("accept", ["version=v2", "application/json; version=v2"])
def test_availability_get_v2_ordered_with_status(db, accept):
    later = AvailabilityFactory(start_time=next_half_hour(days=2))
    sooner = AvailabilityFactory()
    SessionFactory(mentor_availability=sooner)
    sooner.status = "Booked"
    sooner.save()
    response = client_for(MenteeFactory()).get("/availabilty/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response.json() == [
        {
            "pk": a.pk,
            "mentor": a.mentor_id,
            "start_time": z(a.start_time),
            "end_time": z(a.end_time),
            "status": status,
        }
        for a, status in ((sooner, "Booked"), (later, "Open"))
    ]


def test_availability_get_includes_span_in_progress(clock, db):
    current = AvailabilityFactory(
        start_time=clock.current - timedelta(minutes=10),
        end_time=clock.current + timedelta(minutes=20),
    )
    data = client_for(MenteeFactory()).get("/availabilty/").json()
    assert [a["pk"] for a in data] == [current.pk]


@pytest.mark.parametrize("count", [1, 3])
def test_availability_list_query_count_is_fixed(db, django_assert_num_queries, count):
    for i in range(count):
        AvailabilityFactory(start_time=next_half_hour(days=i + 1))
    client = client_for(MenteeFactory())
    with django_assert_num_queries(2):
        assert len(client.get("/availabilty/", **V2).json()) == count


def test_availability_delete_own(db):
    slot = AvailabilityFactory()
    response = client_for(slot.mentor).delete(f"/availabilty/{slot.pk}/")
    assert response.status_code == 204
    assert MentorAvailability.objects.count() == 0


def test_availability_delete_someone_elses_is_403(db):
    slot = AvailabilityFactory()
    response = client_for(MentorFactory()).delete(f"/availabilty/{slot.pk}/")
    assert response.status_code == 403
    assert MentorAvailability.objects.count() == 1


def test_availability_delete_unknown_is_404(db):
    assert client_for(MentorFactory()).delete("/availabilty/999999/").status_code == 404


@pytest.mark.parametrize("status", ["Pending", "Confirmed"])
def test_availability_delete_refused_while_live_session_uses_it(db, status):
    session = SessionFactory(status=status)
    slot = session.mentor_availability
    response = client_for(slot.mentor).delete(f"/availabilty/{slot.pk}")
    assert response.status_code == 400
    assert "cancel the session first" in response.json()["non_field_errors"][0]
    assert MentorAvailability.objects.count() == 1


def test_availability_delete_allowed_after_cancellation(db):
    session = SessionFactory(status="Canceled")
    slot = session.mentor_availability
    assert client_for(slot.mentor).delete(f"/availabilty/{slot.pk}/").status_code == 204
    session.refresh_from_db()
    assert session.mentor_availability is None
