from rest_framework import serializers

from contracts.oneonone_p2.formats import AnswerSlotsField, DeadlineField, OwnerSlotsField


class SignupSerializer(serializers.Serializer):
    email = serializers.EmailField()
    username = serializers.CharField(max_length=150)
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    password = serializers.CharField(write_only=True, style={"input_type": "password"})
    password2 = serializers.CharField(write_only=True, style={"input_type": "password"})

    def validate(self, attrs):
        if attrs["password"] != attrs["password2"]:
            raise serializers.ValidationError({"password2": ["Passwords must match."]})
        return attrs


class SignedUpSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    email = serializers.EmailField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()


# --- Calendars -----------------------------------------------------------------------------------
class CalendarCreateSerializer(serializers.Serializer):
    """``available_slots`` (the example's name) or ``availability`` (the field list's name)."""

    name = serializers.CharField(max_length=150)
    description = serializers.CharField(allow_blank=True)
    deadline = DeadlineField()
    invitees = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    available_slots = OwnerSlotsField(required=False)
    availability = OwnerSlotsField(required=False)
    meeting_minutes = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=1440,
        help_text="Default 30 (60 with ONEONONE_P2_CLIENT=howardhe02).",
    )
    gap_minutes = serializers.IntegerField(required=False, default=0, min_value=0, max_value=1440)
    grid_minutes = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=1440,
        help_text="Default 15 (60 with ONEONONE_P2_CLIENT=howardhe02).",
    )
    time_zone = serializers.CharField(required=False, max_length=64)

    def validate(self, attrs):
        slots = attrs.pop("available_slots", None)
        alias = attrs.pop("availability", None)
        if slots is None and alias is None:
            raise serializers.ValidationError({"available_slots": ["This field is required."]})
        attrs["slots"] = (slots or []) + (alias or [])
        if not attrs["slots"]:
            raise serializers.ValidationError(
                {"available_slots": ["Give at least one available slot."]}
            )
        return attrs


class CalendarUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150, required=False)
    description = serializers.CharField(allow_blank=True, required=False)
    deadline = DeadlineField(required=False)
    add_invitees = serializers.ListField(child=serializers.IntegerField(), required=False)
    remove_invitees = serializers.ListField(child=serializers.IntegerField(), required=False)
    add_availabilities = OwnerSlotsField(required=False)
    remove_availabilities = serializers.ListField(child=serializers.IntegerField(), required=False)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError({"non_field_errors": ["No input."]})
        return attrs


class CalendarSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    deadline = serializers.CharField(allow_null=True)
    invitees = serializers.ListField(
        child=serializers.IntegerField(allow_null=True),
        help_text="Contact ids; null for an invitee whose contact left the address book.",
    )
    finalized = serializers.BooleanField()
    meeting_minutes = serializers.IntegerField()
    gap_minutes = serializers.IntegerField()
    grid_minutes = serializers.IntegerField()
    time_zone = serializers.CharField()


class SlotOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    start_time = serializers.CharField()
    end_time = serializers.CharField()
    preference_level = serializers.IntegerField()


class OwnerAvailabilitySerializer(serializers.Serializer):
    slots = SlotOutSerializer(many=True)


class DetailsContactSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        allow_null=True, help_text="Null for an invitee whose contact left the address book."
    )
    first_Name = serializers.CharField()
    last_Name = serializers.CharField()
    email = serializers.EmailField()


class InviteeAvailabilitySerializer(serializers.Serializer):
    contact = DetailsContactSerializer()
    status = serializers.BooleanField()
    slots = SlotOutSerializer(many=True)


class CalendarDetailsSerializer(serializers.Serializer):
    Calendar = CalendarSummarySerializer()
    Owner_availability = OwnerAvailabilitySerializer()
    Invitee_availability = InviteeAvailabilitySerializer(many=True)


class MessageSerializer(serializers.Serializer):
    message = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        allow_null=True, help_text="Null for an invitee whose contact left the address book."
    )
    first_name = serializers.CharField()
    last_name = serializers.CharField()


class SuggestedMeetingSerializer(PersonSerializer):
    start_time = serializers.CharField()
    end_time = serializers.CharField()


class ConfirmSlotSerializer(serializers.Serializer):
    date = serializers.DateField()
    start_time = serializers.CharField()
    end_time = serializers.CharField()
    preference = serializers.IntegerField()


class ConfirmInviteeSerializer(serializers.Serializer):
    contact = PersonSerializer()
    status = serializers.BooleanField()
    availability = ConfirmSlotSerializer(many=True)


class ConfirmDataSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    deadline = serializers.CharField(allow_null=True)
    invitees = PersonSerializer(many=True)
    suggested_schedules = serializers.ListField(child=SuggestedMeetingSerializer(many=True))
    invitee_availability = ConfirmInviteeSerializer(many=True)


class FinalMeetingInSerializer(serializers.Serializer):
    contact_id = serializers.IntegerField()
    start_time = serializers.CharField()
    end_time = serializers.CharField()


class FinalizeSerializer(serializers.Serializer):
    finalized_schedule = FinalMeetingInSerializer(many=True, allow_empty=False)


class FinalMeetingOutSerializer(PersonSerializer):
    email = serializers.EmailField()
    start_time = serializers.CharField()
    end_time = serializers.CharField()


class FinalizedSerializer(serializers.Serializer):
    meetings = FinalMeetingOutSerializer(many=True)


class HomeFinalizedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    deadline = serializers.CharField(allow_null=True, help_text="The calendar's.")
    start_time = serializers.CharField()
    end_time = serializers.CharField()
    meeting_id = serializers.IntegerField()
    role = serializers.ChoiceField(choices=["owner", "invitee"])
    with_name = serializers.CharField()


class HomeOpenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    deadline = serializers.CharField(allow_null=True)


class HomeSerializer(serializers.Serializer):
    finalized_meetings = HomeFinalizedSerializer(many=True)
    unfinalized_meetings = HomeOpenSerializer(many=True)


# --- Respond (the invitee, through their link) ---------------------------------------------------
class RespondSerializer(serializers.Serializer):
    availability = AnswerSlotsField()


class RespondOwnerSlotSerializer(serializers.Serializer):
    date = serializers.DateField()
    start_time = serializers.CharField()
    end_time = serializers.CharField()
    preference = serializers.IntegerField()


class InviteeSelfSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        allow_null=True, help_text="Their contact id; null if the contact left the address book."
    )
    first_Name = serializers.CharField()
    last_Name = serializers.CharField()
    email = serializers.EmailField()


class RespondInfoSerializer(serializers.Serializer):
    calendar_id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    deadline = serializers.CharField(allow_null=True)
    time_zone = serializers.CharField()
    meeting_minutes = serializers.IntegerField()
    responded = serializers.BooleanField()
    owner = PersonSerializer()
    invitees = PersonSerializer(many=True)
    owner_availability = RespondOwnerSlotSerializer(many=True)
    invitee_id = InviteeSelfSerializer(help_text="The invitee the link was sent to (not an id).")


class SuccessSerializer(serializers.Serializer):
    success_message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField()


# --- Contacts ------------------------------------------------------------------------------------
class ContactSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    first_Name = serializers.CharField(max_length=150)
    last_Name = serializers.CharField(max_length=150)
    email = serializers.EmailField()


class ContactUpdateSerializer(serializers.Serializer):
    contact_id = serializers.IntegerField()
    first_Name = serializers.CharField(max_length=150, required=False)
    last_Name = serializers.CharField(max_length=150, required=False)
    email = serializers.EmailField(required=False)

    def validate(self, attrs):
        if set(attrs) == {"contact_id"}:
            raise serializers.ValidationError({"non_field_errors": ["No input."]})
        return attrs


class ContactUpdatedSerializer(serializers.Serializer):
    contact_id = serializers.IntegerField()
    first_Name = serializers.CharField()
    last_Name = serializers.CharField()
    email = serializers.EmailField()


class ContactDeleteSerializer(serializers.Serializer):
    contact_id = serializers.IntegerField()


class CalendarMeetingSerializer(PersonSerializer):
    email = serializers.EmailField()
    start_time = serializers.CharField()
    end_time = serializers.CharField()
    meeting_id = serializers.IntegerField()


class AccountSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    email = serializers.EmailField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
