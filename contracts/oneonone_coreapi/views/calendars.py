"""Seed 003 calendars, availabilities, invitees and schedules: adapters over scheduling's services.

Status codes as the seed documents them: 403 not owner (not owner or invitee for
availabilities), 404 unknown, 410 Closed after the deadline or once finalized; finalizing twice is
400 ``{"detail": "Already finalized"}``. Errors are ``{"detail": ...}`` unless they belong to a
field (``{"field": ["message"]}``, DRF's shape). Create answers 200, as documented.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from contracts.common import EMPTY_OBJECT, DetailSerializer, iso
from contracts.oneonone_coreapi import serializers as s
from core.paging import PAGING_PARAMETERS, paged_response, requested_page
from scheduling import rules, selectors, services

TAG = "003 OneOnOne coreapi: calendars"


class CoreapiView(APIView):
    """Calendars, availabilities, invitees, schedules: errors answered as errors.py says."""


def _calendar(calendar) -> dict:
    return {
        "id": calendar.pk,
        "name": calendar.name,
        "start_date": calendar.start_date.isoformat() if calendar.start_date else None,
        "end_date": calendar.end_date.isoformat() if calendar.end_date else None,
        "finalized": calendar.finalized,
        "owner": calendar.owner_id,
    }


def _availability(window) -> dict:
    calendar = window.calendar
    user = calendar.owner_id if window.invitation_id is None else window.invitation.user_id
    return {
        "id": window.pk,
        "start_period": iso(window.start, calendar.time_zone),
        "end_period": iso(window.end, calendar.time_zone),
        "preference": window.preference,
        "calendar": calendar.pk,
        "user": user,
    }


def _invitee(invitation) -> dict:
    calendar = invitation.calendar
    return {
        "id": invitation.pk,
        "calendar": calendar.pk,
        "invitee": invitation.user_id,
        "deadline": iso(rules.effective_deadline(invitation, calendar), calendar.time_zone),
        "has_availability": invitation.has_answered,
    }


def _meet(meeting) -> dict:
    calendar = meeting.calendar
    return {
        "id": meeting.pk,
        "calendar": calendar.pk,
        "meeter": meeting.invitation.user_id,
        "start_period": iso(meeting.start, calendar.time_zone),
        "end_period": iso(meeting.end, calendar.time_zone),
        "status": meeting.status,
    }


# --- Calendars -----------------------------------------------------------------------------------
@extend_schema(tags=[TAG])
class CalendarListView(CoreapiView):
    @extend_schema(
        parameters=PAGING_PARAMETERS, responses={200: s.CoreapiCalendarSerializer(many=True)}
    )
    def get(self, request):
        page = requested_page(request.query_params)
        calendars = selectors.calendars_of(owner=request.user, page=page)
        return paged_response(request, page, [_calendar(c) for c in calendars])

    @extend_schema(
        request=s.CoreapiCalendarCreateSerializer, responses={200: s.CoreapiCalendarSerializer}
    )
    def post(self, request):
        body = s.CoreapiCalendarCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        calendar = services.create_calendar(
            owner=request.user,
            name=data["name"],
            start_date=data["start_date"],
            end_date=data["end_date"],
        )
        return Response(_calendar(calendar))


@extend_schema(tags=[TAG])
class CalendarDetailView(CoreapiView):
    @extend_schema(responses={200: s.CoreapiCalendarSerializer})
    def get(self, request, pk: int):
        return Response(_calendar(selectors.owned_calendar(owner=request.user, calendar_id=pk)))

    @extend_schema(
        request=s.CoreapiCalendarUpdateSerializer, responses={200: s.CoreapiCalendarSerializer}
    )
    def put(self, request, pk: int):
        calendar = selectors.owned_calendar(owner=request.user, calendar_id=pk)
        body = s.CoreapiCalendarUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        errors = {
            field: [f"The {field.replace('_', ' ')} cannot be changed once the calendar exists."]
            for field in ("start_date", "end_date")
            if field in data and data[field] != getattr(calendar, field)
        }
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        calendar = services.update_calendar(owner=request.user, calendar_id=pk, name=data["name"])
        return Response(_calendar(calendar))

    @extend_schema(responses={200: EMPTY_OBJECT})
    def delete(self, request, pk: int):
        services.delete_calendar(owner=request.user, calendar_id=pk)
        return Response({}, status=status.HTTP_200_OK)


@extend_schema(tags=[TAG])
class FinalizeView(CoreapiView):
    """Finalize the current draft schedule (POST .../schedule/ makes one)."""

    @extend_schema(request=None, responses={200: DetailSerializer})
    def put(self, request, pk: int):
        services.finalize_draft(owner=request.user, calendar_id=pk)
        return Response({"detail": "Calendar has been successfully finalized."})


# --- Availabilities ------------------------------------------------------------------------------
@extend_schema(tags=[TAG])
class AvailabilityListView(CoreapiView):
    """The owner sees every availability; an invitee sees the owner's and their own."""

    @extend_schema(
        parameters=PAGING_PARAMETERS, responses={200: s.CoreapiAvailabilitySerializer(many=True)}
    )
    def get(self, request, calendar_id: int):
        page = requested_page(request.query_params)
        _, _, windows = selectors.member_windows(
            user=request.user, calendar_id=calendar_id, page=page
        )
        return paged_response(request, page, [_availability(w) for w in windows])

    @extend_schema(
        request=s.CoreapiAvailabilityInSerializer,
        responses={200: s.CoreapiAvailabilitySerializer},
    )
    def post(self, request, calendar_id: int):
        selectors.calendar_for_member(user=request.user, calendar_id=calendar_id)
        body = s.CoreapiAvailabilityInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        window = services.add_window(
            actor=request.user,
            calendar_id=calendar_id,
            slot=services.SlotInput(data["start_period"], data["end_period"], data["preference"]),
        )
        return Response(_availability(window))


@extend_schema(tags=[TAG])
class AvailabilityDetailView(CoreapiView):
    @extend_schema(responses={200: s.CoreapiAvailabilitySerializer})
    def get(self, request, calendar_id: int, pk: int):
        window = selectors.member_window(user=request.user, calendar_id=calendar_id, window_id=pk)
        return Response(_availability(window))

    @extend_schema(
        request=s.CoreapiAvailabilityInSerializer,
        responses={200: s.CoreapiAvailabilitySerializer},
    )
    def put(self, request, calendar_id: int, pk: int):
        selectors.calendar_for_member(user=request.user, calendar_id=calendar_id)
        body = s.CoreapiAvailabilityInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        window = services.update_window(
            actor=request.user,
            calendar_id=calendar_id,
            window_id=pk,
            start=data["start_period"],
            end=data["end_period"],
            preference=data["preference"],
        )
        return Response(_availability(window))

    @extend_schema(responses={200: EMPTY_OBJECT})
    def delete(self, request, calendar_id: int, pk: int):
        services.delete_window(actor=request.user, calendar_id=calendar_id, window_id=pk)
        return Response({}, status=status.HTTP_200_OK)


# --- Invitees ------------------------------------------------------------------------------------
@extend_schema(tags=[TAG])
class InviteeListView(CoreapiView):
    @extend_schema(
        parameters=PAGING_PARAMETERS, responses={200: s.CoreapiInviteeSerializer(many=True)}
    )
    def get(self, request, calendar_id: int):
        page = requested_page(request.query_params)
        _, invitations = selectors.calendar_invitations(
            owner=request.user, calendar_id=calendar_id, page=page
        )
        return paged_response(request, page, [_invitee(i) for i in invitations])

    @extend_schema(
        request=s.CoreapiInviteeCreateSerializer, responses={200: s.CoreapiInviteeSerializer}
    )
    def post(self, request, calendar_id: int):
        selectors.owned_calendar(owner=request.user, calendar_id=calendar_id)
        body = s.CoreapiInviteeCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        invitation = services.invite_user(
            owner=request.user,
            calendar_id=calendar_id,
            user_id=body.validated_data["invitee"],
            deadline=body.validated_data["deadline"],
        )
        return Response(_invitee(invitation))


@extend_schema(tags=[TAG])
class InviteeDetailView(CoreapiView):
    @extend_schema(responses={200: s.CoreapiInviteeSerializer})
    def get(self, request, calendar_id: int, pk: int):
        invitation = selectors.owned_invitation(
            owner=request.user, calendar_id=calendar_id, invitation_id=pk
        )
        return Response(_invitee(invitation))

    @extend_schema(
        request=s.CoreapiInviteeUpdateSerializer, responses={200: s.CoreapiInviteeSerializer}
    )
    def put(self, request, calendar_id: int, pk: int):
        invitation = selectors.owned_invitation(
            owner=request.user, calendar_id=calendar_id, invitation_id=pk
        )
        body = s.CoreapiInviteeUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        invitee = body.validated_data.get("invitee")
        if invitee is not None and invitee != invitation.user_id:
            return Response(
                {"invitee": ["Only the deadline of an invitee can be changed."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        invitation = services.set_invitation_deadline(
            owner=request.user,
            calendar_id=calendar_id,
            invitation_id=pk,
            deadline=body.validated_data["deadline"],
        )
        return Response(_invitee(invitation))

    @extend_schema(responses={200: EMPTY_OBJECT})
    def delete(self, request, calendar_id: int, pk: int):
        services.remove_invitation(owner=request.user, calendar_id=calendar_id, invitation_id=pk)
        return Response({}, status=status.HTTP_200_OK)


# --- Schedule ------------------------------------------------------------------------------------
@extend_schema(tags=[TAG])
class ScheduleView(CoreapiView):
    """The calendar's meets: the draft before finalizing, the final meetings after."""

    def _meets(self, request, calendar_id, page=None):
        calendar = selectors.owned_calendar(owner=request.user, calendar_id=calendar_id)
        meetings = selectors.calendar_meetings(calendar=calendar, page=page)
        return paged_response(request, page, [_meet(m) for m in meetings])

    @extend_schema(
        parameters=PAGING_PARAMETERS, responses={200: s.CoreapiMeetSerializer(many=True)}
    )
    def get(self, request, calendar_id: int):
        return self._meets(request, calendar_id, requested_page(request.query_params))

    @extend_schema(request=None, responses={200: s.CoreapiMeetSerializer(many=True)})
    def post(self, request, calendar_id: int):
        services.generate_draft_schedule(owner=request.user, calendar_id=calendar_id)
        return self._meets(request, calendar_id)

    @extend_schema(
        request=s.CoreapiScheduleInSerializer, responses={200: s.CoreapiMeetSerializer(many=True)}
    )
    def put(self, request, calendar_id: int):
        selectors.owned_calendar(owner=request.user, calendar_id=calendar_id)
        data = request.data
        if isinstance(data, list):
            data = {"schedule": data}
        body = s.CoreapiScheduleInSerializer(data=data)
        body.is_valid(raise_exception=True)
        services.set_draft_schedule(
            owner=request.user,
            calendar_id=calendar_id,
            meetings=[
                services.MeetingInput(
                    None, item["start_period"], item["end_period"], user_id=item["meeter"]
                )
                for item in body.validated_data["schedule"]
            ],
        )
        return self._meets(request, calendar_id)

    @extend_schema(responses={200: EMPTY_OBJECT})
    def delete(self, request, calendar_id: int):
        services.delete_draft_schedule(owner=request.user, calendar_id=calendar_id)
        return Response({}, status=status.HTTP_200_OK)
