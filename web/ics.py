"""An invitee's meeting as an .ics file (the same event the finalizing email attaches)."""

import icalendar

from core import clock
from scheduling import timeutils


def meeting_ics(calendar, meeting) -> bytes:
    return meetings_ics(calendar, [meeting])


def meetings_ics(calendar, meetings) -> bytes:
    """One file holding every meeting (the owner's download of a final schedule)."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//OneOnOne//Scheduling rounds//EN")
    cal.add("version", "2.0")
    for meeting in meetings:
        cal.add_component(_event(calendar, meeting))
    cal.add_missing_timezones()
    return cal.to_ical()


def _event(calendar, meeting):
    tz = timeutils.zone(calendar.time_zone)
    owner = calendar.owner
    owner_name = owner.get_full_name() or owner.username
    invitee = meeting.invitation
    event = icalendar.Event()
    event.add("uid", meeting.uid)  # the email's UID: a calendar app keeps one event
    event.add("dtstamp", clock.now())
    event.add("dtstart", meeting.start.astimezone(tz))
    event.add("dtend", meeting.end.astimezone(tz))
    event.add("summary", f"{calendar.name}: {owner_name} / {invitee.full_name}")
    if calendar.description:
        event.add("description", calendar.description)
    organizer = icalendar.vCalAddress(f"mailto:{owner.email}")
    organizer.params["cn"] = owner_name
    event.add("organizer", organizer)
    attendee = icalendar.vCalAddress(f"mailto:{invitee.email}")
    attendee.params["cn"] = invitee.full_name
    event.add("attendee", attendee)
    return event
