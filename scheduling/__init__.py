"""Scheduling rounds ("calendars"): availability, invitations, answers, suggestions, meetings."""
