"""How the MentorQ contract's POST /api/auth/token/ checks an (email, lcs_token) pair.

The backend is a setting (IDENTITY_BACKEND), so the check can move to an external identity
service (HackRU's LCS in the seed) without touching the contract. Every backend answers with the
user only when the identity behind the token IS the requested email (compared without case):
a valid token of one person never logs in as another.

- ``LocalTokenIdentity`` (default): this server is its own identity service. ``lcs_token`` must
  be a valid token of the user with that email: a JWT access token or a DRF token key. A token
  its account has ended (logout, new password: see accounts.tokens) is refused, so the exchange
  cannot bring a logged-out session back.
- ``HttpIdentityService``: POSTs ``{"email": ..., "token": ...}`` as JSON to
  IDENTITY_SERVICE_URL. Valid only if the service answers HTTP 200 with a JSON object whose
  ``email`` is the requested one; a ``statusCode`` in the body other than 200 refuses (services
  that always answer HTTP 200 put their verdict there).
- ``LcsIdentity``: HackRU's LCS. POSTs ``{"token": ...}`` to IDENTITY_SERVICE_URL (LCS's
  ``/validate``), which always answers HTTP 200 with ``{"statusCode": ..., "body": ...}``: valid
  only with ``statusCode`` 200 and a profile (``body``) whose ``email`` is the requested one.
  The profile's ``role`` (director, organizer, mentor) becomes the user's ``queue_role`` at
  every login, and a new account takes its ``first_name`` and ``last_name``.

With the external backends a user first seen gets a local account (never touching another
user's data); an existing account is found by email, case-insensitively. A refusal, a service
that is down or slow (IDENTITY_SERVICE_TIMEOUT), or an answer that cannot be read creates and
changes nothing.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from rest_framework.authtoken.models import Token
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import AccessToken

from accounts import tokens
from accounts.models import QueueRole, User

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


def _same_email(found, requested: str) -> bool:
    return (
        isinstance(found, str)
        and bool(found.strip())
        and found.strip().lower() == (requested or "").strip().lower()
    )


def _post_json(payload: dict, *, email: str):
    """POST ``payload`` to IDENTITY_SERVICE_URL; the decoded JSON of an HTTP 200, else None."""
    url = settings.IDENTITY_SERVICE_URL
    if not url:
        logger.error("IDENTITY_BACKEND is an external service but IDENTITY_SERVICE_URL is empty")
        return None
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.IDENTITY_SERVICE_TIMEOUT) as resp:
            if resp.status != 200:
                return None
            raw = resp.read(1_000_000)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        logger.warning("Identity service refused or failed for %s: %s", email, exc)
        return None
    try:
        return json.loads(raw or b"null")
    except ValueError:
        logger.warning("Identity service answered something other than JSON for %s", email)
        return None


def _body_verdict_ok(data) -> bool:
    """False when the body carries a verdict (``statusCode``) other than 200."""
    if isinstance(data, dict) and "statusCode" in data:
        return data.get("statusCode") == 200
    return True


class HttpIdentityService:
    def verify(self, *, email: str, token: str) -> User | None:
        if not token:
            return None
        data = _post_json({"email": email, "token": token}, email=email)
        if not isinstance(data, dict) or not _body_verdict_ok(data):
            return None
        if not _same_email(data.get("email"), email):
            logger.warning("Identity service vouched for another email than %s", email)
            return None
        from accounts.services import get_or_create_user_for_email

        return get_or_create_user_for_email(email=email)


#: LCS role flags -> queue role, the first that is true wins.
LCS_ROLES = (
    ("director", QueueRole.DIRECTOR),
    ("organizer", QueueRole.ORGANIZER),
    ("mentor", QueueRole.MENTOR),
)


def queue_role_from_lcs(profile: dict) -> str:
    roles = profile.get("role")
    roles = roles if isinstance(roles, dict) else {}
    for flag, role in LCS_ROLES:
        if roles.get(flag) is True:
            return role
    return QueueRole.PARTICIPANT


class LcsIdentity:
    """HackRU's LCS: ``/validate`` with the token, the verdict and the profile in the body."""

    def verify(self, *, email: str, token: str) -> User | None:
        if not token:
            return None
        data = _post_json({"token": token}, email=email)
        if not isinstance(data, dict) or data.get("statusCode") != 200:
            return None
        profile = data.get("body")
        if isinstance(profile, str):  # some LCS deployments send the body JSON-encoded
            try:
                profile = json.loads(profile)
            except ValueError:
                return None
        if not isinstance(profile, dict) or not _same_email(profile.get("email"), email):
            logger.warning("LCS vouched for another email than %s, or for nobody", email)
            return None
        from accounts.services import get_or_create_user_for_email

        with transaction.atomic():  # a new account takes LCS's spelling of the email
            user = get_or_create_user_for_email(email=profile["email"].strip())
            if not user.is_active:  # refused by the caller: change nothing
                return user
            changes = {}
            role = queue_role_from_lcs(profile)
            if user.queue_role != role:
                changes["queue_role"] = role
            for field in ("first_name", "last_name"):
                value = profile.get(field)
                limit = User._meta.get_field(field).max_length
                if not getattr(user, field) and isinstance(value, str) and value.strip():
                    changes[field] = value.strip()[:limit]
            if changes:
                User.objects.filter(pk=user.pk).update(**changes)
                for field, value in changes.items():
                    setattr(user, field, value)
        return user


def identity_backend():
    return import_string(settings.IDENTITY_BACKEND)()
