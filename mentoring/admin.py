from django.contrib import admin

from core.admin_times import ZonedTimesMixin, format_in_zone
from mentoring.models import (
    MenteeProfile,
    MentorAvailability,
    MentorProfile,
    Session,
    SessionReminder,
    Skill,
)


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "team_number"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["skills"]


@admin.register(MenteeProfile)
class MenteeProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "team_number"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]


@admin.register(MentorAvailability)
class MentorAvailabilityAdmin(ZonedTimesMixin, admin.ModelAdmin):
    """Times in the mentor's zone."""

    zoned_fields = ("start_time", "end_time")
    zone_path = "mentor.time_zone"
    list_display = ["pk", "mentor", "start_time_zoned", "end_time_zoned", "status"]
    list_select_related = ["mentor"]
    readonly_fields = ["start_time_zoned", "end_time_zoned"]
    list_filter = ["status"]
    search_fields = ["mentor__username"]
    date_hierarchy = "start_time"
    raw_id_fields = ["mentor"]


class SessionReminderInline(ZonedTimesMixin, admin.TabularInline):
    model = SessionReminder
    extra = 0
    zoned_fields = ("due_at", "sent_at")
    zone_path = "recipient.time_zone"
    fields = ["recipient", "kind", "due_at_zoned", "sent_at_zoned", "canceled", "outcome"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recipient")

    can_delete = False


@admin.register(Session)
class SessionAdmin(ZonedTimesMixin, admin.ModelAdmin):
    """Times in the mentor's zone, and the start in the mentee's as well."""

    zoned_fields = ("start_time",)
    zone_path = "mentor.time_zone"
    list_display = [
        "pk",
        "mentor",
        "mentee",
        "start_time_zoned",
        "start_for_mentee",
        "session_length",
        "status",
    ]
    list_select_related = ["mentor", "mentee"]
    readonly_fields = ["start_time_zoned", "start_for_mentee"]

    @admin.display(description="Start time (mentee's zone)", ordering="start_time")
    def start_for_mentee(self, obj):
        return format_in_zone(obj.start_time, obj.mentee.time_zone if obj.mentee_id else None)

    list_filter = ["status", "session_length"]
    search_fields = ["mentor__username", "mentee__username"]
    date_hierarchy = "start_time"
    raw_id_fields = ["mentor", "mentee", "mentor_availability", "canceled_by"]
    inlines = [SessionReminderInline]


@admin.register(SessionReminder)
class SessionReminderAdmin(ZonedTimesMixin, admin.ModelAdmin):
    """Times in the recipient's zone."""

    zoned_fields = ("due_at", "sent_at")
    zone_path = "recipient.time_zone"
    list_display = [
        "pk",
        "session",
        "recipient",
        "kind",
        "due_at_zoned",
        "sent_at_zoned",
        "canceled",
        "outcome",
    ]
    list_select_related = ["session__mentor", "session__mentee", "recipient"]
    readonly_fields = ["due_at_zoned", "sent_at_zoned"]
    list_filter = ["kind", "canceled", "outcome"]
    raw_id_fields = ["session", "recipient"]
