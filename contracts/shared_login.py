"""POST /accounts/login/, documented by seeds 001 and 003 alike: one view, listed in both
contracts' urls.py (the first one registered answers; both are this view).

Its errors carry both seeds' wording (``ERRORS`` below, applied by core.api): a failed login is
400 with 001's message in ``detail`` and 003's in ``non_field_errors``.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from contracts.common import TokenPairSerializer, jwt_log_in
from core.api import ContractErrors, Reply


def _login_refused(message_003: str, detail_001: str) -> Reply:
    def body(problems, status_code) -> dict:
        return {"detail": detail_001, "non_field_errors": [message_003]}

    return Reply(status=400, body=body)


WRONG_CREDENTIALS = _login_refused(
    "Username and password do not match", "No active account found with the given credentials"
)
ERRORS = ContractErrors(
    replies={
        "inactive": _login_refused("User not activated", "User not activated"),
        "unknown_username": WRONG_CREDENTIALS,
        "wrong_password": WRONG_CREDENTIALS,
    }
)


class AccountsLoginSerializer(serializers.Serializer):
    username = serializers.CharField(required=False, allow_blank=True)
    password = serializers.CharField(
        required=False, allow_blank=True, style={"input_type": "password"}
    )


@extend_schema(tags=["001 OneOnOne P2: accounts", "003 OneOnOne coreapi: accounts"])
class LoginView(APIView):
    """JWT login shared by seeds 001 and 003 (both document /accounts/login/).

    Missing fields: 400 with each field's error and ``non_field_errors: ["Both fields are
    required"]`` (003). Wrong credentials: 400 with 001's message in ``detail`` and 003's in
    ``non_field_errors``; an inactive user: ``User not activated``. 003 documents 400 for these,
    001 documents only the message, so one 400 body carries both seeds' wording.
    """

    permission_classes = [AllowAny]
    authentication_classes = []
    contract_errors = ERRORS

    @extend_schema(request=AccountsLoginSerializer, responses={200: TokenPairSerializer})
    def post(self, request):
        body = AccountsLoginSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        username = body.validated_data.get("username", "")
        password = body.validated_data.get("password", "")
        if not username or not password:
            errors = {"non_field_errors": ["Both fields are required"]}
            for field, value in (("username", username), ("password", password)):
                if not value:
                    errors[field] = ["This field is required."]
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        return jwt_log_in(request, username=username, password=password)
