"""Seed 004 accounts: /users/register/, login, logout, profile view and edit."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from contracts.common import DetailSerializer, TokenPairSerializer, account_json, jwt_log_in
from contracts.oneonone_short import serializers as s


@extend_schema(tags=["004 OneOnOne short: users"])
class RegisterView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.UsersRegisterSerializer, responses={201: s.UsersUserSerializer})
    def post(self, request):
        body = s.UsersRegisterSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        user = services.register_user(
            username=data["username"],
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        return Response(account_json(user), status=status.HTTP_201_CREATED)


@extend_schema(tags=["004 OneOnOne short: users"])
class LoginView(APIView):
    """A JWT pair (like TokenObtainPairView). Wrong credentials: 401 with the seed's message.

    The seed documents distinct messages for an unknown username and a wrong password; we keep
    them because its clients show them, though they tell a guesser which usernames exist. The
    login throttle (per username and client) bounds what can be learned that way.
    """

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.UsersLoginSerializer, responses={200: TokenPairSerializer})
    def post(self, request):
        body = s.UsersLoginSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return jwt_log_in(
            request,
            username=body.validated_data["username"],
            password=body.validated_data["password"],
        )


@extend_schema(tags=["004 OneOnOne short: users"])
class LogoutView(APIView):
    """Logs the account out everywhere: the given refresh token (it must be the caller's own)
    is blacklisted, and every token of the account, access tokens included, ends at once."""

    @extend_schema(request=s.LogoutSerializer, responses={200: DetailSerializer})
    def post(self, request):
        body = s.LogoutSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.log_out(user=request.user, refresh=body.validated_data["refresh_token"])
        return Response({"detail": "Successfully logged out."})


@extend_schema(tags=["004 OneOnOne short: users"])
class ProfileViewView(APIView):
    @extend_schema(responses={200: s.UsersUserSerializer})
    def get(self, request):
        return Response(account_json(selectors.profile(user_id=request.user.pk)))


@extend_schema(tags=["004 OneOnOne short: users"])
class ProfileEditView(APIView):
    """Change name, email, username and (with password1 = password2) the password.

    As the seed documents, no current password is asked for: the access token is the proof.
    """

    @extend_schema(request=s.ProfileEditSerializer, responses={200: s.UsersUserSerializer})
    def post(self, request):
        body = s.ProfileEditSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        password = data.pop("password1", "") or None
        data.pop("password2", None)
        user = services.update_profile(
            user=request.user,
            new_password=password,
            require_current_password=False,
            **data,
        )
        return Response(account_json(user))
