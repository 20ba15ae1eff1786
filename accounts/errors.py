"""Every code an accounts refusal carries (``DomainError.code``).

The values are stable: contracts map them, by string, to their documented status and wording.
A password refused by one of Django's validators carries that validator's own code (the four
configured ones are listed here); PASSWORD_INVALID is for a validator that gives none.
"""

from enum import StrEnum


class Code(StrEnum):
    # Field checks (sign-up, profile)
    REQUIRED = "required"
    USERNAME_INVALID = "username_invalid"
    USERNAME_TAKEN = "username_taken"
    EMAIL_INVALID = "email_invalid"
    EMAIL_TAKEN = "email_taken"
    PHONE_INVALID = "phone_invalid"
    TIME_ZONE_INVALID = "time_zone_invalid"
    PHOTO_INVALID = "photo_invalid"
    UNKNOWN_FIELD = "unknown_field"
    # Passwords
    PASSWORD_INVALID = "password_invalid"
    PASSWORD_TOO_SHORT = "password_too_short"
    PASSWORD_TOO_SIMILAR = "password_too_similar"
    PASSWORD_TOO_COMMON = "password_too_common"
    PASSWORD_ENTIRELY_NUMERIC = "password_entirely_numeric"
    CURRENT_PASSWORD_REQUIRED = "current_password_required"
    CURRENT_PASSWORD_WRONG = "current_password_wrong"
    PASSWORDS_DIFFER = "passwords_differ"
    # Login and tokens
    UNKNOWN_USERNAME = "unknown_username"
    WRONG_PASSWORD = "wrong_password"
    INACTIVE = "inactive"
    BAD_CREDENTIALS = "bad_credentials"
    THROTTLED = "throttled"
    TOKEN_INVALID = "token_invalid"
    TOKEN_NOT_YOURS = "token_not_yours"
    # Password reset
    INVALID_UID = "invalid_uid"
    INVALID_TOKEN = "invalid_token"
    # Notification settings
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
