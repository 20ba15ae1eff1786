from django.contrib import admin

from contacts.models import Contact, ContactRequest
from core.admin_times import ZonedTimesMixin


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("email", "first_name", "last_name", "owner", "user")
    list_select_related = ("owner", "user")
    search_fields = ("email", "first_name", "last_name", "owner__username")
    raw_id_fields = ("owner", "user")


@admin.register(ContactRequest)
class ContactRequestAdmin(ZonedTimesMixin, admin.ModelAdmin):
    """Times in the requester's zone."""

    zoned_fields = ("created_at", "answered_at")
    zone_path = "requester.time_zone"
    list_display = ("requester", "requested", "status", "created_at_zoned", "answered_at_zoned")
    list_select_related = ("requester", "requested")
    readonly_fields = ("created_at_zoned", "answered_at_zoned")
    list_filter = ("status",)
    raw_id_fields = ("requester", "requested")
