from django.db import models


class OutboxMessage(models.Model):
    """One outgoing email, recorded before it is sent.

    ``key`` names the occasion (kind, object, recipient, occasion), so queueing the same message
    twice records it once, and delivery claims the row before sending, so two workers never both
    send it. A message that fails stays here with its error and is retried.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Skipped"

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

    class Meta:
        indexes = [models.Index(fields=["status", "send_after"])]
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} to {self.recipient} ({self.status})"
