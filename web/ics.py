"""An invitee's meeting as an .ics file (the same event the finalizing email attaches)."""

import icalendar

from core import clock
from scheduling import timeutils


def meeting_ics(calendar, meeting) -> bytes:
    tz = timeutils.zone(calendar.time_zone)
    owner = calendar.owner
    owner_name = owner.get_full_name() or owner.username
    invitee = meeting.invitation
    cal = icalendar.Calendar()
    cal.add("prodid", "-//OneOnOne//Scheduling rounds//EN")
    cal.add("version", "2.0")
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
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
