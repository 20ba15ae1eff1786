"""Reads on scheduling rounds, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Q

from accounts.models import User
from core import clock, isotime
from core.errors import Forbidden, NotFound, Unauthorized
from core.ids import row_id
from core.paging import Page
from scheduling import rules
from scheduling.errors import Code
from scheduling.models import AvailabilityWindow, Calendar, Invitation, Meeting
from scheduling.tokens import hash_token


def _calendar_id(calendar_id) -> int:
    found = row_id(calendar_id)
    if found is None:
        raise NotFound("Calendar not found.", code=Code.CALENDAR_NOT_FOUND)
    return found


def owned_calendar(*, owner: User, calendar_id, queryset=None) -> Calendar:
    """The owner's calendar: 404 if there is none with that id, 403 if it is someone else's."""
    queryset = queryset if queryset is not None else Calendar.objects.all()
    calendar = queryset.filter(pk=_calendar_id(calendar_id)).first()
    if calendar is None:
        raise NotFound("Calendar not found.", code=Code.CALENDAR_NOT_FOUND)
    if calendar.owner_id != owner.pk:
        raise Forbidden("You do not own this calendar.", code=Code.NOT_OWNER)
    return calendar


def calendar_with_everything(*, owner: User, calendar_id) -> "Round":
    """The owner's round: the calendar, its invitations, the owner's windows and each invitee's.

    A fixed number of queries whatever the number of invitees and windows: the calendar, the
    invitations (each records its invitee), and the windows (split into owner's and each
    invitee's in Python).
    """
    calendar = owned_calendar(owner=owner, calendar_id=calendar_id)
    return Round(
        calendar=calendar,
        invitations=round_invitations(calendar),
        windows=round_windows(calendar),
    )


def round_invitations(calendar: Calendar) -> list[Invitation]:
    """The calendar's invitations by id, from one query, each knowing its calendar.

    Model instances (services and pages use them as such) built from values whose datetimes are
    read as text (``isotime.raw_datetime``): Django's per-value datetime converter (SQLite) and
    timestamptz loader (PostgreSQL), both in Python, cost several times the query for a few
    hundred invitations.
    """
    fields = Invitation._meta.concrete_fields
    names = [f.attname for f in fields]
    datetimes = [n for n, f in enumerate(fields) if isinstance(f, models.DateTimeField)]
    rows = (
        Invitation.objects.filter(calendar_id=calendar.pk)
        .order_by("pk")
        .values_list(
            *(
                isotime.raw_datetime(f.attname) if n in datetimes else f.attname
                for n, f in enumerate(fields)
            )
        )
    )
    aware = isotime.aware
    set_calendar = Invitation.calendar.field.set_cached_value
    invitations = []
    for row in rows:
        values = list(row)
        for n in datetimes:
            values[n] = aware(values[n])
        invitation = Invitation.from_db(rows.db, names, values)
        set_calendar(invitation, calendar)
        invitations.append(invitation)
    return invitations


class WindowRow:
    """An availability window read as values (``round_windows``): what the services, the
    suggestions and the formats read of one (``pk``/``id``, ``start``, ``end``, ``preference``,
    ``invitation_id``, ``name``), without building a model instance per window."""

    # _local_pieces: timeutils.window_pieces' cache
    __slots__ = (
        "_local_pieces",
        "calendar_id",
        "end",
        "invitation_id",
        "name",
        "pk",
        "preference",
        "start",
    )

    def __init__(self, pk, calendar_id, invitation_id, start, end, preference, name):
        self.pk = pk
        self.calendar_id = calendar_id
        self.invitation_id = invitation_id
        self.start = start
        self.end = end
        self.preference = preference
        self.name = name

    @property
    def id(self) -> int:
        return self.pk

    def __repr__(self):
        return f"<WindowRow {self.pk} {self.start:%Y-%m-%d %H:%M}-{self.end:%H:%M}>"


@dataclass
class RoundWindows:
    """A round's availability as values: the owner's windows and each invitee's answer windows
    (by invitation id), each list by start, then id."""

    owner: list[WindowRow]
    answers: dict[int, list[WindowRow]]

    def of(self, invitation) -> list[WindowRow]:
        """The answer windows of ``invitation`` (an Invitation or its id)."""
        return self.answers.get(getattr(invitation, "pk", invitation), [])


@dataclass
class Round:
    """What ``calendar_with_everything`` reads: the calendar, its invitations (by id) and its
    windows. A value of its own, so no model instance carries attributes set here."""

    calendar: Calendar
    invitations: list[Invitation]
    windows: RoundWindows

    @property
    def owner_windows(self) -> list[WindowRow]:
        return self.windows.owner

    def answer_windows(self, invitation) -> list[WindowRow]:
        return self.windows.of(invitation)


def round_windows(calendar: Calendar) -> RoundWindows:
    """The round's windows from one query, in one pass, as ``WindowRow`` values."""
    rows = (
        AvailabilityWindow.objects.filter(calendar_id=calendar.pk)
        .order_by("start", "pk")
        .values_list(
            "pk",
            "invitation_id",
            isotime.raw_datetime("start"),
            isotime.raw_datetime("end"),
            "preference",
            "name",
        )
    )
    aware = isotime.aware
    owner_windows: list[WindowRow] = []
    by_invitation: dict[int, list[WindowRow]] = {}
    calendar_id = calendar.pk
    for pk, invitation_id, start, end, preference, name in rows:
        window = WindowRow(
            pk, calendar_id, invitation_id, aware(start), aware(end), preference, name
        )
        if invitation_id is None:
            owner_windows.append(window)
        else:
            found = by_invitation.get(invitation_id)
            if found is None:
                by_invitation[invitation_id] = [window]
            else:
                found.append(window)
    return RoundWindows(owner=owner_windows, answers=by_invitation)


def invitation_by_token(*, calendar_id, token: str) -> Invitation:
    """The invitation a link opens. 404: no such calendar; 401 (code bad_token): wrong token."""
    calendar = Calendar.objects.filter(pk=_calendar_id(calendar_id)).select_related("owner").first()
    if calendar is None:
        raise NotFound("Calendar not found.", code=Code.CALENDAR_NOT_FOUND)
    invitation = Invitation.objects.filter(
        calendar=calendar, token_hash=hash_token(token or "")
    ).first()
    if invitation is None:
        raise Unauthorized("Invalid token", code=Code.BAD_TOKEN)
    invitation.calendar = calendar
    return invitation


def other_final_meetings(*, calendar: Calendar) -> list[Meeting]:
    """The owner's final meetings in other calendars that are still to come."""
    return list(
        Meeting.objects.filter(
            owner_id=calendar.owner_id, status=Meeting.Status.FINAL, end__gt=clock.now()
        ).exclude(calendar=calendar)
    )


def final_meetings_elsewhere(*, calendar: Calendar, start, end) -> list[Meeting]:
    """The owner's final meetings in other calendars that overlap [start, end), past or not.

    What a schedule spanning that time must not overlap (the check that PostgreSQL's exclusion
    constraint backs up), so a meeting already over counts too.
    """
    return list(
        Meeting.objects.filter(
            owner_id=calendar.owner_id, status=Meeting.Status.FINAL, start__lt=end, end__gt=start
        ).exclude(calendar=calendar)
    )


def home(*, user: User) -> dict:
    """Finalized meetings (as owner or invitee) and calendars still open, for the home page."""
    meetings = list(
        Meeting.objects.filter(status=Meeting.Status.FINAL)
        .filter(owner=user)
        .select_related("calendar", "invitation")
        .order_by("start", "pk")
    )
    as_invitee = list(
        Meeting.objects.filter(status=Meeting.Status.FINAL, invitation__user=user)
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


def finalized_calendars_of(*, owner: User) -> list[Calendar]:
    """The owner's finalized calendars, by deadline. One query."""
    return list(Calendar.objects.filter(owner=owner, finalized=True).order_by("deadline", "pk"))


# --- Seeds 003 and 004: invitees who are users ---------------------------------------------------
def calendar_for_member(*, user: User, calendar_id, queryset=None):
    """(calendar, the user's invitation or None for the owner). 404 unknown, 403 neither.

    A user is an invitee through the account recorded on the invitation (the owner's contact
    entry's account while the round is open; kept after the entry is removed).
    """
    queryset = queryset if queryset is not None else Calendar.objects.all()
    calendar = queryset.filter(pk=_calendar_id(calendar_id)).first()
    if calendar is None:
        raise NotFound("Calendar not found.", code=Code.CALENDAR_NOT_FOUND)
    if calendar.owner_id == user.pk:
        return calendar, None
    invitation = Invitation.objects.filter(calendar=calendar, user=user).order_by("pk").first()
    if invitation is None:
        raise Forbidden("Not owner or invitee", code=Code.NOT_MEMBER)
    invitation.calendar = calendar
    return calendar, invitation


def _cut(rows, page: Page | None):
    """``rows`` (an ordered queryset), or only ``page`` of them, cut by the database."""
    return rows if page is None else page.cut(rows)


def _two_lists_page(first, second, page: Page | None) -> tuple[list, list]:
    """The rows of two ordered querysets read one after the other, cut to ``page`` in the
    database: (the first's rows on the page, the second's rows on the page).

    ``second`` may be None (an empty list). Without a page: one query each. With one: one query
    while the page lies within the first list; reaching the second adds its query, and one count
    of the first when the page starts past its end (so never more than three, whatever the
    number of rows).
    """
    if page is None:
        return list(first), list(second) if second is not None else []
    head = list(page.cut(first))
    if len(head) == page.limit or second is None:
        return head, []
    # Where the page starts in the second list: at its start when the first one ends on this
    # page (or is empty), else as far past it as the page starts past the first one's end.
    skip = 0 if head or page.offset == 0 else page.offset - first.count()
    tail = list(second[skip : skip + page.limit - len(head)])
    return head, tail


def calendars_of(*, owner: User, page: Page | None = None):
    """The owner's calendars, newest first (only ``page`` of them if given). One query."""
    return _cut(Calendar.objects.filter(owner=owner).order_by("-created_at", "-pk"), page)


def calendars_with_answer_counts(*, owner: User):
    """The owner's calendars, newest first, each with ``invited`` (its invitees) and
    ``answered`` (those who answered). One query."""
    return (
        Calendar.objects.filter(owner=owner)
        .order_by("-created_at", "-pk")
        .annotate(
            invited=Count("invitations"),
            answered=Count("invitations", filter=Q(invitations__responded_at__isnull=False)),
        )
    )


def invitations_of_user(*, user: User, page: Page | None = None):
    """The user's invitations to other people's calendars, with the calendars (only ``page`` of
    them if given). One query."""
    return _cut(
        Invitation.objects.filter(user=user)
        .exclude(calendar__owner=user)
        .select_related("calendar")
        .order_by("calendar__created_at", "pk"),
        page,
    )


def calendars_and_invitations_of(
    *, user: User, page: Page | None = None
) -> tuple[list[Calendar], list[Invitation]]:
    """(the user's calendars, their invitations to other people's), as one list read in that
    order and cut to ``page`` in the database. At most three queries (``_two_lists_page``)."""
    return _two_lists_page(calendars_of(owner=user), invitations_of_user(user=user), page)


def calendar_invitations(*, owner: User, calendar_id, page: Page | None = None):
    """(calendar, its invitations with the invitees' accounts, only ``page`` of them if given).
    Two queries."""
    calendar = owned_calendar(owner=owner, calendar_id=calendar_id)
    invitations = list(
        _cut(
            Invitation.objects.filter(calendar=calendar).select_related("user").order_by("pk"), page
        )
    )
    for invitation in invitations:
        invitation.calendar = calendar
    return calendar, invitations


def owned_invitation(*, owner: User, calendar_id, invitation_id, queryset=None) -> Invitation:
    """An invitation of the owner's calendar: 404 unknown calendar or invitation, 403 not owner."""
    calendar = owned_calendar(owner=owner, calendar_id=calendar_id, queryset=queryset)
    invitation = (
        Invitation.objects.select_related("user")
        .filter(calendar=calendar, pk=row_id(invitation_id))
        .first()
    )
    if invitation is None:
        raise NotFound("Invitee not found.", code=Code.INVITATION_NOT_FOUND)
    invitation.calendar = calendar
    return invitation


def member_windows(*, user: User, calendar_id, of_user_id=None, page: Page | None = None):
    """(calendar, invitation, windows the user may see), optionally only one user's, by start
    (only ``page`` of them if given, cut by the database).

    A fixed number of queries (three, four with ``of_user_id`` of an invitee).

    ``of_user_id`` is the owner's id for the owner's windows, or an invitee's account id.
    """
    calendar, invitation, windows = _member_windows_query(
        user=user, calendar_id=calendar_id, of_user_id=of_user_id
    )
    return calendar, invitation, _visible_windows(_cut(windows, page), calendar, invitation)


def _member_windows_query(*, user: User, calendar_id, of_user_id=None):
    """(calendar, invitation, the ordered query of the windows ``member_windows`` lists)."""
    calendar, invitation = calendar_for_member(user=user, calendar_id=calendar_id)
    windows = AvailabilityWindow.objects.filter(calendar=calendar)
    if invitation is not None:
        # rules.may_see_window in the query, so that a page is cut from the visible windows only.
        windows = windows.filter(Q(invitation__isnull=True) | Q(invitation=invitation))
    if of_user_id is not None:
        of_user_id = row_id(of_user_id)  # None (no such account) is refused as one
        if not rules.may_see_member(
            calendar, invitation=invitation, viewer_id=user.pk, member_id=of_user_id
        ):
            raise Forbidden(
                "An invitee sees only the owner's availability and their own.",
                code=Code.NOT_VISIBLE,
            )
        if of_user_id == calendar.owner_id:
            windows = windows.filter(invitation__isnull=True)
        else:
            if (
                of_user_id is None
                or not Invitation.objects.filter(calendar=calendar, user_id=of_user_id).exists()
            ):
                raise NotFound("This user is not invited to this calendar.", code=Code.NOT_INVITED)
            windows = windows.filter(invitation__user_id=of_user_id)
    return calendar, invitation, windows.select_related("invitation").order_by("start", "pk")


def _visible_windows(windows, calendar: Calendar, invitation) -> list[AvailabilityWindow]:
    # The query already keeps only these; the rule stays the one that decides.
    visible = [w for w in windows if rules.may_see_window(w, invitation=invitation)]
    for window in visible:
        window.calendar = calendar
    return visible


def member_events(
    *, user: User, calendar_id, of_user_id, page: Page | None = None
) -> tuple[Calendar, list[AvailabilityWindow], list[Meeting]]:
    """(calendar, one member's windows, then the final meetings the user may see of them), as
    one list read in that order (windows by start, then meetings by start) and cut to ``page``
    in the database. ``member_windows``' queries, then at most two more (``_two_lists_page``)."""
    calendar, invitation, windows = _member_windows_query(
        user=user, calendar_id=calendar_id, of_user_id=of_user_id
    )
    meetings = _visible_meetings_query(calendar=calendar, user=user, of_user_id=of_user_id)
    windows, meetings = _two_lists_page(windows, meetings, page)
    return (
        calendar,
        _visible_windows(windows, calendar, invitation),
        _seen_meetings(meetings, calendar=calendar, user=user, of_user_id=of_user_id),
    )


def member_window(*, user: User, calendar_id, window_id) -> AvailabilityWindow:
    calendar, invitation = calendar_for_member(user=user, calendar_id=calendar_id)
    window = (
        AvailabilityWindow.objects.filter(calendar=calendar, pk=row_id(window_id))
        .select_related("invitation")
        .first()
    )
    if window is None or not rules.may_see_window(window, invitation=invitation):
        raise NotFound("Availability not found.", code=Code.WINDOW_NOT_FOUND)
    window.calendar = calendar
    return window


def _meetings_query(*, calendar: Calendar, final_only: bool = False):
    meetings = Meeting.objects.filter(calendar=calendar).select_related("invitation")
    if final_only:
        meetings = meetings.filter(status=Meeting.Status.FINAL)
    return meetings.order_by("start", "pk")


def calendar_meetings(
    *, calendar: Calendar, final_only: bool = False, page: Page | None = None
) -> list[Meeting]:
    """The calendar's meetings (draft or final; only final ones with ``final_only``) with their
    invitations, by start (only ``page`` of them if given). One query."""
    meetings = list(_cut(_meetings_query(calendar=calendar, final_only=final_only), page))
    for meeting in meetings:
        meeting.calendar = calendar
    return meetings


def _visible_meetings_query(*, calendar: Calendar, user: User, of_user_id=None):
    """The ordered query of the meetings ``visible_meetings`` lists; None before the round shows
    its meetings. rules.may_see_meeting in the query, so that a page is cut from them only."""
    if not rules.meetings_shown(calendar):
        return None
    meetings = _meetings_query(calendar=calendar, final_only=True)
    if user.pk != calendar.owner_id:
        meetings = meetings.filter(invitation__user_id=user.pk)
    if of_user_id is not None and of_user_id != calendar.owner_id:
        of_user_id = row_id(of_user_id)
        if of_user_id is None:
            return meetings.none()
        meetings = meetings.filter(invitation__user_id=of_user_id)
    return meetings


def _seen_meetings(meetings, *, calendar: Calendar, user: User, of_user_id) -> list[Meeting]:
    seen = []
    for meeting in meetings:
        meeting.calendar = calendar
        if rules.may_see_meeting(
            meeting, calendar=calendar, viewer_id=user.pk, of_user_id=of_user_id
        ):
            seen.append(meeting)
    return seen


def visible_meetings(
    *, calendar: Calendar, user: User, of_user_id=None, page: Page | None = None
) -> list[Meeting]:
    """The calendar's meetings the user may see (rules.may_see_meeting), by start; optionally
    only one member's (only ``page`` of them if given). One query, none before the round shows
    its meetings."""
    meetings = _visible_meetings_query(calendar=calendar, user=user, of_user_id=of_user_id)
    if meetings is None:
        return []
    return _seen_meetings(_cut(meetings, page), calendar=calendar, user=user, of_user_id=of_user_id)
