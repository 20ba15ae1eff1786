"""Seed 004's answers to domain errors (applied by core.api.exception_handler).

DRF's shapes with the status of the error's kind; registration and profile edits in the seed's
wording; a failed login is 401 ``{"detail": ...}`` with the seed's distinct messages.
"""

from core.api import ContractErrors, Reply, detail_body

ACCOUNT_WORDING = {
    "password_too_short": Reply(message="The password must be at least 8 characters long."),
    "username_taken": Reply(message="A user with that username already exists."),
    "email_taken": Reply(message="A user with that email already exists."),
}


def _login_refused(message: str) -> Reply:
    return Reply(status=401, message=message, body=detail_body)


ERRORS = ContractErrors(
    # The seed names both the new account's and a new password's field "password1".
    fields={"password": "password1", "new_password": "password1"},
    views={
        "RegisterView": ACCOUNT_WORDING,
        "ProfileEditView": ACCOUNT_WORDING,
        "LoginView": {
            "unknown_username": _login_refused("A user with that username does not exist."),
            "wrong_password": _login_refused("The password is incorrect."),
            "inactive": _login_refused("This account is inactive."),
        },
    },
)
