"""The selectors the help queue's pages read: own tickets, the live queue, hourly activity."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest

from accounts.models import QueueRole
from core.errors import Forbidden, NotFound
from helpqueue import selectors, services
from tests.factories import TicketFactory, claimed_ticket, closed_ticket, make_user

pytestmark = pytest.mark.django_db


def test_own_tickets_are_the_callers_only_even_for_a_mentor(clock, mentor, participant):
    TicketFactory(owner=participant)
    mine = TicketFactory(owner=mentor)
    assert [q.ticket.pk for q in selectors.own_tickets(user=mentor)] == [mine.pk]


def test_own_tickets_carry_position_and_wait(clock, participant, other_participant, mentor):
    claimed_ticket(owner=other_participant, mentor=mentor, after=timedelta(minutes=10))
    TicketFactory(owner=other_participant)
    clock.advance(minutes=1)
    mine = TicketFactory(owner=participant)
    [queued] = selectors.own_tickets(user=participant)
    assert queued.ticket.pk == mine.pk
    assert (queued.queue_position, queued.estimated_wait_seconds) == (2, 1200)


def test_live_queue_is_open_and_claimed_oldest_first_with_positions(
    clock, mentor, other_mentor, participant
):
    first = TicketFactory(owner=participant)
    clock.advance(minutes=1)
    helped = claimed_ticket(owner=participant, mentor=other_mentor)
    clock.advance(minutes=1)
    closed_ticket(
        owner=participant, mentor=mentor, claimed_after=timedelta(1), closed_after=timedelta(2)
    )
    second = TicketFactory(owner=participant)
    services.change_ticket_status(
        user=participant, ticket_id=TicketFactory(owner=participant).pk, status="CANCELLED"
    )

    queue = selectors.live_queue_rows(user=mentor)

    assert [r.id for r in queue] == [first.pk, helped.pk, second.pk]
    assert [r.queue_position for r in queue] == [1, None, 2]
    assert [r.status for r in queue] == ["OPEN", "CLAIMED", "OPEN"]


def test_live_queue_rows_carry_the_names_the_page_shows(clock, mentor, other_mentor, participant):
    TicketFactory(owner=participant, owner_name="Anonymous")
    clock.advance(minutes=1)
    claimed = claimed_ticket(owner=participant, mentor=other_mentor)
    rows = selectors.live_queue_rows(user=mentor)
    assert rows[0].owner_name == "Anonymous"
    assert (rows[0].owner_username, rows[0].mentor_id) == (participant.username, None)
    assert (rows[1].mentor_id, rows[1].mentor_username) == (other_mentor.pk, other_mentor.username)
    assert (rows[1].created, rows[1].claimed_at) == (claimed.created, claimed.claimed_at)


@pytest.mark.parametrize("read", ["live_queue_rows", "live_queue_version"])
def test_live_queue_is_refused_to_participants(participant, read):
    with pytest.raises(Forbidden):
        getattr(selectors, read)(user=participant)


def at(hour, minute=0):
    return datetime(2025, 3, 1, hour, minute, tzinfo=UTC)


def test_hourly_activity_counts_each_hour_and_takes_medians(director, mentor, participant):
    for minutes in (4, 10, 30):  # waits 4, 10, 30 min: median 10
        closed_ticket(
            owner=participant,
            mentor=mentor,
            created=at(9, 5),
            claimed_after=timedelta(minutes=minutes),
            closed_after=timedelta(minutes=minutes + 20),
        )
    TicketFactory(owner=participant, created=at(9, 50))  # open: counted, no wait
    claimed_ticket(owner=participant, mentor=mentor, created=at(11, 0), after=timedelta(minutes=2))

    rows = selectors.hourly_activity(user=director, zone=zoneinfo.ZoneInfo("UTC"))

    assert [(r["hour"], r["opened"]) for r in rows] == [(at(9), 4), (at(10), 0), (at(11), 1)]
    assert [r["median_wait_seconds"] for r in rows] == [600.0, None, 120.0]
    assert [r["median_close_seconds"] for r in rows] == [1800.0, None, None]


def test_hourly_activity_hours_are_in_the_given_zone(director, participant):
    TicketFactory(owner=participant, created=at(9, 40))
    zone = zoneinfo.ZoneInfo("Asia/Kolkata")  # UTC+5:30: 09:40 UTC is 15:10 there
    [row] = selectors.hourly_activity(user=director, zone=zone)
    assert row["hour"] == datetime(2025, 3, 1, 15, 0, tzinfo=zone)
    assert row["opened"] == 1


def test_hourly_activity_keeps_the_latest_week_only(director, participant):
    TicketFactory(owner=participant, created=at(9) - timedelta(days=30))
    TicketFactory(owner=participant, created=at(9))
    rows = selectors.hourly_activity(user=director, zone=zoneinfo.ZoneInfo("UTC"))
    assert len(rows) == selectors.MAX_ACTIVITY_HOURS
    assert rows[-1]["hour"] == at(9)
    assert sum(r["opened"] for r in rows) == 1


def test_hourly_activity_without_tickets_is_empty_and_refused_to_mentors(director, mentor):
    assert selectors.hourly_activity(user=director, zone=zoneinfo.ZoneInfo("UTC")) == []
    with pytest.raises(Forbidden):
        selectors.hourly_activity(user=mentor, zone=zoneinfo.ZoneInfo("UTC"))


def test_people_with_queue_roles_lists_directors_first(participant):
    make_user(QueueRole.MENTOR, username="zed")
    make_user(QueueRole.DIRECTOR, username="dora")
    make_user(QueueRole.ORGANIZER, username="olga")
    make_user(QueueRole.MENTOR, username="ann")
    people = selectors.people_with_queue_roles()
    assert [p.username for p in people] == ["dora", "olga", "ann", "zed"]


def test_user_by_email_or_username_without_case(participant):
    assert selectors.user_by_email_or_username(f"  {participant.email.upper()} ") == participant
    assert selectors.user_by_email_or_username(participant.username.upper()) == participant
    for unknown in ("", "nobody@example.org"):
        with pytest.raises(NotFound) as caught:
            selectors.user_by_email_or_username(unknown)
        assert caught.value.field == "who"
