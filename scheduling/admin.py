from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from accounts.validators import validate_time_zone
from core.admin_times import ZonedTimesMixin, format_in_zone
from core.ids import row_id
from scheduling import rules
from scheduling.models import AvailabilityWindow, Calendar, Invitation, Meeting

CALENDAR_FILTER_CHOICES = 30


class CalendarListFilter(admin.SimpleListFilter):
    """Filter by round, scaling to any number of rounds.

    Offers the most recent rounds (at most ``CALENDAR_FILTER_CHOICES``) and the one selected;
    any other round is reached with ``?calendar=<id>`` (the round's page links there) or by
    searching its name or ``=id``.
    """

    title = "round"
    parameter_name = "calendar"

    def lookups(self, request, model_admin):
        recent = list(Calendar.objects.order_by("-created_at", "-pk")[:CALENDAR_FILTER_CHOICES])
        selected = row_id(self.value())
        if selected is not None and all(c.pk != selected for c in recent):
            recent.extend(Calendar.objects.filter(pk=selected))
        return [(str(c.pk), f"{c.name} (#{c.pk})") for c in recent]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        calendar_id = row_id(value)
        if calendar_id is None:
            return queryset.none()
        return queryset.filter(calendar_id=calendar_id)


def _window_summary(window, zone: str) -> str:
    """``Mon 8 Mar 2027 09:00 (Europe/Paris) to 10:30, preference 2``."""
    start = format_in_zone(window.start, zone)
    end = format_in_zone(window.end, zone)
    start_day, end_day = start.rsplit(" ", 2)[0], end.rsplit(" ", 2)[0]
    if start_day == end_day:
        end = end.rsplit(" ", 2)[1]  # the same day: the time alone
    return f"{start} to {end}, preference {window.preference}"


class InvitationInline(ZonedTimesMixin, admin.TabularInline):
    """The round's invitees with their answers: windows given and the meetings made."""

    model = Invitation
    extra = 0
    zoned_fields = ("responded_at", "nudged_at")
    zone_path = "calendar.time_zone"
    fields = (
        "name",
        "email",
        "user",
        "responded_at_zoned",
        "accepted",
        "answer_deadline",
        "answer",
        "meetings_made",
        "nudged_at_zoned",
    )
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        windows = AvailabilityWindow.objects.order_by("start", "pk")
        return (
            super()
            .get_queryset(request)
            .select_related("calendar", "user")
            .prefetch_related(
                Prefetch("windows", queryset=windows),
                Prefetch("meetings", queryset=Meeting.objects.order_by("status", "start")),
            )
        )

    def has_add_permission(self, request, obj=None):
        return False  # invitations are made through the API (scheduling.services)

    @admin.display(description="Name")
    def name(self, obj):
        return obj.full_name or "-"

    @admin.display(description="Deadline (local time)")
    def answer_deadline(self, obj):
        """The invitation's own deadline, or the round's."""
        return format_in_zone(rules.effective_deadline(obj), obj.calendar.time_zone)

    @admin.display(description="Answer (windows, local time)")
    def answer(self, obj):
        if obj.responded_at is None:
            return "No answer yet"
        windows = list(obj.windows.all())
        if not windows:
            return "Answered, no windows"
        zone = obj.calendar.time_zone
        return format_html_join(
            mark_safe("<br>"), "{}", ((_window_summary(w, zone),) for w in windows)
        )

    @admin.display(description="Meetings")
    def meetings_made(self, obj):
        meetings = list(obj.meetings.all())
        if not meetings:
            return "-"
        zone = obj.calendar.time_zone
        return format_html_join(
            mark_safe("<br>"),
            "{}: {}",
            ((m.get_status_display(), format_in_zone(m.start, zone)) for m in meetings),
        )


class CalendarForm(forms.ModelForm):
    class Meta:
        model = Calendar
        fields = "__all__"  # noqa: DJ007 (the admin's own choice of fields applies)

    def clean_time_zone(self):
        validate_time_zone(self.cleaned_data["time_zone"])  # as the scheduling service does
        return self.cleaned_data["time_zone"]


@admin.register(Calendar)
class CalendarAdmin(ZonedTimesMixin, admin.ModelAdmin):
    form = CalendarForm
    zoned_fields = ("deadline", "finalized_at", "created_at")
    zone_path = "time_zone"
    list_display = (
        "name",
        "owner",
        "time_zone",
        "deadline_zoned",
        "meeting_minutes",
        "finalized",
        "created_at_zoned",
    )
    list_filter = ("finalized",)
    list_select_related = ("owner",)
    search_fields = ("name", "=id", "owner__username", "owner__email")
    raw_id_fields = ("owner",)
    readonly_fields = ("deadline_zoned", "finalized_at_zoned", "created_at_zoned", "windows_link")
    inlines = [InvitationInline]

    @admin.display(description="Availability windows")
    def windows_link(self, obj):
        if obj.pk is None:
            return "-"
        url = reverse("admin:scheduling_availabilitywindow_changelist")
        return format_html('<a href="{}?calendar={}">All windows of this round</a>', url, obj.pk)


@admin.register(Invitation)
class InvitationAdmin(ZonedTimesMixin, admin.ModelAdmin):
    zoned_fields = ("deadline", "responded_at", "last_reminded_at", "nudge_due_at", "nudged_at")
    zone_path = "calendar.time_zone"
    list_display = (
        "email",
        "calendar",
        "accepted",
        "deadline_zoned",
        "responded_at_zoned",
        "nudged_at_zoned",
    )
    list_filter = (CalendarListFilter, "accepted")
    list_select_related = ("calendar",)
    search_fields = ("email", "last_name", "calendar__name")
    raw_id_fields = ("calendar", "contact", "user")
    exclude = ("token_nonce", "token_hash")
    readonly_fields = (
        "deadline_zoned",
        "responded_at_zoned",
        "last_reminded_at_zoned",
        "nudge_due_at_zoned",
        "nudged_at_zoned",
    )


@admin.register(AvailabilityWindow)
class AvailabilityWindowAdmin(ZonedTimesMixin, admin.ModelAdmin):
    zoned_fields = ("start", "end")
    zone_path = "calendar.time_zone"
    list_display = ("calendar", "whose", "start_zoned", "end_zoned", "preference")
    list_filter = (CalendarListFilter, "preference")
    list_select_related = ("calendar", "invitation")
    search_fields = ("calendar__name", "=calendar__id", "invitation__email", "name")
    raw_id_fields = ("calendar", "invitation")
    readonly_fields = ("start_zoned", "end_zoned")

    @admin.display(description="Whose", ordering="invitation__email")
    def whose(self, obj):
        if obj.invitation is None:
            return "The round's owner"
        return f"{obj.invitation.full_name} <{obj.invitation.email}>".strip()


@admin.register(Meeting)
class MeetingAdmin(ZonedTimesMixin, admin.ModelAdmin):
    zoned_fields = ("start", "end")
    zone_path = "calendar.time_zone"
    list_display = ("calendar", "invitation", "start_zoned", "end_zoned", "status")
    list_filter = ("status", CalendarListFilter)
    list_select_related = ("calendar", "invitation__calendar")
    search_fields = ("calendar__name", "=calendar__id", "invitation__email")
    raw_id_fields = ("calendar", "invitation", "owner")
    readonly_fields = ("start_zoned", "end_zoned")
