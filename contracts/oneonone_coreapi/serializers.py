from rest_framework import serializers

from contracts.oneonone_coreapi.formats import WallClockDateTimeField


class RegisterSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    email = serializers.EmailField()
    password = serializers.CharField(write_only=True, style={"input_type": "password"})
    confirm_password = serializers.CharField(write_only=True, style={"input_type": "password"})

    def validate(self, attrs):
        if attrs["password"] != attrs["confirm_password"]:
            raise serializers.ValidationError({"confirm_password": ["Password must match"]})
        return attrs


class RegisteredSerializer(serializers.Serializer):
    username = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.EmailField()


class ProfileUserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.EmailField()


class ProfileSerializer(serializers.Serializer):
    user = ProfileUserSerializer()
    profile_picture = serializers.CharField(allow_null=True)


class ProfileUpdateSerializer(serializers.Serializer):
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    email = serializers.EmailField(required=False)
    current_password = serializers.CharField(required=False, allow_blank=True, write_only=True)
    new_password = serializers.CharField(required=False, allow_blank=True, write_only=True)
    confirm_password = serializers.CharField(required=False, allow_blank=True, write_only=True)
    profile_picture = serializers.ImageField(required=False, allow_null=True)


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})


# --- Calendars (issue 7) -------------------------------------------------------------------------
# Class names carry the contract's prefix: drf-spectacular needs them unique across contracts.


class CoreapiCalendarCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    start_date = serializers.DateField()
    end_date = serializers.DateField()


class CoreapiCalendarUpdateSerializer(serializers.Serializer):
    """Only ``name`` changes; dates may be sent only with their current values."""

    name = serializers.CharField(max_length=150)
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)


class CoreapiCalendarSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    finalized = serializers.BooleanField()
    owner = serializers.IntegerField()


class CoreapiAvailabilityInSerializer(serializers.Serializer):
    start_period = WallClockDateTimeField()
    end_period = WallClockDateTimeField()
    preference = serializers.IntegerField()


class CoreapiAvailabilitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    start_period = serializers.DateTimeField()
    end_period = serializers.DateTimeField()
    preference = serializers.IntegerField()
    calendar = serializers.IntegerField()
    user = serializers.IntegerField(allow_null=True)


class CoreapiInviteeCreateSerializer(serializers.Serializer):
    invitee = serializers.IntegerField()
    deadline = WallClockDateTimeField()


class CoreapiInviteeUpdateSerializer(serializers.Serializer):
    """Only ``deadline`` changes; ``invitee`` may be sent only with its current value."""

    invitee = serializers.IntegerField(required=False)
    deadline = WallClockDateTimeField()


class CoreapiInviteeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    calendar = serializers.IntegerField()
    invitee = serializers.IntegerField(allow_null=True)
    deadline = serializers.DateTimeField(allow_null=True)
    has_availability = serializers.BooleanField()


class CoreapiMeetInSerializer(serializers.Serializer):
    meeter = serializers.IntegerField()
    start_period = WallClockDateTimeField()
    end_period = WallClockDateTimeField()


class CoreapiScheduleInSerializer(serializers.Serializer):
    schedule = CoreapiMeetInSerializer(many=True)


class CoreapiMeetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    calendar = serializers.IntegerField()
    meeter = serializers.IntegerField(allow_null=True)
    start_period = serializers.DateTimeField()
    end_period = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=["draft", "final"])


class CoreapiFriendsSerializer(serializers.Serializer):
    friends = serializers.ListField(child=serializers.CharField())


class CoreapiFriendRequestSerializer(serializers.Serializer):
    requester_username = serializers.CharField()


class CoreapiFriendAnswerSerializer(serializers.Serializer):
    username = serializers.CharField()
    action = serializers.BooleanField()


class CoreapiFriendSendSerializer(serializers.Serializer):
    requested = serializers.CharField()


class CoreapiFriendDeleteSerializer(serializers.Serializer):
    username = serializers.CharField()


class CoreapiMessageSerializer(serializers.Serializer):
    message = serializers.CharField()
