"""Seed 001 accounts: /accounts/signup/, checktoken; /accounts/login/ is contracts.shared_login
(seeds 001 and 003 both document it)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from contracts.common import account_json
from contracts.oneonone_p2 import serializers as s


@extend_schema(tags=["001 OneOnOne P2: accounts"])
class SignupView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.SignupSerializer, responses={201: s.SignedUpSerializer})
    def post(self, request):
        body = s.SignupSerializer(data=request.data)
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
            account_json(user),
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=["001 OneOnOne P2: accounts"])
class CheckTokenView(APIView):
    """Is this token still good? (beyond the seed; its real front-end asks before each page).

    200 with the caller's account; 401 for a missing, expired or ended token. GET does the same.
    """

    @extend_schema(request=None, responses={200: s.AccountSerializer})
    def post(self, request):
        user = request.user
        return Response(account_json(user))

    @extend_schema(responses={200: s.AccountSerializer})
    def get(self, request):
        return self.post(request)
