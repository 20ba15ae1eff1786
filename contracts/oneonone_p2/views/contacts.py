"""Seed 001 contacts: GET/POST/PATCH (or PUT)/DELETE /schedules/contacts/ (ids in the body)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from contacts import selectors, services
from contracts.common import DetailSerializer
from contracts.oneonone_p2 import serializers as s
from core.paging import PAGING_PARAMETERS, paged_response, requested_page

TAG = "001 OneOnOne P2: contacts"


def _contact(contact) -> dict:
    return {
        "id": contact.pk,
        "first_Name": contact.first_name,
        "last_Name": contact.last_name,
        "email": contact.email,
    }


@extend_schema(tags=[TAG])
class ContactsView(APIView):
    """The caller's address book. Responses add each contact's ``id`` (invitees are contact ids)."""

    @extend_schema(parameters=PAGING_PARAMETERS, responses={200: s.ContactSerializer(many=True)})
    def get(self, request):
        page = requested_page(request.query_params)
        contacts = selectors.contacts_of(owner=request.user, page=page)
        return paged_response(request, page, [_contact(c) for c in contacts])

    @extend_schema(request=s.ContactSerializer, responses={201: s.ContactSerializer})
    def post(self, request):
        body = s.ContactSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        contact = services.add_contact(
            owner=request.user,
            first_name=data["first_Name"],
            last_name=data["last_Name"],
            email=data["email"],
        )
        return Response(_contact(contact), status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ContactUpdateSerializer, responses={200: s.ContactUpdatedSerializer})
    def patch(self, request):
        body = s.ContactUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        contact = services.update_contact(
            owner=request.user,
            contact_id=data["contact_id"],
            first_name=data.get("first_Name"),
            last_name=data.get("last_Name"),
            email=data.get("email"),
        )
        return Response(
            {
                "contact_id": contact.pk,
                "first_Name": contact.first_name,
                "last_Name": contact.last_name,
                "email": contact.email,
            }
        )

    @extend_schema(request=s.ContactUpdateSerializer, responses={200: s.ContactUpdatedSerializer})
    def put(self, request):
        """PATCH under another name (the real front-end sends PUT): only the given fields change."""
        return self.patch(request)

    @extend_schema(request=s.ContactDeleteSerializer, responses={204: None, 409: DetailSerializer})
    def delete(self, request):
        body = s.ContactDeleteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.delete_contact(owner=request.user, contact_id=body.validated_data["contact_id"])
        return Response(status=status.HTTP_204_NO_CONTENT)
