"""Ids as requests send them reach scheduling through core.ids.row_id: a value that cannot name a
row (a word, zero, a negative, a number past the 64-bit column) gets each caller's own answer,
never a database error."""

import datetime as dt

import pytest

from core.errors import DomainError, NotFound
from scheduling import selectors, services
from scheduling.models import AvailabilityWindow
from tests.factories import make_contacts

NAMES_NO_ROW = ["abc", "", None, 0, -3, "1e3", 2**63, "9" * 30]


def at(day, hour):
    return dt.datetime(2027, 3, day, hour)  # noqa: DTZ001 (wall clock in the calendar's zone)


@pytest.fixture
def calendar(user, clock):
    return services.create_calendar(
        owner=user,
        name="Interviews",
        deadline=at(5, 17),
        invitee_contact_ids=[c.pk for c in make_contacts(user, ["ana"])],
        slots=[services.SlotInput(at(8, 9), at(8, 12), 3)],
    )


@pytest.mark.parametrize("value", NAMES_NO_ROW)
def test_a_calendar_id_that_names_no_row_is_not_found(user, calendar, value):
    with pytest.raises(NotFound) as refused:
        selectors.owned_calendar(owner=user, calendar_id=value)
    assert refused.value.code == "calendar_not_found"


@pytest.mark.parametrize("value", NAMES_NO_ROW)
def test_invitation_window_and_member_ids_that_name_no_row_are_not_found(user, calendar, value):
    with pytest.raises(NotFound) as invitation:
        selectors.owned_invitation(owner=user, calendar_id=calendar.pk, invitation_id=value)
    with pytest.raises(NotFound) as window:
        selectors.member_window(user=user, calendar_id=calendar.pk, window_id=value)
    with pytest.raises(NotFound) as member:  # (None there means "everyone's")
        selectors.member_windows(user=user, calendar_id=calendar.pk, of_user_id=value or "x")
    with pytest.raises(NotFound) as reminded:
        services.remind_invitee(owner=user, calendar_id=calendar.pk, contact_id=value)
    codes = [e.value.code for e in (invitation, window, member, reminded)]
    assert codes == ["invitation_not_found", "window_not_found", "not_invited", "contact_not_found"]


def test_an_invitee_id_that_names_no_row_is_a_problem_on_the_field(user, calendar):
    with pytest.raises(DomainError) as refused:
        services.update_calendar(
            owner=user, calendar_id=calendar.pk, add_invitee_contact_ids=[2**64]
        )
    assert (refused.value.code, refused.value.field) == ("contact_not_found", "add_invitees")


def test_removing_ids_that_name_no_row_removes_nothing(user, calendar):
    services.update_calendar(
        owner=user,
        calendar_id=calendar.pk,
        remove_invitee_contact_ids=[2**64, -1],
        remove_window_ids=[2**64, 0],
    )
    assert (calendar.invitations.count(), AvailabilityWindow.objects.count()) == (1, 1)
