from datetime import timedelta

import factory

from accounts.models import QueueRole
from core import clock
from helpqueue.models import Ticket
from tests.factories import UserFactory


def make_user(role: str = QueueRole.PARTICIPANT, **kwargs):
    return UserFactory(queue_role=role, **kwargs)


class TicketFactory(factory.django.DjangoModelFactory):
    """An OPEN ticket; pass status/mentor/times for the other states (or use the helpers)."""

    class Meta:
        model = Ticket

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Help with bug {n}")
    comment = "My build fails."
    contact = "Slack @me"
    location = "Table 12"
    created = factory.LazyFunction(lambda: clock.now())


def claimed_ticket(*, mentor, after: timedelta = timedelta(minutes=5), **kwargs) -> Ticket:
    ticket = TicketFactory(**kwargs)
    ticket.status = Ticket.Status.CLAIMED
    ticket.mentor = mentor
    ticket.claimed_at = ticket.created + after
    ticket.save()
    return ticket


def closed_ticket(*, mentor, claimed_after, closed_after, **kwargs) -> Ticket:
    ticket = claimed_ticket(mentor=mentor, after=claimed_after, **kwargs)
    ticket.status = Ticket.Status.CLOSED
    ticket.closed_at = ticket.created + closed_after
    ticket.save()
    return ticket
