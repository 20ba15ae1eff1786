from django.contrib import admin

from core.admin_times import ZonedTimesMixin
from helpqueue.models import Feedback, Ticket


@admin.register(Ticket)
class TicketAdmin(ZonedTimesMixin, admin.ModelAdmin):
    """Browse and repair tickets. Normal changes go through the API (helpqueue.services).

    Times in the owner's zone.
    """

    zoned_fields = ("created", "claimed_at", "closed_at")
    zone_path = "owner.time_zone"

    list_display = (
        "id",
        "title",
        "owner",
        "status",
        "active",
        "mentor",
        "created_zoned",
        "claimed_at_zoned",
        "closed_at_zoned",
    )
    list_filter = ("status",)
    search_fields = ("title", "owner__email", "owner__username", "mentor__email", "location")
    list_select_related = ("owner", "mentor")
    raw_id_fields = ("owner", "mentor")
    date_hierarchy = "created"
    readonly_fields = ("created", "created_zoned", "claimed_at_zoned", "closed_at_zoned")


@admin.register(Feedback)
class FeedbackAdmin(ZonedTimesMixin, admin.ModelAdmin):
    """Read what owners said about their mentors; owners give and change it through the API.

    Times in the ticket owner's zone.
    """

    zoned_fields = ("created", "updated")
    zone_path = "ticket.owner.time_zone"

    list_display = ("ticket", "rating", "created_zoned", "updated_zoned")
    list_filter = ("rating",)
    search_fields = ("ticket__title", "ticket__owner__email", "ticket__mentor__email", "comments")
    list_select_related = ("ticket__owner",)
    raw_id_fields = ("ticket",)
    readonly_fields = ("created_zoned", "updated_zoned")
    exclude = ("created", "updated")  # set by the service; shown above in the owner's zone
