"""How the MentorQ contract's POST /api/auth/token/ checks an (email, lcs_token) pair.

The backend is a setting (IDENTITY_BACKEND), so the check can move to an external identity
service (HackRU's LCS in the seed) without touching the contract:

- ``LocalTokenIdentity`` (default): this server is its own identity service. ``lcs_token`` must
  be a valid token of the user with that email: a JWT access token or a DRF token key. A token
  its account has ended (logout, new password: see accounts.tokens) is refused, so the exchange
  cannot bring a logged-out session back.
- ``HttpIdentityService``: POSTs ``{"email": ..., "token": ...}`` as JSON to IDENTITY_SERVICE_URL;
  HTTP 200 means valid. A user first seen this way gets a local account (never touching another
  user's data); an existing account is found by email, case-insensitively.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string
from rest_framework.authtoken.models import Token
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

from accounts import tokens
from accounts.models import User

logger = logging.getLogger(__name__)


class LocalTokenIdentity:
    def verify(self, *, email: str, token: str) -> User | None:
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None or not token:
            return None
        if Token.objects.filter(key=token, user=user).exists():
            return user
        try:
            access = AccessToken(token)
        except TokenError:
            return None
        claim = settings.SIMPLE_JWT.get("USER_ID_CLAIM", "user_id")
        if str(access.get(claim)) != str(user.pk) or not tokens.is_current(access, user):
            return None
        return user


class HttpIdentityService:
    def verify(self, *, email: str, token: str) -> User | None:
        url = settings.IDENTITY_SERVICE_URL
        if not url:
            logger.error(
                "IDENTITY_BACKEND is HttpIdentityService but IDENTITY_SERVICE_URL is empty"
            )
            return None
        request = urllib.request.Request(
            url,
            data=json.dumps({"email": email, "token": token}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.IDENTITY_SERVICE_TIMEOUT) as resp:
                if resp.status != 200:
                    return None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            logger.warning("Identity service refused or failed for %s: %s", email, exc)
            return None
        from accounts.services import get_or_create_user_for_email

        return get_or_create_user_for_email(email=email)


def identity_backend():
    return import_string(settings.IDENTITY_BACKEND)()
