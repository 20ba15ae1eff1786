"""Mentor booking: profiles, skills, availability, sessions and their reminders.

Times are aware and stored in UTC. ``mentor`` and ``mentee`` are always users (their pk is the
user's pk); a profile's primary key is its user's, so "the mentor pk" means one number everywhere.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class Skill(models.Model):
    """A skill a mentor offers. Names are unique without case; the first spelling is kept."""

    name = models.CharField(max_length=50)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="skill_name_ci_unique")]

    def __str__(self):
        return self.name


class MentorProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="mentor_profile",
    )
    about_me = models.TextField(blank=True, max_length=2000)
    skills = models.ManyToManyField(Skill, blank=True, related_name="mentors")
    team_number = models.PositiveIntegerField(null=True, blank=True)

    def __str__(self):
        return f"Mentor profile of {self.user}"


class MenteeProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="mentee_profile",
    )
    team_number = models.PositiveIntegerField(null=True, blank=True)

    def __str__(self):
        return f"Mentee profile of {self.user}"


class AvailabilityStatus(models.TextChoices):
    OPEN = "Open", "Open"
    BOOKED = "Booked", "Booked"


class MentorAvailability(models.Model):
    """A span of time a mentor offers. v2 stores 30-minute chunks; v1 any length.

    ``status`` follows the sessions: Booked while live (Pending or Confirmed) sessions cover the
    whole span, Open otherwise. The spans of one mentor never overlap (the service checks it
    under a lock; on PostgreSQL an exclusion constraint also does).
    """

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availabilities"
    )
    start_time = models.DateTimeField()
    end_time = models.DateTimeField()
    status = models.CharField(
        max_length=8, choices=AvailabilityStatus.choices, default=AvailabilityStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "mentor availabilities"
        ordering = ["start_time", "pk"]
        indexes = [
            models.Index(fields=["mentor", "end_time"]),
            models.Index(fields=["end_time", "start_time"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="availability_end_after_start",
            )
        ]

    def __str__(self):
        return f"{self.mentor} {self.start_time:%Y-%m-%d %H:%M}-{self.end_time:%H:%M} UTC"


class SessionStatus(models.TextChoices):
    PENDING = "Pending", "Pending"
    CONFIRMED = "Confirmed", "Confirmed"
    CANCELED = "Canceled", "Canceled"


LIVE_STATUSES = (SessionStatus.PENDING, SessionStatus.CONFIRMED)


class Session(models.Model):
    """A mentee's request for time with a mentor, and what became of it.

    Live (Pending or Confirmed) sessions of one mentor never overlap, nor those of one mentee.
    ``sequence`` is the calendar revision (bumped on every change) for the .ics attachments.
    """

    mentor_availability = models.ForeignKey(
        MentorAvailability,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    # PROTECT: a session is the history of two people; deleting either account would erase the
    # other's. Accounts are deactivated, not deleted (docs/architecture.md).
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentor_sessions"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentee_sessions"
    )
    start_time = models.DateTimeField()
    end_time = models.DateTimeField()
    session_length = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=9, choices=SessionStatus.choices, default=SessionStatus.PENDING
    )
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    canceled_at = models.DateTimeField(null=True, blank=True)
    canceled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["start_time", "pk"]
        indexes = [
            models.Index(fields=["mentor", "start_time"]),
            models.Index(fields=["mentee", "start_time"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="session_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(session_length__in=[30, 60]),
                name="session_length_30_or_60",
            ),
        ]

    def __str__(self):
        return f"Session {self.pk}: {self.mentee} with {self.mentor} ({self.status})"

    @property
    def ics_uid(self) -> str:
        return f"session-{self.pk}@oneonone"


class ReminderKind(models.TextChoices):
    SIXTY = "sixty", "60 minutes before"
    FIFTEEN = "fifteen", "15 minutes before"


class SessionReminder(models.Model):
    """One reminder email due at ``due_at``, created when a session is confirmed.

    ``sent_at`` is set when the periodic task claims the row (a conditional UPDATE, so it is
    handled exactly once); ``outcome`` says what happened: sent, or why nothing was sent.
    """

    class Outcome(models.TextChoices):
        NONE = "", "Waiting"
        SENT = "sent", "Sent"
        SETTING_OFF = "setting_off", "Skipped: the recipient turned this reminder off"
        TOO_LATE = "too_late", "Skipped: found too late"
        NOT_CONFIRMED = "not_confirmed", "Skipped: the session is no longer confirmed"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_reminders"
    )
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    canceled = models.BooleanField(default=False)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True, default="")

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "canceled", "due_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "recipient", "kind"], name="reminder_once_per_kind"
            )
        ]

    def __str__(self):
        return (
            f"{self.get_kind_display()} reminder of session {self.session_id} to {self.recipient}"
        )
