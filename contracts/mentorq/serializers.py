"""Seed 002, the MentorQ contract (help queue). Docs: docs/contracts/002-mentorq.md"""

from django.utils import timezone
from rest_framework import serializers
from rest_framework_simplejwt.settings import api_settings

from accounts.models import display_name
from accounts.tokens import VersionedTokenRefreshSerializer
from contracts.mentorq import client
from core import isotime
from helpqueue import roles


class IdentityTokenSerializer(serializers.Serializer):
    email = serializers.EmailField()
    lcs_token = serializers.CharField()


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
    owner = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=255,
        help_text='The name to show for the owner (HackRU\'s front-end: theirs or "Anonymous").',
    )
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

    def to_representation(self, queued) -> dict:
        """The declared fields of a ``helpqueue.selectors.QueuedTicket``, built directly."""
        tz = timezone.get_current_timezone()
        ticket = queued.ticket
        mentor = ticket.mentor
        return {
            "id": ticket.pk,
            "owner_email": ticket.owner.email,
            "status": ticket.status,
            "title": ticket.title,
            "comment": ticket.comment,
            "contact": ticket.contact,
            "location": ticket.location,
            "mentor": mentor.display_name if mentor else None,
            "mentor_email": mentor.email if mentor else None,
            "created": isotime.iso(ticket.created, tz),
            "claimed_at": isotime.iso(ticket.claimed_at, tz),
            "closed_at": isotime.iso(ticket.closed_at, tz),
            "cancelled_at": isotime.iso(ticket.cancelled_at, tz),
            "queue_position": queued.queue_position,
            "estimated_wait_seconds": queued.estimated_wait_seconds,
        }


class TicketStatsSerializer(serializers.Serializer):
    average_claimed_datetime_seconds = serializers.FloatField(allow_null=True)
    average_closed_datetime_seconds = serializers.FloatField(allow_null=True)


class HackruTicketUpdateSerializer(serializers.Serializer):
    """PATCH with MENTORQ_CLIENT=hackru: ``status``, ``mentor_email`` or ``active``, any of them."""

    status = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    mentor = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    mentor_email = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    active = serializers.BooleanField(required=False, allow_null=True)


class HackruTicketSerializer(TicketSerializer):
    """A ticket with the fields HackRU's MentorQ front-end reads (MENTORQ_CLIENT=hackru)."""

    created_datetime = serializers.DateTimeField(help_text="Same as created.")
    owner = serializers.CharField(help_text='The owner\'s chosen name ("Anonymous" possible).')
    active = serializers.BooleanField(help_text="Whether the owner is still there.")
    feedback = serializers.CharField(
        help_text="The feedback's URL for its owner and directors, else empty."
    )

    def to_representation(self, queued) -> dict:
        data = super().to_representation(queued)
        ticket = queued.ticket
        viewer = self.context.get("user")
        owner = ticket.owner
        can_see_feedback = viewer is not None and (
            ticket.owner_id == viewer.pk or roles.may_see_stats(viewer)
        )
        data.update(
            created_datetime=data["created"],
            owner=ticket.owner_name or owner.display_name,
            active=ticket.active,
            feedback=(
                f"/api/feedback/{ticket.pk}/" if queued.has_feedback and can_see_feedback else ""
            ),
        )
        return data


def ticket_rows_json(rows: list[dict], *, user, hackru: bool) -> list[dict]:
    """``helpqueue.selectors.ticket_row_chunks`` rows as the list endpoint writes them: exactly what
    ``TicketSerializer`` (``HackruTicketSerializer`` when ``hackru``) writes for the same
    tickets, built from values in one pass (a mentor's list holds thousands of tickets)."""
    tz = timezone.get_current_timezone()
    iso = isotime.iso
    formatted = isotime.current_is_utc() and (not rows or isinstance(rows[0]["created_iso"], str))
    out = []
    append = out.append
    if hackru:
        sees_feedback = user is not None and roles.may_see_stats(user)
        viewer_id = user.pk if user is not None else None
    for row in rows:
        if formatted:
            created = row["created_iso"]
            claimed, closed, cancelled = (
                row["claimed_at_iso"],
                row["closed_at_iso"],
                row["cancelled_at_iso"],
            )
        else:
            created = iso(row["created_iso"], tz)
            claimed = iso(row["claimed_at_iso"], tz)
            closed = iso(row["closed_at_iso"], tz)
            cancelled = iso(row["cancelled_at_iso"], tz)
        if row["mentor_id"] is None:
            mentor = None
        else:
            mentor = display_name(
                row["mentor_first_name"], row["mentor_last_name"], row["mentor_username"]
            )
        data = {
            "id": row["id"],
            "owner_email": row["owner_email"],
            "status": row["status"],
            "title": row["title"],
            "comment": row["comment"],
            "contact": row["contact"],
            "location": row["location"],
            "mentor": mentor,
            "mentor_email": row["mentor_email"],
            "created": created,
            "claimed_at": claimed,
            "closed_at": closed,
            "cancelled_at": cancelled,
            "queue_position": row["queue_position"],
            "estimated_wait_seconds": row["estimated_wait_seconds"],
        }
        if hackru:
            data["created_datetime"] = created
            data["owner"] = row["owner_name"] or display_name(
                row["owner_first_name"], row["owner_last_name"], row["owner_username"]
            )
            data["active"] = row["active"]
            data["feedback"] = (
                f"/api/feedback/{row['id']}/"
                if row.get("has_feedback") and (sees_feedback or row["owner_id"] == viewer_id)
                else ""
            )
        append(data)
    return out


def ticket_serializer_class():
    return HackruTicketSerializer if client.hackru() else TicketSerializer


# --- Feedback -----------------------------------------------------------------------------------
class FeedbackCreateSerializer(serializers.Serializer):
    """POST /api/feedback/. The rules (closed, own ticket, once) are helpqueue.services'."""

    ticket = serializers.IntegerField()
    rating = serializers.JSONField(help_text="A whole number from 1 to 5.")
    comments = serializers.CharField(required=False, allow_blank=True, allow_null=True)


class FeedbackUpdateSerializer(serializers.Serializer):
    rating = serializers.JSONField(required=False, help_text="A whole number from 1 to 5.")
    comments = serializers.CharField(required=False, allow_blank=True, allow_null=True)


class FeedbackSerializer(serializers.Serializer):
    ticket = serializers.IntegerField(help_text="The rated ticket's id (also the feedback's id).")
    ticket_url = serializers.CharField()
    rating = serializers.IntegerField()
    comments = serializers.CharField()
    created = serializers.DateTimeField()
    updated = serializers.DateTimeField()

    def to_representation(self, feedback) -> dict:
        tz = timezone.get_current_timezone()
        return {
            "ticket": feedback.ticket_id,
            "ticket_url": f"/api/tickets/{feedback.ticket_id}/",
            "rating": feedback.rating,
            "comments": feedback.comments,
            "created": isotime.iso(feedback.created, tz),
            "updated": isotime.iso(feedback.updated, tz),
        }


class LeaderboardEntrySerializer(serializers.Serializer):
    mentor = serializers.CharField(
        help_text="The mentor's email (as HackRU's back end); empty for an account without one."
    )
    name = serializers.CharField()
    average_rating = serializers.FloatField()
    ratings = serializers.IntegerField()


class LeaderboardQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(required=False, min_value=1, max_value=100, default=5)


# --- Auth ---------------------------------------------------------------------------------------
def with_claims(token, user):
    """``token`` with HackRU's front-end's claims (mentor, director, name) for ``user``."""
    for claim, value in roles.jwt_claims(user).items():
        token[claim] = value
    return token


class MentorqRefreshSerializer(VersionedTokenRefreshSerializer):
    """/api/auth/refresh/: a new access token with fresh claims (the role may have changed).

    Seed mode rotates (the old refresh token is blacklisted, a new one returned); with
    MENTORQ_CLIENT=hackru the refresh token is returned as it came and stays usable until it
    expires, as HackRU's front-end keeps its first one. A logout or new password still ends it.
    """

    refresh = serializers.CharField()
    access = serializers.CharField(read_only=True)

    def validate(self, attrs):
        refresh = self.token_class(attrs["refresh"])  # signature, expiry, blacklist
        user = self.checked_user(refresh)
        with_claims(refresh, user)
        data = {"access": str(refresh.access_token)}
        if client.hackru() or not api_settings.ROTATE_REFRESH_TOKENS:
            data["refresh"] = attrs["refresh"]
            return data
        if api_settings.BLACKLIST_AFTER_ROTATION:
            refresh.blacklist()
        refresh.set_jti()
        refresh.set_exp()
        refresh.set_iat()
        refresh.outstand()
        data["refresh"] = str(refresh)
        return data
