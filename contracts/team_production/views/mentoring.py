"""Seed 000 mentor-booking endpoints: thin adapters over mentoring.services and selectors.

Docs (with every decision the seed leaves open): docs/contracts/000-team-production.md
"""

import re

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAcceptable
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from contracts.team_production import client
from contracts.team_production import serializers as s
from core import clock
from core.paging import PAGING_PARAMETERS, paged_response, requested_page
from mentoring import selectors, services
from mentoring.models import Session, SessionStatus

_V2 = re.compile(r"version\s*=\s*v?2\b", re.IGNORECASE)


def wants_v2(request) -> bool:
    """The seed selects v2 with ``Accept: version=v2`` (also ``application/json; version=v2``)."""
    return bool(_V2.search(request.META.get("HTTP_ACCEPT", "")))


class LenientNegotiation(DefaultContentNegotiation):
    """``Accept: version=v2`` names no media type; answer JSON instead of 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except NotAcceptable:
            return renderers[0], renderers[0].media_type


class TeamProductionView(APIView):
    content_negotiation_class = LenientNegotiation


VERSION_HEADER = OpenApiParameter(
    "Accept",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="`version=v2` selects v2 (ordered, with status).",
)
MENTOR_TAG = ["000 Team Production: mentors"]
MENTEE_TAG = ["000 Team Production: mentees"]
AVAILABILITY_TAG = ["000 Team Production: availability"]
SESSION_TAG = ["000 Team Production: sessions"]


def _body(serializer_class, request, *, partial=False):
    data = request.data
    if isinstance(data, list):  # the seed's PATCH /menteeinfoupdate/ example sends [{...}]
        if len(data) != 1 or not isinstance(data[0], dict):
            raise DRFValidationError({"non_field_errors": ["Send one object."]})
        data = data[0]
    body = serializer_class(data=data, partial=partial)
    body.is_valid(raise_exception=True)
    return body.validated_data


# --- Mentors ------------------------------------------------------------------------------------
def _mentor_list_json(request, cards) -> list[dict]:
    momentors = client.momentors()
    items = []
    for card in cards:
        availabilities = [s.availability_json(row, with_status=True) for row in card.availabilities]
        item = {
            "pk": card.pk,
            "username": card.username,
            "first_name": card.first_name,
            "last_name": card.last_name,
            "is_mentor": card.is_mentor,
            "profile_photo": s.media_url(request, card.profile_photo),
            "mentor_profile": {
                "about_me": card.about_me,
                "skills": card.skills,
                "availabilities": availabilities,
            },
        }
        if momentors:  # Momentors reads these at the top level, as its own back end gives them
            item["about_me"] = card.about_me
            item["skills"] = card.skills
            item["availabilities"] = availabilities
            item["team_number"] = card.team_number
        items.append(item)
    return items


@extend_schema(tags=MENTOR_TAG)
class MentorListView(TeamProductionView):
    @extend_schema(
        parameters=PAGING_PARAMETERS, responses={200: s.MentorListItemSerializer(many=True)}
    )
    def get(self, request):
        """Every mentor with skills and the availability that has not ended yet."""
        page = requested_page(request.query_params)
        cards = selectors.mentor_cards(now=clock.now(), page=page)
        return paged_response(request, page, _mentor_list_json(request, cards))


@extend_schema(tags=MENTOR_TAG)
class MentorBySkillView(TeamProductionView):
    @extend_schema(
        operation_id="mentor_by_skill",
        parameters=PAGING_PARAMETERS,
        responses={200: s.MentorBySkillSerializer(many=True)},
    )
    def get(self, request, skills: str):
        """Mentors having the skill (several: comma-separated, all required); any case."""
        names = [name.strip() for name in skills.split(",") if name.strip()]
        page = requested_page(request.query_params)
        cards = selectors.mentor_cards(now=clock.now(), skills=names, page=page)
        return paged_response(
            request,
            page,
            [{"pk": card.pk, "about_me": card.about_me, "skills": card.skills} for card in cards],
        )


def _mentor_info_json(profile) -> dict:
    items = selectors.future_availabilities(now=clock.now(), mentor_id=profile.user_id)
    return {
        "pk": profile.user_id,
        "about_me": profile.about_me,
        "skills": [skill.name for skill in profile.skills.all()],
        "availabilities": [
            s.availability_json(s.availability_row(item), with_status=False) for item in items
        ],
        "team_number": profile.team_number,
    }


@extend_schema(tags=MENTOR_TAG)
class MentorInfoView(TeamProductionView):
    @extend_schema(responses={200: s.MentorInfoSerializer})
    def get(self, request):
        """The caller's profile; with TEAM_PRODUCTION_CLIENT=momentors a list of it (or [])."""
        profile = selectors.mentor_profile(user=request.user)
        if client.momentors():  # Momentors reads data[0], as its back end's list view gives it
            return Response([_mentor_info_json(profile)] if profile else [])
        if profile is None:
            return Response(
                {"detail": "You have no mentor profile yet; create it with POST /mentorinfo/."},
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(_mentor_info_json(profile))

    @extend_schema(request=s.MentorInfoInputSerializer, responses={201: s.MentorInfoSerializer})
    def post(self, request):
        data = _body(s.MentorInfoInputSerializer, request)
        services.create_mentor_profile(user=request.user, **data)
        profile = selectors.mentor_profile(user=request.user)
        return Response(_mentor_info_json(profile), status=status.HTTP_201_CREATED)


@extend_schema(tags=MENTOR_TAG)
class MentorInfoUpdateView(TeamProductionView):
    @extend_schema(request=s.MentorInfoInputSerializer, responses={200: s.MentorInfoSerializer})
    def patch(self, request):
        data = _body(s.MentorInfoInputSerializer, request, partial=True)
        services.update_mentor_profile(user=request.user, **data)
        profile = selectors.mentor_profile(user=request.user)
        return Response(_mentor_info_json(profile))

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        services.delete_mentor_profile(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Mentees ------------------------------------------------------------------------------------
@extend_schema(tags=MENTEE_TAG)
class MenteeListView(TeamProductionView):
    @extend_schema(
        parameters=PAGING_PARAMETERS, responses={200: s.MenteeListItemSerializer(many=True)}
    )
    def get(self, request):
        page = requested_page(request.query_params)
        data = []
        for user in selectors.mentees(page=page):
            profile = getattr(user, "mentee_profile", None)
            data.append(
                {
                    "pk": user.pk,
                    "username": user.username,
                    "first_name": user.first_name,
                    "last_name": user.last_name,
                    "is_mentee": user.is_mentee,
                    "profile_photo": s.media_url(request, user.profile_photo.name or ""),
                    "mentee_profile": {"team_number": profile.team_number} if profile else None,
                }
            )
        return paged_response(request, page, data)


@extend_schema(tags=MENTEE_TAG)
class MenteeInfoView(TeamProductionView):
    @extend_schema(responses={200: s.MenteeInfoSerializer(many=True)})
    def get(self, request):
        """A list holding the caller's mentee profile, as the seed shows; empty without one."""
        profile = selectors.mentee_profile(user=request.user)
        return Response([{"team_number": profile.team_number}] if profile else [])

    @extend_schema(
        request=s.MenteeInfoSerializer, responses={201: s.MenteeInfoSerializer(many=True)}
    )
    def post(self, request):
        data = _body(s.MenteeInfoSerializer, request)
        profile = services.create_mentee_profile(user=request.user, **data)
        return Response([{"team_number": profile.team_number}], status=status.HTTP_201_CREATED)


@extend_schema(tags=MENTEE_TAG)
class MenteeInfoUpdateView(TeamProductionView):
    @extend_schema(request=s.MenteeInfoSerializer, responses={200: s.MenteeInfoSerializer})
    def patch(self, request):
        data = _body(s.MenteeInfoSerializer, request, partial=True)
        profile = services.update_mentee_profile(user=request.user, **data)
        return Response({"team_number": profile.team_number})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        services.delete_mentee_profile(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Availability -------------------------------------------------------------------------------
class AvailabilityBaseView(TeamProductionView):
    #: With TEAM_PRODUCTION_CLIENT=momentors, errors are a plain list of messages (errors.py).
    errors_as_messages = True


def _publish(request, *, chunked: bool):
    data = _body(s.AvailabilityInputSerializer, request)
    created = services.publish_availability(
        mentor=request.user,
        start_time=data["start_time"],
        end_time=data["end_time"],
        chunked=chunked,
    )
    rows = [s.availability_row(item) for item in created]
    if chunked:
        body = [s.availability_json(row, with_status=True) for row in rows]
    else:
        body = s.availability_json(rows[0], with_status=False)
    return Response(body, status=status.HTTP_201_CREATED)


@extend_schema(tags=AVAILABILITY_TAG, parameters=[VERSION_HEADER])
class AvailabilityView(AvailabilityBaseView):
    @extend_schema(
        parameters=PAGING_PARAMETERS,
        responses={200: s.AvailabilityListItemSerializer(many=True)},
    )
    def get(self, request):
        """Every mentor's availability that has not ended, by start time. v2 adds ``status``.

        With TEAM_PRODUCTION_CLIENT=momentors only the caller's own (its mentor page lists them
        with a Cancel button each).
        """
        v2 = wants_v2(request)
        mentor_id = request.user.pk if client.momentors() else None
        page = requested_page(request.query_params)
        items = selectors.future_availabilities(
            now=clock.now(), mentor_id=mentor_id, page=page
        ).values_list("pk", "mentor_id", "start_time", "end_time", "status")
        return paged_response(
            request, page, [s.availability_json(row, with_status=v2) for row in items]
        )

    @extend_schema(
        request=s.AvailabilityInputSerializer,
        responses={
            201: PolymorphicProxySerializer(
                component_name="AvailabilityPublished",
                serializers=[s.AvailabilityV1Serializer, s.AvailabilityV2Serializer(many=True)],
                resource_type_field_name=None,
                many=False,
                help_text="v1: the span; with `Accept: version=v2`: its 30-minute chunks.",
            )
        },
    )
    def post(self, request):
        """v1: one span. With ``Accept: version=v2``: 30-minute chunks, as /v2/availabilty/."""
        return _publish(request, chunked=wants_v2(request))


@extend_schema(tags=AVAILABILITY_TAG, parameters=[VERSION_HEADER])
class AvailabilityV2View(AvailabilityBaseView):
    @extend_schema(
        request=s.AvailabilityInputSerializer,
        responses={201: s.AvailabilityV2Serializer(many=True)},
    )
    def post(self, request):
        """Stored as 30-minute chunks, each Open."""
        return _publish(request, chunked=True)


@extend_schema(tags=AVAILABILITY_TAG)
class AvailabilityDetailView(AvailabilityBaseView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request, pk: int):
        services.delete_availability(user=request.user, availability_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Sessions -----------------------------------------------------------------------------------
@extend_schema(tags=SESSION_TAG)
class SessionListView(TeamProductionView):
    archived = False

    @extend_schema(parameters=PAGING_PARAMETERS, responses={200: s.SessionSerializer(many=True)})
    def get(self, request):
        page = requested_page(request.query_params)
        items = selectors.sessions_of(
            user=request.user, now=clock.now(), archived=self.archived, page=page
        )
        return paged_response(request, page, s.SessionSerializer(items, many=True).data)


class ArchivedSessionListView(SessionListView):
    archived = True


def _session_response(session: Session, code=status.HTTP_200_OK) -> Response:
    return Response(s.SessionSerializer(session).data, status=code)


@extend_schema(tags=SESSION_TAG)
class SessionRequestView(TeamProductionView):
    @extend_schema(request=s.SessionRequestSerializer, responses={201: s.SessionSerializer})
    def post(self, request):
        data = _body(s.SessionRequestSerializer, request)
        session = services.request_session(
            mentee=request.user,
            availability_id=data["mentor_availability"],
            start_time=data["start_time"],
            session_length=data["session_length"],
        )
        return _session_response(session, status.HTTP_201_CREATED)


#: The seed's status words, read without case or surrounding spaces, British spelling too.
_SESSION_STATUSES = {
    "confirmed": SessionStatus.CONFIRMED,
    "canceled": SessionStatus.CANCELED,
    "cancelled": SessionStatus.CANCELED,
    "pending": SessionStatus.PENDING,
}


def _session_status(text: str) -> SessionStatus | str:
    """The status ``text`` names, or the text itself (the service refuses it with its reason)."""
    return _SESSION_STATUSES.get(text.strip().lower(), text)


@extend_schema(tags=SESSION_TAG)
class SessionUpdateView(TeamProductionView):
    @extend_schema(request=s.SessionStatusSerializer, responses={200: s.SessionSerializer})
    def patch(self, request, pk: int):
        data = _body(s.SessionStatusSerializer, request)
        session = services.change_session_status(
            user=request.user, session_id=pk, status=_session_status(data["status"])
        )
        return _session_response(selectors.session_for(user=request.user, session_id=session.pk))
