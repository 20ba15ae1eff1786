"""A round's meetings as iCalendar: one event shape for the emailed invites and the downloads.

One UID per meeting (``Meeting.uid``), so the file an invitee downloads and the invite they were
emailed land on the same calendar entry. Times carry the round's TZID with its VTIMEZONE.
"""

import icalendar

from core import clock
from scheduling import timeutils
from scheduling.models import Calendar, Meeting

PRODID = "-//OneOnOne//Scheduling rounds//EN"


def owner_name(calendar: Calendar) -> str:
    return calendar.owner.display_name


def meeting_event(calendar: Calendar, meeting: Meeting, *, stamp) -> icalendar.Event:
    """The event of one meeting: the owner organizes, the invitee is a required participant."""
    tz = timeutils.zone(calendar.time_zone)
    invitee = meeting.invitation
    event = icalendar.Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", 0)
    event.add("dtstart", meeting.start.astimezone(tz))
    event.add("dtend", meeting.end.astimezone(tz))
    event.add("summary", f"{calendar.name}: {owner_name(calendar)} / {invitee.full_name}")
    if calendar.description:
        event.add("description", calendar.description)
    organizer = icalendar.vCalAddress(f"mailto:{calendar.owner.email}")
    organizer.params["cn"] = owner_name(calendar)
    event.add("organizer", organizer)
    attendee = icalendar.vCalAddress(f"mailto:{invitee.email}")
    attendee.params["cn"] = invitee.full_name
    attendee.params["role"] = "REQ-PARTICIPANT"
    event.add("attendee", attendee)
    return event


def meetings_ics(calendar: Calendar, meetings, *, invite: bool = False) -> str:
    """One file holding ``meetings`` of ``calendar``. ``invite``: an emailed invitation
    (METHOD:REQUEST, which a mail client offers to accept); a download has no method, so a
    calendar app simply imports it."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if invite:
        cal.add("method", "REQUEST")
    stamp = clock.now()
    for meeting in meetings:
        cal.add_component(meeting_event(calendar, meeting, stamp=stamp))
    cal.add_missing_timezones()
    return cal.to_ical().decode()
