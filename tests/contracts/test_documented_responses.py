"""Responses that the schema (/api/schema/) once did not describe: each matches it now."""

import datetime as dt

import pytest

from core import clock
from mentoring import services as mentoring
from scheduling import services as scheduling
from scheduling.tokens import token_for
from tests.clients import client_for
from tests.factories import UserFactory
from tests.openapi import is_documented


@pytest.mark.parametrize(
    ("method", "body"),
    [
        ("POST", {}),  # field errors
        ("POST", {"requested": "nobody"}),  # {"error": "User does not exist"}
        ("DELETE", {}),
        ("DELETE", {"username": "nobody"}),
    ],
)
def test_friend_request_errors_are_documented(bearer, method, body):
    call = getattr(bearer, method.lower())
    response = call("/contacts/friendRequests/user/", body, format="json")
    assert response.status_code == 400
    assert is_documented(response, method, "/contacts/friendRequests/user/")


@pytest.mark.parametrize("body", [{}, {"username": "nobody", "action": True}])
def test_friend_request_answer_errors_are_documented(bearer, body):
    response = bearer.post("/contacts/friendRequests/request/", body, format="json")
    assert response.status_code == 400
    assert is_documented(response, "POST", "/contacts/friendRequests/request/")


@pytest.mark.parametrize(
    "path", ["/contacts/friendRequests/request/", "/contacts/friendRequests/user/"]
)
def test_friend_request_body_that_is_not_json_is_documented(bearer, path):
    response = bearer.post(path, b"\x00", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")
    assert is_documented(response, "POST", path)


@pytest.fixture
def published(db):
    mentor = UserFactory(is_mentor=True)
    start = clock.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    return mentoring.publish_availability(
        mentor=mentor, start_time=start, end_time=start + dt.timedelta(hours=1)
    )


@pytest.mark.parametrize(("accept", "keys"), [("", 4), ("version=v2", 5)])
def test_availability_list_v1_and_v2_are_documented(bearer, published, accept, keys):
    response = bearer.get("/availabilty/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert [len(item) for item in response.json()] == [keys]
    assert is_documented(response, "GET", "/availabilty/")


@pytest.mark.parametrize(("accept", "kind"), [("", dict), ("version=v2", list)])
def test_published_availability_v1_and_v2_are_documented(db, accept, kind):
    mentor = UserFactory(is_mentor=True)
    start = clock.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    response = client_for(mentor).post(
        "/availabilty/",
        {"start_time": start.isoformat(), "end_time": (start + dt.timedelta(hours=1)).isoformat()},
        format="json",
        HTTP_ACCEPT=accept,
    )
    assert response.status_code == 201
    assert isinstance(response.json(), kind)
    assert is_documented(response, "POST", "/availabilty/")


def test_invalid_answer_through_a_link_is_documented(api, user):
    from contacts import services as contacts

    contact = contacts.add_contact(owner=user, first_name="A", last_name="B", email="a@b.org")
    calendar = scheduling.create_calendar(
        owner=user, name="Round", invitee_contact_ids=[contact.pk]
    )
    invitation = calendar.invitations.get()
    path = f"/schedules/calendars/{calendar.pk}/respond/{token_for(invitation.token_nonce)}/"
    response = api.post(
        path, {"availability": [{"start_time": "soon", "end_time": "later"}]}, format="json"
    )
    assert response.status_code == 400
    assert "availability" in response.json()
    assert is_documented(response, "POST", "/schedules/calendars/{calendar_id}/respond/{token}/")
