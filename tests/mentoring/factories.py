"""Factories for mentor booking. Times are whole half hours in the future by default."""

from datetime import timedelta

import factory

from core import clock
from mentoring.models import (
    MenteeProfile,
    MentorAvailability,
    MentorProfile,
    Session,
    SessionStatus,
    Skill,
)
from tests.factories import UserFactory


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
