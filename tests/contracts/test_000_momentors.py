"""Seed 000 with each client setting: the seed's shapes by default, Momentors' with
TEAM_PRODUCTION_CLIENT=momentors (what TeamProductionSystem/Momentors_Frontend reads).

Each Momentors test names the front-end file whose reads it pins.
"""

from datetime import timedelta

import pytest

from accounts.models import NotificationSettings
from mentoring.models import MenteeProfile, MentorAvailability, MentorProfile
from tests.clients import client_for
from tests.factories import (
    AvailabilityFactory,
    MenteeFactory,
    MenteeProfileFactory,
    MentorFactory,
    MentorProfileFactory,
    SessionFactory,
    UserFactory,
)
from tests.support import z


@pytest.fixture
def momentors(settings):
    settings.TEAM_PRODUCTION_CLIENT = "momentors"


def _slot_json(slot, *, status=None):
    data = {
        "pk": slot.pk,
        "mentor": slot.mentor_id,
        "start_time": z(slot.start_time),
        "end_time": z(slot.end_time),
    }
    if status:
        data["status"] = status
    return data


# --- GET /mentor/ -------------------------------------------------------------------------------
def test_mentor_list_default_keeps_the_seed_shape_only(db):
    profile = MentorProfileFactory(about_me="me", skills=["CSS"])
    AvailabilityFactory(mentor=profile.user)

    item = client_for(MenteeFactory()).get("/mentor/").json()[0]

    assert set(item) == {
        "pk",
        "username",
        "first_name",
        "last_name",
        "is_mentor",
        "profile_photo",
        "mentor_profile",
    }


def test_mentor_list_momentors_adds_profile_fields_at_top_level(db, momentors):
    # SessionSignup.js reads mentor.skills, mentor.availabilities; MentorCard.js mentor.about_me
    profile = MentorProfileFactory(
        about_me="I am test user", skills=["CSS", "Django"], team_number=7
    )
    slot = AvailabilityFactory(mentor=profile.user)

    response = client_for(MenteeFactory()).get("/mentor/")

    assert response.status_code == 200
    item = response.json()[0]
    availabilities = [_slot_json(slot, status="Open")]
    assert item["about_me"] == "I am test user"
    assert item["skills"] == ["CSS", "Django"]
    assert item["availabilities"] == availabilities
    assert item["team_number"] == 7
    assert item["mentor_profile"] == {  # the seed's nesting stays too
        "about_me": "I am test user",
        "skills": ["CSS", "Django"],
        "availabilities": availabilities,
    }


def test_mentor_list_momentors_mentor_without_profile_is_empty_not_missing(db, momentors):
    mentor = MentorFactory()
    item = client_for(mentor).get("/mentor/").json()[0]
    assert (item["about_me"], item["skills"], item["availabilities"], item["team_number"]) == (
        "",
        [],
        [],
        None,
    )


@pytest.mark.parametrize("count", [1, 3])
def test_mentor_list_momentors_query_count_is_fixed(
    db, momentors, django_assert_num_queries, count
):
    for _ in range(count):
        AvailabilityFactory(mentor=MentorProfileFactory(skills=["CSS"]).user)
    client = client_for(MenteeFactory())
    with django_assert_num_queries(4):
        assert len(client.get("/mentor/").json()) == count


# --- GET /mentorinfo/ and the edit form ---------------------------------------------------------
def test_mentorinfo_get_momentors_is_a_list_of_the_own_profile(db, momentors):
    # ProfileMentor.js and EditProfile.js read res.data[0].skills / about_me / team_number
    profile = MentorProfileFactory(about_me="me", skills=["CSS"], team_number=10)
    slot = AvailabilityFactory(mentor=profile.user)
    AvailabilityFactory()  # another mentor's

    response = client_for(profile.user).get("/mentorinfo/")

    assert response.status_code == 200
    assert response.json() == [
        {
            "pk": profile.user_id,
            "about_me": "me",
            "skills": ["CSS"],
            "availabilities": [_slot_json(slot)],
            "team_number": 10,
        }
    ]


def test_mentorinfo_get_momentors_without_profile_is_empty_list(db, momentors):
    response = client_for(MentorFactory()).get("/mentorinfo/")
    assert response.status_code == 200
    assert response.json() == []


def test_mentorinfo_get_default_stays_the_seed_object(db):
    profile = MentorProfileFactory(about_me="me")
    data = client_for(profile.user).get("/mentorinfo/").json()
    assert isinstance(data, dict)
    assert data["about_me"] == "me"


def test_mentorinfo_post_momentors_as_its_sign_up_sends(db, momentors):
    # Register/Profile.js: POST {about_me: "About Me", skills: ["HTML"]} after is_mentor
    mentor = MentorFactory()
    response = client_for(mentor).post(
        "/mentorinfo/", {"about_me": "About Me", "skills": ["HTML"]}, format="json"
    )
    assert response.status_code == 201
    assert client_for(mentor).get("/mentorinfo/").json()[0]["skills"] == ["HTML"]


@pytest.mark.parametrize("client_setting", ["seed", "momentors"])
def test_edit_form_saved_unchanged_keeps_the_profile(db, settings, client_setting):
    # EditProfile.js sends back what it read: skills, about_me and team_number (null or a number)
    settings.TEAM_PRODUCTION_CLIENT = client_setting
    profile = MentorProfileFactory(about_me="About Me", skills=["CSS", "HTML"], team_number=None)
    client = client_for(profile.user)

    response = client.patch(
        "/mentorinfoupdate/",
        {"skills": ["CSS", "HTML"], "about_me": "About Me", "team_number": None},
        format="json",
    )

    assert response.status_code == 200
    profile.refresh_from_db()
    assert profile.about_me == "About Me"
    assert sorted(profile.skills.values_list("name", flat=True)) == ["CSS", "HTML"]


def test_edit_form_blank_team_number_is_no_team_not_400(db, momentors):
    # EditProfile.js sends team_number: "" when the field is empty
    profile = MentorProfileFactory(about_me="me", skills=["CSS"], team_number=3)

    response = client_for(profile.user).patch(
        "/mentorinfoupdate/",
        {"skills": ["CSS", "React"], "about_me": "me, updated", "team_number": ""},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["team_number"] is None
    profile.refresh_from_db()
    assert (profile.about_me, profile.team_number) == ("me, updated", None)
    assert sorted(profile.skills.values_list("name", flat=True)) == ["CSS", "React"]


def test_edit_form_empty_default_is_400_so_nothing_is_wiped(db):
    # With the seed's setting Momentors' read of /mentorinfo/ fails and it sends an empty form
    profile = MentorProfileFactory(about_me="me", skills=["CSS"], team_number=3)

    response = client_for(profile.user).patch(
        "/mentorinfoupdate/", {"skills": [], "about_me": "", "team_number": ""}, format="json"
    )

    assert response.status_code == 400
    assert "team_number" in response.json()
    profile.refresh_from_db()
    assert (profile.about_me, profile.team_number) == ("me", 3)
    assert list(profile.skills.values_list("name", flat=True)) == ["CSS"]


def test_edit_form_team_number_as_text_is_read_as_number(db, momentors):
    profile = MentorProfileFactory(team_number=3)
    response = client_for(profile.user).patch(
        "/mentorinfoupdate/", {"team_number": "12"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["team_number"] == 12


def test_edit_form_bad_team_number_is_400_and_changes_nothing(db, momentors):
    profile = MentorProfileFactory(about_me="me", team_number=3)
    response = client_for(profile.user).patch(
        "/mentorinfoupdate/", {"about_me": "new", "team_number": "ten"}, format="json"
    )
    assert response.status_code == 400
    assert "team_number" in response.json()
    profile.refresh_from_db()
    assert (profile.about_me, profile.team_number) == ("me", 3)


def test_mentee_edit_form_blank_team_number_is_no_team(db, momentors):
    # EditProfile.js: PATCH /menteeinfoupdate/ {team_number: ""}
    profile = MenteeProfileFactory(team_number=4)
    response = client_for(profile.user).patch(
        "/menteeinfoupdate/", {"team_number": ""}, format="json"
    )
    assert response.status_code == 200
    assert response.json() == {"team_number": None}
    assert MenteeProfile.objects.get(pk=profile.pk).team_number is None


# --- /availability/ -----------------------------------------------------------------------------
def test_availability_list_default_lists_every_mentor(db):
    mine = AvailabilityFactory()
    other = AvailabilityFactory()
    data = client_for(mine.mentor).get("/availability/").json()
    assert sorted(item["pk"] for item in data) == sorted([mine.pk, other.pk])


def test_availability_list_momentors_lists_only_the_callers_own(db, momentors):
    # Current Availabilities.js lists them with a Cancel button each (DELETE /availability/<pk>/)
    mine = AvailabilityFactory()
    AvailabilityFactory()  # another mentor's
    client = client_for(mine.mentor)

    assert client.get("/availability/").json() == [_slot_json(mine)]
    assert client.get("/availability/", HTTP_ACCEPT="version=v2").json() == [
        _slot_json(mine, status="Open")
    ]


def test_availability_list_momentors_is_empty_for_a_mentee(db, momentors):
    AvailabilityFactory()
    assert client_for(MenteeFactory()).get("/availability/").json() == []


def test_availability_cancel_button_works_on_every_listed_slot(db, momentors):
    mine = AvailabilityFactory()
    AvailabilityFactory()
    client = client_for(mine.mentor)
    for item in client.get("/availability/").json():
        assert client.delete(f"/availability/{item['pk']}/").status_code == 204
    assert client.get("/availability/").json() == []
    assert MentorAvailability.objects.count() == 1  # the other mentor's stays


def test_availability_error_default_is_field_keyed(clock, db):
    response = client_for(MentorFactory()).post(
        "/availability/",
        {
            "start_time": z(clock.current - timedelta(hours=1)),
            "end_time": z(clock.current + timedelta(hours=1)),
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"start_time": ["Start time must be in the future."]}


def test_availability_error_momentors_is_a_list_of_messages(clock, db, momentors):
    # TimeSlot.js renders error.response.data as text: an object blanks the page
    response = client_for(MentorFactory()).post(
        "/availability/",
        {
            "start_time": z(clock.current - timedelta(hours=1)),
            "end_time": z(clock.current - timedelta(hours=2)),
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == [
        "start_time: Start time must be in the future.",
        "end_time: End time must be after start time.",
    ]
    assert MentorAvailability.objects.count() == 0


def test_availability_overlap_momentors_is_a_list_of_messages(db, momentors):
    existing = AvailabilityFactory()
    response = client_for(existing.mentor).post(
        "/availability/",
        {"start_time": z(existing.start_time), "end_time": z(existing.end_time)},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert isinstance(body, list) and len(body) == 1
    assert "overlaps your availability" in body[0]
    assert MentorAvailability.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"start_time": "tomorrow", "end_time": "later"}, 400),
        ({}, 400),
    ],
)
def test_availability_bad_input_momentors_is_a_list_of_strings(db, momentors, body, status):
    response = client_for(MentorFactory()).post("/availability/", body, format="json")
    assert response.status_code == status
    data = response.json()
    assert isinstance(data, list) and data
    assert all(isinstance(text, str) for text in data)
    assert any(text.startswith("start_time: ") for text in data)


def test_availability_refusals_momentors_are_lists(db, momentors):
    slot = AvailabilityFactory()
    mentee = client_for(MenteeFactory())
    body = {"start_time": z(slot.end_time), "end_time": z(slot.end_time + timedelta(hours=1))}
    response = mentee.post("/availability/", body, format="json")
    assert response.status_code == 403
    assert response.json() == [
        "Only mentors publish availability: set is_mentor on your profile first."
    ]
    response = client_for(MentorFactory()).delete(f"/availability/{slot.pk}/")
    assert response.status_code == 403
    assert response.json() == ["This availability belongs to another mentor."]
    assert client_for(slot.mentor).delete("/availability/999999/").status_code == 404
    assert MentorAvailability.objects.filter(pk=slot.pk).exists()


def test_availability_in_use_momentors_is_a_list(db, momentors):
    session = SessionFactory()
    response = client_for(session.mentor).delete(f"/availability/{session.mentor_availability_id}/")
    assert response.status_code == 400
    assert len(response.json()) == 1 and "cancel the session first" in response.json()[0]


def test_availability_unauthenticated_momentors_is_a_list(api, db, momentors):
    response = api.get("/availability/")
    assert response.status_code == 401
    assert response.json() == ["Authentication credentials were not provided."]


def test_availability_success_shapes_unchanged_by_momentors(clock, db, momentors):
    start = clock.current.replace(minute=0, second=0) + timedelta(days=1)
    client = client_for(MentorFactory())
    response = client.post(
        "/availability/",
        {"start_time": z(start), "end_time": z(start + timedelta(hours=1))},
        format="json",
    )
    assert response.status_code == 201
    assert set(response.json()) == {"pk", "mentor", "start_time", "end_time"}


# --- /notificationsettings/<pk>/ ----------------------------------------------------------------
def _user_with_other_settings_pk():
    """A user whose settings pk differs from their user pk (a failed sign-up used up an id)."""
    user = UserFactory()
    settings_item = NotificationSettings.objects.get(user=user)
    NotificationSettings.objects.filter(pk=settings_item.pk).update(id=user.pk + 1000)
    return user


def test_notification_settings_by_user_pk_momentors(db, momentors):
    # ProfileMentor.js / ProfileMentee.js call /notificationsettings/<the user's pk>/
    user = _user_with_other_settings_pk()
    client = client_for(user)

    response = client.patch(
        f"/notificationsettings/{user.pk}/", {"sixty_minute_alert": False}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["pk"] == user.pk + 1000
    assert client.get(f"/notificationsettings/{user.pk}/").json()["sixty_minute_alert"] is False
    assert NotificationSettings.objects.get(user=user).sixty_minute_alert is False


def test_notification_settings_default_pk_is_the_settings_pk(db):
    user = _user_with_other_settings_pk()
    assert client_for(user).get(f"/notificationsettings/{user.pk}/").status_code == 404
    assert client_for(user).get(f"/notificationsettings/{user.pk + 1000}/").status_code == 200


def test_notification_settings_momentors_others_stay_forbidden(db, momentors):
    user, other = UserFactory(), UserFactory()
    NotificationSettings.objects.filter(user=other).update(id=user.pk + 2000)
    response = client_for(user).patch(
        f"/notificationsettings/{user.pk + 2000}/", {"session_requested": False}, format="json"
    )
    assert response.status_code == 403
    assert NotificationSettings.objects.get(user=other).session_requested is True


def test_mentor_profile_unknown_patch_momentors_is_404(db, momentors):
    response = client_for(MentorFactory()).patch("/mentorinfoupdate/", {}, format="json")
    assert response.status_code == 404
    assert MentorProfile.objects.count() == 0
