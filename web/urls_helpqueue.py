"""The help queue's pages (issue 13), under /queue/; added to web.urls' patterns."""

from django.urls import path

from web.views import helpqueue

urlpatterns = [
    path("queue/", helpqueue.my_tickets, name="queue"),
    path("queue/tickets/<int:ticket_id>/", helpqueue.ticket_page, name="queue_ticket"),
    path("queue/tickets/<int:ticket_id>/state/", helpqueue.ticket_state, name="queue_ticket_state"),
    path(
        "queue/tickets/<int:ticket_id>/status/",
        helpqueue.ticket_status,
        name="queue_ticket_status",
    ),
    path(
        "queue/tickets/<int:ticket_id>/feedback/", helpqueue.ticket_feedback, name="queue_feedback"
    ),
    path("queue/mentor/", helpqueue.mentor_queue, name="queue_mentor"),
    path("queue/mentor/list/", helpqueue.mentor_queue_list, name="queue_mentor_list"),
    path("queue/stats/", helpqueue.stats, name="queue_stats"),
    path("queue/roles/", helpqueue.role_page, name="queue_roles"),
]
