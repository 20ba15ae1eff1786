from contracts.common import slash_optional
from contracts.oneonone_coreapi import calendar_views as cv
from contracts.oneonone_coreapi import contact_views, views

urlpatterns = [
    *slash_optional("accounts/register/", views.RegisterView.as_view(), "coreapi-register"),
    *slash_optional("accounts/profile/", views.ProfileView.as_view(), "coreapi-profile"),
    *slash_optional("api/token/", views.TokenObtainView.as_view(), "coreapi-token"),
    *slash_optional(
        "api/token/refresh/", views.TokenRefreshViewCoreapi.as_view(), "coreapi-token-refresh"
    ),
    *slash_optional("calendars/", cv.CalendarListView.as_view(), "coreapi-calendars"),
    *slash_optional("calendars/<int:pk>/", cv.CalendarDetailView.as_view(), "coreapi-calendar"),
    *slash_optional(
        "calendars/<int:pk>/finalize/", cv.FinalizeView.as_view(), "coreapi-calendar-finalize"
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/availabilities/",
        cv.AvailabilityListView.as_view(),
        "coreapi-availabilities",
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/availabilities/<int:pk>/",
        cv.AvailabilityDetailView.as_view(),
        "coreapi-availability",
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/invitee/", cv.InviteeListView.as_view(), "coreapi-invitees"
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/invitee/<int:pk>/",
        cv.InviteeDetailView.as_view(),
        "coreapi-invitee",
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/schedule/", cv.ScheduleView.as_view(), "coreapi-schedule"
    ),
    *slash_optional("contacts/", contact_views.FriendsView.as_view(), "coreapi-contacts"),
    *slash_optional(
        "contacts/friendRequests/",
        contact_views.FriendRequestsView.as_view(),
        "coreapi-friend-requests",
    ),
    *slash_optional(
        "contacts/friendRequests/request/",
        contact_views.FriendRequestAnswerView.as_view(),
        "coreapi-friend-request-answer",
    ),
    *slash_optional(
        "contacts/friendRequests/user/",
        contact_views.FriendUserView.as_view(),
        "coreapi-friend-user",
    ),
]
