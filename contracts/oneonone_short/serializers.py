import datetime as dt

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

REQUIRED = {
    "username": "The username field is required.",
    "password1": "The password field is required.",
    "password2": "The password field is required.",
    "first_name": "The first name field is required.",
    "last_name": "The last name field is required.",
    "email": "The email field is required.",
    "password": "The password field is required.",
}


def _required(name, field_class, **kwargs):
    message = REQUIRED[name]
    return field_class(error_messages={"required": message, "blank": message}, **kwargs)


class UsersRegisterSerializer(serializers.Serializer):
    username = _required("username", serializers.CharField, max_length=150)
    email = _required("email", serializers.EmailField)
    first_name = _required("first_name", serializers.CharField, max_length=150)
    last_name = _required("last_name", serializers.CharField, max_length=150)
    password1 = _required("password1", serializers.CharField, write_only=True)
    password2 = _required("password2", serializers.CharField, write_only=True)

    def validate(self, attrs):
        if attrs["password1"] != attrs["password2"]:
            raise serializers.ValidationError({"password2": ["The passwords do not match."]})
        return attrs


class UsersUserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    email = serializers.EmailField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()


class UsersLoginSerializer(serializers.Serializer):
    username = _required("username", serializers.CharField)
    password = _required("password", serializers.CharField)


class LogoutSerializer(serializers.Serializer):
    refresh_token = serializers.CharField()


class ProfileEditSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, required=False)
    email = serializers.EmailField(required=False)
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    password1 = serializers.CharField(required=False, allow_blank=True, write_only=True)
    password2 = serializers.CharField(required=False, allow_blank=True, write_only=True)

    def validate(self, attrs):
        if (attrs.get("password1") or attrs.get("password2")) and attrs.get(
            "password1"
        ) != attrs.get("password2"):
            raise serializers.ValidationError({"password2": ["The passwords do not match."]})
        return attrs


# --- Calendars, events, invitations, contacts (issue 7) ------------------------------------------
# Class names carry the contract's prefix: drf-spectacular needs them unique across contracts.
@extend_schema_field(OpenApiTypes.DATETIME)
class ShortDateTimeField(serializers.Field):
    """ISO 8601; without an offset it is wall-clock time in the calendar's zone; a date alone
    means its midnight."""

    default_error_messages = {
        "invalid": "Datetime has wrong format. Use ISO 8601, e.g. 2024-03-10T10:20:00Z.",
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            return dt.datetime.fromisoformat(data.strip())
        except ValueError:
            self.fail("invalid")

    def to_representation(self, value):
        return value.isoformat()


EVENT_TYPES = {
    "hp": 3,
    "high": 3,
    "high priority": 3,
    "high preference": 3,
    "3": 3,
    "mp": 2,
    "medium": 2,
    "medium priority": 2,
    "medium preference": 2,
    "2": 2,
    "lp": 1,
    "low": 1,
    "low priority": 1,
    "low preference": 1,
    "1": 1,
}


@extend_schema_field(OpenApiTypes.STR)
class ShortEventTypeField(serializers.Field):
    """HP (3), MP (2) or LP (1); also "high"/"medium"/"low" and 3/2/1. F is read-only."""

    default_error_messages = {
        "invalid": "Event type must be HP (high preference) or LP (low preference).",
        "finalized": "Finalized (F) events are made by finalizing the calendar.",
    }

    def to_internal_value(self, data):
        text = str(data).strip().lower()
        if text in ("f", "finalized"):
            self.fail("finalized")
        if isinstance(data, bool) or text not in EVENT_TYPES:
            self.fail("invalid")
        return EVENT_TYPES[text]

    def to_representation(self, value):
        return value


class ShortCalendarCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    deadline = ShortDateTimeField(required=False, allow_null=True, default=None)
    start_date = serializers.DateField(required=False, allow_null=True, default=None)
    end_date = serializers.DateField(required=False, allow_null=True, default=None)


class ShortCalendarEditSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    deadline = ShortDateTimeField(required=False)
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError({"non_field_errors": ["No input."]})
        return attrs


class ShortCalendarSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    deadline = serializers.DateTimeField(allow_null=True)
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    owner = serializers.IntegerField()
    is_finalized = serializers.BooleanField()


class ShortUserCalendarSerializer(ShortCalendarSerializer):
    role = serializers.ChoiceField(choices=["owner", "invitee"])
    attendee_id = serializers.IntegerField(allow_null=True)


class ShortAttendeeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    calendar = serializers.IntegerField()
    user = serializers.IntegerField(allow_null=True)
    username = serializers.CharField(allow_null=True)
    status = serializers.BooleanField()
    accepted = serializers.BooleanField()


class ShortStatusSerializer(serializers.Serializer):
    attendee_id = serializers.IntegerField()
    user_id = serializers.IntegerField(allow_null=True)
    username = serializers.CharField(allow_null=True)
    status = serializers.BooleanField()
    accepted = serializers.BooleanField()


class ShortEventSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    start_time = serializers.DateTimeField()
    end_time = serializers.DateTimeField()
    event_type = serializers.ChoiceField(choices=["HP", "MP", "LP", "F"])
    calendar = serializers.IntegerField()
    owner = serializers.IntegerField(allow_null=True)
    meeting_id = serializers.IntegerField(allow_null=True)
    attendee = serializers.IntegerField(allow_null=True)


class ShortCalendarDetailSerializer(ShortCalendarSerializer):
    attendees = ShortAttendeeSerializer(many=True)
    events = ShortEventSerializer(many=True)


class ShortEventAddSerializer(serializers.Serializer):
    """Keys in either spelling of the seed (``Start_time`` or ``start_time``, ...)."""

    start_time = ShortDateTimeField()
    end_time = ShortDateTimeField()
    event_type = ShortEventTypeField()
    calendar = serializers.IntegerField()
    name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class ShortEventUpdateSerializer(serializers.Serializer):
    event_id = serializers.IntegerField(required=False)
    start_time = ShortDateTimeField(required=False)
    end_time = ShortDateTimeField(required=False)
    event_type = ShortEventTypeField(required=False)
    calendar = serializers.IntegerField(required=False)
    name = serializers.CharField(max_length=150, required=False, allow_blank=True)


class ShortInviteSerializer(serializers.Serializer):
    """``User`` and ``Calendar`` (or lowercase) are ids."""

    user = serializers.IntegerField()
    calendar = serializers.IntegerField()


class ShortContactEmailSerializer(serializers.Serializer):
    contact_email = serializers.EmailField(
        error_messages={
            "required": "The contact email field is required.",
            "blank": "The contact email field is required.",
        }
    )


class ShortMessageSerializer(serializers.Serializer):
    detail = serializers.CharField()
