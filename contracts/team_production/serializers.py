from rest_framework import serializers

from accounts.models import NotificationSettings, User
from contracts.common import photo_url


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
