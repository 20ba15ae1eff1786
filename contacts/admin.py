from django.contrib import admin

from contacts.models import Contact, ContactRequest


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("email", "first_name", "last_name", "owner", "user")
    search_fields = ("email", "first_name", "last_name", "owner__username")
    raw_id_fields = ("owner", "user")


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    list_display = ("requester", "requested", "status", "created_at", "answered_at")
    list_filter = ("status",)
    raw_id_fields = ("requester", "requested")
