"""The pages' forms: they read what was typed; the services decide whether it is acceptable."""

import zoneinfo
from functools import cache

from django import forms


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class SignupForm(forms.Form):
    username = forms.CharField(
        max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    email = forms.CharField(label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    password = forms.CharField(
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, not only digits, not a common password.",
    )
    password_again = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password_again") not in (None, data["password"]):
            self.add_error("password_again", "The two passwords differ. Type the same one twice.")
        return data


class LoginForm(forms.Form):
    username = forms.CharField(widget=forms.TextInput(attrs={"autocomplete": "username"}))
    password = forms.CharField(
        strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class ForgotPasswordForm(forms.Form):
    email = forms.CharField(
        label="Your account's email", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class NewPasswordForm(forms.Form):
    new_password = forms.CharField(
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, not only digits, not a common password.",
    )
    new_password_again = forms.CharField(
        label="New password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("new_password") and data.get("new_password_again") not in (
            None,
            data["new_password"],
        ):
            self.add_error(
                "new_password_again", "The two passwords differ. Type the same one twice."
            )
        return data


class ChangePasswordForm(NewPasswordForm):
    current_password = forms.CharField(
        strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    field_order = ["current_password", "new_password", "new_password_again"]


class ProfileForm(forms.Form):
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.CharField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=time_zone_choices,
        help_text="Times in your rounds and emails are shown in this zone.",
    )


class ContactForm(forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.CharField(widget=forms.EmailInput())


HOURS = [(h, f"{h:02d}:00") for h in range(25)]


class RoundForm(forms.Form):
    """A round's settings, the days and hours its grid covers, and whom to invite."""

    name = forms.CharField(max_length=150)
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the meeting is about. Every invitee reads it.",
    )
    meeting_minutes = forms.IntegerField(label="Meeting length (minutes)", initial=30)
    gap_minutes = forms.IntegerField(
        label="Gap between meetings (minutes)",
        initial=0,
        help_text="Time to breathe between two meetings.",
    )
    deadline = forms.DateTimeField(
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Answers are due by then, in the round's time zone.",
    )
    time_zone = forms.ChoiceField(
        label="Round's time zone", choices=time_zone_choices, help_text="The grid below uses it."
    )
    first_day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    last_day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    day_starts = forms.TypedChoiceField(
        label="Grid from", choices=HOURS[:24], coerce=int, initial=8
    )
    day_ends = forms.TypedChoiceField(label="Grid until", choices=HOURS[1:], coerce=int, initial=18)
    contacts = forms.TypedMultipleChoiceField(
        label="Invite from your contacts",
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    pasted = forms.CharField(
        label="Or paste people, one a line",
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 5, "placeholder": "Ana Silva <ana@uni.edu>\nBen Okafor, ben@uni.edu"}
        ),
        help_text="Name <email> or Name, email. New people are added to your contacts.",
    )
    csv_file = forms.FileField(
        label="Or upload a CSV file",
        required=False,
        help_text=(
            "With a first line naming the columns: name, email (or first_name, last_name, email)."
        ),
    )

    MAX_DAYS = 42

    def __init__(self, *args, contacts=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].choices = [
            (c.pk, f"{c.first_name} {c.last_name} <{c.email}>") for c in contacts
        ]
        if editing:
            for name in ("meeting_minutes", "gap_minutes", "time_zone"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "Fixed once the round is created."
            self.fields["contacts"].label = "Also invite from your contacts"

    def clean(self):
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if first and last:
            if last < first:
                self.add_error("last_day", "The last day is before the first day.")
            elif (last - first).days >= self.MAX_DAYS:
                self.add_error("last_day", f"A round covers at most {self.MAX_DAYS} days.")
        starts, ends = data.get("day_starts"), data.get("day_ends")
        if starts is not None and ends is not None and ends <= starts:
            self.add_error("day_ends", "The grid must end after it starts.")
        if data.get("deadline"):
            # The wall clock typed, to be read in the round's zone by the service.
            data["deadline"] = data["deadline"].replace(tzinfo=None)
        return data


class ContactImportForm(forms.Form):
    pasted = forms.CharField(
        label="Paste people, one a line",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "Ana Silva <ana@uni.edu>"}),
        help_text="Name <email> or Name, email.",
    )
    csv_file = forms.FileField(
        label="Or upload a CSV file",
        required=False,
        help_text=(
            "With a first line naming the columns: name, email (or first_name, last_name, email)."
        ),
    )
