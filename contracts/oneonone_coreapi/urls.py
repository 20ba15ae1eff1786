from contracts.common import slash_optional
from contracts.oneonone_coreapi import views

urlpatterns = [
    *slash_optional("accounts/register/", views.RegisterView.as_view(), "coreapi-register"),
    *slash_optional("accounts/profile/", views.ProfileView.as_view(), "coreapi-profile"),
    *slash_optional("api/token/", views.TokenObtainView.as_view(), "coreapi-token"),
    *slash_optional(
        "api/token/refresh/", views.TokenRefreshViewCoreapi.as_view(), "coreapi-token-refresh"
    ),
]
