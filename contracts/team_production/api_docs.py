"""Seed 000's operations as /api/schema/ documents them (see core/api_docs.py)."""

from core.api_docs import op
from core.paging import BAD_PAGE_EXAMPLE, PAGED_DESCRIPTION

CONTRACT = "000 Team Production"
_ABOUT = (
    "Seed 000, Team Production System: mentors publish availability, mentees book 30- or "
    "60-minute sessions, both confirm or cancel; djoser accounts with a token key. Use it for a "
    "mentor-booking client (its real front-end is Momentors). For a new scheduling client "
    "prefer 001 (OneOnOne P2). Docs: docs/contracts/000-team-production.md."
)
TAGS = [
    (f"{CONTRACT}: accounts", f"{_ABOUT} This tag: sign up, log in and out, the profile."),
    (f"{CONTRACT}: mentors", f"{_ABOUT} This tag: mentors and the caller's mentor profile."),
    (f"{CONTRACT}: mentees", f"{_ABOUT} This tag: mentees and the caller's mentee profile."),
    (f"{CONTRACT}: availability", f"{_ABOUT} This tag: a mentor's bookable time."),
    (f"{CONTRACT}: sessions", f"{_ABOUT} This tag: booking sessions and answering them."),
    (f"{CONTRACT}: notifications", f"{_ABOUT} This tag: which emails the caller gets."),
]
AUTH = (
    "`POST /auth/users/` creates the account, `POST /auth/token/login/` with `username` and "
    '`password` answers `{"auth_token": "<key>"}`; send `Authorization: Token <key>` (a JWT '
    "from any contract's login works too, as `Bearer <jwt>`). `POST /auth/token/logout/` ends "
    "every session of the account."
)

_LOGIN_FAILED = {"non_field_errors": ["Unable to log in with provided credentials."]}
_THROTTLED = {"detail": "Too many failed logins. Try again in 300 seconds."}
_NOT_MENTOR = {"detail": "Only mentors publish availability: set is_mentor on your profile first."}
_AVAILABILITY_400 = {"end_time": ["End time must be after start time."]}
_AVAILABILITY_BODY = {"start_time": "2026-03-02T09:00:00Z", "end_time": "2026-03-02T11:00:00Z"}
_HOUR = {"start_time": "2026-03-02T09:00:00Z", "end_time": "2026-03-02T10:00:00Z"}
_CHUNKS = [
    {
        "pk": 7,
        "mentor": 2,
        "start_time": "2026-03-02T09:00:00Z",
        "end_time": "2026-03-02T09:30:00Z",
        "status": "Open",
    },
    {
        "pk": 8,
        "mentor": 2,
        "start_time": "2026-03-02T09:30:00Z",
        "end_time": "2026-03-02T10:00:00Z",
        "status": "Open",
    },
]

OPERATIONS = {
    "POST /auth/users/": op(
        "tp_account_register",
        "Create an account",
        "djoser's registration: `username`, `email`, `password` and `re_password`. The username "
        "is stored in lower case. Answers the new account's `email`, `username` and `id`.",
        errors={400: {"non_field_errors": ["The two password fields didn't match."]}},
        request={
            "username": "ana",
            "email": "ana@example.com",
            "password": "correct-horse-42",
            "re_password": "correct-horse-42",
        },
    ),
    "POST /auth/token/login/": op(
        "tp_account_login",
        "Log in: get a token key",
        "Answers the account's token key; send it as `Authorization: Token <key>`. Wrong "
        "credentials are 400; repeated failures for one username from one client are 429.",
        errors={400: _LOGIN_FAILED, 429: _THROTTLED},
        request={"username": "ana", "password": "correct-horse-42"},
        response={"auth_token": "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"},
    ),
    "POST /auth/token/logout/": op(
        "tp_account_logout",
        "Log out everywhere",
        "Deletes the token key and ends every JWT of the account (from any contract's login). "
        "No body; answers 204.",
    ),
    "POST /auth/users/reset_password/": op(
        "tp_account_password_reset",
        "Email a password-reset link",
        "Emails a link with `uid` and `token` to the active account with this email. Answers 204 "
        "whether or not an account has it, so nobody learns which addresses have accounts.",
        errors={400: {"email": ["Enter a valid email address."]}},
        request={"email": "ana@example.com"},
    ),
    "POST /auth/users/reset_password_confirm/": op(
        "tp_account_password_reset_confirm",
        "Set a new password from a reset link",
        "The link's `uid` and `token` with the new password twice. Answers 204; every session of "
        "the account ends. A used, expired or wrong token is 400 on `token`.",
        errors={400: {"token": ["Invalid token for given user."]}},
        request={
            "uid": "MQ",
            "token": "c5q9xk-5d1e6d0b1e6a9c3f2b7a",
            "new_password": "correct-horse-43",
            "re_new_password": "correct-horse-43",
        },
    ),
    "GET /myprofile/": op(
        "tp_profile_get",
        "The caller's profile",
        "Name, email, phone (E.164), photo URL, roles, and the pk of the caller's notification "
        "settings.",
    ),
    "PATCH /myprofile/": op(
        "tp_profile_update",
        "Change the caller's profile",
        "JSON or multipart (for `profile_photo`, an image of at most 5 MB); only the fields "
        "given change. `is_active` is read-only.",
        errors={400: {"phone_number": ["Enter a valid phone number, e.g. +14165550123."]}},
        request={"first_name": "Ana", "last_name": "Lopez", "phone_number": "+14165550123"},
    ),
    "GET /notificationsettings/": op(
        "tp_notification_settings_list",
        "The caller's notification settings",
        "A list holding the caller's own settings, so a client can find their pk.",
    ),
    "GET /notificationsettings/{id}/": op(
        "tp_notification_settings_get",
        "One notification settings object",
        "The caller's own settings; another user's are 403.",
        errors=(403,),
    ),
    "PATCH /notificationsettings/{id}/": op(
        "tp_notification_settings_update",
        "Choose which emails to get",
        "Any of `session_requested`, `session_confirmed`, `session_canceled`, "
        "`fifteen_minute_alert`, `sixty_minute_alert` (booleans). Another user's are 403.",
        errors=(403,),
        request={"session_requested": True, "fifteen_minute_alert": False},
    ),
    "GET /mentor/": op(
        "tp_mentors_list",
        "Every mentor",
        "Active mentors by pk, each with about me, skills and the availability that has not "
        "ended yet (with its `status`, Open or Booked)." + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE},
    ),
    "GET /mentor/{skills}/": op(
        "tp_mentors_by_skill",
        "Mentors having a skill",
        "Mentor profiles having the skill, any case; several comma-separated skills means all "
        "of them. At most 20 skills of at most 50 characters each (400 beyond)."
        + PAGED_DESCRIPTION,
        errors={400: {"skills": ["At most 20 skills."]}},
    ),
    "GET /mentorinfo/": op(
        "tp_mentor_profile_get",
        "The caller's mentor profile",
        "About me, skills, team number and the caller's availability that has not ended. 404 "
        "without a profile (with `TEAM_PRODUCTION_CLIENT=momentors`: a list of it, or `[]`).",
        errors=(404,),
    ),
    "POST /mentorinfo/": op(
        "tp_mentor_profile_create",
        "Create the caller's mentor profile",
        "Needs `is_mentor` (403). A second POST is 400: change it with PATCH "
        "/mentorinfoupdate/. `skills` may be a list or a comma-separated string.",
        errors={
            400: {
                "non_field_errors": [
                    "You already have a mentor profile: change it with PATCH /mentorinfoupdate/."
                ]
            },
            403: {
                "detail": "Only mentors have a mentor profile: set is_mentor on your profile first."
            },
        },
    ),
    "PATCH /mentorinfoupdate/": op(
        "tp_mentor_profile_update",
        "Change the caller's mentor profile",
        "Any of `about_me`, `skills` (replaces the list), `team_number`. 404 without a profile.",
        errors=(404,),
    ),
    "DELETE /mentorinfoupdate/": op(
        "tp_mentor_profile_delete",
        "Delete the caller's mentor profile",
        "Removes about me, skills and team number; availability and sessions stay. 404 without "
        "a profile.",
        errors=(404,),
    ),
    "GET /mentee/": op(
        "tp_mentees_list",
        "Every mentee",
        "Active mentees by pk; `mentee_profile` is null for a mentee without a profile."
        + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE},
    ),
    "GET /menteeinfo/": op(
        "tp_mentee_profile_get",
        "The caller's mentee profile",
        "A list holding the caller's mentee profile (`[]` without one), as the seed shows.",
    ),
    "POST /menteeinfo/": op(
        "tp_mentee_profile_create",
        "Create the caller's mentee profile",
        "Needs `is_mentee` (403). A second POST is 400: change it with PATCH /menteeinfoupdate/.",
        errors={
            403: {
                "detail": "Only mentees have a mentee profile: set is_mentee on your profile first."
            }
        },
        request={"team_number": 7},
    ),
    "PATCH /menteeinfoupdate/": op(
        "tp_mentee_profile_update",
        "Change the caller's team number",
        '`{"team_number"}` (or the seed\'s `[{"team_number"}]`). 404 without a profile.',
        errors=(404,),
        request={"team_number": 7},
    ),
    "DELETE /menteeinfoupdate/": op(
        "tp_mentee_profile_delete",
        "Delete the caller's mentee profile",
        "404 without a profile.",
        errors=(404,),
    ),
    "GET /availabilty/": op(
        "tp_availability_list",
        "Every mentor's availability (seed spelling)",
        "What has not ended yet, by start time. With `Accept: version=v2` each item adds "
        "`status`. `/availability/` is the same endpoint with the correct spelling."
        + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE},
    ),
    "POST /availabilty/": op(
        "tp_availability_create",
        "Publish availability (seed spelling)",
        "Mentors only (403), always their own. Start in the future, end after start, at most 7 "
        "days, no overlap with the mentor's other availability. With `Accept: version=v2`: "
        "30-minute chunks, as POST /v2/availabilty/.",
        errors={400: _AVAILABILITY_400, 403: _NOT_MENTOR},
        request=_AVAILABILITY_BODY,
    ),
    "DELETE /availabilty/{id}/": op(
        "tp_availability_delete",
        "Delete one's availability (seed spelling)",
        "Only one's own (403 for another's), and not while a Pending or Confirmed session that "
        "has not ended uses it (400: cancel the session first).",
        errors={
            400: {
                "non_field_errors": [
                    "A pending session (2026-03-02T09:00:00Z) uses this availability: cancel "
                    "the session first."
                ]
            },
            403: {"detail": "This availability belongs to another mentor."},
        },
    ),
    "POST /v2/availabilty/": op(
        "tp_availability_create_chunks",
        "Publish availability as 30-minute chunks (seed spelling)",
        "As POST /availabilty/, stored as 30-minute chunks, each Open: the span must be a whole "
        "number of half hours. Answers the chunks.",
        errors={400: _AVAILABILITY_400, 403: _NOT_MENTOR},
        request=_HOUR,
        response=_CHUNKS,
    ),
    "GET /availability/": op(
        "tp_availability_list_alias",
        "Every mentor's availability",
        "The same endpoint as GET /availabilty/ (the seed's spelling)." + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE},
    ),
    "POST /availability/": op(
        "tp_availability_create_alias",
        "Publish availability",
        "The same endpoint as POST /availabilty/ (the seed's spelling).",
        errors={400: _AVAILABILITY_400, 403: _NOT_MENTOR},
        request=_AVAILABILITY_BODY,
    ),
    "DELETE /availability/{id}/": op(
        "tp_availability_delete_alias",
        "Delete one's availability",
        "The same endpoint as DELETE /availabilty/{id}/ (the seed's spelling).",
        errors=(400, 403),
    ),
    "POST /v2/availability/": op(
        "tp_availability_create_chunks_alias",
        "Publish availability as 30-minute chunks",
        "The same endpoint as POST /v2/availabilty/ (the seed's spelling).",
        errors={400: _AVAILABILITY_400, 403: _NOT_MENTOR},
        request=_HOUR,
        response=_CHUNKS,
    ),
    "GET /session/": op(
        "tp_sessions_list",
        "The caller's current sessions",
        "Sessions the caller takes part in (as mentor or mentee), all statuses, except those "
        "that started more than 24 hours ago (see /archivesession/); by start time."
        + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE},
    ),
    "GET /archivesession/": op(
        "tp_sessions_archive",
        "The caller's past sessions",
        "Sessions the caller took part in that started more than 24 hours ago; by start time."
        + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE},
    ),
    "POST /sessionrequest/": op(
        "tp_session_request",
        "Book a session",
        "Mentees only (403). `session_length` 30 or 60, `start_time` in the future inside the "
        "given availability; no overlap with the mentor's or the mentee's other Pending or "
        "Confirmed sessions. The session starts Pending and the mentor gets an email.",
        errors={
            400: {
                "start_time": [
                    "Start time must be inside the availability (2026-03-02T09:00:00Z to "
                    "2026-03-02T11:00:00Z)."
                ]
            },
            403: {"detail": "Only mentees request sessions: set is_mentee on your profile first."},
        },
        request={
            "mentor_availability": 1,
            "start_time": "2026-03-02T09:00:00Z",
            "session_length": 30,
        },
    ),
    "PATCH /sessionrequest/{id}/": op(
        "tp_session_answer",
        "Confirm or cancel a session",
        '`{"status": "Confirmed"}` by the mentor only (403 for the mentee), from Pending, '
        'before the start; `{"status": "Canceled"}` by either side before the start. '
        "Anything else is 400 with the reason; a session of others is 404.",
        errors={
            400: {"status": ["Only a pending session can be confirmed; this one is Canceled."]},
            403: {"detail": "Only the mentor can confirm a session."},
        },
        request={"status": "Confirmed"},
    ),
}
