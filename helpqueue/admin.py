from django.contrib import admin

from helpqueue.models import Feedback, Ticket


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Browse and repair tickets. Normal changes go through the API (helpqueue.services)."""

    list_display = (
        "id",
        "title",
        "owner",
        "status",
        "active",
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


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Read what owners said about their mentors; owners give and change it through the API."""

    list_display = ("ticket", "rating", "created", "updated")
    list_filter = ("rating",)
    search_fields = ("ticket__title", "ticket__owner__email", "ticket__mentor__email", "comments")
    list_select_related = ("ticket",)
    raw_id_fields = ("ticket",)
    readonly_fields = ("created", "updated")
