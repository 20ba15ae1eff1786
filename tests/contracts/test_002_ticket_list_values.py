"""Seed 002's GET /api/tickets/ built from values (issue 16): the same bytes as the serializer
path it replaced, under both MENTORQ_CLIENT values and in and out of UTC, in a fixed number of
queries and without a model instance per ticket.

The old path (``helpqueue.selectors.ticket_list`` + ``TicketSerializer`` /
``HackruTicketSerializer``, still what the detail endpoint uses) is rendered here with DRF's
JSONRenderer on the same generated data and compared byte for byte with the endpoint.
"""

import random
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from rest_framework.renderers import JSONRenderer

from accounts.models import QueueRole
from contracts.mentorq import serializers as s
from helpqueue import selectors
from helpqueue.models import Feedback, Ticket
from tests.clients import client_for
from tests.factories import make_user

pytestmark = pytest.mark.django_db

MODES = ["seed", "hackru"]
ZONES = ["UTC", "America/New_York", "Asia/Kolkata"]


def generate(*, count: int, seed: int):
    """Tickets in every state, times with and without microseconds, names blank and not."""
    rng = random.Random(seed)
    owners = [
        make_user(QueueRole.PARTICIPANT, first_name=rng.choice(["", "Zoë", "Li"]), last_name="")
        for _ in range(4)
    ]
    mentors = [
        make_user(QueueRole.MENTOR, first_name="Ada", last_name="Lovelace"),
        make_user(QueueRole.MENTOR, first_name="", last_name=""),
    ]
    start = datetime(2025, 3, 1, 11, 59, 59, tzinfo=UTC)
    tickets = []
    for i in range(count):
        micro = rng.choice([0, 0, 1, 999999, rng.randrange(1_000_000)])
        created = start + timedelta(seconds=rng.randrange(0, 90_000), microseconds=micro)
        ticket = Ticket(
            owner=rng.choice(owners),
            title=f'Problème {i} \u2603 "quoted" \\ back \u2028\u2029',
            comment="" if i % 3 else "Line one\nline two",
            contact=f"Slack @{i}",
            location=f"Table {rng.randint(1, 9)}",
            owner_name=rng.choice(["", "Anonymous", "Zoë Z"]),
            active=bool(rng.getrandbits(1)),
            created=created if i % 7 else tickets[-1].created if tickets else created,
        )
        roll = rng.random()
        if roll >= 0.3:
            ticket.status = Ticket.Status.CLAIMED
            ticket.mentor = rng.choice(mentors)
            ticket.claimed_at = ticket.created + timedelta(seconds=rng.randint(1, 900))
            if roll >= 0.55:
                ticket.status = Ticket.Status.CLOSED
                ticket.closed_at = ticket.claimed_at + timedelta(
                    seconds=rng.randint(1, 900), microseconds=rng.choice([0, 5])
                )
            elif roll >= 0.45:
                ticket.status = Ticket.Status.CANCELLED
                ticket.cancelled_at = ticket.claimed_at + timedelta(minutes=1)
        tickets.append(ticket)
    Ticket.objects.bulk_create(tickets)
    closed = Ticket.objects.filter(status=Ticket.Status.CLOSED, feedback__isnull=True)
    closed = list(closed.order_by("id"))
    Feedback.objects.bulk_create(
        Feedback(ticket=t, rating=rng.randint(1, 5), created=t.closed_at, updated=t.closed_at)
        for t in closed[::2]
    )
    return owners, mentors


def old_bytes(viewer) -> bytes:
    tickets = selectors.ticket_list(user=viewer)
    data = s.ticket_serializer_class()(tickets, many=True, context={"user": viewer}).data
    return JSONRenderer().render(data)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("chunk", [1, 7, 2000])
def test_the_list_is_byte_for_byte_what_the_serializer_wrote(settings, mode, zone, chunk):
    """Whole lists are read and encoded by chunks (core.jsonlist): at every chunk size, one
    chunk (2000), many with a short last one (7) and one ticket each (1), the same bytes."""
    settings.MENTORQ_CLIENT = mode
    settings.TIME_ZONE = zone
    settings.API_LIST_CHUNK = chunk
    owners, mentors = generate(count=60, seed=16)
    director = make_user(QueueRole.DIRECTOR)
    nobody = make_user(QueueRole.PARTICIPANT)
    for viewer in (mentors[0], director, owners[0], owners[1], nobody):
        response = client_for(viewer).get("/api/tickets/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        expected = old_bytes(viewer)
        assert response.content == expected
        assert response["Content-Length"] == str(len(expected))
    assert response.content == b"[]"
    assert b"Z" in old_bytes(director) or zone != "UTC"
    assert b"\\u2028\\u2029" in old_bytes(director)


@pytest.mark.parametrize("mode", MODES)
def test_indented_and_browsable_lists_are_rendered_as_before(settings, mode):
    """What the chunks cannot write byte for byte is rendered whole, as DRF always did."""
    settings.MENTORQ_CLIENT = mode
    settings.API_LIST_CHUNK = 7
    _, mentors = generate(count=20, seed=5)
    client = client_for(mentors[0])
    indented = client.get("/api/tickets/", HTTP_ACCEPT="application/json; indent=2")
    assert indented.status_code == 200
    data = s.ticket_serializer_class()(
        selectors.ticket_list(user=mentors[0]), many=True, context={"user": mentors[0]}
    ).data
    assert indented.content == JSONRenderer().render(data, "application/json; indent=2")
    page = client.get("/api/tickets/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert "Problème 19".encode() in page.content


def test_fractional_seconds_are_written_only_when_there_are_some(settings):
    settings.MENTORQ_CLIENT = "seed"
    owner = make_user(QueueRole.PARTICIPANT)
    for micro in (0, 1, 120000):
        Ticket.objects.create(
            owner=owner, title="t", created=datetime(2025, 3, 1, 12, 0, 0, micro, tzinfo=UTC)
        )
    body = client_for(owner).get("/api/tickets/").json()
    assert [t["created"] for t in body] == [
        "2025-03-01T12:00:00Z",
        "2025-03-01T12:00:00.000001Z",
        "2025-03-01T12:00:00.120000Z",
    ]


@pytest.mark.parametrize("mode", MODES)
def test_the_list_costs_the_same_queries_at_two_sizes(settings, mode):
    """85 tickets are 13 chunks of 7: still the queries of 5 (one query read by chunks)."""
    settings.MENTORQ_CLIENT = mode
    settings.API_LIST_CHUNK = 7
    owners, mentors = generate(count=5, seed=1)
    counts = []
    for extra in (0, 80):
        if extra:
            generate(count=extra, seed=2)
        for viewer in (mentors[0], owners[0]):
            client = client_for(viewer)
            client.get("/api/tickets/")  # the token's first use may touch the user row
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/api/tickets/")
            assert response.status_code == 200
            counts.append((viewer.queue_role, len(queries)))
    assert counts[:2] == counts[2:]


@pytest.mark.parametrize("mode", MODES)
def test_the_list_builds_no_ticket_or_user_per_ticket(settings, mode):
    settings.MENTORQ_CLIENT = mode
    _, mentors = generate(count=40, seed=3)
    client = client_for(mentors[0])
    built = []

    def count(sender, **kwargs):
        if sender in (Ticket, Feedback) or sender._meta.label == "accounts.User":
            built.append(sender)

    post_init.connect(count)
    try:
        response = client.get("/api/tickets/")
    finally:
        post_init.disconnect(count)
    assert response.status_code == 200
    assert len(response.json()) == 40
    assert [b for b in built if b is not Ticket and b is not Feedback] == built  # users only
    assert len(built) <= 1  # the authenticated viewer, not an owner or mentor per ticket
