"""Seed 002's answers to domain errors (applied by core.api.exception_handler).

DRF's shapes with the status of the error's kind; an identity token the identity service does
not accept is 401 ``{"detail": ...}``, as simplejwt answers a failed login.
"""

from core.api import ContractErrors, Reply, detail_body

ERRORS = ContractErrors(
    views={"IdentityTokenView": {"bad_credentials": Reply(status=401, body=detail_body)}},
)
