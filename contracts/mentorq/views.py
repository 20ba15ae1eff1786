"""Seed 002 (MentorQ): auth (a JWT pair for an email vouched for by the identity service) and
the help-queue tickets, thin adapters over helpqueue.services and helpqueue.selectors."""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.views import TokenRefreshView

from accounts import services
from contracts.common import TokenPairSerializer, client_ident
from contracts.mentorq import serializers as s
from core.errors import DomainError
from helpqueue import selectors as helpqueue_selectors
from helpqueue import services as helpqueue_services


@extend_schema(tags=["002 MentorQ: auth"])
class IdentityTokenView(APIView):
    """Exchange an email + identity-service token (``lcs_token``) for a MentorQ JWT pair.

    The check is the IDENTITY_BACKEND setting (accounts.identity); by default the token must be
    a valid token (JWT access or token key) of the user with that email. Refused: 401.
    """

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(request=s.IdentityTokenSerializer, responses={200: TokenPairSerializer})
    def post(self, request):
        body = s.IdentityTokenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            user = services.authenticate_identity(
                email=body.validated_data["email"],
                token=body.validated_data["lcs_token"],
                client=client_ident(request),
            )
        except DomainError as exc:
            if exc.code != "bad_credentials":
                raise
            return Response({"detail": exc.message}, status=401)
        return Response(services.issue_jwt_pair(user=user))


@extend_schema(tags=["002 MentorQ: auth"])
class RefreshView(TokenRefreshView):
    """A new access token (and, with rotation, a new refresh token) for a valid refresh token."""


# --- Tickets ------------------------------------------------------------------------------------
def _ticket_json(ticket) -> dict:
    return s.TicketSerializer(ticket).data


@extend_schema(tags=["002 MentorQ: tickets"])
class TicketListView(APIView):
    """The tickets the caller may see, and opening a ticket.

    Mentors, organizers and directors see every ticket; everyone else only their own. A new
    ticket is OPEN and belongs to the caller (``owner_email``, if sent, must be the caller's).
    """

    @extend_schema(responses={200: s.TicketSerializer(many=True)})
    def get(self, request):
        tickets = helpqueue_selectors.ticket_list(user=request.user)
        return Response(s.TicketSerializer(tickets, many=True).data)

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
        )
        ticket = helpqueue_selectors.visible_ticket(user=request.user, ticket_id=ticket.pk)
        return Response(_ticket_json(ticket), status=201)


@extend_schema(tags=["002 MentorQ: tickets"])
class TicketDetailView(APIView):
    """One ticket (404 if the caller may not see it), and changing its status.

    PATCH ``{"status": ...}``: CLAIMED (a mentor claims an OPEN ticket), OPEN (its mentor lets
    it go), CLOSED (its mentor or owner, once claimed), CANCELLED (the owner). Anything else:
    400 with the reason, and nothing changes.
    """

    @extend_schema(responses={200: s.TicketSerializer})
    def get(self, request, id):
        return Response(
            _ticket_json(helpqueue_selectors.visible_ticket(user=request.user, ticket_id=id))
        )

    @extend_schema(request=s.TicketUpdateSerializer, responses={200: s.TicketSerializer})
    def patch(self, request, id):
        body = s.TicketUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        ticket = helpqueue_services.change_ticket_status(
            user=request.user,
            ticket_id=id,
            status=body.validated_data["status"].strip().upper(),
            mentor_email=body.validated_data.get("mentor_email") or None,
        )
        return Response(_ticket_json(ticket))


@extend_schema(tags=["002 MentorQ: tickets"])
class TicketStatsView(APIView):
    """Directors only (403 otherwise): average seconds from created to claimed and to closed."""

    @extend_schema(responses={200: s.TicketStatsSerializer})
    def get(self, request):
        return Response(helpqueue_selectors.ticket_stats(user=request.user))
