"""The factories of the suite: accounts, mentor booking, the help queue.

Times come from ``core.clock.now()`` (the ``clock`` fixture freezes it); mentoring times are whole
hours in the future by default.
"""

from datetime import timedelta

import factory

from accounts.models import QueueRole, User
from contacts.services import add_contact
from core import clock
from helpqueue.models import Ticket
from mentoring.models import (
    MenteeProfile,
    MentorAvailability,
    MentorProfile,
    Session,
    SessionStatus,
    Skill,
)

PASSWORD = "correct-horse-42"  # every factory-made account's unless given


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = "Tester"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


def make_contacts(user, names=("ana", "ben", "cy")):
    """Contacts of ``user`` (through the service), one per first name, at uni.edu."""
    return [
        add_contact(owner=user, first_name=first, last_name="Student", email=f"{first}@uni.edu")
        for first in names
    ]


# --- Mentor booking (seed 000) ------------------------------------------------------------------
def next_half_hour(days: int = 1):
    now = clock.now().replace(second=0, microsecond=0)
    base = now.replace(minute=0) + timedelta(days=days, hours=1)
    return base


class MentorFactory(UserFactory):
    is_mentor = True


class MenteeFactory(UserFactory):
    is_mentee = True


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    name = factory.Sequence(lambda n: f"Skill{n}")


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(MentorFactory)
    about_me = "I like to code."
    team_number = 1

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set([Skill.objects.get_or_create(name=name)[0] for name in extracted])


class MenteeProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenteeProfile

    user = factory.SubFactory(MenteeFactory)
    team_number = 4


class AvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorAvailability

    mentor = factory.SubFactory(MentorFactory)
    start_time = factory.LazyFunction(next_half_hour)
    end_time = factory.LazyAttribute(lambda a: a.start_time + timedelta(minutes=30))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    mentor_availability = factory.SubFactory(AvailabilityFactory)
    mentor = factory.LazyAttribute(lambda s: s.mentor_availability.mentor)
    mentee = factory.SubFactory(MenteeFactory)
    start_time = factory.LazyAttribute(lambda s: s.mentor_availability.start_time)
    session_length = 30
    end_time = factory.LazyAttribute(lambda s: s.start_time + timedelta(minutes=s.session_length))
    status = SessionStatus.PENDING


# --- Help queue (seed 002, MentorQ) -------------------------------------------------------------
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
