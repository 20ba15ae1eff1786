"""Sign up, log in, log out, forgot/reset password, profile: pages over accounts.services."""

from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts import services as accounts
from core.client_address import client_ident
from core.errors import DomainError, RateLimited
from web import forms
from web.errors import show_on_form

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _next_url(request) -> str:
    """Where to go after logging in: the ``next`` asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("web:home")


def signup(request):
    if request.user.is_authenticated:
        return redirect("web:home")
    form = forms.SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = accounts.register_user(
                username=data["username"],
                email=data["email"],
                password=data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except DomainError as exc:
            show_on_form(form, exc)
        else:
            auth.login(request, user, backend=BACKEND)
            messages.success(request, f"Welcome, {user.first_name or user.username}!")
            return redirect("web:home")
    return render(request, "web/signup.html", {"form": form, "nav": "signup"})


def login(request):
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = forms.LoginForm(request.POST or None)
    status, retry_after = 200, None
    if request.method == "POST" and form.is_valid():
        try:
            user = accounts.authenticate(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                client=client_ident(request),
            )
        except RateLimited as exc:
            form.add_error(None, exc.message)
            status, retry_after = 429, exc.retry_after
        except DomainError as exc:
            if exc.code == "inactive":
                form.add_error(None, "This account is not active. Ask an administrator.")
            else:
                form.add_error(None, "That username and password do not match an account.")
        else:
            auth.login(request, user, backend=BACKEND)
            return redirect(_next_url(request))
    context = {
        "form": form,
        "nav": "login",
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    response = render(request, "web/login.html", context, status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


@require_POST
def logout(request):
    """Ends this browser's session only; API tokens are ended by the API's own logout."""
    auth.logout(request)
    messages.success(request, "You are logged out.")
    return redirect("web:home")


def forgot_password(request):
    form = forms.ForgotPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accounts.request_password_reset(email=form.cleaned_data["email"])
        # The same answer whether or not the address has an account.
        return render(request, "web/forgot_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "web/forgot.html", {"form": form})


def reset_password(request, uid: str, token: str):
    form = forms.NewPasswordForm(request.POST or None)
    link_error = None
    if request.method == "POST" and form.is_valid():
        try:
            accounts.reset_password(
                uid=uid, token=token, new_password=form.cleaned_data["new_password"]
            )
        except DomainError as exc:
            problems = getattr(exc, "problems", None) or [exc]
            if any(p.field in ("uid", "token") for p in problems):
                link_error = (
                    "This reset link does not work any more: it was used already, it expired, "
                    "or it was copied incompletely. Ask for a new one."
                )
            else:
                show_on_form(form, exc)
        else:
            messages.success(request, "Your password is changed. Log in with the new one.")
            return redirect("web:login")
    return render(
        request,
        "web/reset.html",
        {"form": form, "link_error": link_error},
        status=400 if link_error else 200,
    )


@login_required
def profile(request):
    user = request.user
    initial = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "time_zone": user.time_zone or "UTC",
    }
    is_profile = request.method == "POST" and "save_profile" in request.POST
    is_password = request.method == "POST" and "change_password" in request.POST
    form = forms.ProfileForm(request.POST if is_profile else None, initial=initial)
    password_form = forms.ChangePasswordForm(request.POST if is_password else None)
    if is_profile and form.is_valid():
        try:
            accounts.update_profile(user=user, **form.cleaned_data)
        except DomainError as exc:
            user.refresh_from_db()
            show_on_form(form, exc)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("web:profile")
    if is_password and password_form.is_valid():
        try:
            accounts.update_profile(
                user=user,
                current_password=password_form.cleaned_data["current_password"],
                new_password=password_form.cleaned_data["new_password"],
            )
        except DomainError as exc:
            show_on_form(password_form, exc)
        else:
            # A new password ends every other session and token; this browser stays logged in.
            auth.update_session_auth_hash(request, user)
            messages.success(request, "Your password is changed. Other devices are logged out.")
            return redirect("web:profile")
    return render(
        request,
        "web/profile.html",
        {"form": form, "password_form": password_form, "nav": "profile"},
    )
