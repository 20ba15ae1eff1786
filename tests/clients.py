"""The API client of the suite."""

from rest_framework.test import APIClient

from accounts.services import issue_jwt_pair


class SchemaCheckedClient(APIClient):
    pass


def client_for(user) -> SchemaCheckedClient:
    """A client authenticated as ``user`` with a JWT access token."""
    client = SchemaCheckedClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_jwt_pair(user=user)['access']}")
    return client
