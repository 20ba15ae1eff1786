"""Seed 003's operations as /api/schema/ documents them (see core/api_docs.py)."""

from core.api_docs import op
from core.paging import BAD_PAGE_EXAMPLE, PAGED_DESCRIPTION

CONTRACT = "003 OneOnOne coreapi"
_ABOUT = (
    "Seed 003, OneOnOne API (coreapi docs): calendars with date ranges, invitees who are "
    "users, their availabilities, a generated draft schedule the owner edits and finalizes, "
    "and contacts by friend request. The same rounds as 001 and 004 through a REST-style "
    "shape; for a new scheduling client prefer 001 (OneOnOne P2), which also covers invitees "
    "without accounts. Docs: docs/contracts/003-oneonone-coreapi.md."
)
TAGS = [
    (f"{CONTRACT}: accounts", f"{_ABOUT} This tag: register, log in (JWT), the profile."),
    (
        f"{CONTRACT}: calendars",
        f"{_ABOUT} This tag: calendars, availabilities, invitees, the schedule.",
    ),
    (f"{CONTRACT}: contacts", f"{_ABOUT} This tag: friends and friend requests."),
]
AUTH = (
    "`POST /accounts/register/`, then `POST /api/token/` (or `/accounts/login/`, shared with "
    'seed 001) with `username` and `password` answers `{"refresh", "access"}`; send '
    "`Authorization: Bearer <access>`; renew with `POST /api/token/refresh/`."
)

_NOT_OWNER = {"detail": "You do not have permission to perform this action."}
_FINALIZED = {"detail": "Calendar has been finalized."}
_DEADLINE = {"detail": "Deadline has passed"}
_NOT_OWNER_OR_INVITEE = {"detail": "Not owner or invitee"}
_AVAILABILITY_400 = {"detail": "End time must be after start time."}
_FRIEND_400 = {"error": "User does not exist"}

OPERATIONS = {
    "POST /accounts/register/": op(
        "coreapi_account_register",
        "Create an account",
        "`username`, `first_name`, `last_name`, `email`, `password`, `confirm_password`, all "
        "required; Django's password validators apply.",
        errors={400: {"confirm_password": ["Password must match"]}},
    ),
    "GET /accounts/profile/": op(
        "coreapi_profile_get",
        "The caller's profile",
        "The account (`user`) and the profile picture's URL.",
    ),
    "PUT /accounts/profile/": op(
        "coreapi_profile_update",
        "Change the caller's profile or password",
        "Only the fields given change: `first_name`, `last_name`, `email`, `profile_picture` "
        "(multipart), and `current_password` + `new_password` + `confirm_password`. A password "
        "change ends every session of the account, this one too: log in again.",
        errors={400: {"non_field_errors": ["Current password is incorrect"]}},
    ),
    "POST /api/token/": op(
        "coreapi_token_obtain",
        "Log in: get a JWT pair",
        "simplejwt's token pair, usernames without case. Wrong credentials: 401; repeated "
        "failures for one username from one client: 429.",
        errors={
            401: {"detail": "No active account found with the given credentials"},
            429: {"detail": "Too many failed logins. Try again in 300 seconds."},
        },
    ),
    "POST /api/token/refresh/": op(
        "coreapi_token_refresh",
        "Renew the access token",
        "A new access (and rotated refresh) token for a valid refresh token; an ended or bad "
        "one is 401.",
        errors={401: {"detail": "Token is blacklisted", "code": "token_not_valid"}},
    ),
    "GET /calendars/": op(
        "coreapi_calendars_list",
        "The caller's calendars",
        "The calendars the caller owns, newest first." + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE},
    ),
    "POST /calendars/": op(
        "coreapi_calendar_create",
        "Create a calendar",
        "`name`, `start_date`, `end_date`, all required. Answers 200, as the seed documents.",
        errors={400: {"end_date": ["End date must not be before start date."]}},
    ),
    "GET /calendars/{id}/": op(
        "coreapi_calendar_get",
        "One calendar",
        "The owner's only (403).",
        errors={403: _NOT_OWNER},
    ),
    "PUT /calendars/{id}/": op(
        "coreapi_calendar_update",
        "Rename a calendar",
        "`name` (required); `start_date` and `end_date` only with their current values (dates "
        "are fixed at creation). The owner's only (403); 410 once finalized.",
        errors={
            400: {"start_date": ["The start date cannot be changed once the calendar exists."]},
            403: _NOT_OWNER,
            410: _FINALIZED,
        },
    ),
    "DELETE /calendars/{id}/": op(
        "coreapi_calendar_delete",
        "Delete a calendar",
        "With its invitees, availabilities and meetings. Answers 200 `{}`. The owner's only.",
        errors={403: _NOT_OWNER},
    ),
    "PUT /calendars/{id}/finalize/": op(
        "coreapi_calendar_finalize",
        "Finalize the draft schedule",
        "No body: the current draft (POST .../schedule/ makes one; possibly empty) becomes "
        "final, checked like any final schedule; everyone scheduled gets an email with an .ics. "
        'Twice: 400 `{"detail": "Already finalized"}`.',
        errors={400: {"detail": "Already finalized"}, 403: _NOT_OWNER},
    ),
    "GET /calendars/{calendar_id}/availabilities/": op(
        "coreapi_availabilities_list",
        "A calendar's availabilities",
        "The owner sees every availability; an invitee the owner's and their own; by start."
        + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE, 403: _NOT_OWNER_OR_INVITEE},
    ),
    "POST /calendars/{calendar_id}/availabilities/": op(
        "coreapi_availability_create",
        "Add one's availability",
        "`start_period`, `end_period` (ISO 8601; without an offset, the calendar's time zone), "
        "`preference` 1-3, inside the calendar's dates. An invitee's first availability is "
        "their answer. 410 after the invitee's deadline or once finalized.",
        errors={400: _AVAILABILITY_400, 403: _NOT_OWNER_OR_INVITEE, 410: _DEADLINE},
    ),
    "GET /calendars/{calendar_id}/availabilities/{id}/": op(
        "coreapi_availability_get",
        "One availability",
        "The owner sees any; an invitee the owner's and their own.",
        errors={403: _NOT_OWNER_OR_INVITEE},
    ),
    "PUT /calendars/{calendar_id}/availabilities/{id}/": op(
        "coreapi_availability_update",
        "Change one's availability",
        "`start_period`, `end_period`, `preference`; only one's own (403). 410 after the "
        "invitee's deadline or once finalized.",
        errors={400: _AVAILABILITY_400, 403: _NOT_OWNER, 410: _DEADLINE},
    ),
    "DELETE /calendars/{calendar_id}/availabilities/{id}/": op(
        "coreapi_availability_delete",
        "Delete one's availability",
        "Only one's own (403). Answers 200 `{}`. 410 after the invitee's deadline or once "
        "finalized.",
        errors={403: _NOT_OWNER, 410: _DEADLINE},
    ),
    "GET /calendars/{calendar_id}/invitee/": op(
        "coreapi_invitees_list",
        "A calendar's invitees",
        "Each with its deadline and whether they gave availability. The owner's only."
        + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE, 403: _NOT_OWNER},
    ),
    "POST /calendars/{calendar_id}/invitee/": op(
        "coreapi_invitee_add",
        "Invite a user",
        "`invitee` (a user id) and `deadline`. The user becomes one of the owner's contacts and "
        "gets the invitation email with a link (seed 001's answer page).",
        errors={
            400: {"invitee": ["User does not exist."]},
            403: _NOT_OWNER,
            410: _FINALIZED,
        },
    ),
    "GET /calendars/{calendar_id}/invitee/{id}/": op(
        "coreapi_invitee_get",
        "One invitee",
        "`id` is the invitation's id. The owner's only.",
        errors={403: _NOT_OWNER},
    ),
    "PUT /calendars/{calendar_id}/invitee/{id}/": op(
        "coreapi_invitee_update",
        "Change an invitee's deadline",
        "`deadline`; `invitee` only with its current value. The owner's only; 410 once finalized.",
        errors={
            400: {"deadline": ["Deadline cannot be in the past"]},
            403: _NOT_OWNER,
            410: _FINALIZED,
        },
    ),
    "DELETE /calendars/{calendar_id}/invitee/{id}/": op(
        "coreapi_invitee_remove",
        "Uninvite a user",
        "Their availabilities and draft meeting go too; their link stops working. Answers "
        "200 `{}`. The owner's only; 410 once finalized.",
        errors={403: _NOT_OWNER, 410: _FINALIZED},
    ),
    "GET /calendars/{calendar_id}/schedule/": op(
        "coreapi_schedule_get",
        "The schedule",
        "The draft meetings, or the final ones once finalized, by start. The owner's only."
        + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE, 403: _NOT_OWNER},
    ),
    "POST /calendars/{calendar_id}/schedule/": op(
        "coreapi_schedule_generate",
        "Generate a draft schedule",
        "No body: the best schedule (most invitees, then preference) over the invitees who have "
        "answered so far replaces the draft; `[]` when nobody can be placed. 410 once finalized.",
        errors={403: _NOT_OWNER, 410: _FINALIZED},
    ),
    "PUT /calendars/{calendar_id}/schedule/": op(
        "coreapi_schedule_set",
        "Set the draft schedule by hand",
        '`{"schedule": [{"meeter", "start_period", "end_period"}]}` (or the bare list), checked '
        "like a final schedule: inside the owner's and the invitee's availability, each invitee "
        "once, no overlaps.",
        errors={
            400: {"schedule": ["Meeting times overlap: Ana Lopez and Ben Okafor."]},
            403: _NOT_OWNER,
            410: _FINALIZED,
        },
    ),
    "DELETE /calendars/{calendar_id}/schedule/": op(
        "coreapi_schedule_delete",
        "Delete the draft schedule",
        "Answers 200 `{}`. The owner's only; 410 once finalized.",
        errors={403: _NOT_OWNER, 410: _FINALIZED},
    ),
    "GET /contacts/": op(
        "coreapi_friends_list",
        "The caller's friends",
        "The usernames of the accounts in the caller's address book (the contacts seeds 001 "
        "and 004 use too). Not paged (an object, not a list).",
    ),
    "GET /contacts/friendRequests/": op(
        "coreapi_friend_requests_list",
        "Friend requests received",
        "Requests the caller received and has not answered, oldest first." + PAGED_DESCRIPTION,
        errors={400: {"error": BAD_PAGE_EXAMPLE["limit"][0]}},
    ),
    "POST /contacts/friendRequests/request/": op(
        "coreapi_friend_request_answer",
        "Accept or reject a friend request",
        "`username` of the requester and `action` (true accepts, false rejects). Accepting "
        "makes each a contact of the other.",
        errors={400: {"error": "No friend request from this user"}},
    ),
    "POST /contacts/friendRequests/user/": op(
        "coreapi_friend_request_send",
        "Send a friend request",
        "`requested`: the username to ask.",
        errors={400: {"error": "You have already sent a request to this user"}},
    ),
    "DELETE /contacts/friendRequests/user/": op(
        "coreapi_friend_remove",
        "Remove a friend",
        "`username` in the body: removes both address-book entries and the requests between "
        "the two. Answers 204.",
        errors={400: {"error": "You are not friends with this user"}},
    ),
}
