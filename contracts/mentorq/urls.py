from contracts.common import slash_optional
from contracts.mentorq.views import accounts, feedback, tickets

urlpatterns = [
    *slash_optional("api/auth/token/", accounts.IdentityTokenView.as_view(), "mentorq-token"),
    *slash_optional("api/auth/refresh/", accounts.RefreshView.as_view(), "mentorq-refresh"),
    *slash_optional("api/tickets/", tickets.TicketListView.as_view(), "mentorq-tickets"),
    *slash_optional(
        "api/tickets/stats/", tickets.TicketStatsView.as_view(), "mentorq-ticket-stats"
    ),
    *slash_optional(
        "api/tickets/<int:id>/", tickets.TicketDetailView.as_view(), "mentorq-ticket-detail"
    ),
    *slash_optional(
        "api/tickets/<int:id>/slack-dm/", tickets.TicketSlackDmView.as_view(), "mentorq-slack-dm"
    ),
    *slash_optional("api/feedback/", feedback.FeedbackListView.as_view(), "mentorq-feedback"),
    *slash_optional(
        "api/feedback/leaderboard/", feedback.LeaderboardView.as_view(), "mentorq-leaderboard"
    ),
    *slash_optional(
        "api/feedback/<int:id>/", feedback.FeedbackDetailView.as_view(), "mentorq-feedback-detail"
    ),
]
