"""Writes on mentor booking, by concept; every caller keeps ``from mentoring import services``.

- ``profiles``: mentor and mentee profiles, skills;
- ``availability``: publishing and deleting a mentor's availability, its Open/Booked status;
- ``sessions``: requesting, confirming and canceling sessions;
- ``reminders``: the 60- and 15-minute reminders of confirmed sessions.

Keyword-only, verb-first functions that check the caller's rights and the rules (the rules
themselves are in ``mentoring.rules``), change state in one transaction and queue their emails
in it (sent after the commit). Refusals are DomainError values carrying a ``mentoring.errors``
code and the field at fault.

Concurrency: a session request locks the mentor's availability rows that the session touches,
then the user rows of both participants (in pk order), before checking for clashes. Two requests
for overlapping time of one mentor therefore run one after the other, and the second sees the
first. Confirm and cancel lock the same availability rows, then the session. On PostgreSQL,
exclusion constraints (migration 0002) refuse overlapping live sessions of one mentor or one
mentee, and overlapping availabilities of one mentor, even if a code path forgot the lock.
"""

from mentoring.services.availability import delete_availability, publish_availability
from mentoring.services.profiles import (
    create_mentee_profile,
    create_mentor_profile,
    delete_mentee_profile,
    delete_mentor_profile,
    update_mentee_profile,
    update_mentor_profile,
)
from mentoring.services.reminders import send_due_reminders
from mentoring.services.sessions import (
    cancel_session,
    change_session_status,
    confirm_session,
    request_session,
)

__all__ = [
    "cancel_session",
    "change_session_status",
    "confirm_session",
    "create_mentee_profile",
    "create_mentor_profile",
    "delete_availability",
    "delete_mentee_profile",
    "delete_mentor_profile",
    "publish_availability",
    "request_session",
    "send_due_reminders",
    "update_mentee_profile",
    "update_mentor_profile",
]
