"""Seed 002 (MentorQ): mentors claiming one ticket at the same moment, through HTTP."""

import threading

import pytest
from django.db import connection

from accounts.models import QueueRole
from accounts.services import issue_jwt_pair
from helpqueue.models import Ticket
from notifications.models import OutboxMessage
from tests.clients import SchemaCheckedClient
from tests.factories import TicketFactory, make_user

MENTORS = 4


def _claim_together(ticket, mentors):
    """Each mentor PATCHes at once from its own thread (own connection); the responses."""
    barrier = threading.Barrier(len(mentors))
    tokens = [issue_jwt_pair(user=m)["access"] for m in mentors]
    results: list = [None] * len(mentors)

    def claim(index):
        client = SchemaCheckedClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens[index]}")
        try:
            barrier.wait(timeout=10)
            response = client.patch(f"/api/tickets/{ticket.pk}", {"status": "CLAIMED"})
            results[index] = (response.status_code, response.json())
        except Exception as exc:  # reported below, never swallowed
            results[index] = (500, repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(mentors))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_concurrent_claims_exactly_one_wins(round_):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "SQLite's shared-cache in-memory test database reports a table lock at once "
            "(SQLITE_LOCKED ignores the busy timeout) instead of waiting as a database file "
            "does; the race itself is covered on every database by "
            "tests/helpqueue/test_services.py::test_claim_loses_to_a_claim_between_read_and_write"
        )
    ticket = TicketFactory()
    mentors = [make_user(QueueRole.MENTOR) for _ in range(MENTORS)]

    results = _claim_together(ticket, mentors)

    winners = [i for i, (code, _) in enumerate(results) if code == 200]
    assert len(winners) == 1, results
    losers = [body for i, (code, body) in enumerate(results) if i not in winners]
    assert all(code in (200, 400) for code, _ in results), results
    assert losers == [{"status": ["This ticket is already claimed by another mentor."]}] * (
        MENTORS - 1
    )
    ticket.refresh_from_db()
    winner = mentors[winners[0]]
    assert (ticket.status, ticket.mentor_id) == (Ticket.Status.CLAIMED, winner.pk)
    assert results[winners[0]][1]["mentor_email"] == winner.email
    assert OutboxMessage.objects.filter(kind="ticket_claimed").count() == 1
