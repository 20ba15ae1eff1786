"""Every code an address-book error carries: what contracts map to their status and wording.

The values are the strings the contracts already match on; a new refusal adds a member here.
"""

from enum import StrEnum


class Code(StrEnum):
    # Input checks
    REQUIRED = "required"
    MAX_LENGTH = "max_length"
    INVALID = "invalid"
    NO_INPUT = "no_input"
    DUPLICATE = "duplicate"
    # What a request names
    CONTACT_NOT_FOUND = "contact_not_found"
    CONTACT_NOT_OWNED = "contact_not_owned"
    USER_NOT_FOUND = "user_not_found"
    SELF = "self"
    # Contacts between users
    ALREADY_FRIENDS = "already_friends"
    REVERSE_PENDING = "reverse_pending"
    ALREADY_SENT = "already_sent"
    NO_REQUEST = "no_request"
    NOT_FRIENDS = "not_friends"
    NOT_A_CONTACT = "not_a_contact"
