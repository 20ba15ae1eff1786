"""The landing page (anonymous) and the owner's dashboard (logged in)."""

from django.shortcuts import render

from core import clock
from scheduling import selectors


def home(request):
    if not request.user.is_authenticated:
        return render(request, "web/landing.html", {"nav": "home"})
    user = request.user
    rounds = selectors.calendars_with_answer_counts(owner=user)
    now = clock.now()
    summary = selectors.home(user=user)
    upcoming = [m for m in summary["meetings"] if m.end > now]
    as_invitee = [m for m in summary["meetings_as_invitee"] if m.end > now]
    return render(
        request,
        "web/dashboard.html",
        {
            "nav": "home",
            "rounds": list(rounds),
            "upcoming": upcoming,
            "as_invitee": as_invitee,
            "now": now,
            "zone": user.time_zone or "UTC",
        },
    )
