from datetime import timedelta

from django.conf import settings
from django.contrib import admin

from core import clock
from notifications.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "kind",
        "recipient",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
    )
    list_filter = ("status", "kind")
    search_fields = ("recipient", "subject", "key")
    readonly_fields = (
        "created_at",
        "claimed_at",
        "sent_at",
        "attempts",
        "last_error",
        "next_attempt_at",
        "send_before",
        "give_up_at",
    )
    actions = ["retry"]

    @admin.action(description="Retry the selected messages")
    def retry(self, request, queryset):
        """Failed (or skipped) messages get a new attempt now and a new give-up window.

        Sent messages and messages being sent right now are left alone (no second copy); a
        reminder past its ``send_before`` expires again instead of going out late.
        """
        now = clock.now()
        updated = queryset.exclude(
            status__in=[OutboxMessage.Status.SENT, OutboxMessage.Status.SENDING]
        ).update(
            status=OutboxMessage.Status.PENDING,
            attempts=0,
            next_attempt_at=now,
            give_up_at=now + timedelta(seconds=settings.OUTBOX_GIVE_UP_AFTER_SECONDS),
        )
        self.message_user(request, f"{updated} message(s) queued again.")
