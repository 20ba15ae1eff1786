"""The invitee's answer page: the link's round, the owner's times in the invitee's zone, and
the form that answers through ``scheduling.services.submit_answer`` (the API's own service).

It never shows another invitee. The token in the path is the invitee's only proof.
"""

import datetime as dt
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core import clock
from core.errors import DomainError
from scheduling import ics, rules, selectors, services
from web import grid
from web.errors import page_not_found
from web.forms import time_zone_choices

LEVELS = ((3, "Preferred"), (2, "Fine"), (1, "If need be"))
LEVEL_NAMES = dict(LEVELS)


def _invitation(calendar_id, token):
    try:
        return selectors.invitation_by_token(calendar_id=calendar_id, token=token)
    except DomainError:
        raise Http404(
            "This link does not work. Check that you copied the whole link from the email, "
            "or ask the person who invited you for a new one."
        ) from None


def _own_meeting(calendar, invitation):
    meetings = selectors.calendar_meetings(calendar=calendar, final_only=True)
    return next((m for m in meetings if m.invitation_id == invitation.pk), None)


def _google_link(calendar, meeting) -> str:
    owner = calendar.owner
    fmt = "%Y%m%dT%H%M%SZ"
    query = {
        "action": "TEMPLATE",
        "text": f"{calendar.name} with {owner.display_name}",
        "dates": f"{meeting.start.astimezone(dt.UTC):{fmt}}/{meeting.end.astimezone(dt.UTC):{fmt}}",
        "details": calendar.description,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


@page_not_found
@require_http_methods(["GET", "HEAD", "POST"])
def answer(request, calendar_id: int, token: str):
    invitation = _invitation(calendar_id, token)
    calendar = invitation.calendar
    round_zone = grid.zone_or_none(calendar.time_zone)
    asked_zone = request.GET.get("tz") or request.POST.get("tz")
    view_zone = grid.zone_or_none(asked_zone) or round_zone
    now = clock.now()
    deadline = rules.effective_deadline(invitation, calendar)
    state = "open"
    if calendar.finalized:
        state = "finalized"
    elif invitation.has_answered:
        state = "answered"
    elif rules.deadline_passed(deadline, now=now):
        state = "closed"

    owner = calendar.owner
    context = {
        "calendar": calendar,
        "invitation": invitation,
        "owner_name": owner.display_name,
        "deadline": deadline,
        "state": state,
        "view_zone": str(view_zone),
        "round_zone": calendar.time_zone,
        "zone_unknown": bool(asked_zone) and str(view_zone) != asked_zone,
        "zone_choices": time_zone_choices(),
        "levels": LEVELS,
        "hide_account_links": True,
        "errors": [],
        "token": token,
    }
    status = 200
    if state == "finalized":
        meeting = _own_meeting(calendar, invitation)
        context["meeting"] = meeting
        if meeting is not None:
            context["google_link"] = _google_link(calendar, meeting)
    elif state == "answered":
        windows = selectors.round_windows(calendar)
        context["answer"] = [
            (window, LEVEL_NAMES.get(window.preference, "")) for window in windows.of(invitation)
        ]
    elif state == "open":
        windows = selectors.round_windows(calendar)
        minutes = grid.cell_minutes(calendar.grid_minutes)
        cells = grid.cells_of(windows.owner, minutes=minutes, not_before=now)
        marks: dict[dt.datetime, int] = {}
        if request.method == "POST":
            marks, errors = grid.read_marks(request.POST, cells)
            if not errors and not marks and "none" not in request.POST:
                errors.append(
                    "Mark at least one time you can meet, or press “None of these times work”."
                )
            if not errors:
                try:
                    services.submit_answer(
                        calendar_id=calendar.pk,
                        token=token,
                        slots=grid.marked_slots(marks, cells),
                    )
                except DomainError as exc:
                    errors.extend(p.message for p in getattr(exc, "problems", None) or [exc])
                else:
                    target = request.path + (f"?{urlencode({'tz': str(view_zone)})}")
                    return redirect(target + "&answered=1")
            context["errors"] = errors
            status = 400
        context["weeks"] = grid.weeks(cells, view_zone, minutes=minutes)
        context["marks"] = {cell.key(view_zone): marks.get(cell.start, 0) for cell in cells}
        context["cell_count"] = len(cells)
    context["just_answered"] = request.GET.get("answered") == "1" and state == "answered"
    return render(request, "web/answer.html", context, status=status)


@page_not_found
def meeting_ics(request, calendar_id: int, token: str):
    invitation = _invitation(calendar_id, token)
    calendar = invitation.calendar
    meeting = _own_meeting(calendar, invitation) if calendar.finalized else None
    if meeting is None:
        raise Http404("No meeting is scheduled for this invitation.")
    response = HttpResponse(ics.meetings_ics(calendar, [meeting]), content_type="text/calendar")
    response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    return response
