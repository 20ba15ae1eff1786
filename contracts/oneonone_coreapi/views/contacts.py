"""Seed 003 contacts by friend request. Errors are ``{"error": ...}`` with 400, as documented.

A friend is an account in the caller's address book (the same contacts seeds 001 and 004 use);
accepting a request makes each a contact of the other.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from contacts import selectors, services
from contracts.common import error_or_field_errors
from contracts.oneonone_coreapi import serializers as s
from core.paging import PAGING_PARAMETERS, paged_response, requested_page

TAG = "003 OneOnOne coreapi: contacts"


class FriendsBaseView(APIView):
    """Every refusal is 400 ``{"error": ...}`` (errors.py)."""


@extend_schema(tags=[TAG])
class FriendsView(FriendsBaseView):
    @extend_schema(responses={200: s.CoreapiFriendsSerializer})
    def get(self, request):
        return Response({"friends": selectors.friends_of(user=request.user)})


@extend_schema(tags=[TAG])
class FriendRequestsView(FriendsBaseView):
    """Requests the caller received and has not answered (a list, oldest first)."""

    @extend_schema(
        parameters=PAGING_PARAMETERS,
        responses={200: s.CoreapiFriendRequestSerializer(many=True)},
    )
    def get(self, request):
        page = requested_page(request.query_params)
        requests = selectors.pending_requests_for(user=request.user, page=page)
        return paged_response(
            request, page, [{"requester_username": r.requester.username} for r in requests]
        )


@extend_schema(tags=[TAG])
class FriendRequestAnswerView(FriendsBaseView):
    @extend_schema(
        request=s.CoreapiFriendAnswerSerializer,
        responses={200: s.CoreapiMessageSerializer, 400: error_or_field_errors()},
    )
    def post(self, request):
        body = s.CoreapiFriendAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        username, accept = body.validated_data["username"], body.validated_data["action"]
        answered = services.answer_contact_request(
            requested=request.user, username=username, accept=accept
        )
        return Response(
            {
                "message": f"User with username: {answered.requester.username} has been "
                f"{'accepted' if accept else 'rejected'}"
            }
        )


@extend_schema(tags=[TAG])
class FriendUserView(FriendsBaseView):
    @extend_schema(
        request=s.CoreapiFriendSendSerializer,
        responses={201: s.CoreapiMessageSerializer, 400: error_or_field_errors()},
    )
    def post(self, request):
        body = s.CoreapiFriendSendSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        sent = services.send_contact_request(
            requester=request.user, username=body.validated_data["requested"]
        )
        return Response(
            {"message": f"Friend request sent to {sent.requested.username}"},
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=s.CoreapiFriendDeleteSerializer,
        responses={204: None, 400: error_or_field_errors()},
    )
    def delete(self, request):
        body = s.CoreapiFriendDeleteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.remove_friend(user=request.user, username=body.validated_data["username"])
        # The seed shows {"message": "Friend <username> deleted"} with 204; a 204 has no body.
        return Response(status=status.HTTP_204_NO_CONTENT)
