"""The help queue's forms: they read what was typed; helpqueue.services decides the rest."""

from django import forms

from accounts.models import QueueRole


class TicketForm(forms.Form):
    title = forms.CharField(
        max_length=255,
        help_text="One line: what you are stuck on, e.g. “Flask app will not start”.",
    )
    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you tried, error messages, the language or framework.",
    )
    contact = forms.CharField(
        max_length=255, required=False, help_text="How a mentor reaches you: Slack, Discord, phone."
    )
    location = forms.CharField(
        max_length=255, required=False, help_text="Where you sit, e.g. “Table 12, main hall”."
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=[(n, f"{n} of 5") for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        label="How much did the mentor help?",
    )
    comments = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Comments (optional)"
    )


class RoleForm(forms.Form):
    who = forms.CharField(
        label="Email or username", help_text="The person must have an account already."
    )
    role = forms.ChoiceField(choices=QueueRole.choices, initial=QueueRole.MENTOR)
