"""Seed 004 contacts: accounts added and removed by email, and a contact's profile.

A contact is an account in the caller's address book (the same contacts seeds 001 and 003 use).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from contacts import selectors, services
from contracts.common import account_json
from contracts.oneonone_short import serializers as s
from core.paging import PAGING_PARAMETERS, paged_response, requested_page

TAG = "004 OneOnOne short: users"


@extend_schema(tags=[TAG])
class ContactsView(APIView):
    @extend_schema(parameters=PAGING_PARAMETERS, responses={200: s.UsersUserSerializer(many=True)})
    def get(self, request):
        page = requested_page(request.query_params)
        contacts = selectors.user_contacts(owner=request.user, page=page)
        return paged_response(request, page, [account_json(c.user) for c in contacts])


@extend_schema(tags=[TAG])
class ContactAddView(APIView):
    @extend_schema(request=s.ShortContactEmailSerializer, responses={201: s.UsersUserSerializer})
    def post(self, request):
        body = s.ShortContactEmailSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        contact = services.add_contact_by_email(
            owner=request.user, email=body.validated_data["contact_email"]
        )
        return Response(account_json(contact.user), status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class ContactRemoveView(APIView):
    @extend_schema(request=s.ShortContactEmailSerializer, responses={200: s.ShortMessageSerializer})
    def post(self, request):
        body = s.ShortContactEmailSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.remove_contact_by_email(
            owner=request.user, email=body.validated_data["contact_email"]
        )
        return Response({"detail": "Contact removed."})


@extend_schema(tags=[TAG])
class ContactProfileView(APIView):
    @extend_schema(responses={200: s.UsersUserSerializer})
    def get(self, request, contact_id: int):
        profile = selectors.contact_profile(owner=request.user, user_id=contact_id)
        return Response(account_json(profile))
