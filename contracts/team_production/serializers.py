"""Seed 000 (Team Production System) shapes: accounts, notification settings, and mentor
booking. Output of the hot lists is built by hand (``*_json``) for speed; the serializers
document those shapes and read request bodies.
"""

from datetime import UTC, datetime

from django.core.files.storage import default_storage
from django.http import QueryDict
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import NotificationSettings, User
from contracts.common import photo_url
from contracts.team_production import client
from mentoring.models import Session


class UserCreateSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    email = serializers.EmailField()
    password = serializers.CharField(write_only=True, style={"input_type": "password"})
    re_password = serializers.CharField(write_only=True, style={"input_type": "password"})

    def validate(self, attrs):
        if attrs["password"] != attrs["re_password"]:
            raise serializers.ValidationError(
                {"non_field_errors": ["The two password fields didn't match."]}
            )
        return attrs


class UserCreatedSerializer(serializers.Serializer):
    email = serializers.EmailField()
    username = serializers.CharField()
    id = serializers.IntegerField()


class TokenLoginSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})


class AuthTokenSerializer(serializers.Serializer):
    auth_token = serializers.CharField()


class MyProfileSerializer(serializers.ModelSerializer):
    """The caller's profile. ``notification_settings`` is the pk for /notificationsettings/<pk>."""

    phone_number = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    profile_photo = serializers.ImageField(required=False, allow_null=True)
    notification_settings = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = User
        fields = (
            "pk",
            "username",
            "first_name",
            "last_name",
            "email",
            "phone_number",
            "profile_photo",
            "is_mentor",
            "is_mentee",
            "is_active",
            "notification_settings",
        )
        read_only_fields = ("pk", "is_active", "notification_settings")
        extra_kwargs = {
            "username": {"required": False, "validators": []},
            "email": {"required": False},
            "first_name": {"required": False},
            "last_name": {"required": False},
        }

    def to_representation(self, user):
        data = super().to_representation(user)
        data["phone_number"] = user.phone_number or None
        data["profile_photo"] = photo_url(self.context.get("request"), user.profile_photo)
        return data


class NotificationSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = NotificationSettings
        fields = (
            "pk",
            "user",
            "session_requested",
            "session_confirmed",
            "session_canceled",
            "fifteen_minute_alert",
            "sixty_minute_alert",
        )
        read_only_fields = ("pk", "user")


class ResetPasswordSerializer(serializers.Serializer):
    email = serializers.EmailField()


class ResetPasswordConfirmSerializer(serializers.Serializer):
    uid = serializers.CharField()
    token = serializers.CharField()
    new_password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    re_new_password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)

    def validate(self, attrs):
        if attrs["new_password"] != attrs["re_new_password"]:
            raise serializers.ValidationError(
                {"non_field_errors": ["The two password fields didn't match."]}
            )
        return attrs


# --- Mentor booking ---------------------------------------------------------------------------


def iso(value: datetime | str) -> str:
    """The same text DRF's DateTimeField gives (UTC, ``Z``), without its per-field overhead.

    Text is returned as it is: the database wrote it so already (core.isotime.UtcIso)."""
    if isinstance(value, str):
        return value
    if value.utcoffset():
        value = value.astimezone(UTC)
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def media_url(request, name: str) -> str | None:
    if not name:
        return None
    url = default_storage.url(name)
    return request.build_absolute_uri(url) if request is not None else url


def availability_json(row, *, with_status: bool) -> dict:
    """``row`` is (pk, mentor pk, start, end, status)."""
    data = {"pk": row[0], "mentor": row[1], "start_time": iso(row[2]), "end_time": iso(row[3])}
    if with_status:
        data["status"] = row[4]
    return data


def availability_row(item) -> tuple:
    return (item.pk, item.mentor_id, item.start_time, item.end_time, item.status)


# --- Documentation of hand-built shapes ---------------------------------------------------------
class AvailabilityV1Serializer(serializers.Serializer):
    pk = serializers.IntegerField()
    mentor = serializers.IntegerField(help_text="The mentor's user pk.")
    start_time = serializers.DateTimeField()
    end_time = serializers.DateTimeField()


class AvailabilityV2Serializer(AvailabilityV1Serializer):
    status = serializers.ChoiceField(choices=["Open", "Booked"])


class AvailabilityListItemSerializer(AvailabilityV1Serializer):
    """GET /availabilty/ answers v1 items (no ``status``) unless ``Accept: version=v2``."""

    status = serializers.ChoiceField(
        choices=["Open", "Booked"], required=False, help_text="v2 only."
    )


class MentorProfileNestedSerializer(serializers.Serializer):
    about_me = serializers.CharField()
    skills = serializers.ListField(child=serializers.CharField())
    availabilities = AvailabilityV2Serializer(many=True)


class MentorListItemSerializer(serializers.Serializer):
    pk = serializers.IntegerField()
    username = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    is_mentor = serializers.BooleanField()
    profile_photo = serializers.URLField(allow_null=True)
    mentor_profile = MentorProfileNestedSerializer()


class MentorBySkillSerializer(serializers.Serializer):
    pk = serializers.IntegerField(help_text="The mentor's user pk.")
    about_me = serializers.CharField()
    skills = serializers.ListField(child=serializers.CharField())


class MentorInfoSerializer(serializers.Serializer):
    pk = serializers.IntegerField(help_text="The mentor's user pk.")
    about_me = serializers.CharField()
    skills = serializers.ListField(child=serializers.CharField())
    availabilities = AvailabilityV1Serializer(many=True)
    team_number = serializers.IntegerField(allow_null=True)


class MenteeProfileNestedSerializer(serializers.Serializer):
    team_number = serializers.IntegerField(allow_null=True)


class MenteeListItemSerializer(serializers.Serializer):
    pk = serializers.IntegerField()
    username = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    is_mentee = serializers.BooleanField()
    profile_photo = serializers.URLField(allow_null=True)
    mentee_profile = MenteeProfileNestedSerializer(allow_null=True)


# --- Request bodies -----------------------------------------------------------------------------
@extend_schema_field(
    {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]}
)
class SkillsField(serializers.Field):
    """A list of names, or one string (comma-separated names), as the seed's examples send."""

    def get_value(self, dictionary):
        if isinstance(dictionary, QueryDict) and self.field_name in dictionary:
            values = dictionary.getlist(self.field_name)
            return values[0] if len(values) == 1 else values
        return super().get_value(dictionary)

    def to_internal_value(self, data):
        if isinstance(data, str):
            return data
        if isinstance(data, list) and all(isinstance(item, str) for item in data):
            return data
        raise serializers.ValidationError("Give skills as a list of names.")

    def to_representation(self, value):
        return value


class TeamNumberField(serializers.IntegerField):
    """A whole number, or null. With TEAM_PRODUCTION_CLIENT=momentors a blank string is null.

    Momentors' edit form sends ``"team_number": ""`` when the field is empty. With the seed's
    setting it stays a 400: that front-end then sends an empty form (its read of /mentorinfo/
    fails), and refusing it is what keeps the profile from being wiped.
    """

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_null=True, min_value=0, **kwargs)

    def validate_empty_values(self, data):
        if isinstance(data, str) and not data.strip() and client.momentors():
            data = None
        return super().validate_empty_values(data)


class MentorInfoInputSerializer(serializers.Serializer):
    about_me = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    skills = SkillsField(required=False)
    team_number = TeamNumberField()


class MenteeInfoSerializer(serializers.Serializer):
    team_number = TeamNumberField()


class AvailabilityInputSerializer(serializers.Serializer):
    start_time = serializers.DateTimeField()
    end_time = serializers.DateTimeField()


class SessionRequestSerializer(serializers.Serializer):
    mentor_availability = serializers.IntegerField()
    start_time = serializers.DateTimeField()
    session_length = serializers.IntegerField(help_text="30 or 60 (minutes).")


class SessionStatusSerializer(serializers.Serializer):
    status = serializers.CharField(help_text='"Confirmed" (the mentor) or "Canceled" (either).')


# --- Sessions -----------------------------------------------------------------------------------
class SessionSerializer(serializers.ModelSerializer):
    mentor_first_name = serializers.CharField(source="mentor.first_name", read_only=True)
    mentor_last_name = serializers.CharField(source="mentor.last_name", read_only=True)
    mentee_first_name = serializers.CharField(source="mentee.first_name", read_only=True)
    mentee_last_name = serializers.CharField(source="mentee.last_name", read_only=True)

    class Meta:
        model = Session
        fields = (
            "pk",
            "mentor_first_name",
            "mentor_last_name",
            "mentor_availability",
            "mentor",
            "mentee",
            "mentee_first_name",
            "mentee_last_name",
            "start_time",
            "end_time",
            "status",
            "session_length",
        )
        read_only_fields = fields
