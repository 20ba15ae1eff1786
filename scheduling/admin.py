from django import forms
from django.contrib import admin

from accounts.validators import validate_time_zone
from scheduling.models import AvailabilityWindow, Calendar, Invitation, Meeting


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    fields = (
        "first_name",
        "last_name",
        "email",
        "contact",
        "deadline",
        "responded_at",
        "last_reminded_at",
        "nudge_due_at",
        "nudged_at",
    )
    readonly_fields = fields
    can_delete = False
    show_change_link = True


class CalendarForm(forms.ModelForm):
    class Meta:
        model = Calendar
        fields = "__all__"  # noqa: DJ007 (the admin's own choice of fields applies)

    def clean_time_zone(self):
        validate_time_zone(self.cleaned_data["time_zone"])  # as the scheduling service does
        return self.cleaned_data["time_zone"]


@admin.register(Calendar)
class CalendarAdmin(admin.ModelAdmin):
    form = CalendarForm
    list_display = ("name", "owner", "deadline", "meeting_minutes", "finalized", "created_at")
    list_filter = ("finalized",)
    search_fields = ("name", "owner__username", "owner__email")
    raw_id_fields = ("owner",)
    inlines = [InvitationInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "calendar", "deadline", "responded_at", "nudged_at")
    search_fields = ("email", "last_name", "calendar__name")
    raw_id_fields = ("calendar", "contact", "user")
    exclude = ("token_nonce", "token_hash")


@admin.register(AvailabilityWindow)
class AvailabilityWindowAdmin(admin.ModelAdmin):
    list_display = ("calendar", "invitation", "start", "end", "preference")
    raw_id_fields = ("calendar", "invitation")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("calendar", "invitation", "start", "end", "status")
    list_filter = ("status",)
    raw_id_fields = ("calendar", "invitation", "owner")
