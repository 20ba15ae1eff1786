"""Calendar attachments (.ics) for sessions.

One UID per session (``session-<pk>@oneonone``), so every update lands on the same calendar
entry; ``SEQUENCE`` is the session's revision. A request is METHOD:REQUEST (TENTATIVE while
pending, CONFIRMED once confirmed); a cancellation is METHOD:CANCEL with the same UID. Times are
given in the recipient's time zone (with its VTIMEZONE).
"""

from datetime import UTC

from icalendar import Calendar, Event, vCalAddress, vText

from core import clock
from mentoring.models import Session, SessionStatus

PRODID = "-//OneOnOne//Mentor booking//EN"


def _address(user, role: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{user.email}")
    address.params["cn"] = vText(user.display_name)
    address.params["role"] = vText(role)
    return address


def session_ics(session: Session, *, recipient, cancel: bool = False) -> str:
    zone = recipient.zone
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    event.add("uid", session.ics_uid)
    event.add("sequence", session.sequence)
    event.add("dtstamp", clock.now().astimezone(UTC))
    event.add("dtstart", session.start_time.astimezone(zone))
    event.add("dtend", session.end_time.astimezone(zone))
    mentor, mentee = session.mentor, session.mentee
    event.add(
        "summary",
        f"Mentoring session: {mentee.display_name} with {mentor.display_name}",
    )
    event.add("description", f"A {session.session_length}-minute one-on-one session.")
    if cancel:
        status = "CANCELLED"
    elif session.status == SessionStatus.CONFIRMED:
        status = "CONFIRMED"
    else:
        status = "TENTATIVE"
    event.add("status", status)
    event["organizer"] = _address(mentor, "CHAIR")
    event.add("attendee", _address(mentee, "REQ-PARTICIPANT"))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()
