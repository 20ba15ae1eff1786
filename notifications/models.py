from django.db import models


class OutboxMessage(models.Model):
    """One outgoing email, recorded before it is sent.

    ``key`` names the occasion (kind, object, recipient, occasion), so queueing the same message
    twice records it once, and delivery claims the row before sending, so two workers never both
    send it. A message that fails stays here with its error and is retried with exponential
    backoff until ``give_up_at`` (then it is failed); one that has a ``send_before`` (a reminder,
    a nudge) and could not go out by then is dropped as expired instead of being sent late.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"
        EXPIRED = "expired", "Expired (too late to send)"

    key = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=64, db_index=True)
    recipient = models.EmailField()
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # [{"filename": ..., "content": <text>, "mimetype": ...}]
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    send_after = models.DateTimeField(null=True, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # When the next attempt is due (null: now); moved forward with backoff after each failure.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # Send no later than this (reminders, nudges): past it the message expires unsent.
    send_before = models.DateTimeField(null=True, blank=True)
    # A message still failing at this time is marked failed (OUTBOX_GIVE_UP_AFTER_SECONDS).
    give_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} to {self.recipient} ({self.status})"
