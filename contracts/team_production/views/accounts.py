"""Seed 000 account endpoints (djoser-style /auth/..., /myprofile/, /notificationsettings/)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from contracts.team_production import client
from contracts.team_production import serializers as s
from core.client_address import client_ident
from core.parsers import JSONParser


@extend_schema(tags=["000 Team Production: accounts"])
class UserCreateView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.UserCreateSerializer, responses={201: s.UserCreatedSerializer})
    def post(self, request):
        body = s.UserCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = services.register_user(
            username=body.validated_data["username"],
            email=body.validated_data["email"],
            password=body.validated_data["password"],
        )
        return Response(
            {"email": user.email, "username": user.username, "id": user.pk},
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=["000 Team Production: accounts"])
class TokenLoginView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.TokenLoginSerializer, responses={200: s.AuthTokenSerializer})
    def post(self, request):
        body = s.TokenLoginSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = services.authenticate(
            username=body.validated_data["username"],
            password=body.validated_data["password"],
            client=client_ident(request),
        )
        return Response({"auth_token": services.issue_token_key(user=user)})


@extend_schema(tags=["000 Team Production: accounts"])
class ResetPasswordView(APIView):
    """djoser's ``reset_password``: 204 whether or not an account has this email."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.ResetPasswordSerializer, responses={204: None})
    def post(self, request):
        body = s.ResetPasswordSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.request_password_reset(email=body.validated_data["email"])
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["000 Team Production: accounts"])
class ResetPasswordConfirmView(APIView):
    """djoser's ``reset_password_confirm``: the link's uid and token, and the new password."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.ResetPasswordConfirmSerializer, responses={204: None})
    def post(self, request):
        body = s.ResetPasswordConfirmSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.reset_password(
            uid=body.validated_data["uid"],
            token=body.validated_data["token"],
            new_password=body.validated_data["new_password"],
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["000 Team Production: accounts"])
class TokenLogoutView(APIView):
    """Logs the account out everywhere: the key is deleted and every JWT of it ends too."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        services.log_out(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["000 Team Production: accounts"])
class MyProfileView(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(responses={200: s.MyProfileSerializer})
    def get(self, request):
        user = selectors.profile(user_id=request.user.pk)
        return Response(s.MyProfileSerializer(user, context={"request": request}).data)

    @extend_schema(request=s.MyProfileSerializer, responses={200: s.MyProfileSerializer})
    def patch(self, request):
        body = s.MyProfileSerializer(
            request.user, data=request.data, partial=True, context={"request": request}
        )
        body.is_valid(raise_exception=True)
        changes = dict(body.validated_data)
        if "phone_number" in changes and changes["phone_number"] is None:
            changes["phone_number"] = ""
        user = services.update_profile(user=request.user, **changes)
        user = selectors.profile(user_id=user.pk)
        return Response(s.MyProfileSerializer(user, context={"request": request}).data)


@extend_schema(tags=["000 Team Production: notifications"])
class NotificationSettingsListView(APIView):
    @extend_schema(responses={200: s.NotificationSettingsSerializer(many=True)})
    def get(self, request):
        """The caller's own settings (a list of one), so a client can find their pk."""
        item = selectors.notification_settings(user=request.user)
        return Response(s.NotificationSettingsSerializer([item], many=True).data)


@extend_schema(tags=["000 Team Production: notifications"])
class NotificationSettingsDetailView(APIView):
    @extend_schema(
        request=s.NotificationSettingsSerializer, responses={200: s.NotificationSettingsSerializer}
    )
    def patch(self, request, pk: int):
        body = s.NotificationSettingsSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        item = services.update_notification_settings(
            user=request.user, settings_pk=_settings_pk(request, pk), **body.validated_data
        )
        return Response(s.NotificationSettingsSerializer(item).data)

    @extend_schema(responses={200: s.NotificationSettingsSerializer})
    def get(self, request, pk: int):
        item = selectors.notification_settings(user=request.user, pk=_settings_pk(request, pk))
        return Response(s.NotificationSettingsSerializer(item).data)


def _settings_pk(request, pk: int) -> int:
    """With TEAM_PRODUCTION_CLIENT=momentors, the caller's own user pk names their settings.

    Momentors calls ``/notificationsettings/<the user's pk>/``: on its back end the two pks
    happen to match; here they need not (a failed sign-up uses up a user pk).
    """
    if client.momentors() and pk == request.user.pk:
        return selectors.notification_settings(user=request.user).pk
    return pk
