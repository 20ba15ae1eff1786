"""Template helpers of the help-queue and mentor-booking pages."""

from django import template

register = template.Library()


@register.filter
def duration(seconds):
    """Seconds as a person says them: "under a minute", "4 min", "1 h 05 min"; "" for None."""
    if seconds is None or seconds == "":
        return ""
    minutes = round(float(seconds) / 60)
    if minutes < 1:
        return "under a minute"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


@register.filter
def person(user):
    """A user's full name, or the username when the account has none (text passes through:
    a ticket's chosen ``owner_name`` comes first)."""
    if user is None or isinstance(user, str):
        return user or ""
    return user.display_name
