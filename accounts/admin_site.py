"""The admin site: Django's, with its login checked by ``accounts.services.authenticate``.

So `/admin/login/` counts failures per (username, client) like every contract's login, answers
429 with Retry-After past the limit (the form says how long to wait), and takes as long for an
unknown username as for a wrong password.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from rest_framework.throttling import BaseThrottle

from accounts import services
from core.errors import DomainError, RateLimited


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    retry_after: int | None = None

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return self.cleaned_data
        client = BaseThrottle().get_ident(self.request) or "unknown"  # honours NUM_PROXIES
        try:
            user = services.authenticate(username=username, password=password, client=client)
        except RateLimited as exc:
            self.retry_after = exc.retry_after
            raise forms.ValidationError(exc.message, code="throttled") from exc
        except DomainError as exc:
            if exc.code == "inactive":
                raise forms.ValidationError(
                    self.error_messages["inactive"], code="inactive"
                ) from exc
            raise self.get_invalid_login_error() from exc
        user.backend = "django.contrib.auth.backends.ModelBackend"
        self.user_cache = user
        self.confirm_login_allowed(user)  # staff only
        return self.cleaned_data


class ThrottledAdminSite(admin.AdminSite):
    login_form = ThrottledAdminAuthenticationForm

    def login(self, request, extra_context=None):
        response = super().login(request, extra_context)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if getattr(form, "retry_after", None):
            response.status_code = 429
            response["Retry-After"] = str(form.retry_after)
        return response
