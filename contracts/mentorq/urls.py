from contracts.common import slash_optional
from contracts.mentorq import views

urlpatterns = [
    *slash_optional("api/auth/token/", views.IdentityTokenView.as_view(), "mentorq-token"),
    *slash_optional("api/auth/refresh/", views.RefreshView.as_view(), "mentorq-refresh"),
]
