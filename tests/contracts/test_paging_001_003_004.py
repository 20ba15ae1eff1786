"""Opt-in ``?limit=&offset=`` on every list endpoint of seeds 001, 003 and 004, through HTTP.

Each case builds a list of ``size`` items (with ties in the ordering key, so only a total
order pages without gaps or repeats) and gives the URL that lists them and who asks. Without
the parameters the plain list is unchanged (the seeds' tests pin it); with them the same list
comes in pages, each cut by the database in a fixed number of queries.
"""

import datetime as dt
import math
import re
import uuid
from dataclasses import dataclass

import pytest

from contacts.models import Contact, ContactRequest
from scheduling.models import AvailabilityWindow, Calendar, Invitation, Meeting
from tests.clients import client_for
from tests.factories import UserFactory
from tests.openapi import openapi_document, operations, resolve

START = dt.datetime(2027, 3, 8, 9, 0, tzinfo=dt.UTC)


# --- Builders ------------------------------------------------------------------------------------
def calendar_of(owner, *, finalized=False, name="Round") -> Calendar:
    return Calendar.objects.create(
        owner=owner,
        name=name,
        deadline=START - dt.timedelta(days=1),
        start_date=START.date(),
        end_date=START.date() + dt.timedelta(days=4),
        finalized=finalized,
    )


def invite(calendar, user=None, *, name="Guest") -> Invitation:
    return Invitation.objects.create(
        calendar=calendar,
        user=user,
        first_name=name,
        last_name="Tester",
        email=f"{uuid.uuid4().hex[:8]}@example.com",
        token_nonce="n",
        token_hash=uuid.uuid4().hex,
    )


def window(calendar, invitation=None, *, hour=0) -> AvailabilityWindow:
    start = START + dt.timedelta(hours=hour)
    return AvailabilityWindow.objects.create(
        calendar=calendar, invitation=invitation, start=start, end=start + dt.timedelta(hours=1)
    )


def meeting(calendar, invitation, *, hour, status=Meeting.Status.FINAL) -> Meeting:
    start = START + dt.timedelta(days=1, hours=hour)
    return Meeting.objects.create(
        calendar=calendar,
        invitation=invitation,
        owner=calendar.owner,
        start=start,
        end=start + dt.timedelta(minutes=30),
        status=status,
    )


def same_created_at(queryset) -> None:
    """A tie in the ordering key for every row (auto_now_add would give each its own)."""
    queryset.update(created_at=START)


# --- The lists -----------------------------------------------------------------------------------
# Each builder: (owner, invitee, size) -> (the user who asks, the URL). ``invitee`` is an account
# some cases invite; other accounts are made as needed.
def p2_contacts(owner, invitee, size):
    for i in range(size):
        # Two names only: the pk breaks the ties.
        Contact.objects.create(
            owner=owner, first_name=f"Name{i % 2}", last_name="Same", email=f"c{i}@example.com"
        )
    Contact.objects.create(owner=invitee, first_name="Not", last_name="Mine", email="x@x.com")
    return owner, "/schedules/contacts/"


def p2_meetings(owner, invitee, size):
    calendar = calendar_of(owner, finalized=True)
    # Made latest first, so the pk order is not the start order.
    for i in reversed(range(size)):
        meeting(calendar, invite(calendar, name=f"Guest{i}"), hour=i)
    draft = invite(calendar, name="Draft")
    meeting(calendar, draft, hour=size + 1, status=Meeting.Status.DRAFT)
    return owner, f"/schedules/calendars/{calendar.pk}/meetings/"


def coreapi_calendars(owner, invitee, size):
    for i in range(size):
        calendar_of(owner, name=f"Round {i}")
    calendar_of(invitee, name="Someone else's")
    same_created_at(Calendar.objects.all())
    return owner, "/calendars/"


def coreapi_availabilities(owner, invitee, size):
    """Seen by an invitee: the owner's windows and their own, not another invitee's."""
    calendar = calendar_of(owner)
    mine = invite(calendar, invitee)
    theirs = invite(calendar, UserFactory())
    for i in range(size):
        # Starts tie in pairs, owner's and invitee's windows interleaved.
        window(calendar, mine if i % 3 == 0 else None, hour=i // 2)
        window(calendar, theirs, hour=i // 2)
    return invitee, f"/calendars/{calendar.pk}/availabilities/"


def coreapi_invitees(owner, invitee, size):
    calendar = calendar_of(owner)
    for _ in range(size):
        invite(calendar, UserFactory())
    invite(calendar_of(owner), invitee)
    return owner, f"/calendars/{calendar.pk}/invitee/"


def coreapi_schedule(owner, invitee, size):
    calendar = calendar_of(owner)
    for i in range(size):
        # Drafts may share a start: ties in pairs.
        meeting(calendar, invite(calendar, UserFactory()), hour=i // 2, status="draft")
    return owner, f"/calendars/{calendar.pk}/schedule/"


def coreapi_friend_requests(owner, invitee, size):
    for _ in range(size):
        ContactRequest.objects.create(requester=UserFactory(), requested=owner)
    ContactRequest.objects.create(requester=invitee, requested=owner, status="accepted")
    same_created_at(ContactRequest.objects.all())
    return owner, "/contacts/friendRequests/"


def short_calendars(owner, invitee, size):
    """The user's calendars (newest first), then the ones they are invited to: both halves."""
    owned = math.ceil(size / 2)
    for i in range(owned):
        invite(calendar_of(owner, name=f"Mine {i}"), owner)  # their own: not listed as invited
    for i in range(size - owned):
        invite(calendar_of(UserFactory(), name=f"Theirs {i}"), owner)
    same_created_at(Calendar.objects.all())
    return owner, "/users/calendars/view/"


def short_status(owner, invitee, size):
    calendar = calendar_of(owner)
    for _ in range(size):
        invite(calendar, UserFactory())
    return owner, f"/calendars/{calendar.pk}/list/status/"


def short_contact_events_owner(owner, invitee, size):
    """The owner's windows, then the final meetings (the owner is in each): both halves."""
    calendar = calendar_of(owner, finalized=True)
    windows = math.ceil(size / 2)
    for i in range(windows):
        window(calendar, hour=i // 2)  # ties in pairs
    for i in range(size - windows):
        guest = invite(calendar, UserFactory())
        window(calendar, guest, hour=i)  # an invitee's: not the owner's events
        meeting(calendar, guest, hour=size - i)
    return owner, f"/calendars/{calendar.pk}/contact/{owner.pk}/view/"


def short_contact_events_invitee(owner, invitee, size):
    """An invitee's view of the owner's events: the owner's windows and their own meeting."""
    calendar = calendar_of(owner, finalized=True)
    mine = invite(calendar, invitee)
    for i in range(size - 1):
        window(calendar, hour=i // 2)
        meeting(calendar, invite(calendar, UserFactory()), hour=i)  # someone else's meeting
    meeting(calendar, mine, hour=size + 1)
    return invitee, f"/calendars/{calendar.pk}/contact/{owner.pk}/view/"


def short_contacts(owner, invitee, size):
    for _ in range(size):
        account = UserFactory()
        Contact.objects.create(
            owner=owner, first_name="A", last_name="B", email=account.email, user=account
        )
    return owner, "/users/contacts/view/"


@dataclass(frozen=True)
class Case:
    build: object
    # Queries of a page: (one within the list's first part, one past it for two-part lists).
    queries: tuple[int, ...]
    # For two-part lists: how many items the first part has at a size.
    first_part: object = None


CASES = {
    "001 contacts": Case(p2_contacts, (2,)),
    "001 calendar meetings": Case(p2_meetings, (3,)),
    "003 calendars": Case(coreapi_calendars, (2,)),
    "003 availabilities": Case(coreapi_availabilities, (4,)),
    "003 invitees": Case(coreapi_invitees, (3,)),
    "003 schedule": Case(coreapi_schedule, (3,)),
    "003 friend requests": Case(coreapi_friend_requests, (2,)),
    "004 calendars": Case(short_calendars, (2, 4), lambda size: math.ceil(size / 2)),
    "004 status": Case(short_status, (3,)),
    "004 contact events (owner)": Case(
        short_contact_events_owner, (3, 5), lambda size: math.ceil(size / 2)
    ),
    "004 contact events (invitee)": Case(
        short_contact_events_invitee, (4, 6), lambda size: size - 1
    ),
    "004 contacts": Case(short_contacts, (2,)),
}
NAMES = list(CASES)


@pytest.fixture
def listing(db, user, other_user):
    """``listing(name, size)``: (a client of the user who asks, the list's URL)."""

    def make(name, size):
        asker, url = CASES[name].build(user, other_user, size)
        return client_for(asker), url

    return make


def next_url(response) -> str | None:
    link = response.get("Link")
    if link is None:
        return None
    found = re.fullmatch(r'<([^>]+)>; rel="next"', link)
    assert found, link
    return found.group(1)


def get_ok(client, url, params=None):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response


# --- Pages ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_pages_followed_by_their_links_give_the_whole_list_in_order(listing, name):
    client, url = listing(name, 5)
    whole = get_ok(client, url)
    assert "Link" not in whole
    assert len(whole.json()) == 5

    first = get_ok(client, url, {"limit": 2})
    assert first.json() == whole.json()[:2]
    assert next_url(first) == f"http://testserver{url}?limit=2&offset=2"

    pages, response = [first.json()], first
    while next_url(response):
        response = get_ok(client, next_url(response))
        pages.append(response.json())
    # Full pages link on; the last one, partial, does not; no item twice or missing (ties too).
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [item for page in pages for item in page] == whole.json()


@pytest.mark.parametrize("name", NAMES)
def test_a_page_at_any_offset_is_that_slice_of_the_whole_list(listing, name):
    client, url = listing(name, 7)
    whole = get_ok(client, url).json()
    for offset in range(8):
        response = get_ok(client, url, {"limit": 3, "offset": offset})
        assert response.json() == whole[offset : offset + 3], offset
        assert ("Link" in response) == (offset + 3 <= 7), offset


@pytest.mark.parametrize("name", NAMES)
def test_an_offset_past_the_end_is_an_empty_page(listing, name):
    client, url = listing(name, 3)
    for params in ({"offset": 3}, {"limit": 2, "offset": 50}):
        response = get_ok(client, url, params)
        assert response.json() == []
        assert "Link" not in response


@pytest.mark.parametrize("name", NAMES)
def test_the_limit_is_capped_by_the_setting(listing, name, settings):
    settings.API_PAGE_MAX = 2
    client, url = listing(name, 3)
    whole = get_ok(client, url).json()
    assert len(whole) == 3  # the plain list is never cut

    response = get_ok(client, url, {"limit": 1000})
    assert response.json() == whole[:2]
    assert next_url(response) == f"http://testserver{url}?limit=2&offset=2"
    only_offset = get_ok(client, url, {"offset": 1})
    assert only_offset.json() == whole[1:3]


def test_other_query_parameters_are_kept_in_the_link(listing):
    client, url = listing("003 calendars", 3)
    response = get_ok(client, url, {"limit": 1, "format": "json"})
    assert next_url(response) == f"http://testserver{url}?limit=1&format=json&offset=1"


# --- Refusals ------------------------------------------------------------------------------------
MESSAGE = "{} must be a whole number of at least {}."


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"limit": 0}, {"limit": [MESSAGE.format("limit", 1)]}),
        ({"limit": "ten"}, {"limit": [MESSAGE.format("limit", 1)]}),
        ({"offset": -1}, {"offset": [MESSAGE.format("offset", 0)]}),
        (
            {"limit": "1.5", "offset": "x"},
            {"limit": [MESSAGE.format("limit", 1)], "offset": [MESSAGE.format("offset", 0)]},
        ),
    ],
)
def test_bad_limit_or_offset_is_refused_with_the_parameter_named(listing, name, params, expected):
    client, url = listing(name, 2)
    response = client.get(url, params)
    assert response.status_code == 400
    if name == "003 friend requests":
        # Seed 003's friends answer every refusal as {"error": ...} (the first problem).
        expected = {"error": next(iter(expected.values()))[0]}
    assert response.json() == expected


def test_a_stranger_still_gets_the_refusal_of_the_list_not_a_page(listing):
    client, url = listing("003 invitees", 2)
    stranger = client_for(UserFactory())
    assert stranger.get(url, {"limit": 1}).status_code == 403
    assert client.get("/calendars/999999/invitee/", {"limit": 1}).status_code == 404


# --- Queries -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", NAMES)
def test_a_page_costs_the_same_queries_whatever_the_size_of_the_list(
    name, user, other_user, django_assert_num_queries, db
):
    case = CASES[name]
    # Two lists, the second ten times the first, side by side (owned by two users).
    small_asker, small_url = case.build(user, other_user, 4)
    big_owner, big_invitee = UserFactory(), UserFactory()
    big_asker, big_url = case.build(big_owner, big_invitee, 40)
    for size, asker, url in ((4, small_asker, small_url), (40, big_asker, big_url)):
        client = client_for(asker)
        with django_assert_num_queries(case.queries[0]):
            assert len(get_ok(client, url, {"limit": 2}).json()) == 2
        if case.first_part is not None:
            # A page that starts at the end of the first part: one count, then the second.
            first_part = case.first_part(size)
            params = {"limit": 2, "offset": first_part}
            with django_assert_num_queries(case.queries[1]):
                assert len(get_ok(client, url, params).json()) == min(2, size - first_part)


@pytest.mark.parametrize("name", NAMES)
def test_without_paging_the_list_is_read_as_before(listing, name):
    """The plain list still comes whole, with no Link header (the seeds' tests pin its bytes)."""
    client, url = listing(name, 3)
    response = get_ok(client, url)
    assert len(response.json()) == 3
    assert "Link" not in response


# --- Documented ----------------------------------------------------------------------------------
def _list_operations():
    """(key, operation, answers a list) for every GET of seeds 001, 003 and 004."""
    document = openapi_document()
    for method, path, operation in operations(document):
        if method != "GET" or operation["tags"][0][:3] not in ("001", "003", "004"):
            continue
        ok = operation["responses"]["200"]["content"]["application/json"]["schema"]
        yield f"{method} {path}", operation, resolve(document, ok).get("type") == "array"


def test_every_list_of_seeds_001_003_004_documents_the_paging_and_only_lists_do():
    paged, not_paged = [], []
    for key, operation, answers_a_list in _list_operations():
        names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        if answers_a_list:
            assert {"limit", "offset"} <= names, key
            assert "400" in operation["responses"], key
            assert "Opt-in paging" in operation["description"], key
            paged.append(key)
        else:
            assert not {"limit", "offset"} & names, key
            not_paged.append(key)
    assert len(paged) == 11
    assert {
        "GET /schedules/home/",
        "GET /contacts/",
        "GET /calendars/{calendar_id}/view/",
    } <= set(not_paged)
