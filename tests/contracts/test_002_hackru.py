"""Seed 002 (MentorQ) for HackRU's front-end: claims, refresh, ticket fields, PATCH, feedback,
leaderboard, stats and slack-dm, in both MENTORQ_CLIENT modes where they differ."""

from datetime import timedelta

import pytest
from rest_framework_simplejwt.tokens import AccessToken

from accounts.models import QueueRole
from accounts.services import end_all_sessions, issue_token_key
from helpqueue.models import Feedback, Ticket
from tests.clients import SchemaCheckedClient, client_for
from tests.factories import TicketFactory, claimed_ticket, closed_ticket, make_user
from tests.helpqueue.fixtures import *  # noqa: F403  (roles, clients, the clock)

BODY = {
    "status": "OPEN",
    "title": "Segfault in my parser",
    "comment": "It crashes on empty input.",
    "contact": "Slack @ada",
    "location": "Table 7",
}


@pytest.fixture
def hackru(settings):
    settings.MENTORQ_CLIENT = "hackru"


def snapshot(ticket_id):
    return Ticket.objects.values().get(pk=ticket_id)


def login(user):
    """The MentorQ pair for ``user``, through /api/auth/token/ (local identity)."""
    key = issue_token_key(user=user)
    response = SchemaCheckedClient().post(
        "/api/auth/token/", {"email": user.email, "lcs_token": key}, format="json"
    )
    assert response.status_code == 200
    return response.json()


def closed_for(owner, mentor):
    return closed_ticket(
        owner=owner, mentor=mentor, claimed_after=timedelta(minutes=2), closed_after=timedelta(1)
    )


# --- Claims and refresh -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "mentor", "director"),
    [
        (QueueRole.PARTICIPANT, False, False),
        (QueueRole.MENTOR, True, False),
        (QueueRole.ORGANIZER, True, False),
        (QueueRole.DIRECTOR, False, True),
    ],
)
def test_access_tokens_carry_mentor_director_and_name(db, role, mentor, director):
    user = make_user(role, first_name="Grace", last_name="Hopper")
    pair = login(user)
    refreshed = (
        SchemaCheckedClient().post("/api/auth/refresh/", {"refresh": pair["refresh"]}).json()
    )
    for access in (pair["access"], refreshed["access"]):
        claims = AccessToken(access)
        assert (claims["mentor"], claims["director"], claims["name"]) == (
            mentor,
            director,
            "Grace Hopper",
        )


def test_name_claim_falls_back_to_the_username(db):
    user = make_user(QueueRole.MENTOR, first_name="", last_name="")
    assert AccessToken(login(user)["access"])["name"] == user.username


def test_refresh_claims_follow_a_role_change(db):
    user = make_user(QueueRole.PARTICIPANT)
    pair = login(user)
    user.queue_role = QueueRole.DIRECTOR
    user.save()
    refreshed = (
        SchemaCheckedClient().post("/api/auth/refresh/", {"refresh": pair["refresh"]}).json()
    )
    assert AccessToken(refreshed["access"])["director"] is True


def test_hackru_refresh_token_stays_usable(db, hackru):
    user = make_user(QueueRole.MENTOR)
    refresh = login(user)["refresh"]
    for _ in range(3):
        response = SchemaCheckedClient().post(
            "/api/auth/refresh/", {"refresh": refresh}, format="json"
        )
        assert response.status_code == 200
        assert response.json()["refresh"] == refresh
        client = SchemaCheckedClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access']}")
        assert client.get("/api/tickets/").status_code == 200


def test_hackru_refresh_token_still_ends_at_logout(db, hackru):
    user = make_user(QueueRole.MENTOR)
    refresh = login(user)["refresh"]
    end_all_sessions(user=user)
    response = SchemaCheckedClient().post("/api/auth/refresh/", {"refresh": refresh}, format="json")
    assert response.status_code == 401


def test_seed_refresh_still_rotates(db):
    refresh = login(make_user())["refresh"]
    first = SchemaCheckedClient().post("/api/auth/refresh/", {"refresh": refresh}, format="json")
    assert first.status_code == 200 and first.json()["refresh"] != refresh
    again = SchemaCheckedClient().post("/api/auth/refresh/", {"refresh": refresh}, format="json")
    assert again.status_code == 401


def test_other_contracts_keep_rotating_in_hackru_mode(db, hackru, user):
    pair = (
        SchemaCheckedClient()
        .post("/api/token/", {"username": user.username, "password": "correct-horse-42"})
        .json()
    )
    assert (
        SchemaCheckedClient().post("/api/token/refresh/", {"refresh": pair["refresh"]}).status_code
        == 200
    )
    assert (
        SchemaCheckedClient().post("/api/token/refresh/", {"refresh": pair["refresh"]}).status_code
        == 401
    )


# --- Tickets ------------------------------------------------------------------------------------
def test_no_ticket_limit_by_default(participant):
    client = client_for(participant)
    codes = [client.post("/api/tickets/", BODY, format="json").status_code for _ in range(3)]
    assert codes == [201, 201, 201]


def test_hackru_ticket_has_the_front_ends_fields(clock, participant, hackru):
    body = {**BODY, "owner_email": participant.email, "owner": "Anonymous", "active": True}
    response = client_for(participant).post("/api/tickets/", body, format="json")
    assert response.status_code == 201
    data = response.json()
    assert data["created_datetime"] == data["created"] == "2027-03-01T12:00:00Z"
    assert (data["owner"], data["active"], data["feedback"]) == ("Anonymous", True, "")
    assert data["owner_email"] == participant.email


def test_hackru_owner_defaults_to_the_owners_name(db, hackru):
    owner = make_user(first_name="Ada", last_name="Lovelace")
    TicketFactory(owner=owner)
    [ticket] = client_for(owner).get("/api/tickets/").json()
    assert ticket["owner"] == "Ada Lovelace"


def test_seed_ticket_shape_is_unchanged(participant):
    from contracts.mentorq.serializers import TicketSerializer

    client_for(participant).post("/api/tickets/", {**BODY, "owner": "Anonymous"}, format="json")
    [ticket] = client_for(participant).get("/api/tickets/").json()
    assert list(ticket) == list(TicketSerializer().fields)
    assert "owner" not in ticket and "feedback" not in ticket


def test_hackru_patch_active_alone(participant, mentor, hackru):
    ticket = TicketFactory(owner=participant)
    response = client_for(mentor).patch(f"/api/tickets/{ticket.pk}/", {"active": False})
    assert response.status_code == 200
    assert (response.json()["active"], response.json()["status"]) == (False, "OPEN")
    again = client_for(participant).patch(
        f"/api/tickets/{ticket.pk}/", {"active": True}, format="json"
    )
    assert again.json()["active"] is True


def test_hackru_patch_active_on_a_finished_ticket_is_refused(participant, mentor, hackru):
    ticket = closed_for(participant, mentor)
    before = snapshot(ticket.pk)
    response = client_for(mentor).patch(
        f"/api/tickets/{ticket.pk}/", {"active": False}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["active"]
    assert snapshot(ticket.pk) == before


def test_hackru_patch_active_of_another_participants_ticket_is_404(
    participant, other_participant, hackru
):
    ticket = TicketFactory(owner=other_participant)
    response = client_for(participant).patch(
        f"/api/tickets/{ticket.pk}/", {"active": False}, format="json"
    )
    assert response.status_code == 404
    assert Ticket.objects.get(pk=ticket.pk).active is True


def test_hackru_patch_mentor_email_alone_claims_and_releases(participant, mentor, hackru):
    ticket = TicketFactory(owner=participant)
    client = client_for(mentor)
    claimed = client.patch(
        f"/api/tickets/{ticket.pk}/", {"mentor_email": mentor.email}, format="json"
    )
    assert claimed.status_code == 200
    assert (claimed.json()["status"], claimed.json()["mentor_email"]) == ("CLAIMED", mentor.email)
    released = client.patch(f"/api/tickets/{ticket.pk}/", {"mentor_email": ""}, format="json")
    assert released.status_code == 200
    assert (released.json()["status"], released.json()["mentor_email"]) == ("OPEN", None)


def test_hackru_patch_mentor_email_of_someone_else_is_refused(
    participant, mentor, other_mentor, hackru
):
    ticket = TicketFactory(owner=participant)
    before = snapshot(ticket.pk)
    response = client_for(mentor).patch(
        f"/api/tickets/{ticket.pk}/", {"mentor_email": other_mentor.email}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["mentor_email"]
    assert snapshot(ticket.pk) == before


def test_hackru_patch_with_nothing_is_refused(participant, hackru):
    ticket = TicketFactory(owner=participant)
    response = client_for(participant).patch(f"/api/tickets/{ticket.pk}/", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {"status": ["Send status, mentor_email or active."]}


def test_hackru_patch_status_and_active_is_all_or_nothing(participant, hackru):
    ticket = TicketFactory(owner=participant)
    before = snapshot(ticket.pk)
    # Claiming one's own ticket is refused, so active is not changed either.
    response = client_for(participant).patch(
        f"/api/tickets/{ticket.pk}/", {"status": "CLAIMED", "active": False}, format="json"
    )
    assert response.status_code == 400
    assert snapshot(ticket.pk) == before


def test_hackru_patch_still_follows_the_state_machine(participant, mentor, hackru):
    ticket = TicketFactory(owner=participant)
    response = client_for(mentor).patch(
        f"/api/tickets/{ticket.pk}/", {"status": "CLOSED", "mentor_email": mentor.email}
    )
    assert response.status_code == 400
    assert Ticket.objects.get(pk=ticket.pk).status == "OPEN"


def test_seed_patch_still_requires_status(participant, mentor):
    ticket = TicketFactory(owner=participant)
    response = client_for(mentor).patch(f"/api/tickets/{ticket.pk}/", {"active": False})
    assert response.status_code == 400
    assert response.json() == {"status": ["This field is required."]}


# --- Slack --------------------------------------------------------------------------------------
def test_slack_dm_is_a_harmless_answer(participant, mentor):
    ticket = claimed_ticket(owner=participant, mentor=mentor)
    for client in (client_for(participant), client_for(mentor)):
        for path in (f"/api/tickets/{ticket.pk}/slack-dm", f"/api/tickets/{ticket.pk}/slack-dm/"):
            response = client.get(path)
            assert response.status_code == 403
            assert response.json() == "Slack ID not present within LCS for the given user(s)"


def test_slack_dm_of_an_invisible_ticket_is_404(participant, other_participant):
    ticket = TicketFactory(owner=other_participant)
    assert client_for(participant).get(f"/api/tickets/{ticket.pk}/slack-dm").status_code == 404


# --- Feedback -----------------------------------------------------------------------------------
def test_owner_rates_a_closed_ticket(clock, participant, mentor, hackru):
    ticket = closed_for(participant, mentor)
    client = client_for(participant)
    response = client.post(
        "/api/feedback/", {"ticket": ticket.pk, "rating": 4, "comments": " Great! "}, format="json"
    )
    assert response.status_code == 201
    assert response.json() == {
        "ticket": ticket.pk,
        "ticket_url": f"/api/tickets/{ticket.pk}/",
        "rating": 4,
        "comments": "Great!",
        "created": "2027-03-01T12:00:00Z",
        "updated": "2027-03-01T12:00:00Z",
    }
    assert client.get("/api/feedback/").json() == [response.json()]
    [seen] = client.get("/api/tickets/").json()
    assert seen["feedback"] == f"/api/feedback/{ticket.pk}/"
    # The mentor sees the ticket but not the feedback's link.
    [by_mentor] = client_for(mentor).get("/api/tickets/").json()
    assert by_mentor["feedback"] == ""


def test_owner_changes_the_feedback(clock, participant, mentor):
    ticket = closed_for(participant, mentor)
    client = client_for(participant)
    client.post("/api/feedback/", {"ticket": ticket.pk, "rating": 2}, format="json")
    clock.advance(minutes=5)
    response = client.patch(
        f"/api/feedback/{ticket.pk}/", {"rating": 5, "comments": "Better"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["rating"], response.json()["comments"]) == (5, "Better")
    assert response.json()["updated"] == "2027-03-01T12:05:00Z"
    assert client.get(f"/api/feedback/{ticket.pk}").json()["rating"] == 5


@pytest.mark.parametrize("rating", [0, 6, 3.5, "x", None, True, [4]])
def test_rating_outside_1_to_5_is_refused(participant, mentor, rating):
    ticket = closed_for(participant, mentor)
    response = client_for(participant).post(
        "/api/feedback/", {"ticket": ticket.pk, "rating": rating}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["rating"]
    if rating is not None:
        assert response.json() == {"rating": ["A rating is a whole number from 1 to 5."]}
    assert Feedback.objects.count() == 0


def test_feedback_on_an_unfinished_ticket_is_refused(participant, mentor):
    for ticket in (
        TicketFactory(owner=participant),
        claimed_ticket(owner=participant, mentor=mentor),
    ):
        response = client_for(participant).post(
            "/api/feedback/", {"ticket": ticket.pk, "rating": 5}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()) == ["ticket"]
    assert Feedback.objects.count() == 0


def test_feedback_on_someone_elses_ticket_is_404(participant, other_participant, mentor):
    ticket = closed_for(other_participant, mentor)
    for user in (participant, mentor):
        response = client_for(user).post(
            "/api/feedback/", {"ticket": ticket.pk, "rating": 5}, format="json"
        )
        assert response.status_code == 404
    assert Feedback.objects.count() == 0


def test_feedback_twice_is_refused(participant, mentor):
    ticket = closed_for(participant, mentor)
    client = client_for(participant)
    assert client.post("/api/feedback/", {"ticket": ticket.pk, "rating": 5}).status_code == 201
    again = client.post("/api/feedback/", {"ticket": ticket.pk, "rating": 1}, format="json")
    assert again.status_code == 400
    assert again.json() == {
        "ticket": [
            "You already rated this ticket; change your feedback instead "
            f"(PATCH /api/feedback/{ticket.pk}/)."
        ]
    }
    assert Feedback.objects.get().rating == 5


def test_feedback_requires_fields_and_authentication(api, participant):
    assert api.get("/api/feedback/").status_code == 401
    response = client_for(participant).post("/api/feedback/", {}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"ticket", "rating"}


def test_only_the_owner_changes_feedback(participant, mentor, director):
    ticket = closed_for(participant, mentor)
    client_for(participant).post("/api/feedback/", {"ticket": ticket.pk, "rating": 5})
    for user in (mentor, director):
        response = client_for(user).patch(f"/api/feedback/{ticket.pk}/", {"rating": 1})
        assert response.status_code == 404
    assert Feedback.objects.get().rating == 5


def test_directors_see_all_feedback_others_their_own(
    participant, other_participant, mentor, director
):
    mine = closed_for(participant, mentor)
    theirs = closed_for(other_participant, mentor)
    client_for(participant).post("/api/feedback/", {"ticket": mine.pk, "rating": 5})
    client_for(other_participant).post("/api/feedback/", {"ticket": theirs.pk, "rating": 3})
    assert [f["ticket"] for f in client_for(director).get("/api/feedback/").json()] == [
        mine.pk,
        theirs.pk,
    ]
    assert [f["ticket"] for f in client_for(participant).get("/api/feedback/").json()] == [mine.pk]
    assert client_for(mentor).get("/api/feedback/").json() == []
    assert client_for(director).get(f"/api/feedback/{theirs.pk}/").status_code == 200
    assert client_for(participant).get(f"/api/feedback/{theirs.pk}/").status_code == 404


def test_leaderboard_for_directors(director, db):
    ada = make_user(QueueRole.MENTOR, first_name="Ada", last_name="Lovelace")
    bob = make_user(QueueRole.MENTOR, first_name="", last_name="")
    for mentor, rating in ((ada, 5), (ada, 4), (bob, 3), (bob, 5)):
        owner = make_user()
        ticket = closed_for(owner, mentor)
        client_for(owner).post("/api/feedback/", {"ticket": ticket.pk, "rating": rating})
    board = client_for(director).get("/api/feedback/leaderboard?limit=5").json()
    assert board == [
        {"mentor": ada.email, "name": "Ada Lovelace", "average_rating": 4.5, "ratings": 2},
        {"mentor": bob.email, "name": bob.username, "average_rating": 4.0, "ratings": 2},
    ]
    assert len(client_for(director).get("/api/feedback/leaderboard/?limit=1").json()) == 1
    assert client_for(director).get("/api/feedback/leaderboard/").status_code == 200


@pytest.mark.parametrize("limit", ["0", "x", "101"])
def test_leaderboard_bad_limit_is_400(director, limit):
    response = client_for(director).get(f"/api/feedback/leaderboard?limit={limit}")
    assert response.status_code == 400
    assert list(response.json()) == ["limit"]


@pytest.mark.parametrize("role", [QueueRole.PARTICIPANT, QueueRole.MENTOR, QueueRole.ORGANIZER])
def test_leaderboard_is_403_for_non_directors(db, role):
    assert client_for(make_user(role)).get("/api/feedback/leaderboard").status_code == 403


# --- Stats --------------------------------------------------------------------------------------
def test_hackru_stats_for_directors_carry_counts_and_rating(
    clock,
    director,
    mentor,
    participant,
    hackru,
):
    ticket = closed_for(participant, mentor)
    client_for(participant).post("/api/feedback/", {"ticket": ticket.pk, "rating": 4})
    claimed_ticket(mentor=mentor, after=timedelta(seconds=60))
    TicketFactory(owner=participant)
    assert client_for(director).get("/api/tickets/stats/").json() == {
        "average_claimed_datetime_seconds": 90.0,
        "average_closed_datetime_seconds": 86400.0,
        "Total tickets": 3,
        "Open tickets": 1,
        "Claimed tickets": 1,
        "Closed Tickets": 1,
        "Cancelled Tickets": 0,
        "Number of mentors": 1,
        "Number of users": 2,
        "Average Rating": {"rating__avg": 4.0},
    }


def test_hackru_stats_for_everyone_else(participant, mentor, hackru):
    TicketFactory(owner=participant)
    for user in (participant, mentor):
        assert client_for(user).get("/api/tickets/stats/").json() == {
            "average_claimed_datetime_seconds": None,
            "average_closed_datetime_seconds": None,
            "Total tickets": 1,
        }


def test_hackru_stats_without_feedback(director, hackru):
    data = client_for(director).get("/api/tickets/stats/").json()
    assert data["Average Rating"] == {"rating__avg": None}
    assert data["Total tickets"] == 0


@pytest.mark.parametrize("mode", ["seed", "hackru"])
@pytest.mark.parametrize("count", [1, 3])
def test_list_queries_stay_fixed_with_feedback(
    participant, mentor, settings, django_assert_num_queries, mode, count
):
    settings.MENTORQ_CLIENT = mode
    for _ in range(count):
        ticket = closed_for(participant, mentor)
        Feedback.objects.create(ticket=ticket, rating=5)
        TicketFactory(owner=participant)
    client = client_for(participant)
    with django_assert_num_queries(3):
        response = client.get("/api/tickets/")
    assert len(response.json()) == 2 * count
