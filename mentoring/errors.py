"""Every code a mentoring refusal carries (``DomainError.code``).

The values are stable: contracts map them, by string, to their documented status and wording.
"""

from enum import StrEnum


class Code(StrEnum):
    # Profiles and skills
    SKILLS_INVALID = "skills_invalid"
    TEAM_NUMBER_INVALID = "team_number_invalid"
    ABOUT_ME_INVALID = "about_me_invalid"
    PROFILE_EXISTS = "profile_exists"
    NO_PROFILE = "no_profile"
    # Who the caller is
    NOT_MENTOR = "not_mentor"
    NOT_MENTEE = "not_mentee"
    NOT_OWNER = "not_owner"
    NOT_FOUND = "not_found"
    # Availability
    START_PAST = "start_past"
    END_BEFORE_START = "end_before_start"
    TOO_LONG = "too_long"
    NOT_WHOLE_CHUNKS = "not_whole_chunks"
    AVAILABILITY_OVERLAP = "availability_overlap"
    AVAILABILITY_IN_USE = "availability_in_use"
    # Sessions
    BAD_LENGTH = "bad_length"
    UNKNOWN_AVAILABILITY = "unknown_availability"
    OWN_AVAILABILITY = "own_availability"
    OUTSIDE_AVAILABILITY = "outside_availability"
    SESSION_OVERLAP = "session_overlap"
    BAD_TRANSITION = "bad_transition"
    ALREADY_STARTED = "already_started"
    BAD_STATUS = "bad_status"
    REASON_TOO_LONG = "reason_too_long"
