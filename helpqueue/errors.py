"""Every code a help-queue refusal carries (``DomainError.code``).

The values are stable: contracts map them, by string, to their documented status and wording.
"""

from enum import StrEnum


class Code(StrEnum):
    # Opening a ticket
    BLANK = "blank"
    MAX_LENGTH = "max_length"
    OWNER_EMAIL_NOT_YOURS = "owner_email_not_yours"
    STATUS_NOT_OPEN = "status_not_open"
    TOO_MANY_OPEN_TICKETS = "too_many_open_tickets"
    # Moving a ticket through its states
    INVALID_STATUS = "invalid_status"
    NOTHING_TO_CHANGE = "nothing_to_change"
    BUSY = "busy"
    TICKET_FINISHED = "ticket_finished"
    ALREADY_CLAIMED = "already_claimed"
    ALREADY_OPEN = "already_open"
    NOT_MENTOR = "not_mentor"
    OWN_TICKET = "own_ticket"
    MENTOR_EMAIL_NOT_YOURS = "mentor_email_not_yours"
    NOT_ITS_MENTOR = "not_its_mentor"
    NOT_CLAIMED = "not_claimed"
    NOT_OWNER = "not_owner"
    TICKET_NOT_FOUND = "ticket_not_found"
    # Feedback
    INVALID = "invalid"
    INVALID_RATING = "invalid_rating"
    TICKET_NOT_CLOSED = "ticket_not_closed"
    NO_MENTOR = "no_mentor"
    FEEDBACK_EXISTS = "feedback_exists"
    FEEDBACK_NOT_FOUND = "feedback_not_found"
    # Reads and roles
    NOT_DIRECTOR = "not_director"
    INVALID_ROLE = "invalid_role"
    USER_NOT_FOUND = "user_not_found"
