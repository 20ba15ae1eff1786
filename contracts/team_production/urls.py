from contracts.common import slash_optional
from contracts.team_production import views

urlpatterns = [
    *slash_optional("auth/users/", views.UserCreateView.as_view(), "tps-user-create"),
    *slash_optional("auth/token/login/", views.TokenLoginView.as_view(), "tps-token-login"),
    *slash_optional("auth/token/logout/", views.TokenLogoutView.as_view(), "tps-token-logout"),
    *slash_optional("myprofile/", views.MyProfileView.as_view(), "tps-myprofile"),
    *slash_optional(
        "notificationsettings/", views.NotificationSettingsListView.as_view(), "tps-notif-list"
    ),
    *slash_optional(
        "notificationsettings/<int:pk>/",
        views.NotificationSettingsDetailView.as_view(),
        "tps-notif-detail",
    ),
]
