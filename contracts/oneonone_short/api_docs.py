"""Seed 004's operations as /api/schema/ documents them (see core/api_docs.py)."""

from core.api_docs import op
from core.paging import BAD_PAGE_EXAMPLE, PAGED_DESCRIPTION

CONTRACT = "004 OneOnOne short"
_ABOUT = (
    "Seed 004, OneOnOne API (short docs): calendars with attendees who are users, events "
    "(each attendee's availability as high or low priority), invitations to accept, and an "
    "address book of users. The same rounds as 001 and 003; it has no finalizing of its own "
    "(a round finalized through 001 or 003 shows its meetings as `F` events). For a new "
    "scheduling client prefer 001 (OneOnOne P2). Docs: docs/contracts/004-oneonone-short.md."
)
TAGS = [
    (f"{CONTRACT}: users", f"{_ABOUT} This tag: register, log in and out, profiles, contacts."),
    (
        f"{CONTRACT}: calendars",
        f"{_ABOUT} This tag: calendars, events, invitations and who answered.",
    ),
]
AUTH = (
    "`POST /users/register/`, then `POST /users/login/` with `username` and `password` answers "
    '`{"refresh", "access"}`; send `Authorization: Bearer <access>`. `POST /users/logout/` with '
    "the `refresh_token` ends every session of the account."
)

_NOT_OWNER = {"detail": "You do not have permission to perform this action."}
_FINALIZED = {"detail": "Calendar has been finalized."}
_DEADLINE = {"detail": "Deadline has passed"}

OPERATIONS = {
    "POST /users/register/": op(
        "short_user_register",
        "Create an account",
        "`username`, `email`, `first_name`, `last_name`, `password1`, `password2` (at least 8 "
        "characters, matching). Usernames and emails are unique.",
        errors={400: {"password2": ["The passwords do not match."]}},
    ),
    "POST /users/login/": op(
        "short_user_login",
        "Log in: get a JWT pair",
        "Send the access token as `Authorization: Bearer <access>`. Wrong credentials: 401 "
        "with the seed's message; repeated failures for one username from one client: 429.",
        errors={
            401: {"detail": "The password is incorrect."},
            429: {"detail": "Too many failed logins. Try again in 300 seconds."},
        },
    ),
    "POST /users/logout/": op(
        "short_user_logout",
        "Log out everywhere",
        "`refresh_token`: one of the caller's own refresh tokens. Every session of the account "
        "ends (every JWT from any contract's login, and the token key).",
        errors={400: {"refresh_token": ["Token is invalid or expired"]}},
    ),
    "GET /users/profile/view/": op(
        "short_profile_get",
        "The caller's profile",
        "Id, username, email and name.",
    ),
    "POST /users/profile/edit/": op(
        "short_profile_update",
        "Change the caller's profile or password",
        "Any of `first_name`, `last_name`, `email`, `username`, and `password1` + `password2`. "
        "A new password ends every session of the account, this one too: log in again.",
        errors={400: {"email": ["A user with that email already exists."]}},
    ),
    "GET /users/contacts/view/": op(
        "short_contacts_list",
        "The caller's contacts",
        "The accounts in the caller's address book (`id` is the user id), by username."
        + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE},
    ),
    "POST /users/contacts/add/": op(
        "short_contact_add",
        "Add a contact by email",
        "`contact_email` of an existing account. Answers the contact's profile.",
        errors={400: {"contact_email": ["A user with that email does not exist."]}},
    ),
    "POST /users/contacts/remove/": op(
        "short_contact_remove",
        "Remove a contact by email",
        "`contact_email`. Refused (400) while the contact is invited to one of the caller's "
        "rounds that are not finalized.",
        errors={
            400: {"contact_email": ["You cannot remove a contact that is not in your contacts."]}
        },
    ),
    "GET /users/{contact_id}/profile/": op(
        "short_contact_profile",
        "A contact's profile",
        "`contact_id` is a user id in the caller's contacts (403 otherwise; 404 unknown).",
        errors={
            403: {"detail": "Contact is not in your contacts list"},
            404: {"detail": "Contact not found"},
        },
    ),
    "GET /users/calendars/view/": op(
        "short_calendars_list",
        "The caller's calendars",
        "The calendars the caller owns (`role` owner), then those they are invited to "
        "(`role` invitee, with the `attendee_id` to accept)." + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE},
    ),
    "POST /calendars/create/": op(
        "short_calendar_create",
        "Create a calendar",
        "`name` (required), `description`, `deadline`, `start_date`, `end_date`; times without "
        "an offset are in the owner's time zone.",
        errors={400: {"end_date": ["End date must not be before start date."]}},
    ),
    "GET /calendars/{calendar_id}/view/": op(
        "short_calendar_view",
        "A calendar with its attendees and events",
        "The owner sees every attendee and event; an attendee their own entry, the owner's "
        "events and their own (403 for anyone else). Not paged (an object, not a list).",
        errors={403: _NOT_OWNER},
    ),
    "POST /calendars/{calendar_id}/edit/": op(
        "short_calendar_edit",
        "Change a calendar",
        "Any of `name`, `description`, `deadline`, `start_date`, `end_date` (unlike seed 003, "
        "dates may change). The owner's only; 410 once finalized.",
        errors={
            400: {"end_date": ["End date must not be before start date."]},
            403: _NOT_OWNER,
            410: _FINALIZED,
        },
    ),
    "POST /calendars/events/add/": op(
        "short_event_add",
        "Add one's availability as an event",
        "`start_time`, `end_time`, `event_type` (`HP` high or `LP` low priority) and "
        "`calendar`. An attendee's first event is their answer. 410 after the attendee's "
        "deadline or once finalized.",
        errors={
            400: {"non_field_errors": ["End time must be after start time."]},
            403: _NOT_OWNER,
            404: None,
            410: _DEADLINE,
        },
        request={
            "calendar": 1,
            "event_type": "HP",
            "start_time": "2027-03-10T10:00:00Z",
            "end_time": "2027-03-10T11:00:00Z",
            "name": "Free in the morning",
        },
    ),
    "POST /calendars/{calendar_id}/events/{event_id}/update/": op(
        "short_event_update",
        "Change one's event",
        "Any of `name`, `start_time`, `end_time`, `event_type` of one's own event (403 for "
        "another's). 410 after the attendee's deadline or once finalized.",
        errors={
            400: {"event_type": ["Finalized (F) events are made by finalizing the calendar."]},
            403: _NOT_OWNER,
            410: _DEADLINE,
        },
    ),
    "POST /calendars/invite/": op(
        "short_calendar_invite",
        "Invite a user",
        "`User` (a user id) and `Calendar` (one's own calendar id). The user becomes one of the "
        "owner's contacts and gets seed 001's invitation email; the calendar's deadline "
        "applies.",
        errors={
            400: {"user": ["This user is already invited."]},
            403: _NOT_OWNER,
            404: None,
            410: _FINALIZED,
        },
        request={"user": 2, "calendar": 1},
    ),
    "POST /users/accept/{attendee_id}/": op(
        "short_invitation_accept",
        "Accept an invitation",
        "No body. Idempotent; another's invitation is 403; 410 once finalized.",
        errors={403: _NOT_OWNER, 410: _FINALIZED},
    ),
    "GET /calendars/{calendar_id}/list/status/": op(
        "short_calendar_status",
        "Who answered and who accepted",
        "The owner's view of each attendee: `status` (gave availability) and `accepted`."
        + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE, 403: _NOT_OWNER},
    ),
    "GET /calendars/{calendar_id}/contact/{user_id}/view/": op(
        "short_member_events",
        "One member's events in a calendar",
        "The owner sees anyone's; an attendee the owner's and their own (403 otherwise; 404 "
        "for someone not in the calendar). Their availability by start, then their final "
        "meetings by start." + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE, 403: _NOT_OWNER},
    ),
}
