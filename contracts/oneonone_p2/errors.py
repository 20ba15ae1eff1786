"""Seed 001's answers to domain errors (applied by core.api.exception_handler).

DRF's shapes with the status of the error's kind, except: sign-up in the seed's wording (the
login, shared with seed 003, answers in contracts.shared_login); confirm on a finalized
calendar is 404; the invitee's link answers ``{"error": ...}`` for a bad token (401) and for an
answer that comes too late or twice, and 400 ``{"error": ...}`` for one to a finalized round
(as the seed documents).
"""

from core.api import ContractErrors, Reply, detail_body, error_body

LINK_ERROR = Reply(body=error_body)

ERRORS = ContractErrors(
    views={
        "SignupView": {
            "password_too_short": Reply(message="Password must be at least 8 characters long."),
            "username_taken": Reply(message="Username already taken."),
        },
        "ConfirmView": {"finalized": Reply(status=404, body=detail_body)},
        "RespondView": {
            "bad_token": LINK_ERROR,
            "deadline_passed": LINK_ERROR,
            "already_responded": LINK_ERROR,
            "finalized": Reply(status=400, message="Calendar has been finalized", body=error_body),
        },
    }
)
