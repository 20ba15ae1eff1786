"""Seed 003 accounts: /accounts/register/, /accounts/profile/, /api/token/, /api/token/refresh/.

/accounts/login/ is shared with seed 001 and served by contracts.oneonone_p2.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.views import TokenRefreshView

from accounts import selectors, services
from contracts.common import TokenPairSerializer, jwt_log_in, photo_url
from contracts.oneonone_coreapi import serializers as s
from core.parsers import JSONParser


def _profile(request, user):
    return {
        "user": {
            "id": user.pk,
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
        },
        "profile_picture": photo_url(request, user.profile_photo),
    }


@extend_schema(tags=["003 OneOnOne coreapi: accounts"])
class RegisterView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.RegisterSerializer, responses={201: s.RegisteredSerializer})
    def post(self, request):
        body = s.RegisterSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        user = services.register_user(
            username=data["username"],
            email=data["email"],
            password=data["password"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        return Response(
            {
                "username": user.username,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
            },
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=["003 OneOnOne coreapi: accounts"])
class ProfileView(APIView):
    """The caller's profile. PUT changes only the fields given.

    To change the password, give current_password, new_password and confirm_password; errors
    come back in ``non_field_errors`` with the seed's messages, with 400 (the seed says 401 for
    invalid fields, but a 401 tells a client its token is bad, so we keep 401 for that alone).
    """

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(responses={200: s.ProfileSerializer})
    def get(self, request):
        return Response(_profile(request, selectors.profile(user_id=request.user.pk)))

    @extend_schema(request=s.ProfileUpdateSerializer, responses={200: s.ProfileSerializer})
    def put(self, request):
        body = s.ProfileUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        current = data.pop("current_password", "")
        new = data.pop("new_password", "")
        confirm = data.pop("confirm_password", "")
        if "profile_picture" in data:
            data["profile_photo"] = data.pop("profile_picture")
        wants_password = bool(new or confirm or current)
        user = services.update_profile(
            user=request.user,
            new_password=new if wants_password else None,
            current_password=current,
            confirm_password=confirm if wants_password else None,
            **data,
        )
        return Response(_profile(request, selectors.profile(user_id=user.pk)))


@extend_schema(tags=["003 OneOnOne coreapi: accounts"])
class TokenObtainView(APIView):
    """simplejwt's token pair endpoint, with case-insensitive usernames and the login throttle."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.CredentialsSerializer, responses={200: TokenPairSerializer})
    def post(self, request):
        body = s.CredentialsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return jwt_log_in(
            request,
            username=body.validated_data["username"],
            password=body.validated_data["password"],
        )


@extend_schema(tags=["003 OneOnOne coreapi: accounts"])
class TokenRefreshViewCoreapi(TokenRefreshView):
    """A new access token for a valid refresh token."""
