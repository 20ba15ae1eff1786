"""Seed 002, the MentorQ contract (help queue). Docs: docs/contracts/002-mentorq.md"""

from django.utils import timezone
from rest_framework import serializers


class IdentityTokenSerializer(serializers.Serializer):
    email = serializers.EmailField()
    lcs_token = serializers.CharField()


def _iso(value, tz) -> str | None:
    """As DRF's DateTimeField writes it: ISO 8601 in the current time zone, UTC as "Z"."""
    if value is None:
        return None
    text = value.astimezone(tz).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


# --- Tickets ------------------------------------------------------------------------------------
class TicketCreateSerializer(serializers.Serializer):
    """POST /api/tickets/. Lengths and blanks are checked by helpqueue.services.open_ticket."""

    owner_email = serializers.CharField(
        required=False, allow_blank=True, help_text="Your own email; defaults to it."
    )
    status = serializers.CharField(
        required=False, allow_blank=True, help_text="OPEN or omitted: a new ticket is OPEN."
    )
    title = serializers.CharField(trim_whitespace=False, allow_blank=True)
    comment = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    contact = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    location = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class TicketUpdateSerializer(serializers.Serializer):
    """PATCH /api/tickets/<id>: the requested ``status`` says which transition is meant.

    ``mentor`` and ``mentor_email`` are accepted for the seed's clients but never trusted: the
    mentor of a claimed ticket is the user who claimed it.
    """

    status = serializers.CharField()
    mentor = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    mentor_email = serializers.CharField(required=False, allow_blank=True, allow_null=True)


class TicketSerializer(serializers.Serializer):
    """A ticket as the seed shows it, plus read-only times and the caller's queue position."""

    id = serializers.IntegerField(read_only=True)
    owner_email = serializers.EmailField()
    status = serializers.CharField()
    title = serializers.CharField()
    comment = serializers.CharField()
    contact = serializers.CharField()
    location = serializers.CharField()
    mentor = serializers.CharField(allow_null=True, help_text="The claiming mentor's name.")
    mentor_email = serializers.EmailField(allow_null=True)
    created = serializers.DateTimeField()
    claimed_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True)
    queue_position = serializers.IntegerField(
        allow_null=True, help_text="1-based place among OPEN tickets; null when not OPEN."
    )
    estimated_wait_seconds = serializers.IntegerField(
        allow_null=True, help_text="Rough estimate from recent claims; null without history."
    )

    def to_representation(self, ticket) -> dict:
        """The declared fields, built directly: a mentor's list holds thousands of tickets."""
        tz = self.__dict__.get("_tz") or self.__dict__.setdefault(
            "_tz", timezone.get_current_timezone()
        )  # once per response, not once per ticket
        mentor = ticket.mentor
        return {
            "id": ticket.pk,
            "owner_email": ticket.owner.email,
            "status": ticket.status,
            "title": ticket.title,
            "comment": ticket.comment,
            "contact": ticket.contact,
            "location": ticket.location,
            "mentor": (mentor.get_full_name() or mentor.username) if mentor else None,
            "mentor_email": mentor.email if mentor else None,
            "created": _iso(ticket.created, tz),
            "claimed_at": _iso(ticket.claimed_at, tz),
            "closed_at": _iso(ticket.closed_at, tz),
            "cancelled_at": _iso(ticket.cancelled_at, tz),
            "queue_position": ticket.queue_position,
            "estimated_wait_seconds": ticket.estimated_wait_seconds,
        }


class TicketStatsSerializer(serializers.Serializer):
    average_claimed_datetime_seconds = serializers.FloatField(allow_null=True)
    average_closed_datetime_seconds = serializers.FloatField(allow_null=True)
