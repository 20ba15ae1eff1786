"""What the round's page shows of answers and suggested schedules (presentation only).

The schedules come from ``scheduling.suggestions.suggest_schedules`` (the optimizer); this
module only arranges them: who is placed, who is left out, and in words why.
"""

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass

from scheduling import rules
from web import grid


@dataclass
class LeftOut:
    name: str
    reason: str


@dataclass
class ScheduleView:
    number: int
    meetings: list  # SuggestedMeeting, by start
    placed: int
    invited: int
    preference: int
    optimal: bool
    left_out: list[LeftOut]


def why_left_out(invitation, everything) -> str:
    answer = everything.answer_windows(invitation)
    if not invitation.has_answered:
        return "has not answered"
    if not answer:
        return "said none of the times work"
    if not rules.shares_a_meeting(
        answer, everything.owner_windows, minutes=everything.calendar.meeting_minutes
    ):
        return "no time they gave overlaps yours for a whole meeting"
    return "every time you share is taken by another meeting (or its gap)"


def arrange(schedules, everything) -> list[ScheduleView]:
    invitations = everything.invitations
    views = []
    for number, schedule in enumerate(schedules, start=1):
        placed = {m.invitation.pk for m in schedule.meetings}
        views.append(
            ScheduleView(
                number=number,
                meetings=sorted(schedule.meetings, key=lambda m: m.start),
                placed=len(placed),
                invited=len(invitations),
                preference=schedule.preference,
                optimal=schedule.optimal,
                left_out=[
                    LeftOut(i.full_name, why_left_out(i, everything))
                    for i in invitations
                    if i.pk not in placed
                ],
            )
        )
    return views


@dataclass(frozen=True)
class HeatCell:
    start: dt.datetime
    count: int
    heat: int  # 0 nobody .. 4 everyone who answered
    names: str


def heat_map(everything, tz, *, minutes: int):
    """The owner's times as weeks of cells, each with how many invitees gave it, and who."""
    answered = [i for i in everything.invitations if i.has_answered]
    cells = grid.cells_of(
        everything.owner_windows,
        minutes=minutes,
        not_before=dt.datetime.min.replace(tzinfo=dt.UTC),
    )
    starts = [cell.start for cell in cells]
    free: list[list[str]] = [[] for _ in cells]
    for invitation in answered:
        covered: set[int] = set()
        for window in everything.answer_windows(invitation):
            # the cells whose start lies in the window (cells are sorted by start)
            covered.update(
                range(bisect_left(starts, window.start), bisect_left(starts, window.end))
            )
        for index in covered:
            free[index].append(invitation.full_name)
    heat = {}
    for cell, names in zip(cells, free, strict=True):
        level = 0 if not names else 1 + (3 * len(names)) // max(len(answered), 1)
        heat[cell.start] = HeatCell(cell.start, len(names), min(level, 4), ", ".join(names))
    return grid.weeks(cells, tz, minutes=minutes), heat
