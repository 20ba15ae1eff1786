"""Mentor booking's forms: they read what was typed; mentoring and accounts services decide."""

from django import forms

HALF_HOURS = [
    (f"{m // 60:02d}:{m % 60:02d}", f"{m // 60:02d}:{m % 60:02d}") for m in range(0, 1440, 30)
]


class BookingProfileForm(forms.Form):
    is_mentor = forms.BooleanField(
        label="I mentor", required=False, help_text="Publish free time; mentees book you."
    )
    is_mentee = forms.BooleanField(
        label="I am a mentee", required=False, help_text="Find a mentor and book a session."
    )
    about_me = forms.CharField(
        label="About me",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you can help with (mentors); at most 2000 characters.",
    )
    skills = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"list": "known-skills", "autocomplete": "off"}),
        help_text="Separated by commas, e.g. “Python, Django, SQL”. Existing skills match "
        "whatever their case.",
    )
    team_number = forms.CharField(label="Team number", required=False)
    phone_number = forms.CharField(
        label="Phone",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text="With the country code, e.g. +1 416 555 0123.",
    )
    profile_photo = forms.FileField(
        label="Photo",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text="A JPEG, PNG or GIF image, at most 5 MB.",
    )


class PublishForm(forms.Form):
    """A span of free time on one day, in the mentor's time zone."""

    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start = forms.ChoiceField(label="From", choices=HALF_HOURS, initial="09:00")
    end = forms.ChoiceField(
        label="Until",
        choices=[*HALF_HOURS[1:], ("24:00", "24:00 (midnight)")],
        initial="11:00",
    )


class FindMentorForm(forms.Form):
    skill = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"list": "known-skills", "autocomplete": "off"}),
        help_text="One skill, or several separated by commas (mentors having all of them).",
    )
    days = forms.TypedChoiceField(
        label="Free in the next",
        choices=[(1, "1 day"), (3, "3 days"), (7, "7 days"), (14, "14 days")],
        coerce=int,
        initial=7,
        required=False,
        empty_value=7,
    )


NOTIFICATION_SENTENCES = {
    "session_requested": (
        "A mentee asks for a session",
        "Mentors: an email when a mentee books your time, with the session in a calendar file.",
    ),
    "session_confirmed": (
        "My session is confirmed",
        "Mentees: an email when the mentor confirms the session you asked for.",
    ),
    "session_canceled": (
        "A session is canceled",
        "An email when the other person cancels a session with you.",
    ),
    "sixty_minute_alert": (
        "One hour before",
        "A reminder 60 minutes before each confirmed session.",
    ),
    "fifteen_minute_alert": (
        "Fifteen minutes before",
        "A reminder 15 minutes before each confirmed session.",
    ),
}


class NotificationForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, sentence) in NOTIFICATION_SENTENCES.items():
            self.fields[name] = forms.BooleanField(label=label, required=False, help_text=sentence)
