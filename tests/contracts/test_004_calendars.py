"""Seed 004 (OneOnOne short) calendars, events, invitations and contacts, through HTTP."""

import pytest

from contacts.models import Contact
from scheduling import services
from scheduling.models import AvailabilityWindow, Calendar, Invitation
from tests.clients import client_for
from tests.factories import UserFactory

CREATE = {
    "name": "calendar 100",
    "description": "example description",
    "deadline": "2027-03-05",
    "start_date": "2027-03-08",
    "end_date": "2027-03-12",
}


@pytest.fixture
def guest(other_user):
    return client_for(other_user)


@pytest.fixture
def calendar_id(bearer, clock):
    response = bearer.post("/calendars/create/", CREATE, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


@pytest.fixture
def attendee_id(bearer, calendar_id, other_user):
    response = bearer.post(
        "/calendars/invite/", {"User": other_user.pk, "Calendar": calendar_id}, format="json"
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def event(calendar_id, start, end, event_type="HP", name="test event"):
    return {
        "Start_time": start,
        "end_time": end,
        "Event_type": event_type,
        "Calendar": calendar_id,
        "name": name,
    }


def add(client, calendar_id, start, end, event_type="HP"):
    return client.post(
        "/calendars/events/add/", event(calendar_id, start, end, event_type), format="json"
    )


def snapshot():
    return (
        list(Calendar.objects.values().order_by("pk")),
        list(Invitation.objects.values().order_by("pk")),
        list(AvailabilityWindow.objects.values().order_by("pk")),
        list(Contact.objects.values().order_by("pk")),
    )


# --- Calendars -----------------------------------------------------------------------------------
def test_create_calendar(bearer, user, clock):
    response = bearer.post("/calendars/create/", CREATE, format="json")
    assert response.status_code == 201
    calendar = Calendar.objects.get()
    assert response.json() == {
        "id": calendar.pk,
        "name": "calendar 100",
        "description": "example description",
        "deadline": "2027-03-05T00:00:00+00:00",
        "start_date": "2027-03-08",
        "end_date": "2027-03-12",
        "owner": user.pk,
        "is_finalized": False,
    }


def test_create_calendar_requires_a_name(bearer, clock):
    response = bearer.post("/calendars/create/", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {"name": ["This field is required."]}
    assert Calendar.objects.count() == 0


def test_edit_calendar_changes_dates_unlike_seed_003(bearer, calendar_id):
    body = {
        "name": "new calendar name",
        "description": "new description",
        "deadline": "2027-06-15",
        "start_date": "2027-06-16",
        "end_date": "2027-06-20",
    }
    response = bearer.post(f"/calendars/{calendar_id}/edit/", body, format="json")
    assert response.status_code == 200
    assert response.json()["start_date"] == "2027-06-16"
    assert response.json()["deadline"] == "2027-06-15T00:00:00+00:00"
    calendar = Calendar.objects.get()
    assert (calendar.name, str(calendar.end_date)) == ("new calendar name", "2027-06-20")


def test_edit_refuses_end_before_start(bearer, calendar_id):
    before = snapshot()
    response = bearer.post(
        f"/calendars/{calendar_id}/edit/", {"end_date": "2027-03-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"end_date": ["End date must not be before start date."]}
    assert snapshot() == before


def test_another_user_cannot_view_or_edit(guest, calendar_id):
    before = snapshot()
    assert guest.get(f"/calendars/{calendar_id}/view/").status_code == 403
    assert (
        guest.post(f"/calendars/{calendar_id}/edit/", {"name": "x"}, format="json").status_code
        == 403
    )
    assert snapshot() == before
    assert guest.get("/calendars/999999/view/").status_code == 404


def test_view_calendar_with_attendees_and_events(bearer, calendar_id, attendee_id, other_user):
    window = add(bearer, calendar_id, "2027-03-08T09:00:00", "2027-03-08T11:00:00").json()
    response = bearer.get(f"/calendars/{calendar_id}/view/")
    assert response.status_code == 200
    body = response.json()
    assert body["attendees"] == [
        {
            "id": attendee_id,
            "calendar": calendar_id,
            "user": other_user.pk,
            "username": other_user.username,
            "status": False,
            "accepted": False,
        }
    ]
    assert body["events"] == [window]


def test_user_calendars_lists_owned_and_invited(bearer, guest, calendar_id, attendee_id, clock):
    own = guest.post("/calendars/create/", {"name": "Mine"}, format="json").json()["id"]
    listed = guest.get("/users/calendars/view/").json()
    assert [(c["id"], c["role"], c["attendee_id"]) for c in listed] == [
        (own, "owner", None),
        (calendar_id, "invitee", attendee_id),
    ]


@pytest.mark.parametrize("rows", [1, 3])
def test_user_calendars_query_count_is_fixed(bearer, clock, rows, django_assert_num_queries):
    for index in range(rows):
        bearer.post("/calendars/create/", {"name": f"C{index}"}, format="json")
    with django_assert_num_queries(3):  # user, owned calendars, invitations
        response = bearer.get("/users/calendars/view/")
    assert len(response.json()) == rows


# --- Events --------------------------------------------------------------------------------------
def test_add_event_with_either_key_spelling(bearer, user, calendar_id):
    response = add(bearer, calendar_id, "2024-03-10T10:20:00Z", "2024-03-10T10:50:00Z")
    assert response.status_code == 400  # 2024 is in the past of the test clock
    response = add(bearer, calendar_id, "2027-03-10T10:20:00Z", "2027-03-12T10:50:00Z")
    assert response.status_code == 201
    window = AvailabilityWindow.objects.get()
    assert response.json() == {
        "id": window.pk,
        "name": "test event",
        "start_time": "2027-03-10T10:20:00+00:00",
        "end_time": "2027-03-12T10:50:00+00:00",
        "event_type": "HP",
        "calendar": calendar_id,
        "owner": user.pk,
        "meeting_id": None,
        "attendee": None,
    }
    assert window.preference == 3
    lower = bearer.post(
        "/calendars/events/add/",
        {
            "start_time": "2027-03-09T10:00:00",
            "end_time": "2027-03-09T11:00:00",
            "event_type": "low",
            "calendar": calendar_id,
        },
        format="json",
    )
    assert lower.status_code == 201
    assert lower.json()["event_type"] == "LP"


@pytest.mark.parametrize(
    ("event_type", "message"),
    [
        ("XX", "Event type must be HP (high preference) or LP (low preference)."),
        ("F", "Finalized (F) events are made by finalizing the calendar."),
    ],
)
def test_add_event_refuses_bad_types(bearer, calendar_id, event_type, message):
    response = add(bearer, calendar_id, "2027-03-09T10:00", "2027-03-09T11:00", event_type)
    assert response.status_code == 400
    assert response.json() == {"event_type": [message]}
    assert AvailabilityWindow.objects.count() == 0


def test_stranger_cannot_add_events(calendar_id):
    response = add(client_for(UserFactory()), calendar_id, "2027-03-09T10:00", "2027-03-09T11:00")
    assert response.status_code == 403
    assert AvailabilityWindow.objects.count() == 0


def test_update_event(bearer, calendar_id):
    event_id = add(bearer, calendar_id, "2027-03-09T10:00", "2027-03-09T11:00").json()["id"]
    response = bearer.post(
        f"/calendars/{calendar_id}/events/{event_id}/update/",
        {
            "event_id": event_id,
            "name": "test event 2",
            "end_time": "2027-03-09T10:30:00",
            "event_type": "LP",
            "calendar": calendar_id,
        },
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["name"], response.json()["event_type"]) == ("test event 2", "LP")
    assert response.json()["end_time"] == "2027-03-09T10:30:00+00:00"


def test_update_event_refuses_another_calendar_in_the_body(bearer, calendar_id, clock):
    event_id = add(bearer, calendar_id, "2027-03-09T10:00", "2027-03-09T11:00").json()["id"]
    other = bearer.post("/calendars/create/", {"name": "Other"}, format="json").json()["id"]
    before = snapshot()
    response = bearer.post(
        f"/calendars/{calendar_id}/events/{event_id}/update/", {"calendar": other}, format="json"
    )
    assert response.status_code == 400
    assert snapshot() == before
    wrong_calendar = bearer.post(
        f"/calendars/{other}/events/{event_id}/update/", {"name": "x"}, format="json"
    )
    assert wrong_calendar.status_code == 404
    assert snapshot() == before


def test_attendee_cannot_update_the_owners_event(bearer, guest, calendar_id, attendee_id):
    event_id = add(bearer, calendar_id, "2027-03-09T10:00", "2027-03-09T11:00").json()["id"]
    before = snapshot()
    response = guest.post(
        f"/calendars/{calendar_id}/events/{event_id}/update/", {"name": "mine"}, format="json"
    )
    assert response.status_code == 403
    assert snapshot() == before


def test_attendee_adds_events_until_the_deadline(guest, calendar_id, attendee_id, clock):
    response = add(guest, calendar_id, "2027-03-09T10:00", "2027-03-09T11:00")
    assert response.status_code == 201
    assert Invitation.objects.get().has_answered
    clock.advance(days=4)  # past the deadline, 2027-03-05 00:00
    before = snapshot()
    late = add(guest, calendar_id, "2027-03-09T11:00", "2027-03-09T12:00")
    assert late.status_code == 410
    assert snapshot() == before


# --- Invitations ---------------------------------------------------------------------------------
def test_invite_and_accept(bearer, guest, calendar_id, attendee_id, other_user):
    assert Invitation.objects.get().contact.user == other_user
    response = guest.post(f"/users/accept/{attendee_id}/")
    assert response.status_code == 200
    assert response.json()["accepted"] is True
    statuses = bearer.get(f"/calendars/{calendar_id}/list/status/").json()
    assert statuses == [
        {
            "attendee_id": attendee_id,
            "user_id": other_user.pk,
            "username": other_user.username,
            "status": False,
            "accepted": True,
        }
    ]


def test_only_the_invitee_accepts(bearer, calendar_id, attendee_id):
    before = snapshot()
    assert bearer.post(f"/users/accept/{attendee_id}/").status_code == 403
    assert client_for(UserFactory()).post(f"/users/accept/{attendee_id}/").status_code == 403
    assert bearer.post("/users/accept/999999/").status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"User": 999999}, {"user": ["User does not exist."]}),
        ({"User": "self"}, {"user": ["You cannot invite yourself."]}),
    ],
)
def test_invite_errors(bearer, user, calendar_id, body, errors):
    body = {"User": user.pk if body["User"] == "self" else body["User"], "Calendar": calendar_id}
    response = bearer.post("/calendars/invite/", body, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert Invitation.objects.count() == 0


def test_invite_to_another_users_calendar_is_forbidden(guest, calendar_id):
    response = guest.post(
        "/calendars/invite/", {"User": UserFactory().pk, "Calendar": calendar_id}, format="json"
    )
    assert response.status_code == 403
    assert Invitation.objects.count() == 0


def test_status_list_is_the_owners(guest, calendar_id, attendee_id):
    assert guest.get(f"/calendars/{calendar_id}/list/status/").status_code == 403


@pytest.mark.parametrize("rows", [1, 3])
def test_status_list_query_count_is_fixed(bearer, calendar_id, rows, django_assert_num_queries):
    for _ in range(rows):
        bearer.post(
            "/calendars/invite/", {"User": UserFactory().pk, "Calendar": calendar_id}, format="json"
        )
    with django_assert_num_queries(3):
        response = bearer.get(f"/calendars/{calendar_id}/list/status/")
    assert len(response.json()) == rows


# --- A contact's availability --------------------------------------------------------------------
def test_contact_availability(bearer, guest, user, other_user, calendar_id, attendee_id):
    add(bearer, calendar_id, "2027-03-09T09:00", "2027-03-09T12:00")
    theirs = add(guest, calendar_id, "2027-03-09T10:00", "2027-03-09T11:00", "LP").json()
    response = bearer.get(f"/calendars/{calendar_id}/contact/{other_user.pk}/view/")
    assert response.status_code == 200
    assert response.json() == [theirs]
    own = guest.get(f"/calendars/{calendar_id}/contact/{user.pk}/view/").json()
    assert [e["owner"] for e in own] == [user.pk]
    third = UserFactory()
    bearer.post("/calendars/invite/", {"User": third.pk, "Calendar": calendar_id}, format="json")
    assert guest.get(f"/calendars/{calendar_id}/contact/{third.pk}/view/").status_code == 403
    assert bearer.get(f"/calendars/{calendar_id}/contact/999999/view/").status_code == 404
    assert (
        client_for(third).get(f"/calendars/{calendar_id}/contact/{other_user.pk}/view/").status_code
        == 403
    )


@pytest.mark.parametrize("rows", [1, 3])
def test_contact_availability_query_count_is_fixed(
    bearer, guest, other_user, calendar_id, attendee_id, rows, django_assert_num_queries
):
    for hour in range(rows):
        add(guest, calendar_id, f"2027-03-09T0{hour}:00", f"2027-03-09T0{hour}:30")
    with django_assert_num_queries(4):  # user, calendar, the invitee check, windows
        response = bearer.get(f"/calendars/{calendar_id}/contact/{other_user.pk}/view/")
    assert len(response.json()) == rows


def test_finalized_events_are_meetings(bearer, guest, user, other_user, calendar_id, attendee_id):
    add(bearer, calendar_id, "2027-03-09T09:00", "2027-03-09T12:00")
    add(guest, calendar_id, "2027-03-09T10:00", "2027-03-09T11:00")
    services.generate_draft_schedule(owner=user, calendar_id=calendar_id)
    services.finalize_draft(owner=user, calendar_id=calendar_id)
    events = guest.get(f"/calendars/{calendar_id}/view/").json()["events"]
    final = [e for e in events if e["event_type"] == "F"]
    assert [(e["start_time"], e["attendee"], e["id"]) for e in final] == [
        ("2027-03-09T10:00:00+00:00", other_user.pk, None)
    ]
    before = snapshot()
    assert add(bearer, calendar_id, "2027-03-10T09:00", "2027-03-10T10:00").status_code == 410
    assert (
        bearer.post(f"/calendars/{calendar_id}/edit/", {"name": "x"}, format="json").status_code
        == 410
    )
    assert snapshot() == before


# --- Contacts ------------------------------------------------------------------------------------
def test_add_view_and_remove_a_contact(bearer, user, other_user):
    response = bearer.post(
        "/users/contacts/add/", {"contact_email": other_user.email}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["id"] == other_user.pk
    assert [c["id"] for c in bearer.get("/users/contacts/view/").json()] == [other_user.pk]
    profile = bearer.get(f"/users/{other_user.pk}/profile/")
    assert profile.status_code == 200
    assert profile.json() == {
        "id": other_user.pk,
        "username": other_user.username,
        "email": other_user.email,
        "first_name": other_user.first_name,
        "last_name": other_user.last_name,
    }
    removed = bearer.post(
        "/users/contacts/remove", {"contact_email": other_user.email}, format="json"
    )
    assert removed.status_code == 200
    assert Contact.objects.count() == 0


@pytest.mark.parametrize(
    ("path", "email", "message"),
    [
        ("add", "", "The contact email field is required."),
        ("add", "nobody@example.com", "A user with that email does not exist."),
        ("add", "self", "You cannot add yourself as a contact."),
        ("add", "twice", "You cannot add the same contact twice."),
        ("remove", "nobody@example.com", "A user with that email does not exist."),
        ("remove", "self", "You cannot remove yourself as a contact."),
        ("remove", "stranger", "You cannot remove a contact that is not in your contacts."),
    ],
)
def test_contact_errors(bearer, user, other_user, path, email, message):
    if email == "twice":
        bearer.post("/users/contacts/add/", {"contact_email": other_user.email}, format="json")
    email = {"self": user.email, "twice": other_user.email, "stranger": other_user.email}.get(
        email, email
    )
    before = snapshot()
    response = bearer.post(f"/users/contacts/{path}/", {"contact_email": email}, format="json")
    assert response.status_code == 400
    assert response.json() == {"contact_email": [message]}
    assert snapshot() == before


def test_profile_of_a_non_contact(bearer, other_user):
    response = bearer.get(f"/users/{other_user.pk}/profile/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Contact is not in your contacts list"}
    missing = bearer.get("/users/999999/profile/")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Contact not found"}


@pytest.mark.parametrize("rows", [1, 3])
def test_contacts_query_count_is_fixed(bearer, rows, django_assert_num_queries):
    for _ in range(rows):
        bearer.post("/users/contacts/add/", {"contact_email": UserFactory().email}, format="json")
    with django_assert_num_queries(2):
        response = bearer.get("/users/contacts/view/")
    assert len(response.json()) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_calendar_view_query_count_is_fixed(bearer, calendar_id, rows, django_assert_num_queries):
    for _ in range(rows):
        person = UserFactory()
        bearer.post(
            "/calendars/invite/", {"User": person.pk, "Calendar": calendar_id}, format="json"
        )
        add(client_for(person), calendar_id, "2027-03-09T10:00", "2027-03-09T11:00")
    # user, calendar, windows, the calendar again (ownership) and the attendees
    with django_assert_num_queries(5):
        response = bearer.get(f"/calendars/{calendar_id}/view/")
    assert (len(response.json()["attendees"]), len(response.json()["events"])) == (rows, rows)
