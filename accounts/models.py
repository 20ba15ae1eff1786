from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower

from accounts.validators import validate_time_zone


class QueueRole(models.TextChoices):
    PARTICIPANT = "participant", "Participant"
    MENTOR = "mentor", "Mentor"
    ORGANIZER = "organizer", "Organizer"
    DIRECTOR = "director", "Director"


class CaseInsensitiveUserManager(UserManager):
    """Usernames are case-insensitive: stored lowercase and looked up without case."""

    def get_by_natural_key(self, username):
        return self.get(username=(username or "").lower())

    def _create_user_object(self, username, email, password, **extra_fields):
        username = (username or "").lower()
        return super()._create_user_object(username, email, password, **extra_fields)


def display_name(first_name: str | None, last_name: str | None, username: str | None) -> str:
    """How a person is named to others (pages, emails, .ics, the contracts' name fields): their
    full name, or their username when the account has none. For rows read as values too."""
    return f"{first_name or ''} {last_name or ''}".strip() or (username or "")


def profile_photo_path(user, filename):
    return f"profile_photos/{user.pk or 'new'}/{filename}"


class User(AbstractUser):
    """One account for every contract. Usernames are stored lowercase; emails unique, any case."""

    email = models.EmailField("email address", blank=True)
    phone_number = models.CharField(max_length=16, blank=True, help_text="E.164, e.g. +14165550123")
    profile_photo = models.ImageField(upload_to=profile_photo_path, blank=True, null=True)
    is_mentor = models.BooleanField(default=False)
    is_mentee = models.BooleanField(default=False)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    queue_role = models.CharField(
        max_length=16, choices=QueueRole.choices, default=QueueRole.PARTICIPANT
    )
    token_version = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Raised by every logout and password change; older JWTs are refused.",
    )

    objects = CaseInsensitiveUserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="user_email_ci_unique"
            ),
        ]

    @property
    def display_name(self) -> str:
        """``display_name`` of this account: its full name, or its username."""
        return display_name(self.first_name, self.last_name, self.username)

    @property
    def zone(self) -> ZoneInfo:
        """The account's time zone; UTC when it is empty or unknown to this machine's tz data
        (a name saved before a tz data update removed it), so a page never fails on it."""
        try:
            return ZoneInfo(self.time_zone or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")

    def save(self, *args, **kwargs):
        self.username = (self.username or "").lower()
        adding = self._state.adding
        if not adding and not args and kwargs.get("update_fields") is None:
            # token_version only ever goes up, by one UPDATE (accounts.services.end_all_sessions):
            # a copy of the user loaded before a logout must not write the old version back and
            # so revive the tokens that logout ended.
            skip = {"token_version", *self.get_deferred_fields()}
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.attname not in skip and f.name not in skip
            ]
        super().save(*args, **kwargs)
        if adding:
            # Every user has notification settings, however the user was created.
            NotificationSettings.objects.get_or_create(user=self)


class NotificationSettings(models.Model):
    """Which notifications a user wants (seed 000's /notificationsettings/)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    session_requested = models.BooleanField(default=True)
    session_confirmed = models.BooleanField(default=True)
    session_canceled = models.BooleanField(default=True)
    fifteen_minute_alert = models.BooleanField(default=True)
    sixty_minute_alert = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "notification settings"

    def __str__(self):
        return f"Notification settings of {self.user}"
