"""Seed 004 calendars, events, invitations: adapters over scheduling's services.

Events are availability windows (HP = preference 3, LP = 1; MP = 2 for windows made through the
other contracts) and, once the calendar is finalized, its meetings (event type ``F``).
Keys are read in either spelling the seed uses (``Start_time`` or ``start_time``).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from contracts.common import iso
from contracts.oneonone_short import serializers as s
from core.paging import PAGING_PARAMETERS, paged_response, requested_page
from scheduling import selectors, services

TAG = "004 OneOnOne short: calendars"
EVENT_TYPE = {3: "HP", 2: "MP", 1: "LP"}


def lower_keys(data) -> dict:
    """The body with lowercase keys: the seed spells them both ways."""
    if not hasattr(data, "items"):
        return {}
    return {str(key).lower(): value for key, value in data.items()}


def calendar_data(calendar) -> dict:
    return {
        "id": calendar.pk,
        "name": calendar.name,
        "description": calendar.description,
        "deadline": iso(calendar.deadline, calendar.time_zone),
        "start_date": calendar.start_date.isoformat() if calendar.start_date else None,
        "end_date": calendar.end_date.isoformat() if calendar.end_date else None,
        "owner": calendar.owner_id,
        "is_finalized": calendar.finalized,
    }


def attendee_data(invitation) -> dict:
    user = invitation.user
    return {
        "id": invitation.pk,
        "calendar": invitation.calendar_id,
        "user": user.pk if user else None,
        "username": user.username if user else None,
        "status": invitation.has_answered,
        "accepted": invitation.accepted,
    }


def event_data(window) -> dict:
    calendar = window.calendar
    owner = calendar.owner_id if window.invitation_id is None else window.invitation.user_id
    return {
        "id": window.pk,
        "name": window.name,
        "start_time": iso(window.start, calendar.time_zone),
        "end_time": iso(window.end, calendar.time_zone),
        "event_type": EVENT_TYPE[window.preference],
        "calendar": calendar.pk,
        "owner": owner,
        "meeting_id": None,
        "attendee": None,
    }


def meeting_event(meeting) -> dict:
    calendar = meeting.calendar
    invitation = meeting.invitation
    return {
        "id": None,
        "name": f"{calendar.name}: {invitation.full_name}",
        "start_time": iso(meeting.start, calendar.time_zone),
        "end_time": iso(meeting.end, calendar.time_zone),
        "event_type": "F",
        "calendar": calendar.pk,
        "owner": calendar.owner_id,
        "meeting_id": meeting.pk,
        "attendee": invitation.user_id,
    }


def _final_events(calendar, user, *, only_user_id=None) -> list[dict]:
    meetings = selectors.visible_meetings(calendar=calendar, user=user, of_user_id=only_user_id)
    return [meeting_event(m) for m in meetings]


@extend_schema(tags=[TAG])
class UserCalendarsView(APIView):
    """The caller's calendars, then the calendars they are invited to (with the attendee id
    that ``/users/accept/<attendee_id>/`` takes)."""

    @extend_schema(
        parameters=PAGING_PARAMETERS, responses={200: s.ShortUserCalendarSerializer(many=True)}
    )
    def get(self, request):
        page = requested_page(request.query_params)
        calendars, invitations = selectors.calendars_and_invitations_of(
            user=request.user, page=page
        )
        owned = [{**calendar_data(c), "role": "owner", "attendee_id": None} for c in calendars]
        invited = [
            {**calendar_data(i.calendar), "role": "invitee", "attendee_id": i.pk}
            for i in invitations
        ]
        return paged_response(request, page, owned + invited)


@extend_schema(tags=[TAG])
class CalendarCreateView(APIView):
    @extend_schema(
        request=s.ShortCalendarCreateSerializer, responses={201: s.ShortCalendarSerializer}
    )
    def post(self, request):
        body = s.ShortCalendarCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        calendar = services.create_calendar(
            owner=request.user,
            name=data["name"],
            description=data["description"],
            deadline=data["deadline"],
            start_date=data["start_date"],
            end_date=data["end_date"],
        )
        return Response(calendar_data(calendar), status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class CalendarView(APIView):
    """The calendar, its attendees and events. An attendee sees themselves, the owner's events
    and their own."""

    @extend_schema(responses={200: s.ShortCalendarDetailSerializer})
    def get(self, request, calendar_id: int):
        calendar, invitation, windows = selectors.member_windows(
            user=request.user, calendar_id=calendar_id
        )
        if invitation is None:
            _, invitations = selectors.calendar_invitations(
                owner=request.user, calendar_id=calendar.pk
            )
        else:
            invitations = [invitation]
        return Response(
            {
                **calendar_data(calendar),
                "attendees": [attendee_data(i) for i in invitations],
                "events": [event_data(w) for w in windows] + _final_events(calendar, request.user),
            }
        )


@extend_schema(tags=[TAG])
class CalendarEditView(APIView):
    """Change any of name, description, deadline, start and end dates (unlike seed 003, the
    dates may change)."""

    @extend_schema(
        request=s.ShortCalendarEditSerializer, responses={200: s.ShortCalendarSerializer}
    )
    def post(self, request, calendar_id: int):
        selectors.owned_calendar(owner=request.user, calendar_id=calendar_id)
        body = s.ShortCalendarEditSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        calendar = services.update_calendar(
            owner=request.user,
            calendar_id=calendar_id,
            name=data.get("name"),
            description=data.get("description"),
            deadline=data.get("deadline"),
            start_date=data.get("start_date"),
            end_date=data.get("end_date"),
        )
        return Response(calendar_data(calendar))


@extend_schema(tags=[TAG])
class EventAddView(APIView):
    @extend_schema(request=s.ShortEventAddSerializer, responses={201: s.ShortEventSerializer})
    def post(self, request):
        body = s.ShortEventAddSerializer(data=lower_keys(request.data))
        body.is_valid(raise_exception=True)
        data = body.validated_data
        window = services.add_window(
            actor=request.user,
            calendar_id=data["calendar"],
            slot=services.SlotInput(
                data["start_time"], data["end_time"], data["event_type"], data["name"]
            ),
        )
        return Response(event_data(window), status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class EventUpdateView(APIView):
    """Change any of name, start_time, end_time, event_type of one's own event."""

    @extend_schema(request=s.ShortEventUpdateSerializer, responses={200: s.ShortEventSerializer})
    def post(self, request, calendar_id: int, event_id: int):
        selectors.calendar_for_member(user=request.user, calendar_id=calendar_id)
        body = s.ShortEventUpdateSerializer(data=lower_keys(request.data))
        body.is_valid(raise_exception=True)
        data = body.validated_data
        for key, expected in (("calendar", calendar_id), ("event_id", event_id)):
            if key in data and data[key] != expected:
                return Response(
                    {key: [f"Does not match the {key.replace('_', ' ')} in the address."]},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        window = services.update_window(
            actor=request.user,
            calendar_id=calendar_id,
            window_id=event_id,
            start=data.get("start_time"),
            end=data.get("end_time"),
            preference=data.get("event_type"),
            name=data.get("name"),
        )
        return Response(event_data(window))


@extend_schema(tags=[TAG])
class InviteView(APIView):
    """Invite a user (by id) to one's calendar; the calendar's deadline applies."""

    @extend_schema(request=s.ShortInviteSerializer, responses={201: s.ShortAttendeeSerializer})
    def post(self, request):
        body = s.ShortInviteSerializer(data=lower_keys(request.data))
        body.is_valid(raise_exception=True)
        invitation = services.invite_user(
            owner=request.user,
            calendar_id=body.validated_data["calendar"],
            user_id=body.validated_data["user"],
            field="user",
        )
        return Response(attendee_data(invitation), status=status.HTTP_201_CREATED)


@extend_schema(tags=["004 OneOnOne short: users"])
class AcceptView(APIView):
    @extend_schema(request=None, responses={200: s.ShortAttendeeSerializer})
    def post(self, request, attendee_id: int):
        invitation = services.accept_invitation(user=request.user, invitation_id=attendee_id)
        return Response(attendee_data(invitation))


@extend_schema(tags=[TAG])
class StatusListView(APIView):
    """The owner's view of who answered (``status``) and who accepted."""

    @extend_schema(
        parameters=PAGING_PARAMETERS, responses={200: s.ShortStatusSerializer(many=True)}
    )
    def get(self, request, calendar_id: int):
        page = requested_page(request.query_params)
        _, invitations = selectors.calendar_invitations(
            owner=request.user, calendar_id=calendar_id, page=page
        )
        return paged_response(
            request,
            page,
            [
                {
                    "attendee_id": a["id"],
                    "user_id": a["user"],
                    "username": a["username"],
                    "status": a["status"],
                    "accepted": a["accepted"],
                }
                for a in map(attendee_data, invitations)
            ],
        )


@extend_schema(tags=[TAG])
class ContactAvailabilityView(APIView):
    """One member's events in a calendar: the owner sees anyone's, an attendee the owner's and
    their own."""

    @extend_schema(parameters=PAGING_PARAMETERS, responses={200: s.ShortEventSerializer(many=True)})
    def get(self, request, calendar_id: int, user_id: int):
        page = requested_page(request.query_params)
        _, windows, meetings = selectors.member_events(
            user=request.user, calendar_id=calendar_id, of_user_id=user_id, page=page
        )
        return paged_response(
            request, page, [event_data(w) for w in windows] + [meeting_event(m) for m in meetings]
        )
