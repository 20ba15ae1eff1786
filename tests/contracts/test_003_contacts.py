"""Seed 003 (OneOnOne coreapi) contacts by friend request, through HTTP."""

import pytest

from contacts.models import Contact, ContactRequest
from tests.clients import client_for
from tests.factories import UserFactory

SEND = "/contacts/friendRequests/user/"
ANSWER = "/contacts/friendRequests/request/"


@pytest.fixture
def friend(other_user):
    return client_for(other_user)


def state():
    return (
        list(ContactRequest.objects.values("requester", "requested", "status").order_by("pk")),
        list(Contact.objects.values("owner", "user").order_by("pk")),
    )


def test_send_request(bearer, user, other_user):
    response = bearer.post(SEND, {"requested": other_user.username}, format="json")
    assert response.status_code == 201
    assert response.json() == {"message": f"Friend request sent to {other_user.username}"}
    request = ContactRequest.objects.get()
    assert (request.requester, request.requested, request.status) == (user, other_user, "pending")


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("self", "You cannot add yourself to your contacts"),
        ("nobody", "User does not exist"),
    ],
)
def test_send_request_errors(bearer, user, who, message):
    username = user.username if who == "self" else "nobody-here"
    response = bearer.post(SEND, {"requested": username}, format="json")
    assert response.status_code == 400
    assert response.json() == {"error": message}
    assert ContactRequest.objects.count() == 0


def test_send_request_twice(bearer, other_user):
    bearer.post(SEND, {"requested": other_user.username}, format="json")
    response = bearer.post(SEND, {"requested": other_user.username}, format="json")
    assert response.status_code == 400
    assert response.json() == {"error": "You have already sent a request to this user"}
    assert ContactRequest.objects.count() == 1


def test_send_request_when_they_already_asked(bearer, friend, user):
    friend.post(SEND, {"requested": user.username}, format="json")
    before = state()
    response = bearer.post(SEND, {"requested": friend_username(friend, user)}, format="json")
    assert response.status_code == 400
    assert response.json() == {"error": "This user has already sent you a request"}
    assert state() == before


def friend_username(friend, user):
    return ContactRequest.objects.get(requested=user).requester.username


def test_pending_requests_list(bearer, user):
    senders = [UserFactory(), UserFactory()]
    for sender in senders:
        client_for(sender).post(SEND, {"requested": user.username}, format="json")
    response = bearer.get("/contacts/friendRequests/")
    assert response.status_code == 200
    assert response.json() == [{"requester_username": s.username} for s in senders]


@pytest.mark.parametrize("rows", [1, 3])
def test_pending_requests_query_count_is_fixed(bearer, user, rows, django_assert_num_queries):
    for _ in range(rows):
        client_for(UserFactory()).post(SEND, {"requested": user.username}, format="json")
    with django_assert_num_queries(2):
        response = bearer.get("/contacts/friendRequests/")
    assert len(response.json()) == rows


def test_accept_makes_each_a_contact_of_the_other(bearer, friend, user, other_user):
    friend.post(SEND, {"requested": user.username}, format="json")
    response = bearer.post(ANSWER, {"username": other_user.username, "action": True}, format="json")
    assert response.status_code == 200
    assert response.json() == {
        "message": f"User with username: {other_user.username} has been accepted"
    }
    assert ContactRequest.objects.get().status == "accepted"
    assert bearer.get("/contacts/").json() == {"friends": [other_user.username]}
    assert friend.get("/contacts/").json() == {"friends": [user.username]}
    assert bearer.get("/contacts/friendRequests/").json() == []


def test_reject(bearer, friend, user, other_user):
    friend.post(SEND, {"requested": user.username}, format="json")
    response = bearer.post(
        ANSWER, {"username": other_user.username, "action": False}, format="json"
    )
    assert response.status_code == 200
    assert response.json() == {
        "message": f"User with username: {other_user.username} has been rejected"
    }
    assert ContactRequest.objects.get().status == "rejected"
    assert Contact.objects.count() == 0


@pytest.mark.parametrize(
    ("username", "message"),
    [("nobody-here", "User does not exist"), ("other", "No friend request from this user")],
)
def test_answer_errors(bearer, other_user, username, message):
    username = other_user.username if username == "other" else username
    response = bearer.post(ANSWER, {"username": username, "action": True}, format="json")
    assert response.status_code == 400
    assert response.json() == {"error": message}
    assert Contact.objects.count() == 0


def test_cannot_answer_a_request_one_sent(bearer, friend, user, other_user):
    bearer.post(SEND, {"requested": other_user.username}, format="json")
    before = state()
    response = bearer.post(ANSWER, {"username": other_user.username, "action": True}, format="json")
    assert response.status_code == 400
    assert state() == before


def test_delete_friend(bearer, friend, user, other_user):
    friend.post(SEND, {"requested": user.username}, format="json")
    bearer.post(ANSWER, {"username": other_user.username, "action": True}, format="json")
    response = bearer.delete(SEND, {"username": other_user.username}, format="json")
    assert response.status_code == 204
    assert response.content == b""  # a 204 carries no body (see the contract's page)
    assert Contact.objects.count() == 0
    assert ContactRequest.objects.count() == 0
    assert friend.get("/contacts/").json() == {"friends": []}


@pytest.mark.parametrize(
    ("username", "message"),
    [("nobody-here", "User does not exist"), ("other", "You are not friends with this user")],
)
def test_delete_friend_errors(bearer, other_user, username, message):
    username = other_user.username if username == "other" else username
    response = bearer.delete(SEND, {"username": username}, format="json")
    assert response.status_code == 400
    assert response.json() == {"error": message}


@pytest.mark.parametrize("rows", [1, 3])
def test_friends_query_count_is_fixed(bearer, user, rows, django_assert_num_queries):
    for _ in range(rows):
        other = UserFactory()
        client_for(other).post(SEND, {"requested": user.username}, format="json")
        bearer.post(ANSWER, {"username": other.username, "action": True}, format="json")
    with django_assert_num_queries(2):
        response = bearer.get("/contacts/")
    assert len(response.json()["friends"]) == rows


def test_contacts_require_auth(api, db):
    assert api.get("/contacts/").status_code == 401
    assert api.post(SEND, {"requested": "x"}, format="json").status_code == 401
