from contracts.common import slash_optional
from contracts.oneonone_p2 import views

urlpatterns = [
    *slash_optional("accounts/signup/", views.SignupView.as_view(), "p2-signup"),
    *slash_optional("accounts/login/", views.LoginView.as_view(), "p2-login"),
]
