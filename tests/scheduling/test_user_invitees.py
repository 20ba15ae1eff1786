"""Services for invitees who are users (seeds 003 and 004): windows, drafts, finalizing."""

import datetime as dt

import pytest

from core.errors import Closed, DomainError, Forbidden, InvalidInput
from scheduling import services
from scheduling.models import AvailabilityWindow, Meeting
from scheduling.tokens import token_for
from tests.factories import UserFactory

UTC = dt.UTC


def at(day, hour, minute=0):
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def setup(user, other_user, clock):
    calendar = services.create_calendar(
        owner=user, name="Round", deadline=dt.datetime(2027, 3, 5, 17, tzinfo=UTC)
    )
    invitation = services.invite_user(owner=user, calendar_id=calendar.pk, user_id=other_user.pk)
    services.add_window(
        actor=user, calendar_id=calendar.pk, slot=services.SlotInput(at(8, 9), at(8, 11), 3)
    )
    return calendar, invitation


def test_first_window_is_the_answer_once(setup, other_user, clock):
    calendar, invitation = setup
    services.add_window(
        actor=other_user, calendar_id=calendar.pk, slot=services.SlotInput(at(8, 10), at(8, 11), 2)
    )
    first = type(invitation).objects.get().responded_at
    clock.advance(minutes=5)
    services.add_window(
        actor=other_user, calendar_id=calendar.pk, slot=services.SlotInput(at(8, 9), at(8, 10), 1)
    )
    assert (
        type(invitation).objects.get().responded_at
        == first
        == dt.datetime(2027, 3, 1, 12, tzinfo=UTC)
    )


def test_the_answer_closes_the_seed_001_link(setup, other_user):
    """Answering through an account counts as the answer a link would give (once)."""
    calendar, invitation = setup
    services.add_window(
        actor=other_user, calendar_id=calendar.pk, slot=services.SlotInput(at(8, 10), at(8, 11), 2)
    )
    with pytest.raises(DomainError) as error:
        services.submit_answer(
            calendar_id=calendar.pk,
            token=token_for(invitation.token_nonce),
            slots=[services.SlotInput(at(8, 9), at(8, 10), 1)],
        )
    assert error.value.code == "already_responded"


def test_stranger_has_no_windows(setup):
    calendar, _ = setup
    with pytest.raises(Forbidden):
        services.add_window(
            actor=UserFactory(),
            calendar_id=calendar.pk,
            slot=services.SlotInput(at(8, 9), at(8, 10), 1),
        )


def test_finalize_draft_rechecks_the_draft(setup, user, other_user):
    """A draft that no longer fits (the owner removed the window) fails the shared checks."""
    calendar, _ = setup
    services.add_window(
        actor=other_user, calendar_id=calendar.pk, slot=services.SlotInput(at(8, 10), at(8, 11), 2)
    )
    [draft] = services.generate_draft_schedule(owner=user, calendar_id=calendar.pk)
    assert (draft.start, draft.status) == (at(8, 10), Meeting.Status.DRAFT)
    window = AvailabilityWindow.objects.get(invitation__isnull=True)
    services.delete_window(actor=user, calendar_id=calendar.pk, window_id=window.pk)
    with pytest.raises(InvalidInput) as error:
        services.finalize_draft(owner=user, calendar_id=calendar.pk)
    assert [p.code for p in error.value.problems] == ["outside_owner"]
    assert not type(calendar).objects.get().finalized
    assert Meeting.objects.get().status == Meeting.Status.DRAFT


def test_draft_refuses_overlap_with_final_meetings_elsewhere(setup, user, other_user):
    calendar, _ = setup
    services.add_window(
        actor=other_user, calendar_id=calendar.pk, slot=services.SlotInput(at(8, 9), at(8, 11), 2)
    )
    services.generate_draft_schedule(owner=user, calendar_id=calendar.pk)
    services.finalize_draft(owner=user, calendar_id=calendar.pk)
    second = services.create_calendar(
        owner=user,
        name="Second",
        slots=[services.SlotInput(at(8, 9), at(8, 11), 3)],
    )
    third = UserFactory()
    services.invite_user(owner=user, calendar_id=second.pk, user_id=third.pk)
    services.add_window(
        actor=third, calendar_id=second.pk, slot=services.SlotInput(at(8, 9), at(8, 11), 3)
    )
    taken = Meeting.objects.get(calendar=calendar)
    with pytest.raises(InvalidInput) as error:
        services.set_draft_schedule(
            owner=user,
            calendar_id=second.pk,
            meetings=[services.MeetingInput(None, taken.start, taken.end, user_id=third.pk)],
        )
    assert [p.code for p in error.value.problems] == ["overlap"]
    [draft] = services.generate_draft_schedule(owner=user, calendar_id=second.pk)
    assert draft.start >= taken.end or draft.end <= taken.start


def test_finalized_calendar_refuses_every_change(setup, user, other_user):
    calendar, invitation = setup
    services.add_window(
        actor=other_user, calendar_id=calendar.pk, slot=services.SlotInput(at(8, 10), at(8, 11), 2)
    )
    services.generate_draft_schedule(owner=user, calendar_id=calendar.pk)
    services.finalize_draft(owner=user, calendar_id=calendar.pk)
    with pytest.raises(Closed):
        services.finalize_draft(owner=user, calendar_id=calendar.pk)
    with pytest.raises(Closed):
        services.accept_invitation(user=other_user, invitation_id=invitation.pk)
    with pytest.raises(Closed):
        services.remove_invitation(owner=user, calendar_id=calendar.pk, invitation_id=invitation.pk)
