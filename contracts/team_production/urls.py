from contracts.common import slash_optional
from contracts.team_production import mentoring_views as m
from contracts.team_production import views

urlpatterns = [
    *slash_optional("auth/users/", views.UserCreateView.as_view(), "tps-user-create"),
    *slash_optional("auth/token/login/", views.TokenLoginView.as_view(), "tps-token-login"),
    *slash_optional(
        "auth/users/reset_password/", views.ResetPasswordView.as_view(), "tps-reset-password"
    ),
    *slash_optional(
        "auth/users/reset_password_confirm/",
        views.ResetPasswordConfirmView.as_view(),
        "tps-reset-password-confirm",
    ),
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
    # Mentor booking. The seed's spelling `availabilty` is served, and the correct one too.
    *slash_optional("mentor/", m.MentorListView.as_view(), "tps-mentor-list"),
    *slash_optional("mentor/<str:skills>/", m.MentorBySkillView.as_view(), "tps-mentor-skill"),
    *slash_optional("mentorinfo/", m.MentorInfoView.as_view(), "tps-mentorinfo"),
    *slash_optional("mentorinfoupdate/", m.MentorInfoUpdateView.as_view(), "tps-mentorinfo-update"),
    *slash_optional("mentee/", m.MenteeListView.as_view(), "tps-mentee-list"),
    *slash_optional("menteeinfo/", m.MenteeInfoView.as_view(), "tps-menteeinfo"),
    *slash_optional("menteeinfoupdate/", m.MenteeInfoUpdateView.as_view(), "tps-menteeinfo-update"),
    *slash_optional("session/", m.SessionListView.as_view(), "tps-session-list"),
    *slash_optional("archivesession/", m.ArchivedSessionListView.as_view(), "tps-archive"),
    *slash_optional("sessionrequest/", m.SessionRequestView.as_view(), "tps-session-request"),
    *slash_optional(
        "sessionrequest/<int:pk>/", m.SessionUpdateView.as_view(), "tps-session-update"
    ),
]
for _spelling in ("availabilty", "availability"):
    urlpatterns += [
        *slash_optional(f"{_spelling}/", m.AvailabilityView.as_view(), f"tps-{_spelling}"),
        *slash_optional(
            f"{_spelling}/<int:pk>/", m.AvailabilityDetailView.as_view(), f"tps-{_spelling}-detail"
        ),
        *slash_optional(f"v2/{_spelling}/", m.AvailabilityV2View.as_view(), f"tps-v2-{_spelling}"),
    ]
