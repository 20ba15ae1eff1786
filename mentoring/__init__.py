"""Mentor booking: mentor and mentee profiles, skills, availability, sessions, reminders."""
