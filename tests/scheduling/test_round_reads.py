"""scheduling.selectors.round_invitations: invitations built from values (their datetimes read
as text) are the ORM's own, field for field, on either database."""

import datetime as dt

import pytest

from scheduling import selectors, services
from scheduling.models import Invitation
from scheduling.tokens import token_for
from tests.factories import make_contacts

pytestmark = pytest.mark.django_db


def test_round_invitations_are_the_orms_instances_field_for_field(user, clock):
    calendar = services.create_calendar(
        owner=user,
        name="Interviews",
        deadline=dt.datetime(2027, 3, 5, 17, 0),  # noqa: DTZ001 (wall clock in the round's zone)
        invitee_contact_ids=[c.pk for c in make_contacts(user, ("ana", "ben", "cy"))],
        slots=[
            services.SlotInput(
                dt.datetime(2027, 3, 8, 9, 0),  # noqa: DTZ001
                dt.datetime(2027, 3, 8, 12, 0),  # noqa: DTZ001
                3,
            )
        ],
        meeting_minutes=30,
    )
    first, second, third = Invitation.objects.filter(calendar=calendar).order_by("pk")
    clock.advance(seconds=1.25)  # a time with microseconds
    services.submit_answer(
        calendar_id=calendar.pk,
        token=token_for(first.token_nonce),
        slots=[
            services.SlotInput(
                dt.datetime(2027, 3, 8, 9, 0),  # noqa: DTZ001
                dt.datetime(2027, 3, 8, 10, 0),  # noqa: DTZ001
                2,
            )
        ],
    )
    Invitation.objects.filter(pk=second.pk).update(
        deadline=dt.datetime(2027, 3, 6, 8, 30, tzinfo=dt.UTC), accepted=True
    )

    built = selectors.round_invitations(calendar)
    orm = list(Invitation.objects.filter(calendar=calendar).order_by("pk"))

    names = [f.attname for f in Invitation._meta.concrete_fields]
    assert [[getattr(i, n) for n in names] for i in built] == [
        [getattr(i, n) for n in names] for i in orm
    ]
    assert built[0].responded_at is not None and built[0].responded_at.microsecond == 250000
    assert built[0].responded_at.utcoffset() == dt.timedelta(0)
    assert built[1].deadline == dt.datetime(2027, 3, 6, 8, 30, tzinfo=dt.UTC)
    assert built[1].accepted is True and built[2].accepted is False
    assert all(i.calendar is calendar for i in built)  # no query to reach the round
    assert [i.pk for i in built] == [first.pk, second.pk, third.pk]
