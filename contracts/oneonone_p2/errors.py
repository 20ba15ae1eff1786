"""Seed 001's answers to domain errors (applied by core.api.exception_handler).

DRF's shapes with the status of the error's kind, except: sign-up in the seed's wording; a
failed login is 400 with 001's message in ``detail`` and 003's in ``non_field_errors`` (the
login is shared by both seeds); confirm on a finalized calendar is 404; the invitee's link
answers ``{"error": ...}`` for a bad token (401) and for an answer that comes too late or twice.
"""

from core.api import ContractErrors, Reply, detail_body, error_body


def _login_refused(message_003: str, detail_001: str):
    def body(problems, status_code) -> dict:
        return {"detail": detail_001, "non_field_errors": [message_003]}

    return Reply(status=400, body=body)


WRONG_CREDENTIALS = _login_refused(
    "Username and password do not match", "No active account found with the given credentials"
)
LINK_ERROR = Reply(body=error_body)

ERRORS = ContractErrors(
    views={
        "SignupView": {
            "password_too_short": Reply(message="Password must be at least 8 characters long."),
            "username_taken": Reply(message="Username already taken."),
        },
        "LoginView": {
            "inactive": _login_refused("User not activated", "User not activated"),
            "unknown_username": WRONG_CREDENTIALS,
            "wrong_password": WRONG_CREDENTIALS,
        },
        "ConfirmView": {"finalized": Reply(status=404, body=detail_body)},
        "RespondView": {
            "bad_token": LINK_ERROR,
            "deadline_passed": LINK_ERROR,
            "already_responded": LINK_ERROR,
            "finalized": LINK_ERROR,
        },
    }
)
