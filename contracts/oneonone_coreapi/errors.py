"""Seed 003's answers to domain errors (applied by core.api.exception_handler).

Calendars, availabilities, invitees and schedules: the status of the error's kind (403 not
owner, or not owner or invitee for availabilities; 404 unknown; 410 after the deadline or once
finalized), except finalizing twice, which is 400 ``{"detail": "Already finalized"}``; bodies
are ``{"detail": ...}`` unless the error belongs to a field. Friends: every refusal is 400
``{"error": ...}``. Accounts: DRF's shapes, simplejwt's 401 wording for a failed login, and
the seed's wording for the current-password checks.
"""

from core.api import (
    ANY,
    ContractErrors,
    Reply,
    detail_body,
    detail_or_fields_body,
    error_body,
    non_field_body,
)

PERMISSION_DENIED = "You do not have permission to perform this action."
NO_ACCOUNT = Reply(
    status=401, message="No active account found with the given credentials", body=detail_body
)

ERRORS = ContractErrors(
    views={
        "CoreapiView": {
            ANY: Reply(body=detail_or_fields_body),
            "not_owner": Reply(message=PERMISSION_DENIED),
            "not_your_window": Reply(message=PERMISSION_DENIED),
            "not_member": Reply(message="Not owner or invitee"),
            "calendar_not_found": Reply(message="Not found."),
            "invitation_not_found": Reply(message="Not found."),
            "window_not_found": Reply(message="Not found."),
        },
        "FinalizeView": {"finalized": Reply(status=400, message="Already finalized")},
        "FriendsBaseView": {ANY: Reply(status=400, body=error_body)},
        "ProfileView": {
            "current_password_required": Reply(
                status=400, message="Enter current password first", body=non_field_body
            ),
            "current_password_wrong": Reply(
                status=400, message="Current password is incorrect", body=non_field_body
            ),
            "passwords_differ": Reply(
                status=400, message="Password must match", body=non_field_body
            ),
        },
        "TokenObtainView": {
            "unknown_username": NO_ACCOUNT,
            "wrong_password": NO_ACCOUNT,
            "inactive": NO_ACCOUNT,
        },
    }
)
