from django.contrib import admin

from notifications.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "recipient", "subject", "status", "attempts", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("recipient", "subject", "key")
    readonly_fields = ("created_at", "claimed_at", "sent_at", "attempts", "last_error")
    actions = ["retry"]

    @admin.action(description="Retry the selected messages")
    def retry(self, request, queryset):
        updated = queryset.exclude(status=OutboxMessage.Status.SENT).update(
            status=OutboxMessage.Status.PENDING, attempts=0
        )
        self.message_user(request, f"{updated} message(s) queued again.")
