from django.contrib import admin

from helpqueue.models import Ticket


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Browse and repair tickets. Normal changes go through the API (helpqueue.services)."""

    list_display = (
        "id",
        "title",
        "owner",
        "status",
        "mentor",
        "created",
        "claimed_at",
        "closed_at",
    )
    list_filter = ("status",)
    search_fields = ("title", "owner__email", "owner__username", "mentor__email", "location")
    list_select_related = ("owner", "mentor")
    raw_id_fields = ("owner", "mentor")
    date_hierarchy = "created"
    readonly_fields = ("created",)
