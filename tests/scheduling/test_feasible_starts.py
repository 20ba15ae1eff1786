"""Where a meeting of a schedule may move: scheduling.services.feasible_starts."""

import datetime as dt

import pytest

from core.errors import DomainError
from scheduling import selectors, services
from scheduling.tokens import token_for
from tests.factories import make_contacts

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def at(day, hour, minute=0):
    return dt.datetime(2027, 3, day, hour, minute)  # noqa: DTZ001 (wall clock in the calendar's zone)


def utc(hour, minute=0, day=8):
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=UTC)


def halves(first, last):
    """Every quarter-hour start from ``first`` to ``last`` (hour, minute), 8 March UTC."""
    start, end = utc(*first), utc(*last)
    return [start + dt.timedelta(minutes=15 * i) for i in range((end - start) // QUARTER + 1)]


QUARTER = dt.timedelta(minutes=15)


def new_round(owner, names=("ana", "ben"), **extra):
    """Owner free 8 March 9:00-12:00 UTC; 30-minute meetings on the 15-minute grid."""
    calendar = services.create_calendar(
        owner=owner,
        name="Interviews",
        deadline=at(5, 17),
        invitee_contact_ids=[c.pk for c in make_contacts(owner, names)],
        slots=[services.SlotInput(at(8, 9), at(8, 12), 3)],
        meeting_minutes=30,
        **extra,
    )
    return selectors.calendar_with_everything(owner=owner, calendar_id=calendar.pk)


def reread(round_or_calendar):
    calendar = getattr(round_or_calendar, "calendar", round_or_calendar)
    return selectors.calendar_with_everything(owner=calendar.owner, calendar_id=calendar.pk)


def invitee(everything, first_name):
    return next(i for i in everything.invitations if i.first_name == first_name)


def answer(calendar, first_name, *slots):
    invitation = invitee(calendar, first_name)
    services.submit_answer(
        calendar_id=calendar.calendar.pk,
        token=token_for(invitation.token_nonce),
        slots=[services.SlotInput(start, end, 2) for start, end in slots],
    )
    return reread(calendar)


def starts_for(calendar, first_name, schedule=()):
    who = invitee(calendar, first_name)
    return services.feasible_starts(everything=calendar, invitations=[who], schedule=schedule)[
        who.pk
    ]


def test_feasible_starts_of_one_who_never_answered_are_every_start_in_the_owners_time(user, clock):
    calendar = new_round(user)
    assert starts_for(calendar, "ana") == halves((9, 0), (11, 30))


def test_feasible_starts_of_one_who_answered_stay_inside_their_answer(user, clock):
    calendar = answer(new_round(user), "ana", (at(8, 9), at(8, 10)), (at(8, 11, 30), at(8, 13)))
    assert starts_for(calendar, "ana") == [utc(9), utc(9, 15), utc(9, 30), utc(11, 30)]


def test_feasible_starts_keep_the_gap_to_the_other_meetings(user, clock):
    calendar = new_round(user, gap_minutes=15)
    ben = invitee(calendar, "ben")
    starts = starts_for(calendar, "ana", schedule=[(ben, utc(10), utc(10, 30))])
    assert starts == [utc(9), utc(9, 15), utc(10, 45), utc(11), utc(11, 15), utc(11, 30)]


def test_feasible_starts_ignore_the_invitees_own_meeting_being_moved(user, clock):
    calendar = new_round(user)
    ana = invitee(calendar, "ana")
    assert starts_for(calendar, "ana", schedule=[(ana, utc(10), utc(10, 30))]) == halves(
        (9, 0), (11, 30)
    )


def test_feasible_starts_are_on_the_rounds_grid(user, clock):
    calendar = services.create_calendar(
        owner=user,
        name="Odd window",
        invitee_contact_ids=[c.pk for c in make_contacts(user, ["ana"])],
        slots=[services.SlotInput(at(8, 9, 10), at(8, 10), 3)],
        meeting_minutes=30,
    )
    calendar = reread(calendar)
    assert starts_for(calendar, "ana") == [utc(9, 15), utc(9, 30)]


def test_feasible_starts_follow_the_wall_clock_across_a_dst_change(user, clock):
    """Toronto springs forward on 14 March 2027: 9:00 there is 14:00 UTC before, 13:00 after."""
    calendar = services.create_calendar(
        owner=user,
        name="Across the change",
        time_zone="America/Toronto",
        invitee_contact_ids=[c.pk for c in make_contacts(user, ["ana"])],
        slots=[
            services.SlotInput(at(13, 9), at(13, 9, 30), 3),
            services.SlotInput(at(15, 9), at(15, 9, 30), 3),
        ],
        meeting_minutes=30,
    )
    assert starts_for(reread(calendar), "ana") == [utc(14, day=13), utc(13, day=15)]


def test_feasible_starts_leave_out_the_owners_final_meetings_elsewhere(user, clock):
    other = new_round(user, names=("cy",))
    cy = invitee(other, "cy")
    services.finalize_calendar(
        owner=user,
        calendar_id=other.calendar.pk,
        meetings=[services.MeetingInput(cy.contact_id, utc(9, 30), utc(10))],
    )
    calendar = services.create_calendar(
        owner=user,
        name="Second round",
        invitee_contact_ids=[c.pk for c in make_contacts(user, ["dee"])],
        slots=[services.SlotInput(at(8, 9), at(8, 11), 3)],
        meeting_minutes=30,
    )
    assert starts_for(reread(calendar), "dee") == [utc(9), utc(10), utc(10, 15), utc(10, 30)]


def test_feasible_starts_are_only_still_to_come(user, clock):
    calendar = new_round(user)
    clock.set(utc(10, 5))
    assert starts_for(calendar, "ana") == halves((10, 15), (11, 30))


def test_feasible_starts_of_everyone_at_once_with_nobody_invited_or_no_time(user, clock):
    calendar = new_round(user)
    assert services.feasible_starts(everything=calendar, invitations=[], schedule=[]) == {}
    clock.set(utc(12))
    ana, ben = calendar.invitations
    assert services.feasible_starts(everything=calendar, invitations=[ana, ben], schedule=[]) == {
        ana.pk: [],
        ben.pk: [],
    }


def test_every_feasible_start_is_accepted_by_the_schedule_checks(user, clock):
    """What is offered is exactly what _check_schedule accepts (draft and final alike)."""
    calendar = answer(new_round(user, gap_minutes=10), "ana", (at(8, 9, 30), at(8, 11, 30)))
    ben = invitee(calendar, "ben")
    schedule = [(ben, utc(10), utc(10, 30))]
    offered = set(starts_for(calendar, "ana", schedule=schedule))
    ana = invitee(calendar, "ana")
    for start in halves((9, 0), (11, 30)):
        meetings = [
            services.MeetingInput(ben.contact_id, utc(10), utc(10, 30)),
            services.MeetingInput(ana.contact_id, start, start + dt.timedelta(minutes=30)),
        ]
        try:
            services.set_draft_schedule(
                owner=user, calendar_id=calendar.calendar.pk, meetings=meetings
            )
        except DomainError:
            accepted = False
        else:
            accepted = True
        assert accepted == (start in offered), start
