from contracts.common import slash_optional
from contracts.team_production.views import accounts, mentoring

urlpatterns = [
    *slash_optional("auth/users/", accounts.UserCreateView.as_view(), "tps-user-create"),
    *slash_optional("auth/token/login/", accounts.TokenLoginView.as_view(), "tps-token-login"),
    *slash_optional(
        "auth/users/reset_password/", accounts.ResetPasswordView.as_view(), "tps-reset-password"
    ),
    *slash_optional(
        "auth/users/reset_password_confirm/",
        accounts.ResetPasswordConfirmView.as_view(),
        "tps-reset-password-confirm",
    ),
    *slash_optional("auth/token/logout/", accounts.TokenLogoutView.as_view(), "tps-token-logout"),
    *slash_optional("myprofile/", accounts.MyProfileView.as_view(), "tps-myprofile"),
    *slash_optional(
        "notificationsettings/", accounts.NotificationSettingsListView.as_view(), "tps-notif-list"
    ),
    *slash_optional(
        "notificationsettings/<int:pk>/",
        accounts.NotificationSettingsDetailView.as_view(),
        "tps-notif-detail",
    ),
    # Mentor booking. The seed's spelling `availabilty` is served, and the correct one too.
    *slash_optional("mentor/", mentoring.MentorListView.as_view(), "tps-mentor-list"),
    *slash_optional(
        "mentor/<str:skills>/", mentoring.MentorBySkillView.as_view(), "tps-mentor-skill"
    ),
    *slash_optional("mentorinfo/", mentoring.MentorInfoView.as_view(), "tps-mentorinfo"),
    *slash_optional(
        "mentorinfoupdate/", mentoring.MentorInfoUpdateView.as_view(), "tps-mentorinfo-update"
    ),
    *slash_optional("mentee/", mentoring.MenteeListView.as_view(), "tps-mentee-list"),
    *slash_optional("menteeinfo/", mentoring.MenteeInfoView.as_view(), "tps-menteeinfo"),
    *slash_optional(
        "menteeinfoupdate/", mentoring.MenteeInfoUpdateView.as_view(), "tps-menteeinfo-update"
    ),
    *slash_optional("session/", mentoring.SessionListView.as_view(), "tps-session-list"),
    *slash_optional("archivesession/", mentoring.ArchivedSessionListView.as_view(), "tps-archive"),
    *slash_optional(
        "sessionrequest/", mentoring.SessionRequestView.as_view(), "tps-session-request"
    ),
    *slash_optional(
        "sessionrequest/<int:pk>/", mentoring.SessionUpdateView.as_view(), "tps-session-update"
    ),
]
for _spelling in ("availabilty", "availability"):
    urlpatterns += [
        *slash_optional(f"{_spelling}/", mentoring.AvailabilityView.as_view(), f"tps-{_spelling}"),
        *slash_optional(
            f"{_spelling}/<int:pk>/",
            mentoring.AvailabilityDetailView.as_view(),
            f"tps-{_spelling}-detail",
        ),
        *slash_optional(
            f"v2/{_spelling}/", mentoring.AvailabilityV2View.as_view(), f"tps-v2-{_spelling}"
        ),
    ]
