from django.contrib import admin

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
class MentorAvailabilityAdmin(admin.ModelAdmin):
    list_display = ["pk", "mentor", "start_time", "end_time", "status"]
    list_filter = ["status"]
    search_fields = ["mentor__username"]
    date_hierarchy = "start_time"
    raw_id_fields = ["mentor"]


class SessionReminderInline(admin.TabularInline):
    model = SessionReminder
    extra = 0
    readonly_fields = ["recipient", "kind", "due_at", "sent_at", "canceled", "outcome"]
    can_delete = False


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["pk", "mentor", "mentee", "start_time", "session_length", "status"]
    list_filter = ["status", "session_length"]
    search_fields = ["mentor__username", "mentee__username"]
    date_hierarchy = "start_time"
    raw_id_fields = ["mentor", "mentee", "mentor_availability", "canceled_by"]
    inlines = [SessionReminderInline]


@admin.register(SessionReminder)
class SessionReminderAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "session",
        "recipient",
        "kind",
        "due_at",
        "sent_at",
        "canceled",
        "outcome",
    ]
    list_filter = ["kind", "canceled", "outcome"]
    raw_id_fields = ["session", "recipient"]
