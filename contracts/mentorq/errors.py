"""Seed 002's answers to domain errors (applied by core.api.exception_handler).

DRF's shapes with the status of the error's kind; an identity token the identity service does
not accept is 401 ``{"detail": ...}``, as simplejwt answers a failed login.
"""

from core.api import ContractErrors, Reply, detail_body


def _rated_already(exc, view) -> str:
    ticket = view.request.data.get("ticket")
    return (
        "You already rated this ticket; change your feedback instead "
        f"(PATCH /api/feedback/{ticket}/)."
    )


ERRORS = ContractErrors(
    replies={"feedback_exists": Reply(message=_rated_already)},
    views={"IdentityTokenView": {"bad_credentials": Reply(status=401, body=detail_body)}},
)
