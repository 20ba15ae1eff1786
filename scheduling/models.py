from django.conf import settings
from django.db import models


class Calendar(models.Model):
    """A scheduling round: the owner's availability, invitees' answers, then meetings."""

    # PROTECT: a round holds what its invitees submitted; an account that owns rounds is
    # deactivated (is_active=False), not deleted (docs/architecture.md, "What is never deleted").
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calendars"
    )
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    deadline = models.DateTimeField(null=True, blank=True, help_text="Answers are due by then.")
    meeting_minutes = models.PositiveSmallIntegerField(default=30)
    gap_minutes = models.PositiveSmallIntegerField(default=0)
    grid_minutes = models.PositiveSmallIntegerField(default=15)
    time_zone = models.CharField(max_length=64, default="UTC")
    finalized = models.BooleanField(default=False)
    finalized_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(meeting_minutes__gte=1, meeting_minutes__lte=1440),
                name="calendar_meeting_minutes_range",
            ),
        ]

    def __str__(self):
        return self.name


class Invitation(models.Model):
    """One invitee of one calendar. The secret token of its link is stored hashed.

    The invitee's name, email and account are recorded on the invitation when they are invited
    (``first_name``, ``last_name``, ``email``, ``user``), so the round keeps its history whatever
    happens to the address book later. While the round is open they follow edits of the contact
    entry; once it is finalized they no longer change. ``contact`` is the address-book entry the
    invitation was made from; it becomes empty when that entry is removed (which only
    ``scheduling.services.release_contact`` does: a bare delete of a contact that still has
    invitations is refused by the database, RESTRICT).
    """

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="invitations")
    contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="invitations",
    )
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_received",
        help_text="The invitee's account, when they have one.",
    )
    token_nonce = models.CharField(max_length=32)
    token_hash = models.CharField(max_length=64, unique=True)
    deadline = models.DateTimeField(null=True, blank=True, help_text="Overrides the calendar's.")
    accepted = models.BooleanField(default=False)
    responded_at = models.DateTimeField(null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    # The automatic nudge before the deadline: a row with a due time, sent once.
    nudge_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    nudged_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "contact"], name="invitation_once"),
        ]

    def __str__(self):
        return f"{self.full_name} <{self.email}> to {self.calendar}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def copy_invitee(self, contact) -> None:
        """Record the contact entry's name, email and account on the invitation."""
        self.first_name = contact.first_name
        self.last_name = contact.last_name
        self.email = contact.email
        self.user_id = contact.user_id

    @property
    def has_answered(self) -> bool:
        return self.responded_at is not None


class AvailabilityWindow(models.Model):
    """Time someone can meet: the owner's (no invitation) or an invitee's. Stored in UTC."""

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="windows")
    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, null=True, blank=True, related_name="windows"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    preference = models.PositiveSmallIntegerField(default=2)
    name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="window_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(preference__gte=1, preference__lte=3),
                name="window_preference_1_to_3",
            ),
        ]

    def __str__(self):
        return f"{self.start:%Y-%m-%d %H:%M}-{self.end:%H:%M} p{self.preference}"


class Meeting(models.Model):
    """A meeting of the owner with one invitee: a draft (seed 003's schedule) or final."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINAL = "final", "Final"

    calendar = models.ForeignKey(Calendar, on_delete=models.CASCADE, related_name="meetings")
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="meetings")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="owned_meetings"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    status = models.CharField(max_length=5, choices=Status.choices, default=Status.FINAL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="meeting_end_after_start"
            ),
            models.UniqueConstraint(
                fields=["invitation", "status"], name="meeting_once_per_invitation"
            ),
        ]

    def __str__(self):
        return f"{self.invitation.full_name} {self.start:%Y-%m-%d %H:%M}"

    @property
    def uid(self) -> str:
        """Stable iCalendar UID of this meeting."""
        return f"meeting-{self.calendar_id}-{self.invitation_id}@oneonone"
