"""Seed 002 (MentorQ) feedback on closed tickets and the mentors' leaderboard."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from contracts.mentorq import serializers as s
from helpqueue import selectors as helpqueue_selectors
from helpqueue import services as helpqueue_services


@extend_schema(tags=["002 MentorQ: feedback"])
class FeedbackListView(APIView):
    """Feedback on tickets: directors list all, everyone else their own; owners give it.

    POST ``{"ticket", "rating" (1-5), "comments"}`` by the owner of a CLOSED ticket that had a
    mentor, once (then PATCH ``/api/feedback/<ticket>/``).
    """

    @extend_schema(responses={200: s.FeedbackSerializer(many=True)})
    def get(self, request):
        feedback = helpqueue_selectors.feedback_list(user=request.user)
        return Response(s.FeedbackSerializer(feedback, many=True).data)

    @extend_schema(request=s.FeedbackCreateSerializer, responses={201: s.FeedbackSerializer})
    def post(self, request):
        body = s.FeedbackCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        feedback = helpqueue_services.give_feedback(
            user=request.user,
            ticket_id=data["ticket"],
            rating=data["rating"],
            comments=data.get("comments"),
        )
        return Response(s.FeedbackSerializer(feedback).data, status=201)


@extend_schema(tags=["002 MentorQ: feedback"])
class FeedbackDetailView(APIView):
    """One ticket's feedback (``<id>`` is the ticket's id): its owner and directors read it,
    its owner changes it (PATCH ``rating`` and/or ``comments``); 404 for anyone else."""

    @extend_schema(responses={200: s.FeedbackSerializer})
    def get(self, request, id):
        feedback = helpqueue_selectors.visible_feedback(user=request.user, ticket_id=id)
        return Response(s.FeedbackSerializer(feedback).data)

    @extend_schema(request=s.FeedbackUpdateSerializer, responses={200: s.FeedbackSerializer})
    def patch(self, request, id):
        body = s.FeedbackUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        feedback = helpqueue_services.change_feedback(
            user=request.user,
            ticket_id=id,
            rating=body.validated_data.get("rating"),
            comments=body.validated_data.get("comments"),
        )
        return Response(s.FeedbackSerializer(feedback).data)


@extend_schema(tags=["002 MentorQ: feedback"])
class LeaderboardView(APIView):
    """Directors only: mentors by average rating, best first (``?limit=``, default 5)."""

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, required=False)],
        responses={200: s.LeaderboardEntrySerializer(many=True)},
    )
    def get(self, request):
        query = s.LeaderboardQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        board = helpqueue_selectors.leaderboard(
            user=request.user, limit=query.validated_data["limit"]
        )
        return Response(board)
