"""Mentor booking's pages (issue 13), under /mentoring/; added to web.urls' patterns."""

from django.urls import path

from web.views import mentoring

urlpatterns = [
    path("mentoring/", mentoring.sessions, name="mentoring_sessions"),
    path("mentoring/profile/", mentoring.profile, name="mentoring_profile"),
    path("mentoring/availability/", mentoring.availability, name="mentoring_availability"),
    path(
        "mentoring/availability/half-hour/",
        mentoring.publish_half_hour,
        name="mentoring_publish_half_hour",
    ),
    path(
        "mentoring/availability/<int:availability_id>/delete/",
        mentoring.delete_availability,
        name="mentoring_delete_availability",
    ),
    path("mentoring/mentors/", mentoring.find_mentor, name="mentoring_find"),
    path("mentoring/book/", mentoring.book, name="mentoring_book"),
    path(
        "mentoring/sessions/<int:session_id>/confirm/", mentoring.confirm, name="mentoring_confirm"
    ),
    path("mentoring/sessions/<int:session_id>/cancel/", mentoring.cancel, name="mentoring_cancel"),
    path(
        "mentoring/sessions/<int:session_id>/session.ics",
        mentoring.session_ics,
        name="mentoring_ics",
    ),
    path("mentoring/notifications/", mentoring.notifications, name="mentoring_notifications"),
]
