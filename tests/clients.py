"""The API client of the suite: an APIClient that checks every JSON response it receives against
/api/schema/ (tests/openapi.py), so that every HTTP test also tests the documentation."""

from rest_framework.test import APIClient

from accounts.services import issue_jwt_pair
from tests.openapi import check_response


class SchemaCheckedClient(APIClient):
    def request(self, **kwargs):
        response = super().request(**kwargs)
        check_response(response)
        return response


def client_for(user) -> SchemaCheckedClient:
    """A client authenticated as ``user`` with a JWT access token."""
    client = SchemaCheckedClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_jwt_pair(user=user)['access']}")
    return client
