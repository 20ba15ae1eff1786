"""Seed 002 (MentorQ) feedback on closed tickets and the mentors' leaderboard."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from contracts.mentorq import serializers as s
from core.errors import InvalidInput
from core.paging import PAGING_PARAMETERS, Page, page_max, paged_response, requested_page
from helpqueue import selectors as helpqueue_selectors
from helpqueue import services as helpqueue_services


@extend_schema(tags=["002 MentorQ: feedback"])
class FeedbackListView(APIView):
    """Feedback on tickets: directors list all, everyone else their own; owners give it.

    POST ``{"ticket", "rating" (1-5), "comments"}`` by the owner of a CLOSED ticket that had a
    mentor, once (then PATCH ``/api/feedback/<ticket>/``).
    """

    @extend_schema(parameters=PAGING_PARAMETERS, responses={200: s.FeedbackSerializer(many=True)})
    def get(self, request):
        page = requested_page(request.query_params)
        feedback = helpqueue_selectors.feedback_list(user=request.user, page=page)
        return paged_response(request, page, s.FeedbackSerializer(feedback, many=True).data)

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


#: The leaderboard's own ``limit`` (1-100, default 5, as documented before paging existed).
LEADERBOARD_LIMIT = OpenApiParameter(
    "limit",
    int,
    required=False,
    description=(
        "How many mentors: 1-100, default 5 (and at most the server's API_PAGE_MAX). With "
        '`offset`, pages of this size; a full page carries `Link: <url>; rel="next"`.'
    ),
)


@extend_schema(tags=["002 MentorQ: feedback"])
class LeaderboardView(APIView):
    """Directors only: mentors by average rating, best first (``?limit=``, default 5).

    ``limit`` keeps its meaning and bounds (1-100, 400 otherwise); ``offset`` pages on, read as
    every list's (core.paging). Without either: the first five, as before paging; with either,
    the limit is capped by API_PAGE_MAX too and a full page carries the ``Link`` header.
    """

    @extend_schema(
        parameters=[LEADERBOARD_LIMIT, *(p for p in PAGING_PARAMETERS if p.name != "limit")],
        responses={200: s.LeaderboardEntrySerializer(many=True)},
    )
    def get(self, request):
        query = s.LeaderboardQuerySerializer(data=request.query_params)
        problems = {} if query.is_valid() else dict(query.errors)
        others = request.query_params.copy()
        others.pop("limit", None)  # read above, with its own bounds
        try:
            by_offset = requested_page(others)  # None without offset
        except InvalidInput as error:
            problems.update(error.as_dict())
        if problems:
            raise ValidationError(problems)
        limit = query.validated_data["limit"]
        # Without limit and offset: the first five as before paging (no cap, no Link header).
        paging = by_offset is not None or "limit" in request.query_params
        page = Page(
            limit=min(limit, page_max()) if paging else limit,
            offset=by_offset.offset if by_offset else 0,
        )
        board = helpqueue_selectors.leaderboard(
            user=request.user, limit=page.limit, offset=page.offset
        )
        return paged_response(request, page if paging else None, board)
