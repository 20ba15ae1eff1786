from contracts.common import slash_optional
from contracts.oneonone_short import views

urlpatterns = [
    *slash_optional("users/register/", views.RegisterView.as_view(), "short-register"),
    *slash_optional("users/login/", views.LoginView.as_view(), "short-login"),
    *slash_optional("users/logout/", views.LogoutView.as_view(), "short-logout"),
    *slash_optional("users/profile/view/", views.ProfileViewView.as_view(), "short-profile-view"),
    *slash_optional("users/profile/edit/", views.ProfileEditView.as_view(), "short-profile-edit"),
]
