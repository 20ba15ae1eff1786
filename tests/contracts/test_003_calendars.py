"""Seed 003 (OneOnOne coreapi) calendars, finalize, availabilities, invitees, schedule via HTTP."""

import pytest

from scheduling.models import AvailabilityWindow, Calendar, Invitation, Meeting
from tests.clients import client_for
from tests.factories import UserFactory

CALENDAR = {"name": "Office hours", "start_date": "2027-03-08", "end_date": "2027-03-12"}
DEADLINE = "2027-03-05T17:00:00"


@pytest.fixture
def guest(other_user):
    """A client for ``other_user``, who gets invited."""
    return client_for(other_user)


@pytest.fixture
def calendar_id(bearer, clock):
    response = bearer.post("/calendars/", CALENDAR, format="json")
    assert response.status_code == 200, response.json()
    return response.json()["id"]


@pytest.fixture
def invitee_id(bearer, calendar_id, other_user):
    response = bearer.post(
        f"/calendars/{calendar_id}/invitee/",
        {"invitee": other_user.pk, "deadline": DEADLINE},
        format="json",
    )
    assert response.status_code == 200, response.json()
    return response.json()["id"]


def availability(start, end, preference=3):
    return {"start_period": start, "end_period": end, "preference": preference}


def add(client, calendar_id, start, end, preference=3):
    return client.post(
        f"/calendars/{calendar_id}/availabilities/",
        availability(start, end, preference),
        format="json",
    )


def snapshot():
    return (
        list(Calendar.objects.values().order_by("pk")),
        list(Invitation.objects.values().order_by("pk")),
        list(AvailabilityWindow.objects.values().order_by("pk")),
        list(Meeting.objects.values().order_by("pk")),
    )


# --- Calendars -----------------------------------------------------------------------------------
def test_create_calendar_returns_documented_shape(bearer, user, clock):
    response = bearer.post("/calendars/", CALENDAR, format="json")
    assert response.status_code == 200
    calendar = Calendar.objects.get()
    assert response.json() == {
        "id": calendar.pk,
        "name": "Office hours",
        "start_date": "2027-03-08",
        "end_date": "2027-03-12",
        "finalized": False,
        "owner": user.pk,
    }


def test_create_calendar_requires_fields(bearer, clock):
    response = bearer.post("/calendars/", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "name": ["This field is required."],
        "start_date": ["This field is required."],
        "end_date": ["This field is required."],
    }
    assert Calendar.objects.count() == 0


def test_create_calendar_refuses_end_before_start(bearer, clock):
    response = bearer.post("/calendars/", {**CALENDAR, "end_date": "2027-03-07"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"end_date": ["End date must not be before start date."]}
    assert Calendar.objects.count() == 0


def test_calendars_require_auth(api, db):
    assert api.get("/calendars/").status_code == 401
    assert api.post("/calendars/", CALENDAR, format="json").status_code == 401


def test_list_shows_only_own_calendars(bearer, calendar_id, guest):
    guest.post("/calendars/", {**CALENDAR, "name": "Theirs"}, format="json")
    response = bearer.get("/calendars/")
    assert response.status_code == 200
    assert [c["id"] for c in response.json()] == [calendar_id]


@pytest.mark.parametrize("rows", [1, 3])
def test_calendar_list_query_count_is_fixed(bearer, user, clock, rows, django_assert_num_queries):
    for index in range(rows):
        bearer.post("/calendars/", {**CALENDAR, "name": f"C{index}"}, format="json")
    with django_assert_num_queries(2):  # the user, the calendars
        response = bearer.get("/calendars")
    assert len(response.json()) == rows


def test_read_calendar(bearer, calendar_id, user):
    response = bearer.get(f"/calendars/{calendar_id}")
    assert response.status_code == 200
    assert response.json()["name"] == "Office hours"


def test_read_another_users_calendar_is_forbidden(guest, calendar_id):
    response = guest.get(f"/calendars/{calendar_id}/")
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}


def test_read_unknown_calendar_is_not_found(bearer, db):
    response = bearer.get("/calendars/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_update_changes_name_only(bearer, calendar_id):
    response = bearer.put(
        f"/calendars/{calendar_id}/",
        {"name": "Renamed", "start_date": "2027-03-08", "end_date": "2027-03-12"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Renamed"
    assert Calendar.objects.get().name == "Renamed"


def test_update_refuses_new_dates(bearer, calendar_id):
    before = snapshot()
    response = bearer.put(
        f"/calendars/{calendar_id}/",
        {"name": "Renamed", "start_date": "2027-03-09", "end_date": "2027-03-20"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "start_date": ["The start date cannot be changed once the calendar exists."],
        "end_date": ["The end date cannot be changed once the calendar exists."],
    }
    assert snapshot() == before


def test_update_requires_name(bearer, calendar_id):
    response = bearer.put(f"/calendars/{calendar_id}/", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {"name": ["This field is required."]}


def test_update_by_another_user_is_forbidden_and_changes_nothing(guest, calendar_id):
    before = snapshot()
    response = guest.put(f"/calendars/{calendar_id}/", {"name": "Mine"}, format="json")
    assert response.status_code == 403
    assert snapshot() == before


def test_delete_calendar(bearer, calendar_id, invitee_id):
    response = bearer.delete(f"/calendars/{calendar_id}/")
    assert response.status_code == 200
    assert Calendar.objects.count() == 0
    assert Invitation.objects.count() == 0


def test_delete_by_another_user_is_forbidden(guest, calendar_id):
    assert guest.delete(f"/calendars/{calendar_id}/").status_code == 403
    assert Calendar.objects.filter(pk=calendar_id).exists()


# --- Invitees ------------------------------------------------------------------------------------
def test_invite_user_returns_documented_shape(bearer, calendar_id, other_user, sent_mail):
    response = bearer.post(
        f"/calendars/{calendar_id}/invitee/",
        {"invitee": other_user.pk, "deadline": DEADLINE},
        format="json",
    )
    assert response.status_code == 200
    invitation = Invitation.objects.get()
    assert response.json() == {
        "id": invitation.pk,
        "calendar": calendar_id,
        "invitee": other_user.pk,
        "deadline": "2027-03-05T17:00:00+00:00",
        "has_availability": False,
    }
    assert invitation.contact.user == other_user
    assert [m.to for m in sent_mail()] == [[other_user.email]]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"invitee": ["This field is required."], "deadline": ["This field is required."]}),
        ({"invitee": 999999, "deadline": DEADLINE}, {"invitee": ["User does not exist."]}),
        (
            {"invitee": "self", "deadline": DEADLINE},
            {"invitee": ["You cannot invite yourself."]},
        ),
        (
            {"invitee": "other", "deadline": "2027-02-01T00:00:00"},
            {"deadline": ["Deadline cannot be in the past"]},
        ),
        (
            {"invitee": "other", "deadline": "soon"},
            {"deadline": ["Datetime has wrong format. Use ISO 8601, e.g. 2027-03-08T09:00:00."]},
        ),
    ],
)
def test_invite_validation(bearer, calendar_id, user, other_user, body, errors):
    ids = {"self": user.pk, "other": other_user.pk}
    body = {k: ids.get(v, v) for k, v in body.items()}
    response = bearer.post(f"/calendars/{calendar_id}/invitee/", body, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert Invitation.objects.count() == 0


def test_invite_twice_is_refused(bearer, calendar_id, invitee_id, other_user):
    response = bearer.post(
        f"/calendars/{calendar_id}/invitee/",
        {"invitee": other_user.pk, "deadline": DEADLINE},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"invitee": ["This user is already invited."]}
    assert Invitation.objects.count() == 1


def test_invite_to_another_users_calendar_is_forbidden(guest, calendar_id, user):
    third = UserFactory()
    response = guest.post(
        f"/calendars/{calendar_id}/invitee/",
        {"invitee": third.pk, "deadline": DEADLINE},
        format="json",
    )
    assert response.status_code == 403
    assert Invitation.objects.count() == 0


@pytest.mark.parametrize("rows", [1, 3])
def test_invitee_list_query_count_is_fixed(bearer, calendar_id, rows, django_assert_num_queries):
    for _ in range(rows):
        bearer.post(
            f"/calendars/{calendar_id}/invitee/",
            {"invitee": UserFactory().pk, "deadline": DEADLINE},
            format="json",
        )
    with django_assert_num_queries(3):  # the user, the calendar, the invitations
        response = bearer.get(f"/calendars/{calendar_id}/invitee/")
    assert len(response.json()) == rows


def test_invitee_read_update_delete(bearer, calendar_id, invitee_id, other_user):
    url = f"/calendars/{calendar_id}/invitee/{invitee_id}"
    assert bearer.get(url).json()["invitee"] == other_user.pk
    response = bearer.put(
        url, {"invitee": other_user.pk, "deadline": "2027-03-06T09:00:00"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["deadline"] == "2027-03-06T09:00:00+00:00"
    assert bearer.delete(url).status_code == 200
    assert Invitation.objects.count() == 0


def test_invitee_update_refuses_another_invitee(bearer, calendar_id, invitee_id):
    before = snapshot()
    response = bearer.put(
        f"/calendars/{calendar_id}/invitee/{invitee_id}/",
        {"invitee": UserFactory().pk, "deadline": "2027-03-06T09:00:00"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"invitee": ["Only the deadline of an invitee can be changed."]}
    assert snapshot() == before


def test_invitee_of_another_calendar_is_not_found(bearer, calendar_id, invitee_id, clock):
    other_calendar = bearer.post("/calendars/", CALENDAR, format="json").json()["id"]
    assert bearer.get(f"/calendars/{other_calendar}/invitee/{invitee_id}/").status_code == 404


def test_invitees_are_the_owners_business(guest, calendar_id, invitee_id):
    before = snapshot()
    url = f"/calendars/{calendar_id}/invitee/{invitee_id}/"
    assert guest.get(f"/calendars/{calendar_id}/invitee/").status_code == 403
    assert guest.get(url).status_code == 403
    assert guest.put(url, {"deadline": "2027-03-06T09:00:00"}, format="json").status_code == 403
    assert guest.delete(url).status_code == 403
    assert snapshot() == before


# --- Availabilities ------------------------------------------------------------------------------
def test_owner_adds_availability_in_the_calendars_zone(bearer, clock, user):
    user.time_zone = "America/Toronto"
    user.save(update_fields=["time_zone"])
    calendar_id = bearer.post("/calendars/", CALENDAR, format="json").json()["id"]
    response = add(bearer, calendar_id, "2027-03-08T09:00:00", "2027-03-08T11:00:00", 3)
    assert response.status_code == 200
    window = AvailabilityWindow.objects.get()
    assert response.json() == {
        "id": window.pk,
        "start_period": "2027-03-08T09:00:00-05:00",
        "end_period": "2027-03-08T11:00:00-05:00",
        "preference": 3,
        "calendar": calendar_id,
        "user": user.pk,
    }
    assert window.start.isoformat() == "2027-03-08T14:00:00+00:00"
    assert window.invitation is None


def test_invitee_adds_own_availability_and_has_availability(
    bearer, guest, calendar_id, invitee_id, other_user, clock
):
    response = add(guest, calendar_id, "2027-03-08T10:00:00Z", "2027-03-08T12:00:00Z", 2)
    assert response.status_code == 200
    assert response.json()["user"] == other_user.pk
    invitation = Invitation.objects.get()
    assert AvailabilityWindow.objects.get().invitation == invitation
    assert invitation.responded_at == clock.current
    assert invitation.accepted is True
    assert (
        bearer.get(f"/calendars/{calendar_id}/invitee/{invitee_id}/").json()["has_availability"]
        is True
    )


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {},
            {
                "start_period": ["This field is required."],
                "end_period": ["This field is required."],
                "preference": ["This field is required."],
            },
        ),
        (
            availability("2027-03-08T11:00:00", "2027-03-08T10:00:00"),
            {"detail": "End time must be after start time."},
        ),
        (
            availability("2027-03-08T10:00:00", "2027-03-08T11:00:00", 4),
            {"detail": "Preference level must be either 1, 2, or 3 (3 being highest preference)."},
        ),
        (
            availability("2027-03-14T10:00:00", "2027-03-14T11:00:00"),
            {
                "detail": "Availability must lie between the calendar's start date "
                "(2027-03-08) and end date (2027-03-12)."
            },
        ),
    ],
)
def test_availability_validation(bearer, calendar_id, body, errors):
    response = bearer.post(f"/calendars/{calendar_id}/availabilities/", body, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert AvailabilityWindow.objects.count() == 0


def test_stranger_cannot_add_availability(calendar_id):
    response = add(client_for(UserFactory()), calendar_id, "2027-03-08T10:00", "2027-03-08T11:00")
    assert response.status_code == 403
    assert response.json() == {"detail": "Not owner or invitee"}
    assert AvailabilityWindow.objects.count() == 0


def test_availability_of_unknown_calendar(bearer, db):
    response = add(bearer, 999999, "2027-03-08T10:00", "2027-03-08T11:00")
    assert response.status_code == 404


def test_invitee_cannot_touch_the_owners_availability(bearer, guest, calendar_id, invitee_id):
    window_id = add(bearer, calendar_id, "2027-03-08T09:00", "2027-03-08T11:00").json()["id"]
    before = snapshot()
    url = f"/calendars/{calendar_id}/availabilities/{window_id}/"
    response = guest.put(
        url, availability("2027-03-08T09:00", "2027-03-08T10:00", 1), format="json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "You do not have permission to perform this action."}
    assert guest.delete(url).status_code == 403
    assert snapshot() == before


def test_owner_cannot_touch_an_invitees_availability(bearer, guest, calendar_id, invitee_id):
    window_id = add(guest, calendar_id, "2027-03-08T09:00", "2027-03-08T11:00").json()["id"]
    before = snapshot()
    url = f"/calendars/{calendar_id}/availabilities/{window_id}/"
    response = bearer.put(
        url, availability("2027-03-08T09:00", "2027-03-08T10:00", 1), format="json"
    )
    assert response.status_code == 403
    assert bearer.delete(url).status_code == 403
    assert snapshot() == before


def test_invitee_sees_the_owners_and_their_own_availability_only(
    bearer, guest, calendar_id, invitee_id
):
    third = UserFactory()
    bearer.post(
        f"/calendars/{calendar_id}/invitee/",
        {"invitee": third.pk, "deadline": DEADLINE},
        format="json",
    )
    owner_window = add(bearer, calendar_id, "2027-03-08T09:00", "2027-03-08T11:00").json()["id"]
    mine = add(guest, calendar_id, "2027-03-08T09:00", "2027-03-08T10:00").json()["id"]
    theirs = add(client_for(third), calendar_id, "2027-03-08T10:00", "2027-03-08T11:00").json()[
        "id"
    ]
    listed = guest.get(f"/calendars/{calendar_id}/availabilities/").json()
    assert [w["id"] for w in listed] == [owner_window, mine]
    assert guest.get(f"/calendars/{calendar_id}/availabilities/{theirs}/").status_code == 404
    everything = bearer.get(f"/calendars/{calendar_id}/availabilities/").json()
    assert sorted(w["id"] for w in everything) == sorted([owner_window, mine, theirs])


@pytest.mark.parametrize("rows", [1, 3])
def test_availability_list_query_count_is_fixed(
    bearer, guest, calendar_id, invitee_id, rows, django_assert_num_queries
):
    for hour in range(rows):
        add(bearer, calendar_id, f"2027-03-08T0{hour}:00", f"2027-03-08T0{hour}:30")
        add(guest, calendar_id, f"2027-03-09T0{hour}:00", f"2027-03-09T0{hour}:30")
    with django_assert_num_queries(4):  # user, calendar, invitation, windows
        response = guest.get(f"/calendars/{calendar_id}/availabilities/")
    assert len(response.json()) == 2 * rows


def test_availability_read_update_delete(bearer, calendar_id):
    window_id = add(bearer, calendar_id, "2027-03-08T09:00", "2027-03-08T11:00").json()["id"]
    url = f"/calendars/{calendar_id}/availabilities/{window_id}/"
    assert bearer.get(url).json()["preference"] == 3
    response = bearer.put(
        url, availability("2027-03-09T13:00:00", "2027-03-09T14:00:00", 1), format="json"
    )
    assert response.status_code == 200
    assert response.json()["start_period"] == "2027-03-09T13:00:00+00:00"
    assert response.json()["preference"] == 1
    assert bearer.delete(url).status_code == 200
    assert AvailabilityWindow.objects.count() == 0
    assert bearer.get(url).status_code == 404


def test_invitee_is_refused_after_their_deadline_owner_is_not(
    bearer, guest, calendar_id, invitee_id, clock
):
    window_id = add(guest, calendar_id, "2027-03-08T09:00", "2027-03-08T10:00").json()["id"]
    clock.advance(days=5)  # past 2027-03-05 17:00
    before = snapshot()
    url = f"/calendars/{calendar_id}/availabilities/"
    response = add(guest, calendar_id, "2027-03-08T10:00", "2027-03-08T11:00")
    assert response.status_code == 410
    assert response.json() == {"detail": "Deadline has passed"}
    assert guest.delete(f"{url}{window_id}/").status_code == 410
    assert snapshot() == before
    assert add(bearer, calendar_id, "2027-03-08T09:00", "2027-03-08T11:00").status_code == 200


# --- Schedule and finalize -----------------------------------------------------------------------
@pytest.fixture
def answered(bearer, guest, calendar_id, invitee_id):
    add(bearer, calendar_id, "2027-03-08T09:00", "2027-03-08T11:00", 3)
    add(guest, calendar_id, "2027-03-08T10:00", "2027-03-08T12:00", 3)
    return calendar_id


def test_generate_schedule_uses_the_invitees_who_answered_so_far(bearer, answered, other_user):
    """Seed 003 lists no refusal: the draft covers who answered, others are left out."""
    late = UserFactory()
    response = bearer.post(
        f"/calendars/{answered}/invitee/", {"invitee": late.pk, "deadline": DEADLINE}, format="json"
    )
    assert response.status_code == 200, response.json()
    response = bearer.post(f"/calendars/{answered}/schedule/")
    assert response.status_code == 200, response.json()
    assert [(m["meeter"], m["status"]) for m in response.json()] == [(other_user.pk, "draft")]
    # Once the late invitee answers, a new draft takes them in too.
    add(client_for(late), answered, "2027-03-08T09:00", "2027-03-08T10:00", 3)
    again = bearer.post(f"/calendars/{answered}/schedule/").json()
    assert sorted(m["meeter"] for m in again) == sorted([other_user.pk, late.pk])


def test_generate_schedule_before_any_answer_is_an_empty_draft(bearer, calendar_id, invitee_id):
    add(bearer, calendar_id, "2027-03-08T09:00", "2027-03-08T11:00", 3)
    response = bearer.post(f"/calendars/{calendar_id}/schedule/")
    assert (response.status_code, response.json()) == (200, [])
    assert Meeting.objects.count() == 0


def test_generate_schedule_replaces_the_draft(bearer, answered, other_user):
    url = f"/calendars/{answered}/schedule/"
    first = bearer.post(url)
    assert first.status_code == 200
    meeting = Meeting.objects.get()
    assert first.json() == [
        {
            "id": meeting.pk,
            "calendar": answered,
            "meeter": other_user.pk,
            "start_period": "2027-03-08T10:00:00+00:00",
            "end_period": "2027-03-08T10:30:00+00:00",
            "status": "draft",
        }
    ]
    second = bearer.post(url)
    assert [m["start_period"] for m in second.json()] == ["2027-03-08T10:00:00+00:00"]
    assert Meeting.objects.count() == 1
    assert bearer.get(url).json() == second.json()


def test_edit_the_draft_schedule(bearer, answered, other_user):
    url = f"/calendars/{answered}/schedule/"
    body = {
        "schedule": [
            {
                "meeter": other_user.pk,
                "start_period": "2027-03-08T10:30:00",
                "end_period": "2027-03-08T11:00:00",
            }
        ]
    }
    response = bearer.put(url, body, format="json")
    assert response.status_code == 200
    assert [(m["meeter"], m["start_period"]) for m in response.json()] == [
        (other_user.pk, "2027-03-08T10:30:00+00:00")
    ]


def test_edit_refuses_a_schedule_outside_availability(bearer, answered, other_user):
    bearer.post(f"/calendars/{answered}/schedule/")
    before = snapshot()
    body = {
        "schedule": [
            {
                "meeter": other_user.pk,
                "start_period": "2027-03-08T11:30:00",
                "end_period": "2027-03-08T12:00:00",
            }
        ]
    }
    response = bearer.put(f"/calendars/{answered}/schedule/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["schedule"]
    assert snapshot() == before


def test_schedule_is_the_owners_business(guest, answered):
    before = snapshot()
    assert guest.get(f"/calendars/{answered}/schedule/").status_code == 403
    assert guest.post(f"/calendars/{answered}/schedule/").status_code == 403
    assert guest.delete(f"/calendars/{answered}/schedule/").status_code == 403
    assert guest.put(f"/calendars/{answered}/finalize/").status_code == 403
    assert snapshot() == before


def test_delete_the_draft(bearer, answered):
    bearer.post(f"/calendars/{answered}/schedule/")
    response = bearer.delete(f"/calendars/{answered}/schedule/")
    assert response.status_code == 200
    assert Meeting.objects.count() == 0


def test_finalize_without_a_draft_finalizes_an_empty_schedule(bearer, answered, sent_mail):
    """Finalize "does not require any input": no generated schedule finalizes an empty one."""
    response = bearer.put(f"/calendars/{answered}/finalize/")
    assert (response.status_code, response.json()) == (
        200,
        {"detail": "Calendar has been successfully finalized."},
    )
    assert Calendar.objects.get().finalized is True
    assert Meeting.objects.count() == 0
    assert bearer.get(f"/calendars/{answered}/schedule/").json() == []
    again = bearer.put(f"/calendars/{answered}/finalize/")
    assert (again.status_code, again.json()) == (400, {"detail": "Already finalized"})


def test_finalize_makes_the_draft_final_and_locks_everything(
    bearer, guest, answered, invitee_id, sent_mail, other_user
):
    bearer.post(f"/calendars/{answered}/schedule/")
    response = bearer.put(f"/calendars/{answered}/finalize/")
    assert response.status_code == 200
    assert response.json() == {"detail": "Calendar has been successfully finalized."}
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.FINAL
    assert bearer.get(f"/calendars/{answered}/").json()["finalized"] is True
    assert other_user.email in {m.to[0] for m in sent_mail()}

    again = bearer.put(f"/calendars/{answered}/finalize/")
    assert again.status_code == 400
    assert again.json() == {"detail": "Already finalized"}

    before = snapshot()
    window_id = AvailabilityWindow.objects.filter(invitation__isnull=True).first().pk
    gone = [
        bearer.put(f"/calendars/{answered}/", {"name": "New"}, format="json"),
        add(bearer, answered, "2027-03-09T09:00", "2027-03-09T10:00"),
        add(guest, answered, "2027-03-09T09:00", "2027-03-09T10:00"),
        bearer.delete(f"/calendars/{answered}/availabilities/{window_id}/"),
        bearer.post(
            f"/calendars/{answered}/invitee/",
            {"invitee": UserFactory().pk, "deadline": DEADLINE},
            format="json",
        ),
        bearer.put(
            f"/calendars/{answered}/invitee/{invitee_id}/",
            {"deadline": "2027-03-06T09:00:00"},
            format="json",
        ),
        bearer.delete(f"/calendars/{answered}/invitee/{invitee_id}/"),
        bearer.post(f"/calendars/{answered}/schedule/"),
        bearer.delete(f"/calendars/{answered}/schedule/"),
    ]
    assert [r.status_code for r in gone] == [410] * len(gone)
    assert snapshot() == before
    assert bearer.get(f"/calendars/{answered}/schedule/").json()[0]["status"] == "final"


@pytest.mark.parametrize("rows", [1, 3])
def test_schedule_list_query_count_is_fixed(bearer, calendar_id, rows, django_assert_num_queries):
    add(bearer, calendar_id, "2027-03-08T09:00", "2027-03-08T12:00", 3)
    for _ in range(rows):
        person = UserFactory()
        bearer.post(
            f"/calendars/{calendar_id}/invitee/",
            {"invitee": person.pk, "deadline": DEADLINE},
            format="json",
        )
        add(client_for(person), calendar_id, "2027-03-08T09:00", "2027-03-08T12:00", 2)
    assert len(bearer.post(f"/calendars/{calendar_id}/schedule/").json()) == rows
    with django_assert_num_queries(3):  # user, calendar, meetings with invitees
        response = bearer.get(f"/calendars/{calendar_id}/schedule/")
    assert len(response.json()) == rows
