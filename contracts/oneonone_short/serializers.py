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
