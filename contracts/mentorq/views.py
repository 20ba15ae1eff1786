"""Seed 002 (MentorQ) auth: a JWT pair for an email vouched for by the identity service."""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.views import TokenRefreshView

from accounts import services
from contracts.common import TokenPairSerializer, client_ident
from contracts.mentorq import serializers as s
from core.errors import DomainError


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
        try:
            user = services.authenticate_identity(
                email=body.validated_data["email"],
                token=body.validated_data["lcs_token"],
                client=client_ident(request),
            )
        except DomainError as exc:
            if exc.code != "bad_credentials":
                raise
            return Response({"detail": exc.message}, status=401)
        return Response(services.issue_jwt_pair(user=user))


@extend_schema(tags=["002 MentorQ: auth"])
class RefreshView(TokenRefreshView):
    """A new access token (and, with rotation, a new refresh token) for a valid refresh token."""
