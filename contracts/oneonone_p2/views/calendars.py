"""Seed 001 scheduling rounds: home, create, details, remind, confirm, respond, meetings."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from contracts.common import error_or_field_errors
from contracts.oneonone_p2 import serializers as s
from contracts.oneonone_p2.client import howardhe02, instant_writer, round_defaults, when
from contracts.oneonone_p2.formats import parse_datetime, slot_pieces
from core.paging import PAGING_PARAMETERS, paged_response, requested_page
from scheduling import rules, selectors, services
from scheduling.suggestions import suggest_for_round

TAG = "001 OneOnOne P2: calendars"


def _summary(calendar, invitations) -> dict:
    return {
        "id": calendar.pk,
        "name": calendar.name,
        "description": calendar.description,
        "deadline": when(calendar.deadline, calendar.time_zone),
        "invitees": [i.contact_id for i in invitations],
        "finalized": calendar.finalized,
        "meeting_minutes": calendar.meeting_minutes,
        "gap_minutes": calendar.gap_minutes,
        "grid_minutes": calendar.grid_minutes,
        "time_zone": calendar.time_zone,
    }


def _details(everything) -> dict:
    calendar = everything.calendar
    tz = calendar.time_zone
    return {
        "Calendar": _summary(calendar, everything.invitations),
        "Owner_availability": {
            "slots": slot_pieces(everything.owner_windows, tz, preference_key="preference_level")
        },
        "Invitee_availability": [
            {
                "contact": {
                    "id": i.contact_id,
                    "first_Name": i.first_name,
                    "last_Name": i.last_name,
                    "email": i.email,
                },
                "status": i.has_answered,
                "slots": slot_pieces(
                    everything.answer_windows(i), tz, preference_key="preference_level"
                ),
            }
            for i in everything.invitations
        ],
    }


def _home_calendar(calendar) -> dict:
    return {
        "id": calendar.pk,
        "name": calendar.name,
        "description": calendar.description,
        "deadline": when(calendar.deadline, calendar.time_zone),
    }


@extend_schema(tags=[TAG])
class HomeView(APIView):
    @extend_schema(responses={200: s.HomeSerializer})
    def get(self, request):
        data = selectors.home(user=request.user)

        if howardhe02():
            # Its home page lists finalized calendars (one entry each, with a deadline).
            return Response(
                {
                    "finalized_meetings": [
                        _home_calendar(c)
                        for c in selectors.finalized_calendars_of(owner=request.user)
                    ],
                    "unfinalized_meetings": [_home_calendar(c) for c in data["open_calendars"]],
                }
            )

        def meeting(m, role, other):
            return {
                "id": m.calendar_id,
                "name": m.calendar.name,
                "description": m.calendar.description,
                "deadline": when(m.calendar.deadline, m.calendar.time_zone),
                "start_time": when(m.start, m.calendar.time_zone),
                "end_time": when(m.end, m.calendar.time_zone),
                "meeting_id": m.pk,
                "role": role,
                "with_name": other,
            }

        finalized = [meeting(m, "owner", m.invitation.full_name) for m in data["meetings"]] + [
            meeting(m, "invitee", m.calendar.owner.display_name)
            for m in data["meetings_as_invitee"]
        ]
        finalized.sort(key=lambda item: item["start_time"])
        return Response(
            {
                "finalized_meetings": finalized,
                "unfinalized_meetings": [_home_calendar(c) for c in data["open_calendars"]],
            }
        )


@extend_schema(tags=[TAG])
class CalendarCreateView(APIView):
    @extend_schema(request=s.CalendarCreateSerializer, responses={201: s.CalendarSummarySerializer})
    def post(self, request):
        body = s.CalendarCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = {**round_defaults(), **body.validated_data}
        calendar = services.create_calendar(
            owner=request.user,
            name=data["name"],
            description=data["description"],
            deadline=data["deadline"],
            invitee_contact_ids=data["invitees"],
            slots=data["slots"],
            meeting_minutes=data["meeting_minutes"],
            gap_minutes=data["gap_minutes"],
            grid_minutes=data["grid_minutes"],
            time_zone=data.get("time_zone"),
        )
        everything = selectors.calendar_with_everything(owner=request.user, calendar_id=calendar.pk)
        return Response(
            _summary(everything.calendar, everything.invitations), status=status.HTTP_201_CREATED
        )


@extend_schema(tags=[TAG])
class CalendarDetailsView(APIView):
    @extend_schema(responses={200: s.CalendarDetailsSerializer})
    def get(self, request, calendar_id: int):
        everything = selectors.calendar_with_everything(owner=request.user, calendar_id=calendar_id)
        return Response(_details(everything))

    @extend_schema(request=s.CalendarUpdateSerializer, responses={200: s.CalendarDetailsSerializer})
    def put(self, request, calendar_id: int):
        body = s.CalendarUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        services.update_calendar(
            owner=request.user,
            calendar_id=calendar_id,
            name=data.get("name"),
            description=data.get("description"),
            deadline=data.get("deadline"),
            add_invitee_contact_ids=data.get("add_invitees", ()),
            remove_invitee_contact_ids=data.get("remove_invitees", ()),
            add_slots=data.get("add_availabilities", ()),
            remove_window_ids=data.get("remove_availabilities", ()),
        )
        everything = selectors.calendar_with_everything(owner=request.user, calendar_id=calendar_id)
        return Response(_details(everything))


@extend_schema(tags=[TAG])
class RemindView(APIView):
    """Email the invitee their link again. The seed documents GET; POST does the same."""

    @extend_schema(responses={200: s.MessageSerializer})
    def get(self, request, calendar_id: int, contact_id: int):
        invitation = services.remind_invitee(
            owner=request.user, calendar_id=calendar_id, contact_id=contact_id
        )
        return Response({"message": f"Reminder email successfully sent to {invitation.full_name}"})

    @extend_schema(request=None, responses={200: s.MessageSerializer})
    def post(self, request, calendar_id: int, contact_id: int):
        return self.get(request, calendar_id, contact_id)


@extend_schema(tags=[TAG])
class ConfirmView(APIView):
    @extend_schema(responses={200: s.ConfirmDataSerializer})
    def get(self, request, calendar_id: int):
        everything = selectors.calendar_with_everything(owner=request.user, calendar_id=calendar_id)
        calendar = everything.calendar
        rules.refuse_if_finalized(calendar, again=True)
        invitations = everything.invitations
        schedules = suggest_for_round(everything)
        tz = calendar.time_zone
        write = instant_writer(tz)
        # Each invitee's {"id", "first_name", "last_name"} once: the invitees, their meetings
        # and their availability all show the same object.
        people = {
            i.pk: {"id": i.contact_id, "first_name": i.first_name, "last_name": i.last_name}
            for i in invitations
        }
        return Response(
            {
                "id": calendar.pk,
                "name": calendar.name,
                "description": calendar.description,
                "deadline": write(calendar.deadline),
                "invitees": [people[i.pk] for i in invitations],
                "suggested_schedules": [
                    [
                        {
                            **people[m.invitation.pk],
                            "start_time": write(m.start),
                            "end_time": write(m.end),
                        }
                        for m in schedule.meetings
                    ]
                    for schedule in schedules
                ],
                "invitee_availability": [
                    {
                        "contact": people[i.pk],
                        "status": i.has_answered,
                        "availability": slot_pieces(
                            everything.answer_windows(i),
                            tz,
                            preference_key="preference",
                            with_id=False,
                        ),
                    }
                    for i in invitations
                ],
            }
        )

    @extend_schema(request=s.FinalizeSerializer, responses={200: s.FinalizedSerializer})
    def post(self, request, calendar_id: int):
        # Ownership and finalized state first, so a stranger learns nothing from validation.
        calendar = selectors.owned_calendar(owner=request.user, calendar_id=calendar_id)
        rules.refuse_if_finalized(calendar, again=True)
        body = s.FinalizeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        meetings, problems = [], []
        for index, item in enumerate(body.validated_data["finalized_schedule"]):
            try:
                start = parse_datetime(item["start_time"])
                end = parse_datetime(item["end_time"])
            except (TypeError, ValueError):
                problems.append(
                    f"Meeting {index + 1}: start_time and end_time must be YYYY/MM/DD HH:MM:SS."
                )
                continue
            meetings.append(services.MeetingInput(item["contact_id"], start, end))
        if problems:
            return Response({"finalized_schedule": problems}, status=status.HTTP_400_BAD_REQUEST)
        created = services.finalize_calendar(
            owner=request.user, calendar_id=calendar_id, meetings=meetings
        )
        tz = calendar.time_zone
        return Response(
            {
                "meetings": [
                    {
                        "id": m.invitation.contact_id,
                        "first_name": m.invitation.first_name,
                        "last_name": m.invitation.last_name,
                        "email": m.invitation.email,
                        "start_time": when(m.start, tz),
                        "end_time": when(m.end, tz),
                    }
                    for m in created
                ]
            }
        )


@extend_schema(tags=[TAG])
class CalendarMeetingsView(APIView):
    """The final meetings of the owner's calendar (beyond the seed; its real front-end's week view).

    Empty until the calendar is finalized. 403 another owner's calendar, 404 an unknown one.
    """

    @extend_schema(
        parameters=PAGING_PARAMETERS, responses={200: s.CalendarMeetingSerializer(many=True)}
    )
    def get(self, request, calendar_id: int):
        page = requested_page(request.query_params)
        calendar = selectors.owned_calendar(owner=request.user, calendar_id=calendar_id)
        meetings = selectors.calendar_meetings(calendar=calendar, final_only=True, page=page)
        tz = calendar.time_zone
        return paged_response(
            request,
            page,
            [
                {
                    "id": m.invitation.contact_id,
                    "first_name": m.invitation.first_name,
                    "last_name": m.invitation.last_name,
                    "email": m.invitation.email,
                    "start_time": when(m.start, tz),
                    "end_time": when(m.end, tz),
                    "meeting_id": m.pk,
                }
                for m in meetings
            ],
        )


@extend_schema(tags=[TAG])
class RespondView(APIView):
    """The invitee's page data and answer, through the token of their emailed link.

    No account is needed: the token is the proof (anyone holding the link can answer, as the
    seed intends). Errors: 404 unknown calendar, 401 ``{"error": "Invalid token"}``, 400
    ``{"error": "Deadline has passed" | "Already responded" | "Calendar has been finalized"}``.
    """

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses={200: s.RespondInfoSerializer, 401: s.ErrorSerializer})
    def get(self, request, calendar_id: int, token: str):
        invitation = selectors.invitation_by_token(calendar_id=calendar_id, token=token)
        calendar = invitation.calendar
        owner = calendar.owner
        invitations = list(calendar.invitations.order_by("pk"))
        windows = list(calendar.windows.filter(invitation__isnull=True).order_by("start", "pk"))
        return Response(
            {
                "calendar_id": calendar.pk,
                "name": calendar.name,
                "description": calendar.description,
                "deadline": when(rules.effective_deadline(invitation), calendar.time_zone),
                "time_zone": calendar.time_zone,
                "meeting_minutes": calendar.meeting_minutes,
                "responded": invitation.has_answered,
                "owner": {
                    "id": owner.pk,
                    "first_name": owner.first_name,
                    "last_name": owner.last_name,
                },
                "invitees": [
                    {
                        "id": i.contact_id,
                        "first_name": i.first_name,
                        "last_name": i.last_name,
                    }
                    for i in invitations
                ],
                "owner_availability": slot_pieces(
                    windows, calendar.time_zone, preference_key="preference", with_id=False
                ),
                # The invitee the link was sent to; its name is the real front-end's.
                "invitee_id": {
                    "id": invitation.contact_id,
                    "first_Name": invitation.first_name,
                    "last_Name": invitation.last_name,
                    "email": invitation.email,
                },
            }
        )

    @extend_schema(
        request=s.RespondSerializer,
        responses={200: s.SuccessSerializer, 400: error_or_field_errors(), 401: s.ErrorSerializer},
    )
    def post(self, request, calendar_id: int, token: str):
        selectors.invitation_by_token(calendar_id=calendar_id, token=token)
        body = s.RespondSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.submit_answer(
            calendar_id=calendar_id, token=token, slots=body.validated_data["availability"]
        )
        return Response({"success_message": "Availability submitted successfully."})
