"""Secret tokens of invitation links.

A token is HMAC-SHA256(INVITATION_TOKEN_KEY, nonce), 192 bits shown as URL-safe base64, where the
nonce is 128 random bits from `secrets`. The database keeps the nonce and the SHA-256 of the
token, never the token: a copy of the database alone opens no invitation, yet the server can
rebuild the same link for a reminder. Rotating INVITATION_TOKEN_KEY (default: SECRET_KEY) keeps
old links working (they are found by hash) but reminders then carry new links.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings


def new_nonce() -> str:
    return secrets.token_hex(16)


def token_for(nonce: str) -> str:
    key = (settings.INVITATION_TOKEN_KEY or settings.SECRET_KEY).encode()
    digest = hmac.new(key, f"invitation:{nonce}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode().rstrip("=")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
