"""Reads on scheduling rounds, each in a fixed number of queries."""

from django.db.models import Prefetch

from accounts.models import User
from core import clock
from core.errors import Forbidden, NotFound
from scheduling.models import AvailabilityWindow, Calendar, Invitation, Meeting
from scheduling.tokens import hash_token


def _calendar_id(calendar_id) -> int:
    try:
        return int(calendar_id)
    except (TypeError, ValueError):
        raise NotFound("Calendar not found.", code="calendar_not_found") from None


def owned_calendar(*, owner: User, calendar_id, queryset=None) -> Calendar:
    """The owner's calendar: 404 if there is none with that id, 403 if it is someone else's."""
    queryset = queryset if queryset is not None else Calendar.objects.all()
    calendar = queryset.filter(pk=_calendar_id(calendar_id)).first()
    if calendar is None:
        raise NotFound("Calendar not found.", code="calendar_not_found")
    if calendar.owner_id != owner.pk:
        raise Forbidden("You do not own this calendar.", code="not_owner")
    return calendar


def calendar_with_everything(*, owner: User, calendar_id) -> Calendar:
    """A calendar with its invitations (and contacts), owner windows and invitee windows.

    Four queries whatever the number of invitees and windows: the calendar, the invitations
    with their contacts, and the windows (split into owner's and each invitee's in Python).
    Sets ``calendar.owner_windows`` and ``invitation.answer_windows``.
    """
    calendar = owned_calendar(
        owner=owner,
        calendar_id=calendar_id,
        queryset=Calendar.objects.prefetch_related(
            Prefetch(
                "invitations",
                queryset=Invitation.objects.select_related("contact").order_by("pk"),
            )
        ),
    )
    attach_windows(calendar)
    return calendar


def attach_windows(calendar: Calendar) -> None:
    windows = list(AvailabilityWindow.objects.filter(calendar=calendar).order_by("start", "pk"))
    calendar.owner_windows = [w for w in windows if w.invitation_id is None]
    by_invitation: dict[int, list[AvailabilityWindow]] = {}
    for window in windows:
        if window.invitation_id is not None:
            by_invitation.setdefault(window.invitation_id, []).append(window)
    for invitation in calendar.invitations.all():
        invitation.answer_windows = by_invitation.get(invitation.pk, [])


def invitation_by_token(*, calendar_id, token: str) -> Invitation:
    """The invitation a link opens. 404: no such calendar; 401 (code bad_token): wrong token."""
    calendar = Calendar.objects.filter(pk=_calendar_id(calendar_id)).select_related("owner").first()
    if calendar is None:
        raise NotFound("Calendar not found.", code="calendar_not_found")
    invitation = (
        Invitation.objects.select_related("contact")
        .filter(calendar=calendar, token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None:
        from core.errors import DomainError

        error = DomainError("Invalid token", code="bad_token")
        error.status = 401
        raise error
    invitation.calendar = calendar
    return invitation


def other_final_meetings(*, calendar: Calendar) -> list[Meeting]:
    """The owner's final meetings in other calendars that are still to come."""
    return list(
        Meeting.objects.filter(
            owner_id=calendar.owner_id, status=Meeting.Status.FINAL, end__gt=clock.now()
        ).exclude(calendar=calendar)
    )


def home(*, user: User) -> dict:
    """Finalized meetings (as owner or invitee) and calendars still open, for the home page."""
    meetings = list(
        Meeting.objects.filter(status=Meeting.Status.FINAL)
        .filter(owner=user)
        .select_related("calendar", "invitation__contact")
        .order_by("start", "pk")
    )
    as_invitee = list(
        Meeting.objects.filter(status=Meeting.Status.FINAL, invitation__contact__user=user)
        .exclude(owner=user)
        .select_related("calendar", "calendar__owner")
        .order_by("start", "pk")
    )
    open_calendars = list(
        Calendar.objects.filter(owner=user, finalized=False).order_by("deadline", "pk")
    )
    return {
        "meetings": meetings,
        "meetings_as_invitee": as_invitee,
        "open_calendars": open_calendars,
    }
