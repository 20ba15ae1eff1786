"""scheduling.rules: each rule of a round, on unsaved instances and an explicit ``now``."""

import datetime as dt

import pytest

from core.errors import Closed
from scheduling import rules
from scheduling.models import AvailabilityWindow, Calendar, Invitation, Meeting

NOW = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)
OWNER, ANA, BEN = 1, 2, 3


def calendar(*, deadline=None, finalized=False) -> Calendar:
    return Calendar(pk=10, owner_id=OWNER, deadline=deadline, finalized=finalized)


def invitation(cal, *, pk=20, deadline=None, user_id=ANA, answered=False) -> Invitation:
    return Invitation(
        pk=pk,
        calendar=cal,
        deadline=deadline,
        user_id=user_id,
        responded_at=NOW - HOUR if answered else None,
    )


def meeting(invite, *, status=Meeting.Status.FINAL) -> Meeting:
    return Meeting(calendar=invite.calendar, invitation=invite, status=status)


# --- Deadlines -----------------------------------------------------------------------------------
def test_effective_deadline_is_the_invitations_own_else_the_calendars():
    round_ = calendar(deadline=NOW + HOUR)
    assert rules.effective_deadline(invitation(round_, deadline=NOW + 2 * HOUR)) == NOW + 2 * HOUR
    assert rules.effective_deadline(invitation(round_)) == NOW + HOUR
    assert rules.effective_deadline(invitation(calendar())) is None


def test_effective_deadline_reads_the_given_calendar_when_the_invitation_has_none_yet():
    unsaved = Invitation(deadline=None)
    assert rules.effective_deadline(unsaved, calendar(deadline=NOW)) == NOW


@pytest.mark.parametrize(
    ("deadline", "passed"),
    [(None, False), (NOW + dt.timedelta(seconds=1), False), (NOW, True), (NOW - HOUR, True)],
)
def test_a_deadline_passes_at_its_instant(deadline, passed):
    assert rules.deadline_passed(deadline, now=NOW) is passed


def test_answers_due_passed_follows_the_effective_deadline():
    round_ = calendar(deadline=NOW - HOUR)
    assert rules.answers_due_passed(invitation(round_), now=NOW) is True
    assert rules.answers_due_passed(invitation(round_, deadline=NOW + HOUR), now=NOW) is False


def test_refuse_if_deadline_passed_raises_gone_only_once_passed():
    round_ = calendar(deadline=NOW)
    rules.refuse_if_deadline_passed(invitation(round_), now=NOW - HOUR)
    with pytest.raises(Closed) as refused:
        rules.refuse_if_deadline_passed(invitation(round_), now=NOW)
    assert (refused.value.code, refused.value.message) == ("deadline_passed", "Deadline has passed")


@pytest.mark.parametrize(
    ("deadline", "due"),
    [(None, None), (NOW + 3 * HOUR, NOW + HOUR), (NOW + 2 * HOUR, None), (NOW + HOUR, None)],
)
def test_the_nudge_is_due_its_lead_before_the_deadline_and_skipped_when_too_close(deadline, due):
    assert rules.nudge_due(deadline, now=NOW, lead=2 * HOUR) == due


# --- The round's state ---------------------------------------------------------------------------
def test_refuse_if_finalized_says_whether_it_was_finalizing_again():
    rules.refuse_if_finalized(calendar())
    with pytest.raises(Closed) as refused:
        rules.refuse_if_finalized(calendar(finalized=True))
    assert (refused.value.code, refused.value.message) == (
        "finalized",
        "Calendar has been finalized.",
    )
    with pytest.raises(Closed) as again:
        rules.refuse_if_finalized(calendar(finalized=True), again=True)
    assert again.value.message == "Calendar has already been finalized."


def test_waiting_for_answers_while_someone_may_still_answer():
    round_ = calendar(deadline=NOW + HOUR)
    answered = invitation(round_, pk=1, answered=True)
    missing = invitation(round_, pk=2)
    late = invitation(round_, pk=3, deadline=NOW - HOUR)
    assert rules.waiting_for_answers(round_, [answered, missing], now=NOW) is True
    assert rules.waiting_for_answers(round_, [answered, late], now=NOW) is False
    assert rules.waiting_for_answers(round_, [answered, missing], now=NOW + HOUR) is False
    assert rules.waiting_for_answers(round_, [], now=NOW) is False
    assert rules.waiting_for_answers(calendar(), [invitation(calendar())], now=NOW) is True


# --- Who may see what ----------------------------------------------------------------------------
def test_the_owner_sees_every_window_an_invitee_the_owners_and_their_own():
    round_ = calendar()
    ana, ben = invitation(round_, pk=1), invitation(round_, pk=2, user_id=BEN)
    owners, anas = AvailabilityWindow(invitation_id=None), AvailabilityWindow(invitation_id=1)
    assert [rules.may_see_window(w, invitation=None) for w in (owners, anas)] == [True, True]
    assert [rules.may_see_window(w, invitation=ana) for w in (owners, anas)] == [True, True]
    assert [rules.may_see_window(w, invitation=ben) for w in (owners, anas)] == [True, False]


def test_everyone_changes_only_their_own_windows():
    round_ = calendar()
    ana, ben = invitation(round_, pk=1), invitation(round_, pk=2, user_id=BEN)
    owners, anas = AvailabilityWindow(invitation_id=None), AvailabilityWindow(invitation_id=1)
    assert [rules.may_change_window(w, invitation=None) for w in (owners, anas)] == [True, False]
    assert [rules.may_change_window(w, invitation=ana) for w in (owners, anas)] == [False, True]
    assert [rules.may_change_window(w, invitation=ben) for w in (owners, anas)] == [False, False]


def test_whose_windows_a_member_may_list():
    round_ = calendar()
    ana = invitation(round_)
    assert rules.may_see_member(round_, invitation=None, viewer_id=OWNER, member_id=ANA)
    assert rules.may_see_member(round_, invitation=ana, viewer_id=ANA, member_id=OWNER)
    assert rules.may_see_member(round_, invitation=ana, viewer_id=ANA, member_id=ANA)
    assert not rules.may_see_member(round_, invitation=ana, viewer_id=ANA, member_id=BEN)


def test_meetings_show_only_once_the_round_is_finalized_and_only_final_ones():
    open_round, final_round = calendar(), calendar(finalized=True)
    assert (
        rules.may_see_meeting(meeting(invitation(open_round)), calendar=open_round, viewer_id=OWNER)
        is False
    )
    assert (
        rules.may_see_meeting(
            meeting(invitation(final_round)), calendar=final_round, viewer_id=OWNER
        )
        is True
    )
    draft = meeting(invitation(final_round), status=Meeting.Status.DRAFT)
    assert rules.may_see_meeting(draft, calendar=final_round, viewer_id=OWNER) is False


def test_the_owner_sees_every_meeting_an_invitee_their_own_and_of_user_narrows():
    round_ = calendar(finalized=True)
    anas, bens = meeting(invitation(round_, pk=1)), meeting(invitation(round_, pk=2, user_id=BEN))

    def seen(viewer, of_user_id=None):
        return [
            rules.may_see_meeting(m, calendar=round_, viewer_id=viewer, of_user_id=of_user_id)
            for m in (anas, bens)
        ]

    assert seen(OWNER) == [True, True]
    assert seen(OWNER, of_user_id=OWNER) == [True, True]
    assert seen(OWNER, of_user_id=BEN) == [False, True]
    assert seen(ANA) == [True, False]
    assert seen(ANA, of_user_id=OWNER) == [True, False]
    assert seen(ANA, of_user_id=BEN) == [False, False]
    assert seen(99) == [False, False]


def test_an_invitee_can_be_placed_only_where_their_time_meets_the_owners_for_a_whole_meeting():
    from types import SimpleNamespace as W

    at = lambda h, m=0: dt.datetime(2027, 3, 8, h, m, tzinfo=dt.UTC)  # noqa: E731
    owner = [W(start=at(9), end=at(10)), W(start=at(14), end=at(15))]
    assert rules.shares_a_meeting([W(start=at(9, 30), end=at(11))], owner, minutes=30)
    assert not rules.shares_a_meeting([W(start=at(9, 45), end=at(11))], owner, minutes=30)
    assert not rules.shares_a_meeting([W(start=at(10), end=at(14))], owner, minutes=15)
    assert rules.shares_a_meeting([W(start=at(13), end=at(16))], owner, minutes=60)
    assert not rules.shares_a_meeting([], owner, minutes=15)
