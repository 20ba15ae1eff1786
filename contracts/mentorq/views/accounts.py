"""Seed 002 (MentorQ) auth: a JWT pair for an email vouched for by the identity service."""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.views import TokenRefreshView

from accounts import services, tokens
from contracts.common import TokenPairSerializer
from contracts.mentorq import serializers as s
from core.client_address import client_ident


@extend_schema(tags=["002 MentorQ: auth"])
class IdentityTokenView(APIView):
    """Exchange an email + identity-service token (``lcs_token``) for a MentorQ JWT pair.

    The check is the IDENTITY_BACKEND setting (accounts.identity); by default the token must be
    a valid token (JWT access or token key) of the user with that email. Refused: 401.
    """

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.IdentityTokenSerializer, responses={200: TokenPairSerializer})
    def post(self, request):
        body = s.IdentityTokenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = services.authenticate_identity(
            email=body.validated_data["email"],
            token=body.validated_data["lcs_token"],
            client=client_ident(request),
        )
        # The claims HackRU's front-end reads (mentor, director, name): on the refresh token,
        # so its access tokens carry them too.
        refresh = s.with_claims(tokens.VersionedRefreshToken.for_user(user), user)
        return Response({"refresh": str(refresh), "access": str(refresh.access_token)})


@extend_schema(tags=["002 MentorQ: auth"])
class RefreshView(TokenRefreshView):
    """A new access token (with mentor, director, name) for a valid refresh token.

    Seed mode rotates the refresh token (the old one is blacklisted); MENTORQ_CLIENT=hackru
    returns the same refresh token, usable until it expires or its account logs out.
    """

    serializer_class = s.MentorqRefreshSerializer
