from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery
from django.utils.text import Truncator

from core.admin_times import ZonedTimesMixin
from notifications import services
from notifications.models import OutboxMessage

LAST_ERROR_COLUMN_CHARS = 80


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ZonedTimesMixin, admin.ModelAdmin):
    """The outbox: filter by status, read why a message failed, retry it.

    Times are shown in the recipient's zone when the address belongs to an account (looked up
    in the same query), in UTC otherwise; the zone is named either way.
    """

    zoned_fields = (
        "created_at",
        "claimed_at",
        "sent_at",
        "next_attempt_at",
        "send_after",
        "send_before",
        "give_up_at",
    )
    zone_path = "recipient_time_zone"
    list_display = (
        "created_at_zoned",
        "kind",
        "recipient",
        "subject",
        "status",
        "attempts",
        "next_attempt_at_zoned",
        "sent_at_zoned",
        "last_error_short",
    )
    list_filter = ("status", "kind")
    search_fields = ("recipient", "subject", "key")
    readonly_fields = (
        "created_at_zoned",
        "claimed_at_zoned",
        "sent_at_zoned",
        "attempts",
        "last_error",
        "next_attempt_at_zoned",
        "send_after_zoned",
        "send_before_zoned",
        "give_up_at_zoned",
    )
    exclude = (
        "claimed_at",
        "sent_at",
        "next_attempt_at",
        "send_before",
        "give_up_at",
    )

    def get_queryset(self, request):
        # The user model through the setting: notifications sits below accounts (import-linter).
        zone = get_user_model().objects.filter(email__iexact=OuterRef("recipient")).order_by("pk")
        return (
            super()
            .get_queryset(request)
            .annotate(recipient_time_zone=Subquery(zone.values("time_zone")[:1]))
        )

    @admin.display(description="Last error", ordering="last_error")
    def last_error_short(self, obj):
        return Truncator(obj.last_error).chars(LAST_ERROR_COLUMN_CHARS) or "-"

    actions = ["retry"]

    @admin.action(description="Retry the selected messages")
    def retry(self, request, queryset):
        """Failed messages get a new attempt now (``notifications.services.retry``)."""
        updated = services.retry(queryset)
        self.message_user(request, f"{updated} message(s) queued again.")
