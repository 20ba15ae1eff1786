from django.conf import settings
from django.db import models
from django.db.models import Q

from core import clock


class Ticket(models.Model):
    """A request for help, opened by its owner and claimed and closed by a mentor.

    The state machine lives in helpqueue.rules; the constraints below make the database refuse
    a row that no transition could have produced.
    """

    class Status(models.TextChoices):
        OPEN = "OPEN", "Open"
        CLAIMED = "CLAIMED", "Claimed"
        CLOSED = "CLOSED", "Closed"
        CANCELLED = "CANCELLED", "Cancelled"

    # PROTECT (owner and mentor): a ticket records both people's work and feeds the directors'
    # statistics; accounts are deactivated, not deleted (docs/architecture.md).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tickets"
    )
    title = models.CharField(max_length=255)
    comment = models.TextField(blank=True)
    contact = models.CharField(max_length=255, blank=True)
    location = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.OPEN)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claimed_tickets",
    )
    created = models.DateTimeField(default=clock.now)
    # HackRU's front-end: the name the owner chose to show (their name or "Anonymous"), and
    # whether the owner is still there (a mentor marks a ticket inactive when nobody is found).
    owner_name = models.CharField(max_length=255, blank=True)
    active = models.BooleanField(default=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "id"]
        indexes = [
            models.Index(fields=["status", "created", "id"], name="ticket_queue_idx"),
            models.Index(fields=["owner", "status"], name="ticket_owner_status_idx"),
            models.Index(fields=["claimed_at"], name="ticket_claimed_at_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="CLAIMED") | Q(claimed_at__isnull=False),
                name="ticket_claimed_has_claim_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="OPEN") | Q(mentor__isnull=True, claimed_at__isnull=True),
                name="ticket_open_is_unclaimed",
            ),
            models.CheckConstraint(
                condition=~Q(status="CLOSED") | Q(closed_at__isnull=False),
                name="ticket_closed_has_close_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="CANCELLED") | Q(cancelled_at__isnull=False),
                name="ticket_cancelled_has_cancel_time",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.title} ({self.status})"


class Feedback(models.Model):
    """A ticket's owner rates the mentor who helped, once the ticket is closed (one per ticket).

    The rules (who, when, what) live in helpqueue.rules and helpqueue.services.
    """

    ticket = models.OneToOneField(
        Ticket, on_delete=models.PROTECT, primary_key=True, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField()
    comments = models.TextField(blank=True)
    created = models.DateTimeField(default=clock.now)
    updated = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["created", "ticket_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"Feedback on #{self.ticket_id}: {self.rating}/5"
