"""Seed 001's operations as /api/schema/ documents them (see core/api_docs.py)."""

from core.api_docs import op
from core.paging import BAD_PAGE_EXAMPLE, PAGED_DESCRIPTION

CONTRACT = "001 OneOnOne P2"
_ABOUT = (
    "Seed 001, OneOnOne P2: an owner opens a scheduling round (a calendar with their available "
    "slots and a deadline), invites contacts from an address book; invitees answer through an "
    "emailed link without an account; the owner picks one of the suggested schedules and "
    "finalizes it (emails with .ics invites). The recommended contract for a new scheduling "
    "client: the most complete one. Docs: docs/contracts/001-oneonone-p2.md."
)
TAGS = [
    (f"{CONTRACT}: accounts", f"{_ABOUT} This tag: sign up, log in (a JWT pair), check a token."),
    (
        f"{CONTRACT}: calendars",
        f"{_ABOUT} This tag: rounds, invitees' answers, reminders, suggestions, finalizing.",
    ),
    (f"{CONTRACT}: contacts", f"{_ABOUT} This tag: the owner's address book."),
]
AUTH = (
    "`POST /accounts/signup/`, then `POST /accounts/login/` with `username` and `password` "
    'answers `{"refresh", "access"}`; send `Authorization: Bearer <access>`. '
    "`GET /accounts/checktoken/` says whether a token still works. Invitees need no account: "
    "the token in their emailed link opens `/schedules/calendars/{id}/respond/{token}/`."
)

_SLOT = {
    "date": "2026-03-02",
    "start_time": "09:00:00",
    "end_time": "12:00:00",
    "preference_level": 1,
}
_NOT_OWNER = {"detail": "You do not have permission to perform this action."}
_TOO_SOON = {
    "detail": "Ben Okafor was reminded less than 60 minutes ago; try again in 42 minutes.",
}

OPERATIONS = {
    "POST /accounts/signup/": op(
        "p2_account_signup",
        "Create an account",
        "Usernames and emails are unique (usernames without case); the password needs 8 "
        "characters and passes Django's validators; `password2` must match.",
        errors={400: {"password2": ["Passwords must match."]}},
        request={
            "email": "ana@example.com",
            "username": "ana",
            "first_name": "Ana",
            "last_name": "Lopez",
            "password": "correct-horse-42",
            "password2": "correct-horse-42",
        },
    ),
    "POST /accounts/login/": op(
        "p2_account_login",
        "Log in: get a JWT pair (seeds 001 and 003)",
        "Both seeds document this path, so one response serves both. Send the access token as "
        "`Authorization: Bearer <access>`. Wrong credentials: 400; repeated failures for one "
        "username from one client: 429.",
        errors={
            400: {
                "detail": "No active account found with the given credentials",
                "non_field_errors": ["Username and password do not match"],
            },
            429: {"detail": "Too many failed logins. Try again in 300 seconds."},
        },
        request={"username": "ana", "password": "correct-horse-42"},
    ),
    "GET /accounts/checktoken/": op(
        "p2_account_checktoken",
        "Check a token",
        "The caller's account if the token still works; 401 for a missing, bad, expired or "
        "ended one (beyond the seed: its real front-end asks before each page).",
    ),
    "POST /accounts/checktoken/": op(
        "p2_account_checktoken_post",
        "Check a token (POST)",
        "The same as GET /accounts/checktoken/.",
    ),
    "GET /schedules/home/": op(
        "p2_home",
        "The caller's rounds and meetings",
        "`finalized_meetings`: every final meeting the caller takes part in, as owner or "
        "invitee; `unfinalized_meetings`: the caller's open rounds. Not paged (an object, "
        "not a list).",
    ),
    "POST /schedules/calendars/create/": op(
        "p2_calendar_create",
        "Open a scheduling round",
        "Name, description, deadline, invitees (contact ids of the caller's address book) and "
        "the owner's available slots (date and wall-clock times in the calendar's `time_zone`, "
        "preference 1-3). Each invitee gets an email with their own answer link.",
        errors={400: {"deadline": ["Deadline cannot be in the past"]}},
    ),
    "GET /schedules/calendars/{calendar_id}/details/": op(
        "p2_calendar_details",
        "A round's details",
        "The calendar, the owner's slots and each invitee's answer. The owner's only (403).",
        errors={403: _NOT_OWNER},
    ),
    "PUT /schedules/calendars/{calendar_id}/details/": op(
        "p2_calendar_update",
        "Change a round",
        "Any of name, description, deadline, `add_invitees`, `remove_invitees` (revokes their "
        "link and deletes their answer), `add_availabilities`, `remove_availabilities`. The "
        "owner's only (403); 410 once finalized.",
        errors={
            403: _NOT_OWNER,
            410: {"detail": "Calendar has already been finalized."},
        },
        request={"name": "Weekly one-on-ones", "add_availabilities": [_SLOT]},
    ),
    "GET /schedules/calendars/remind/{calendar_id}/{contact_id}/": op(
        "p2_invitee_remind",
        "Remind an invitee",
        "Emails the invitee their same link again. Only invitees who have not answered (409), "
        "at most once an hour each (429 with `Retry-After`); 410 after the deadline or "
        "finalizing; the owner's only (403).",
        errors={
            403: _NOT_OWNER,
            409: {"detail": "Ben Okafor has already responded."},
            410: {"detail": "Deadline has passed"},
            429: _TOO_SOON,
        },
    ),
    "POST /schedules/calendars/remind/{calendar_id}/{contact_id}/": op(
        "p2_invitee_remind_post",
        "Remind an invitee (POST)",
        "The same as the GET the seed documents.",
        errors={
            403: _NOT_OWNER,
            409: {"detail": "Ben Okafor has already responded."},
            410: {"detail": "Deadline has passed"},
            429: _TOO_SOON,
        },
        response={"message": "Reminder email successfully sent to Ben Okafor"},
    ),
    "GET /schedules/calendars/{calendar_id}/confirm/": op(
        "p2_calendar_suggestions",
        "Suggested schedules",
        "The calendar, its invitees, their answers and up to three suggested schedules, best "
        "first (empty while an invitee may still answer). The owner's only (403); 404 once "
        "finalized, as the seed documents.",
        errors={403: _NOT_OWNER},
    ),
    "POST /schedules/calendars/{calendar_id}/confirm/": op(
        "p2_calendar_finalize",
        "Finalize a round",
        "The chosen meetings (`finalized_schedule`: contact id, start and end, as "
        "`YYYY/MM/DD HH:MM:SS` or ISO 8601). Each must fit the owner's and the invitee's "
        "availability without overlaps; everyone gets an email with an .ics invite.",
        errors={
            400: {
                "finalized_schedule": [
                    "Invalid meeting time for contact: Ben Okafor: outside your availability."
                ]
            },
            403: _NOT_OWNER,
        },
        request={
            "finalized_schedule": [
                {
                    "contact_id": 2,
                    "start_time": "2026/03/02 09:00:00",
                    "end_time": "2026/03/02 09:30:00",
                }
            ]
        },
    ),
    "GET /schedules/calendars/{calendar_id}/meetings/": op(
        "p2_calendar_meetings",
        "A round's final meetings",
        "The final meetings by start (`[]` before finalizing); beyond the seed, for the real "
        "front-end's week view. The owner's only (403)." + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE, 403: _NOT_OWNER},
    ),
    "GET /schedules/calendars/{calendar_id}/respond/{token}/": op(
        "p2_invitation_get",
        "An invitee's page (by their link)",
        "No account needed: the token of the emailed link opens it. The round, the owner's "
        "slots and the invitee's answer if any.",
        errors={401: {"error": "Invalid token"}},
    ),
    "POST /schedules/calendars/{calendar_id}/respond/{token}/": op(
        "p2_invitation_answer",
        "Answer an invitation (by its link)",
        "The invitee's available times with a preference 1-3, once, before their deadline. "
        'Refused with 400 `{"error": "Deadline has passed"}`, `Already responded` or '
        '`Calendar has been finalized`; a wrong token is 401 `{"error": "Invalid token"}`.',
        errors={400: {"error": "Deadline has passed"}, 401: {"error": "Invalid token"}},
        request={
            "availability": [
                {
                    "start_time": "2026/03/02 09:00:00",
                    "end_time": "2026/03/02 10:00:00",
                    "preference_level": 1,
                }
            ]
        },
    ),
    "GET /schedules/contacts/": op(
        "p2_contacts_list",
        "The caller's address book",
        "Every contact with its `id` (invitees are given by contact id), by name."
        + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE},
    ),
    "POST /schedules/contacts/": op(
        "p2_contact_create",
        "Add a contact",
        "`first_Name`, `last_Name`, `email` (unique in the address book, any case). A contact "
        "whose email belongs to an account is linked to it.",
        errors={400: {"email": ["A contact with this email already exists."]}},
        request={"first_Name": "Ben", "last_Name": "Okafor", "email": "ben@example.com"},
    ),
    "PATCH /schedules/contacts/": op(
        "p2_contact_update",
        "Change a contact",
        "`contact_id` and any of `first_Name`, `last_Name`, `email`; only those change. "
        "Another owner's contact: 403; unknown: 404.",
        errors={
            400: {"non_field_errors": ["No input."]},
            403: {"detail": "Invalid contact"},
            404: None,
        },
        request={"contact_id": 2, "email": "ben.okafor@example.com"},
    ),
    "PUT /schedules/contacts/": op(
        "p2_contact_update_put",
        "Change a contact (PUT)",
        "As PATCH (beyond the seed: the real front-end edits with PUT): only the given fields "
        "change.",
        errors={
            400: {"non_field_errors": ["No input."]},
            403: {"detail": "Invalid contact"},
            404: None,
        },
        request={"contact_id": 2, "email": "ben.okafor@example.com"},
    ),
    "DELETE /schedules/contacts/": op(
        "p2_contact_delete",
        "Delete a contact",
        "`contact_id` in the body. Refused (409, naming the rounds) while the contact is invited "
        "to a round that is not finalized: remove them from those rounds first.",
        errors={
            400: {"contact_id": ["This field is required."]},
            403: {"detail": "Invalid contact"},
            404: None,
            409: {
                "detail": 'Ben Okafor is invited to rounds that are not finalized: "Weekly '
                'one-on-ones". Remove them from those rounds first.'
            },
        },
    ),
}
