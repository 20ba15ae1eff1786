"""Seed 002's operations as /api/schema/ documents them (see core/api_docs.py)."""

from core.api_docs import op
from core.paging import BAD_PAGE_EXAMPLE, PAGED_DESCRIPTION

CONTRACT = "002 MentorQ"
_ABOUT = (
    "Seed 002, MentorQ: a hackathon's help queue. Participants open tickets, mentors claim and "
    "close them, owners rate the help; directors see statistics and a leaderboard. Use it for a "
    "help-queue client (its real front-end is HackRU's mentorq, `MENTORQ_CLIENT=hackru`); it "
    "does not schedule meetings. Docs: docs/contracts/002-mentorq.md."
)
TAGS = [
    (f"{CONTRACT}: auth", f"{_ABOUT} This tag: exchange an identity token for a JWT pair."),
    (f"{CONTRACT}: tickets", f"{_ABOUT} This tag: the queue and each ticket's state machine."),
    (f"{CONTRACT}: feedback", f"{_ABOUT} This tag: ratings of closed tickets, the leaderboard."),
]
AUTH = (
    "`POST /api/auth/token/` with `email` and `lcs_token` (by default any valid token of that "
    "account from another contract's login; with `IDENTITY_BACKEND` HackRU's LCS token) answers "
    '`{"refresh", "access"}`; send `Authorization: Bearer <access>`; renew with '
    "`POST /api/auth/refresh/`."
)

_NOT_VISIBLE = {"detail": "No ticket with this id."}
_NOT_DIRECTOR = {"detail": "Only directors can see the queue statistics."}
_REFUSED = {"detail": "The email and token were not accepted."}


OPERATIONS = {
    "POST /api/auth/token/": op(
        "mentorq_auth_token",
        "Get a JWT pair for an identity token",
        "Exchange an email and an identity-service token (`lcs_token`) for a MentorQ JWT pair. "
        "The access token carries `mentor`, `director` and `name`. Refused: 401; repeated "
        "failures for one email from one client: 429.",
        errors={
            401: _REFUSED,
            429: {"detail": "Too many failed logins. Try again in 300 seconds."},
        },
    ),
    "POST /api/auth/refresh/": op(
        "mentorq_auth_refresh",
        "Renew the access token",
        "A new access token (with `mentor`, `director`, `name` read again) for a valid refresh "
        "token; the refresh token rotates (with `MENTORQ_CLIENT=hackru` it stays the same). "
        "An ended or bad refresh token: 401.",
        errors={401: {"detail": "Token is blacklisted", "code": "token_not_valid"}},
    ),
    "GET /api/tickets/": op(
        "mentorq_tickets_list",
        "The tickets the caller may see",
        "Participants their own, mentors, organizers and directors every ticket; oldest first."
        + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE},
    ),
    "POST /api/tickets/": op(
        "mentorq_ticket_open",
        "Open a ticket",
        "`title` (required), `comment`, `contact`, `location`; `owner_email`, if sent, must be "
        "the caller's own and `status`, if sent, OPEN. The ticket starts OPEN.",
        errors={
            400: {"owner_email": ["You can only open tickets for yourself: use your own email."]}
        },
    ),
    "GET /api/tickets/{id}/": op(
        "mentorq_ticket_get",
        "One ticket",
        "404 for a ticket that does not exist or that the caller may not see.",
        errors={404: _NOT_VISIBLE},
    ),
    "PATCH /api/tickets/{id}/": op(
        "mentorq_ticket_update",
        "Claim, release, close or cancel a ticket",
        "`status` wanted: CLAIMED (a mentor, not the owner), OPEN (its mentor releases it), "
        "CLOSED (its mentor or owner), CANCELLED (the owner). Anything else is 400 with the "
        "reason; of two mentors claiming at once exactly one wins.",
        errors={
            400: {"status": ["This ticket is already claimed by another mentor."]},
            404: _NOT_VISIBLE,
        },
    ),
    "GET /api/tickets/stats/": op(
        "mentorq_tickets_stats",
        "Queue statistics",
        "Directors only (403 otherwise; with `MENTORQ_CLIENT=hackru` everyone): average seconds "
        "from created to claimed and to closed.",
        errors={403: _NOT_DIRECTOR},
    ),
    "GET /api/tickets/{id}/slack-dm/": op(
        "mentorq_ticket_slack_dm",
        "Slack DM link (never available here)",
        "HackRU's Slack link between owner and mentor: this server has no Slack, so always 403 "
        "with the JSON string HackRU's front-end shows as no link; 404 for a ticket the caller "
        "may not see.",
        errors={
            403: "Slack ID not present within LCS for the given user(s)",
            404: _NOT_VISIBLE,
        },
    ),
    "GET /api/feedback/": op(
        "mentorq_feedback_list",
        "Feedback the caller may see",
        "Directors every feedback, everyone else their own; oldest first." + PAGED_DESCRIPTION,
        errors={400: BAD_PAGE_EXAMPLE},
    ),
    "POST /api/feedback/": op(
        "mentorq_feedback_give",
        "Rate the help on a closed ticket",
        "The owner of a CLOSED ticket with a mentor gives `rating` (1-5) and `comments`, once "
        "(then PATCH /api/feedback/{id}/). Another's ticket: 404.",
        errors={
            400: {"ticket": ["Feedback is for closed tickets: this one is open."]},
            404: _NOT_VISIBLE,
        },
    ),
    "GET /api/feedback/{id}/": op(
        "mentorq_feedback_get",
        "One ticket's feedback",
        "`id` is the ticket's id. Its owner and directors; 404 for anyone else.",
    ),
    "PATCH /api/feedback/{id}/": op(
        "mentorq_feedback_update",
        "Change one's feedback",
        "`rating` and/or `comments`; its owner only (404 for anyone else).",
        errors={400: {"rating": ["Ensure this value is less than or equal to 5."]}},
    ),
    "GET /api/feedback/leaderboard/": op(
        "mentorq_feedback_leaderboard",
        "Mentors by average rating",
        "Directors only (403 otherwise). Best first (ties: more ratings, then email); "
        "`?limit=` 1-100, default 5; `?offset=` skips that many (then pages of `limit`, a full "
        'one carrying `Link: <next page>; rel="next"`).',
        errors={
            400: {"limit": ["Ensure this value is less than or equal to 100."]},
            403: {"detail": "Only directors can see the mentor leaderboard."},
        },
    ),
}
