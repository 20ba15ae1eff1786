"""Helpers every contract adapter uses. No business rules here."""

import datetime as dt

from django.urls import path
from rest_framework import serializers

from scheduling import timeutils


def slash_optional(route: str, view, name: str | None = None) -> list:
    """Serve ``route`` with and without its trailing slash (seed clients use both)."""
    patterns = [path(route, view, name=name)]
    if route.endswith("/"):
        patterns.append(path(route.rstrip("/"), view))
    return patterns


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
