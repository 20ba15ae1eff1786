from contracts.common import slash_optional
from contracts.mentorq import views

urlpatterns = [
    *slash_optional("api/auth/token/", views.IdentityTokenView.as_view(), "mentorq-token"),
    *slash_optional("api/auth/refresh/", views.RefreshView.as_view(), "mentorq-refresh"),
    *slash_optional("api/tickets/", views.TicketListView.as_view(), "mentorq-tickets"),
    *slash_optional("api/tickets/stats/", views.TicketStatsView.as_view(), "mentorq-ticket-stats"),
    *slash_optional(
        "api/tickets/<int:id>/", views.TicketDetailView.as_view(), "mentorq-ticket-detail"
    ),
    *slash_optional(
        "api/tickets/<int:id>/slack-dm/", views.TicketSlackDmView.as_view(), "mentorq-slack-dm"
    ),
    *slash_optional("api/feedback/", views.FeedbackListView.as_view(), "mentorq-feedback"),
    *slash_optional(
        "api/feedback/leaderboard/", views.LeaderboardView.as_view(), "mentorq-leaderboard"
    ),
    *slash_optional(
        "api/feedback/<int:id>/", views.FeedbackDetailView.as_view(), "mentorq-feedback-detail"
    ),
]
