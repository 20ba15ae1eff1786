"""Seed 000's answers to domain errors (applied by core.api.exception_handler).

DRF's shapes with the status of the error's kind; a failed login in Djoser's wording. With
TEAM_PRODUCTION_CLIENT=momentors, every error of the availability views is a plain list of
messages: Momentors renders the error body as text (a field-keyed object blanks its page), as
its own back end answers ``["Input overlaps with existing availability."]``.
"""

from core.api import ContractErrors, Reply

from . import client

LOGIN_REFUSED = Reply(message="Unable to log in with provided credentials.")


def _momentors_messages(response, view):
    as_messages = getattr(view, "errors_as_messages", False) and client.momentors()
    if as_messages and response.status_code >= 400:
        response.data = client.messages(response.data)
    return response


ERRORS = ContractErrors(
    views={
        "MentorInfoView": {
            "profile_exists": Reply(
                message="You already have a mentor profile: change it with PATCH "
                "/mentorinfoupdate/."
            )
        },
        "MenteeInfoView": {
            "profile_exists": Reply(
                message="You already have a mentee profile: change it with PATCH "
                "/menteeinfoupdate/."
            )
        },
        "TokenLoginView": {
            "unknown_username": LOGIN_REFUSED,
            "wrong_password": LOGIN_REFUSED,
            "inactive": LOGIN_REFUSED,
        },
    },
    finish=_momentors_messages,
)
