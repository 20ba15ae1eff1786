"""Opt-in ``?limit=&offset=`` on every list of seeds 000 (Team Production) and 002 (MentorQ),
through HTTP (issue 14, item 10).

Each list is walked page by page by following the ``Link`` header; the pages put together are
exactly the list answered without paging (same items, same order, ties in start time or
creation included), the last page is partial and carries no ``Link``. A page is cut by the
database (its query has the LIMIT), in a fixed number of queries whatever the table's size.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import QueueRole
from helpqueue.models import Feedback, Ticket
from mentoring.models import SessionStatus
from tests.clients import client_for
from tests.factories import (
    AvailabilityFactory,
    MenteeProfileFactory,
    MentorFactory,
    MentorProfileFactory,
    SessionFactory,
    TicketFactory,
    claimed_ticket,
    closed_ticket,
    make_user,
)

pytestmark = pytest.mark.django_db

#: A whole hour, two days ahead: the lists' times, tied on purpose.
SOON = (datetime.now(UTC) + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
LONG_AGO = SOON - timedelta(days=10)


# --- The lists, each built with ``size`` items -----------------------------------------------
@dataclass
class Listing:
    """A list endpoint as one caller reads it."""

    client: Any
    url: str
    headers: dict


def _mentors(size):
    for i in range(size):
        profile = MentorProfileFactory(skills=["Python", f"Extra{i % 2}"])
        # Every mentor's first span starts at the same time: ties across mentors.
        AvailabilityFactory(
            mentor=profile.user, start_time=SOON, end_time=SOON + timedelta(hours=1)
        )
        AvailabilityFactory(
            mentor=profile.user,
            start_time=SOON + timedelta(hours=2 + i % 2),
            end_time=SOON + timedelta(hours=4),
        )


def mentor_list(size, settings):
    _mentors(size)
    return Listing(client_for(MenteeProfileFactory().user), "/mentor/", {})


def mentor_list_momentors(size, settings):
    settings.TEAM_PRODUCTION_CLIENT = "momentors"
    return mentor_list(size, settings)


def mentor_by_skill(size, settings):
    _mentors(size)
    MentorProfileFactory(skills=["Cobol"])  # not listed: the pages hold only python mentors
    return Listing(client_for(MenteeProfileFactory().user), "/mentor/python/", {})


def mentee_list(size, settings):
    for i in range(size):
        if i % 2:
            MenteeProfileFactory()
        else:
            make_user(is_mentee=True)  # a mentee without a profile: mentee_profile null
    viewer = MentorFactory()
    return Listing(client_for(viewer), "/mentee/", {})


def _availability(size):
    for i in range(size):
        start = SOON + timedelta(minutes=30 * (i % 2))  # ties in start time
        AvailabilityFactory(start_time=start, end_time=start + timedelta(minutes=30))


def availability_v1(size, settings):
    _availability(size)
    return Listing(client_for(MentorFactory()), "/availabilty/", {})


def availability_v2(size, settings):
    _availability(size)
    return Listing(client_for(MentorFactory()), "/availability/", {"HTTP_ACCEPT": "version=v2"})


def availability_momentors(size, settings):
    settings.TEAM_PRODUCTION_CLIENT = "momentors"  # only the caller's own
    mentor = MentorFactory()
    for i in range(size):
        start = SOON + timedelta(hours=i)
        AvailabilityFactory(mentor=mentor, start_time=start, end_time=start + timedelta(hours=1))
    AvailabilityFactory(start_time=SOON, end_time=SOON + timedelta(hours=1))  # another's
    return Listing(client_for(mentor), "/availability/", {})


def _sessions(size, *, start):
    """``size`` sessions of one mentor, in pairs at the same start time (one of each pair
    canceled, so that live sessions never overlap)."""
    mentor = MentorFactory()
    for i in range(size):
        SessionFactory(
            mentor_availability=None,
            mentor=mentor,
            start_time=start + timedelta(hours=i // 2),
            status=SessionStatus.CANCELED if i % 2 else SessionStatus.PENDING,
        )
    SessionFactory()  # of others: never listed
    return mentor


def sessions_current(size, settings):
    return Listing(client_for(_sessions(size, start=SOON)), "/session/", {})


def sessions_archived(size, settings):
    return Listing(client_for(_sessions(size, start=LONG_AGO)), "/archivesession/", {})


def _tickets(size, owner=None):
    """``size`` tickets, three at a time created at the same instant, some claimed."""
    mentor = make_user(QueueRole.MENTOR)
    for i in range(size):
        created = SOON + timedelta(minutes=i // 3)
        if i % 4 == 3:
            claimed_ticket(mentor=mentor, created=created, **({"owner": owner} if owner else {}))
        else:
            TicketFactory(created=created, **({"owner": owner} if owner else {}))
    return mentor


def tickets_for_a_mentor(size, settings):
    return Listing(client_for(_tickets(size)), "/api/tickets/", {})


def tickets_for_their_owner(size, settings):
    owner = make_user()
    _tickets(size, owner=owner)
    TicketFactory(created=SOON)  # another participant's: never listed
    return Listing(client_for(owner), "/api/tickets/", {})


def tickets_hackru(size, settings):
    settings.MENTORQ_CLIENT = "hackru"
    return tickets_for_a_mentor(size, settings)


def _feedback(size, owner=None):
    mentor = make_user(QueueRole.MENTOR)
    for i in range(size):
        ticket = closed_ticket(
            mentor=mentor,
            claimed_after=timedelta(minutes=1),
            closed_after=timedelta(minutes=9),
            **({"owner": owner} if owner else {}),
        )
        Feedback.objects.create(ticket=ticket, rating=1 + i % 5, created=SOON + timedelta(i // 2))


def feedback_for_a_director(size, settings):
    _feedback(size)
    return Listing(client_for(make_user(QueueRole.DIRECTOR)), "/api/feedback/", {})


def feedback_for_their_owner(size, settings):
    owner = make_user()
    _feedback(size, owner=owner)
    _feedback(1)  # another participant's: never listed
    return Listing(client_for(owner), "/api/feedback/", {})


def leaderboard(size, settings):
    """``size`` mentors, all rated 4 once: the order is by email, then id (two have none)."""
    for i in range(size):
        mentor = make_user(QueueRole.MENTOR, **({"email": ""} if i < 2 else {}))
        ticket = closed_ticket(
            mentor=mentor, claimed_after=timedelta(minutes=1), closed_after=timedelta(minutes=9)
        )
        Feedback.objects.create(ticket=ticket, rating=4)
    return Listing(client_for(make_user(QueueRole.DIRECTOR)), "/api/feedback/leaderboard/", {})


#: (build, queries for a page: the caller's token, then the list's own).
LISTS = {
    "mentor": (mentor_list, 4),
    "mentor-momentors": (mentor_list_momentors, 4),
    "mentor-by-skill": (mentor_by_skill, 4),
    "mentee": (mentee_list, 2),
    "availability-v1": (availability_v1, 2),
    "availability-v2": (availability_v2, 2),
    "availability-momentors": (availability_momentors, 2),
    "session": (sessions_current, 2),
    "archivesession": (sessions_archived, 2),
    "tickets-mentor": (tickets_for_a_mentor, 3),
    "tickets-owner": (tickets_for_their_owner, 3),
    "tickets-hackru": (tickets_hackru, 3),
    "feedback-director": (feedback_for_a_director, 2),
    "feedback-owner": (feedback_for_their_owner, 2),
    "leaderboard": (leaderboard, 2),
}


@pytest.fixture(params=list(LISTS))
def build(request, settings):
    make, _queries = LISTS[request.param]

    def built(size):
        return make(size, settings)

    built.queries = _queries
    built.name = request.param
    return built


def next_url(response) -> str | None:
    """The URL of the ``Link: <...>; rel="next"`` header, or None."""
    link = response.headers.get("Link")
    if link is None:
        return None
    found = re.fullmatch(r'<([^>]+)>; rel="next"', link)
    assert found, link
    return found.group(1)


def get(listing: Listing, query: str = ""):
    url = f"{listing.url}?{query}" if query else listing.url
    return listing.client.get(url, **listing.headers)


# --- Walking the pages ---------------------------------------------------------------------------
def test_the_pages_followed_by_link_are_the_whole_list_in_order(build):
    listing = build(5)
    whole = get(listing)
    assert whole.status_code == 200
    assert "Link" not in whole.headers  # without limit or offset: the plain list, as before
    everything = whole.json()
    assert len(everything) == 5

    pages, url = [], f"{listing.url}?limit=2"
    for _ in range(10):  # 3 pages are expected; more would be a loop
        response = listing.client.get(url, **listing.headers)
        assert response.status_code == 200
        pages.append(response.json())
        url = next_url(response)
        if url is None:
            break
    else:
        pytest.fail("the Link headers never end")
    assert [len(page) for page in pages] == [2, 2, 1]  # the last one partial, without Link
    assert [item for page in pages for item in page] == everything


def test_a_page_is_a_slice_of_the_list_with_a_link_to_the_next(build):
    listing = build(5)
    everything = get(listing).json()
    response = get(listing, "limit=2&offset=1")
    assert response.status_code == 200
    assert response.json() == everything[1:3]
    link = next_url(response)
    assert link.startswith(f"http://testserver{listing.url}?")
    assert "limit=2" in link and "offset=3" in link


def test_offset_alone_pages_on_with_the_largest_page(build, settings):
    settings.API_PAGE_MAX = 3
    listing = build(5)
    everything = get(listing).json()
    response = get(listing, "offset=1")
    assert response.json() == everything[1:4]
    assert "offset=4" in next_url(response) and "limit=3" in next_url(response)


def test_offset_past_the_end_is_an_empty_list_without_link(build):
    listing = build(3)
    for offset in (3, 50):
        response = get(listing, f"limit=2&offset={offset}")
        assert response.status_code == 200
        assert response.json() == []
        assert "Link" not in response.headers


def test_a_limit_above_the_largest_page_is_lowered_to_it(build, settings):
    settings.API_PAGE_MAX = 2
    listing = build(3)
    everything = get(listing).json()
    assert len(everything) == 3  # without paging, the whole list still
    response = get(listing, "limit=100")
    assert response.json() == everything[:2]
    assert "limit=2" in next_url(response) and "offset=2" in next_url(response)


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("limit=0", {"limit"}),
        ("limit=abc", {"limit"}),
        ("offset=-1", {"offset"}),
        ("offset=1.5", {"offset"}),
        ("limit=0&offset=x", {"limit", "offset"}),
    ],
)
def test_bad_values_are_400_naming_the_parameter(build, query, fields):
    listing = build(1)
    response = get(listing, query)
    assert response.status_code == 400
    body = response.json()
    if "momentors" in build.name and "availability" in build.name:
        # Momentors' availability page shows errors as plain text: one message per problem,
        # prefixed with its field (contracts/team_production/errors.py).
        assert {message.split(":")[0] for message in body} == fields
    else:
        assert set(body) == fields


@pytest.mark.parametrize("size", [2, 7])
def test_a_page_costs_the_same_queries_whatever_the_size(build, size, django_assert_num_queries):
    listing = build(size)
    with CaptureQueriesContext(connection) as queries, django_assert_num_queries(build.queries):
        response = get(listing, "limit=2&offset=1")
    assert response.status_code == 200
    assert len(response.json()) == min(2, size - 1)
    # Cut by the database: the list's query asks for the page only.
    assert any("LIMIT 2 OFFSET 1" in query["sql"] for query in queries.captured_queries)


# --- What each list keeps of its own --------------------------------------------------------------
def test_a_mentor_page_carries_only_its_mentors_skills_and_availability(settings):
    listing = mentor_list(4, settings)
    everything = {item["pk"]: item for item in get(listing).json()}
    page = get(listing, "limit=2&offset=2").json()
    assert [item["pk"] for item in page] == sorted(everything)[2:]
    for item in page:
        assert item == everything[item["pk"]]
        assert len(item["mentor_profile"]["availabilities"]) == 2


def test_ticket_positions_on_a_page_are_those_in_the_whole_queue(settings):
    listing = tickets_for_a_mentor(6, settings)
    everything = get(listing).json()
    page = get(listing, "limit=3&offset=3").json()
    assert page == everything[3:]
    assert [t["queue_position"] for t in page] == [t["queue_position"] for t in everything[3:]]
    assert Ticket.objects.filter(status=Ticket.Status.OPEN).count() == 5
    assert max(t["queue_position"] or 0 for t in page) == 5


def test_leaderboard_keeps_its_own_limit_and_pages_with_offset(settings):
    listing = leaderboard(7, settings)
    top = get(listing)
    assert len(top.json()) == 5  # the first five, as before paging
    assert "Link" not in top.headers
    everything = get(listing, "limit=100").json()
    assert len(everything) == 7
    # Ties on rating and count: by email, then the mentor's id for the two without one.
    assert [row["mentor"] for row in everything[:2]] == ["", ""]
    assert [row["mentor"] for row in everything[2:]] == sorted(
        row["mentor"] for row in everything[2:]
    )
    rest = get(listing, "offset=5")
    assert rest.json() == everything[5:]  # pages of the default five
    assert "Link" not in rest.headers
    assert get(listing, "limit=3&offset=3").json() == everything[3:6]


def test_leaderboard_limit_keeps_its_bounds_and_wording(settings):
    listing = leaderboard(1, settings)
    response = get(listing, "limit=101&offset=-2")
    assert response.status_code == 400
    assert response.json() == {
        "limit": ["Ensure this value is less than or equal to 100."],
        "offset": ["offset must be a whole number of at least 0."],
    }


def test_leaderboard_is_still_403_for_others_with_a_page():
    response = client_for(make_user(QueueRole.MENTOR)).get("/api/feedback/leaderboard/?offset=1")
    assert response.status_code == 403
