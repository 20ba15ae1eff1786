"""Every code a scheduling error carries: what contracts map to their status and wording.

The values are the strings the contracts already match on; a new refusal adds a member here.
"""

from enum import StrEnum


class Code(StrEnum):
    # Input checks
    REQUIRED = "required"
    BLANK = "blank"
    MAX_LENGTH = "max_length"
    INVALID = "invalid"
    TIME_ZONE_INVALID = "time_zone_invalid"
    PREFERENCE_RANGE = "preference_range"
    END_BEFORE_START = "end_before_start"
    PAST = "past"
    OUTSIDE_DATES = "outside_dates"
    # What a request names
    CALENDAR_NOT_FOUND = "calendar_not_found"
    CONTACT_NOT_FOUND = "contact_not_found"
    CONTACT_NOT_OWNED = "contact_not_owned"
    INVITATION_NOT_FOUND = "invitation_not_found"
    WINDOW_NOT_FOUND = "window_not_found"
    USER_NOT_FOUND = "user_not_found"
    BAD_TOKEN = "bad_token"
    # Who may act
    NOT_OWNER = "not_owner"
    NOT_MEMBER = "not_member"
    NOT_INVITEE = "not_invitee"
    NOT_VISIBLE = "not_visible"
    NOT_YOUR_WINDOW = "not_your_window"
    # Invitations
    SELF = "self"
    ALREADY_INVITED = "already_invited"
    NOT_INVITED = "not_invited"
    INVITED_TO_OPEN_ROUNDS = "invited_to_open_rounds"
    ALREADY_RESPONDED = "already_responded"
    THROTTLED = "throttled"
    # The round's state
    FINALIZED = "finalized"
    DEADLINE_PASSED = "deadline_passed"
    # Schedules
    DUPLICATE = "duplicate"
    OUTSIDE_OWNER = "outside_owner"
    OUTSIDE_INVITEE = "outside_invitee"
    OVERLAP = "overlap"
    CHANGED_MEANWHILE = "changed_meanwhile"
    CONFLICT = "conflict"
