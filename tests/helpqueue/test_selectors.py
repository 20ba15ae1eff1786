"""helpqueue.selectors: positions, estimated wait and stats in a fixed number of queries."""

from datetime import timedelta

import pytest

from core.errors import Forbidden
from helpqueue import selectors
from tests.factories import TicketFactory, claimed_ticket, closed_ticket


def test_positions_agree_between_list_detail_and_owner_views(clock, participant, mentor):
    tickets = []
    for index in range(5):
        owner = participant if index == 3 else None
        tickets.append(TicketFactory(**({"owner": owner} if owner else {})))
        clock.advance(seconds=1)
    claimed_ticket(mentor=mentor)
    tickets[1].status, tickets[1].cancelled_at = "CANCELLED", clock.current
    tickets[1].save()
    listed = {q.ticket.pk: q.queue_position for q in selectors.ticket_list(user=mentor)}
    detail = {
        t.pk: selectors.visible_ticket(user=mentor, ticket_id=t.pk).queue_position for t in tickets
    }
    assert {pk: listed[pk] for pk in detail} == detail
    assert [detail[t.pk] for t in tickets] == [1, None, 2, 3, 4]
    assert [t.queue_position for t in selectors.ticket_list(user=participant)] == [3]


def test_same_created_time_is_ordered_by_id(mentor):
    first, second = TicketFactory(), TicketFactory()
    second.created = first.created
    second.save()
    assert [t.queue_position for t in selectors.ticket_list(user=mentor)] == [1, 2]
    assert selectors.visible_ticket(user=mentor, ticket_id=second.pk).queue_position == 2


def test_average_wait_uses_the_most_recent_claims(clock, mentor):
    for _ in range(selectors.RECENT_CLAIMS):
        claimed_ticket(mentor=mentor, after=timedelta(seconds=100))
        clock.advance(minutes=1)
    old = claimed_ticket(mentor=mentor, after=timedelta(hours=10))
    old.created -= timedelta(days=1)
    old.claimed_at -= timedelta(days=1)
    old.save()
    assert selectors.average_wait() == timedelta(seconds=100)


def test_estimated_wait_is_null_without_history(participant):
    TicketFactory(owner=participant)
    [ticket] = selectors.ticket_list(user=participant)
    assert (ticket.queue_position, ticket.estimated_wait_seconds) == (1, None)


def test_stats_are_for_directors_only(participant, mentor, organizer, director):
    for user in (participant, mentor, organizer):
        with pytest.raises(Forbidden):
            selectors.ticket_stats(user=user)
    closed_ticket(mentor=mentor, claimed_after=timedelta(seconds=1.5), closed_after=timedelta(1))
    assert selectors.ticket_stats(user=director) == {
        "average_claimed_datetime_seconds": 1.5,
        "average_closed_datetime_seconds": 86400.0,
    }


@pytest.mark.parametrize("count", [1, 3])
def test_selector_queries_are_fixed(mentor, participant, django_assert_num_queries, count):
    for _ in range(count):
        TicketFactory(owner=participant)
        claimed_ticket(owner=participant, mentor=mentor)
    for user in (mentor, participant):
        with django_assert_num_queries(2):
            tickets = selectors.ticket_list(user=user)
            assert [q.ticket.owner.email for q in tickets] == [participant.email] * (2 * count)
            assert {q.ticket.mentor.email for q in tickets if q.ticket.mentor} == {mentor.email}
