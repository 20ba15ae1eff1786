"""JWTs that stop working the moment their account logs out or changes its password.

Every access and refresh token this server issues carries a ``ver`` claim: a keyed hash of the
account's ``token_version`` and its password hash. A token is honoured only while that claim still
matches the account:

- every logout and every password change through the API raises ``token_version``
  (``accounts.services.end_all_sessions``);
- a password set any other way (the admin, ``manage.py changepassword``) changes the password
  hash, which ends the old tokens just the same, as Django's session hash does for sessions.

Logging out therefore ends every session of the account, on every device and every contract:
one logout cannot tell this device's tokens from another's without a lookup per request.

The check costs no query: ``VersionedJWTAuthentication`` compares the claim with the user row
that JWTAuthentication loads for every request anyway. The refresh endpoints
(``VersionedTokenRefreshSerializer``) and the local identity check of MentorQ's
``/api/auth/token/`` (``accounts.identity.LocalTokenIdentity``) apply the same check, so an
ended token can neither be refreshed nor exchanged for a new pair. A token without the claim
(issued before this check existed) is refused: its owner logs in once more.
"""

from django.contrib.auth import get_user_model
from django.utils.crypto import constant_time_compare, salted_hmac
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed
from rest_framework_simplejwt.serializers import TokenRefreshSerializer
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import RefreshToken, Token

VERSION_CLAIM = "ver"
REVOKED_MESSAGE = "Token is no longer valid: its account logged out or changed its password."


def version_claim(user) -> str:
    """The ``ver`` value of tokens issued to ``user`` now (keyed, so it reveals nothing)."""
    value = f"{user.pk}:{user.token_version}:{user.password}"
    return salted_hmac(
        "accounts.tokens.version", value, secret=api_settings.SIGNING_KEY, algorithm="sha256"
    ).hexdigest()[:32]


def is_current(token: Token, user) -> bool:
    """Whether ``token`` was issued to ``user`` since the account's last logout or new password."""
    claim = token.get(VERSION_CLAIM)
    return isinstance(claim, str) and constant_time_compare(claim, version_claim(user))


class VersionedRefreshToken(RefreshToken):
    """A refresh token carrying the ``ver`` claim; its access tokens copy the claim."""

    @classmethod
    def for_user(cls, user):
        token = super().for_user(user)
        token[VERSION_CLAIM] = version_claim(user)
        return token


class VersionedJWTAuthentication(JWTAuthentication):
    """simplejwt's authentication, refusing (401) tokens whose account has ended them."""

    def get_user(self, validated_token):
        user = super().get_user(validated_token)
        if not is_current(validated_token, user):
            raise AuthenticationFailed(REVOKED_MESSAGE, code="token_revoked")
        return user


class VersionedTokenRefreshSerializer(TokenRefreshSerializer):
    """simplejwt's refresh (rotation + blacklist), refusing (401) ended tokens first.

    Also answers 401, not 500, for a token whose user was deleted.
    """

    token_class = VersionedRefreshToken

    def validate(self, attrs):
        self.checked_user(self.token_class(attrs["refresh"]))
        return super().validate(attrs)

    def checked_user(self, refresh):
        """The refresh token's user, if active and the token not ended; else 401."""
        user_id = refresh.get(api_settings.USER_ID_CLAIM)
        user = get_user_model().objects.filter(**{api_settings.USER_ID_FIELD: user_id}).first()
        if user is None or not api_settings.USER_AUTHENTICATION_RULE(user):
            raise AuthenticationFailed(
                self.error_messages["no_active_account"], "no_active_account"
            )
        if not is_current(refresh, user):
            raise AuthenticationFailed(REVOKED_MESSAGE, "token_revoked")
        return user
