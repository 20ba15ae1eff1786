"""Suggested schedules: the optimizer fed from a calendar's rows.

Candidates are the meetings of ``meeting_minutes`` on the calendar's grid that fit inside the
owner's availability and one invitee's, in the calendar's wall-clock time (so a 09:00 window is
09:00 on both sides of a DST change). The owner's final meetings in other calendars are taken
out of the owner's availability first, so a suggestion can always be finalized.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

import optimizer
from core import clock, intervals
from scheduling import rules, selectors, timeutils
from scheduling.models import Calendar, Invitation


@dataclass(frozen=True)
class SuggestedMeeting:
    invitation: Invitation
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class SuggestedSchedule:
    meetings: list[SuggestedMeeting]
    scheduled: int
    preference: int
    optimal: bool


def _windows(intervals, tz) -> list[optimizer.Window]:
    windows = []
    for start, end, preference in intervals:
        for day, begin, finish in timeutils.local_day_pieces(start, end, tz):
            windows.append(optimizer.Window(day, begin, finish, preference))
    return windows


def suggest_for_round(
    everything: selectors.Round, *, count: int | None = None, wait_for_everyone: bool = True
) -> list[SuggestedSchedule]:
    """``suggest_schedules`` for a round read by selectors.calendar_with_everything, around the
    owner's final meetings in other calendars that are still to come."""
    calendar = everything.calendar
    busy = [(m.start, m.end) for m in selectors.other_final_meetings(calendar=calendar)]
    return suggest_schedules(
        calendar=calendar,
        windows=everything.windows,
        invitations=everything.invitations,
        busy=busy,
        count=count,
        wait_for_everyone=wait_for_everyone,
    )


def suggest_schedules(
    *,
    calendar: Calendar,
    windows: selectors.RoundWindows,
    invitations: list[Invitation],
    busy: list[tuple[dt.datetime, dt.datetime]] = (),
    count: int | None = None,
    wait_for_everyone: bool = True,
) -> list[SuggestedSchedule]:
    """Up to ``count`` schedules, best first, over the invitees who answered.

    Empty when nobody answered, and (``wait_for_everyone``, seed 001's rule) while invitees are
    still missing before their deadline; seed 003 schedules whoever answered so far.
    ``windows`` are the round's (selectors.round_windows).
    """
    if wait_for_everyone and rules.waiting_for_answers(calendar, invitations, now=clock.now()):
        return []
    answered = [i for i in invitations if i.has_answered]
    if not answered:
        return []
    tz = timeutils.zone(calendar.time_zone)
    owner = intervals.subtract([(w.start, w.end, w.preference) for w in windows.owner], busy)
    instance = optimizer.Instance(
        meeting_minutes=calendar.meeting_minutes,
        buffer_minutes=calendar.gap_minutes,
        grid_minutes=calendar.grid_minutes,
        owner=_windows(owner, tz),
        invitees=[
            optimizer.Invitee(
                id=str(i.pk),
                availability=tuple(
                    optimizer.Window(day, begin, finish, w.preference)
                    for w in windows.of(i)
                    for day, begin, finish in timeutils.window_pieces(w, tz)
                ),
            )
            for i in answered
        ],
    )
    result = optimizer.suggest(
        instance,
        count=count or settings.SUGGESTION_COUNT,
        time_limit=settings.SUGGESTION_TIME_LIMIT_SECONDS,
    )
    by_id = {str(i.pk): i for i in answered}
    length = dt.timedelta(minutes=calendar.meeting_minutes)
    instant = timeutils.minute_instant
    schedules = []
    for schedule in result.schedules:
        if not schedule.meetings:
            continue
        meetings = []
        for m in schedule.meetings:
            start = instant(m.date, m.start_minute, tz)
            meetings.append(
                SuggestedMeeting(invitation=by_id[m.invitee], start=start, end=start + length)
            )
        schedules.append(
            SuggestedSchedule(
                meetings=meetings,
                scheduled=schedule.scheduled,
                preference=schedule.preference,
                optimal=schedule.optimal,
            )
        )
    return schedules
