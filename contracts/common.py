"""Helpers every contract adapter uses. No business rules here."""

import datetime as dt

from django.urls import path
from rest_framework import serializers
from rest_framework.response import Response

from accounts import services as accounts
from core.client_address import client_ident
from scheduling import timeutils


def slash_optional(route: str, view, name: str | None = None) -> list:
    """Serve ``route`` with and without its trailing slash (seed clients use both)."""
    patterns = [path(route, view, name=name)]
    if route.endswith("/"):
        patterns.append(path(route.rstrip("/"), view))
    return patterns


def account_json(user) -> dict:
    """An account as seeds 001 and 004 answer it: id, username, email, first and last name."""
    return {
        "id": user.pk,
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
    }


def jwt_log_in(request, *, username: str, password: str) -> Response:
    """The username-and-password log-in of the JWT seeds: accounts.authenticate (with the login
    throttle, keyed by the client's address), then a fresh token pair. Its refusals are domain
    errors, which each contract words in its errors.py."""
    user = accounts.authenticate(username=username, password=password, client=client_ident(request))
    return Response(accounts.issue_jwt_pair(user=user))


def iso(moment: dt.datetime | None, time_zone: str) -> str | None:
    """An instant in ISO 8601 with the offset of ``time_zone`` (a calendar's zone)."""
    if moment is None:
        return None
    return moment.astimezone(timeutils.zone(time_zone)).isoformat()


def photo_url(request, image_field) -> str | None:
    if not image_field:
        return None
    url = image_field.url
    return request.build_absolute_uri(url) if request is not None else url


class TokenPairSerializer(serializers.Serializer):
    refresh = serializers.CharField()
    access = serializers.CharField()


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


# The body ``{}`` as an OpenAPI schema, for a contract whose seed answers an empty object.
EMPTY_OBJECT = {"type": "object", "maxProperties": 0, "description": "The empty object `{}`."}


def error_or_field_errors() -> dict:
    """OpenAPI schema of a 400 body that is a contract's documented ``{"error": "..."}``, or
    DRF's own errors: ``{"detail": "..."}`` for a body that is not JSON, field errors
    (``{"<field>": ["<message>", ...]}``, nested for nested input) for invalid input. For the
    endpoints whose seed documents the first and whose input checks answer the others."""
    return {
        "anyOf": [
            {
                "type": "object",
                "properties": {"error": {"type": "string"}},
                "required": ["error"],
                "description": "An error the seed documents.",
            },
            {
                "type": "object",
                "properties": {"detail": {"type": "string"}},
                "required": ["detail"],
                "description": "A request body that could not be read.",
            },
            {
                "type": "object",
                "additionalProperties": {"oneOf": [{"type": "array"}, {"type": "object"}]},
                "description": "Invalid input: the reasons, by field.",
            },
        ]
    }
