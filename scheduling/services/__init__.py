"""Writes on scheduling rounds, by concept; every caller imports them from here.

- ``calendars``: creating, editing and deleting a round.
- ``invitations``: inviting, the invitee's own deadline, reminders and the automatic nudge,
  accepting, uninviting, and the address book's side (``follow_contact``, ``release_contact``).
- ``answers``: an invitee's answer through their link.
- ``windows``: availability windows one at a time (seeds 003 and 004).
- ``schedules``: draft and final schedules, one set of checks and one writing path, and where
  a meeting of a schedule may move (``feasible_starts``, a read beside the rules it reads).
- ``checks``: the input checks they share.

The rules they apply (deadlines, finalized, who may see what) are in ``scheduling.rules``.
"""

from scheduling.services.answers import submit_answer
from scheduling.services.calendars import create_calendar, delete_calendar, update_calendar
from scheduling.services.checks import NAME_MAX, SlotInput
from scheduling.services.invitations import (
    accept_invitation,
    follow_contact,
    invite_user,
    release_contact,
    remind_invitee,
    remove_invitation,
    send_due_nudges,
    set_invitation_deadline,
)
from scheduling.services.schedules import (
    MeetingInput,
    delete_draft_schedule,
    feasible_starts,
    finalize_calendar,
    finalize_draft,
    generate_draft_schedule,
    rule_broken,
    set_draft_schedule,
)
from scheduling.services.windows import add_window, delete_window, update_window

__all__ = [
    "NAME_MAX",
    "MeetingInput",
    "SlotInput",
    "accept_invitation",
    "add_window",
    "create_calendar",
    "delete_calendar",
    "delete_draft_schedule",
    "delete_window",
    "feasible_starts",
    "finalize_calendar",
    "finalize_draft",
    "follow_contact",
    "generate_draft_schedule",
    "invite_user",
    "release_contact",
    "remind_invitee",
    "remove_invitation",
    "rule_broken",
    "send_due_nudges",
    "set_draft_schedule",
    "set_invitation_deadline",
    "submit_answer",
    "update_calendar",
    "update_window",
]
