"""OpenAPI descriptions of accounts.tokens' classes, as drf-spectacular gives simplejwt's own."""

from drf_spectacular.contrib.rest_framework_simplejwt import (
    SimpleJWTScheme,
    TokenRefreshSerializerExtension,
)


class VersionedJWTScheme(SimpleJWTScheme):
    target_class = "accounts.tokens.VersionedJWTAuthentication"


class VersionedTokenRefreshSerializerExtension(TokenRefreshSerializerExtension):
    target_class = "accounts.tokens.VersionedTokenRefreshSerializer"

    def get_name(self, auto_schema, direction):
        return "TokenRefresh"  # the component keeps simplejwt's name
