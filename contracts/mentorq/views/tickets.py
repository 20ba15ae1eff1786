"""Seed 002 (MentorQ) help-queue tickets: thin adapters over helpqueue.services and
helpqueue.selectors."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from contracts.mentorq import client
from contracts.mentorq import serializers as s
from core import jsonlist
from core.jsonlist import ChunkedList
from core.paging import PAGING_PARAMETERS, paged_response, requested_page
from helpqueue import roles as helpqueue_roles
from helpqueue import selectors as helpqueue_selectors
from helpqueue import services as helpqueue_services


def _ticket_json(queued, user) -> dict:
    """One ``helpqueue.selectors.QueuedTicket`` as the contract writes a ticket."""
    return s.ticket_serializer_class()(queued, context={"user": user}).data


@extend_schema(tags=["002 MentorQ: tickets"])
class TicketListView(APIView):
    """The tickets the caller may see, and opening a ticket.

    Mentors, organizers and directors see every ticket; everyone else only their own. A new
    ticket is OPEN and belongs to the caller (``owner_email``, if sent, must be the caller's).
    """

    @extend_schema(parameters=PAGING_PARAMETERS, responses={200: s.TicketSerializer(many=True)})
    def get(self, request):
        hackru = client.hackru()
        page = requested_page(request.query_params)
        chunks = helpqueue_selectors.ticket_row_chunks(
            user=request.user, with_feedback=hackru, page=page, chunk_size=jsonlist.chunk_size()
        )
        data = ChunkedList(
            s.ticket_rows_json(rows, user=request.user, hackru=hackru) for rows in chunks
        )
        return paged_response(request, page, data)

    @extend_schema(request=s.TicketCreateSerializer, responses={201: s.TicketSerializer})
    def post(self, request):
        body = s.TicketCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        ticket = helpqueue_services.open_ticket(
            owner=request.user,
            owner_email=data.get("owner_email") or None,
            status=(data.get("status") or "").strip().upper() or None,
            title=data["title"],
            comment=data.get("comment", ""),
            contact=data.get("contact", ""),
            location=data.get("location", ""),
            owner_name=(data.get("owner") or "").strip(),
        )
        queued = helpqueue_selectors.visible_ticket(user=request.user, ticket_id=ticket.pk)
        return Response(_ticket_json(queued, request.user), status=201)


@extend_schema(tags=["002 MentorQ: tickets"])
class TicketDetailView(APIView):
    """One ticket (404 if the caller may not see it), and changing its status.

    PATCH ``{"status": ...}``: CLAIMED (a mentor claims an OPEN ticket), OPEN (its mentor lets
    it go), CLOSED (its mentor or owner, once claimed), CANCELLED (the owner). Anything else:
    400 with the reason, and nothing changes.
    """

    @extend_schema(responses={200: s.TicketSerializer})
    def get(self, request, id):
        queued = helpqueue_selectors.visible_ticket(user=request.user, ticket_id=id)
        return Response(_ticket_json(queued, request.user))

    @extend_schema(request=s.TicketUpdateSerializer, responses={200: s.TicketSerializer})
    def patch(self, request, id):
        if client.hackru():
            body = s.HackruTicketUpdateSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            data = body.validated_data
            queued = helpqueue_services.update_ticket(
                user=request.user,
                ticket_id=id,
                status=(data.get("status") or "").strip().upper() or None,
                mentor_email=data.get("mentor_email") or None,
                mentor_email_sent="mentor_email" in data,
                active=data.get("active"),
            )
            return Response(_ticket_json(queued, request.user))
        body = s.TicketUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        queued = helpqueue_services.change_ticket_status(
            user=request.user,
            ticket_id=id,
            status=body.validated_data["status"].strip().upper(),
            mentor_email=body.validated_data.get("mentor_email") or None,
        )
        return Response(_ticket_json(queued, request.user))


@extend_schema(tags=["002 MentorQ: tickets"])
class TicketStatsView(APIView):
    """Directors only (403 otherwise): average seconds from created to claimed and to closed."""

    @extend_schema(responses={200: s.TicketStatsSerializer})
    def get(self, request):
        if not client.hackru():
            return Response(helpqueue_selectors.ticket_stats(user=request.user))
        # HackRU's back end: everyone sees the averages and the total, directors the rest, all
        # under its own key names.
        if not helpqueue_roles.may_see_stats(request.user):
            public = helpqueue_selectors.public_ticket_stats()
            return Response(
                {
                    "average_claimed_datetime_seconds": public["average_claimed_datetime_seconds"],
                    "average_closed_datetime_seconds": public["average_closed_datetime_seconds"],
                    "Total tickets": public["total"],
                }
            )
        data = helpqueue_selectors.ticket_stats(user=request.user)
        counts = helpqueue_selectors.ticket_counts(user=request.user)
        data.update(
            {
                "Total tickets": counts["total"],
                "Open tickets": counts["OPEN"],
                "Claimed tickets": counts["CLAIMED"],
                "Closed Tickets": counts["CLOSED"],
                "Cancelled Tickets": counts["CANCELLED"],
                "Number of mentors": counts["mentors"],
                "Number of users": counts["owners"],
                "Average Rating": {"rating__avg": counts["average_rating"]},
            }
        )
        return Response(data)


#: What slack-dm answers: this server keeps no Slack ids. The text is the one HackRU's back end
#: passes on from LCS for users without one, which its front-end shows as "no Slack link".
NO_SLACK = "Slack ID not present within LCS for the given user(s)"


@extend_schema(tags=["002 MentorQ: tickets"])
class TicketSlackDmView(APIView):
    """HackRU's Slack DM link between a ticket's owner and mentor: never available here.

    403 with a JSON string (HackRU's back end's answer when a user has no Slack id), for a
    ticket the caller may see; 404 otherwise.
    """

    @extend_schema(responses={403: str})
    def get(self, request, id):
        helpqueue_selectors.visible_ticket(user=request.user, ticket_id=id)
        return Response(NO_SLACK, status=403)
