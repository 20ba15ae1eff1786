from contracts import shared_login
from contracts.common import slash_optional
from contracts.oneonone_coreapi.views import accounts, calendars, contacts

urlpatterns = [
    *slash_optional("accounts/register/", accounts.RegisterView.as_view(), "coreapi-register"),
    # Also listed by seed 001's urls.py (registered first): the same view answers either way.
    *slash_optional("accounts/login/", shared_login.LoginView.as_view(), "coreapi-login"),
    *slash_optional("accounts/profile/", accounts.ProfileView.as_view(), "coreapi-profile"),
    *slash_optional("api/token/", accounts.TokenObtainView.as_view(), "coreapi-token"),
    *slash_optional(
        "api/token/refresh/", accounts.TokenRefreshViewCoreapi.as_view(), "coreapi-token-refresh"
    ),
    *slash_optional("calendars/", calendars.CalendarListView.as_view(), "coreapi-calendars"),
    *slash_optional(
        "calendars/<int:pk>/", calendars.CalendarDetailView.as_view(), "coreapi-calendar"
    ),
    *slash_optional(
        "calendars/<int:pk>/finalize/",
        calendars.FinalizeView.as_view(),
        "coreapi-calendar-finalize",
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/availabilities/",
        calendars.AvailabilityListView.as_view(),
        "coreapi-availabilities",
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/availabilities/<int:pk>/",
        calendars.AvailabilityDetailView.as_view(),
        "coreapi-availability",
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/invitee/",
        calendars.InviteeListView.as_view(),
        "coreapi-invitees",
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/invitee/<int:pk>/",
        calendars.InviteeDetailView.as_view(),
        "coreapi-invitee",
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/schedule/",
        calendars.ScheduleView.as_view(),
        "coreapi-schedule",
    ),
    *slash_optional("contacts/", contacts.FriendsView.as_view(), "coreapi-contacts"),
    *slash_optional(
        "contacts/friendRequests/",
        contacts.FriendRequestsView.as_view(),
        "coreapi-friend-requests",
    ),
    *slash_optional(
        "contacts/friendRequests/request/",
        contacts.FriendRequestAnswerView.as_view(),
        "coreapi-friend-request-answer",
    ),
    *slash_optional(
        "contacts/friendRequests/user/",
        contacts.FriendUserView.as_view(),
        "coreapi-friend-user",
    ),
]
