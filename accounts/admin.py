from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm

from accounts import services
from accounts.models import NotificationSettings, User
from core.admin_times import ZonedTimesMixin


class EndingSessionsPasswordChangeForm(AdminPasswordChangeForm):
    """The admin's password change (a reset by staff) logs the account out everywhere."""

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            services.end_all_sessions(user=user)
        return user


class NotificationSettingsInline(admin.StackedInline):
    model = NotificationSettings
    can_delete = False


@admin.register(User)
class UserAdmin(ZonedTimesMixin, DjangoUserAdmin):
    zoned_fields = ("last_login", "date_joined")
    zone_path = "time_zone"
    change_password_form = EndingSessionsPasswordChangeForm
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            "OneOnOne",
            {
                "fields": (
                    "phone_number",
                    "profile_photo",
                    "time_zone",
                    "is_mentor",
                    "is_mentee",
                    "queue_role",
                )
            },
        ),
        ("In the user's time zone", {"fields": ("last_login_zoned", "date_joined_zoned")}),
    )
    readonly_fields = ("last_login_zoned", "date_joined_zoned")
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "is_mentor",
        "is_mentee",
        "queue_role",
        "is_staff",
        "time_zone",
        "last_login_zoned",
    )
    list_filter = ("queue_role", "is_mentor", "is_mentee", "is_staff", "is_active")
    inlines = [NotificationSettingsInline]


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "session_requested",
        "session_confirmed",
        "session_canceled",
        "fifteen_minute_alert",
        "sixty_minute_alert",
    )
    search_fields = ("user__username", "user__email")
