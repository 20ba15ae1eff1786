"""The pages. Included after every contract in config.urls, so no contract path changes; the
prefixes are in core.middleware.HTML_PATH_PREFIXES (errors there are pages, not JSON)."""

from django.shortcuts import redirect
from django.urls import path

from web import urls_helpqueue, urls_mentoring
from web.views import accounts, answer, contacts, pages, rounds

app_name = "web"


def _reset_link(request, uid, token):
    """The reset link's default address (PASSWORD_RESET_URL_TEMPLATE) opens the reset page."""
    return redirect("web:reset_password", uid=uid, token=token)


urlpatterns = [
    path("", pages.home, name="home"),
    path("account/signup/", accounts.signup, name="signup"),
    path("account/login/", accounts.login, name="login"),
    path("account/logout/", accounts.logout, name="logout"),
    path("account/password/forgot/", accounts.forgot_password, name="forgot_password"),
    path(
        "account/password/reset/<str:uid>/<str:token>/",
        accounts.reset_password,
        name="reset_password",
    ),
    path("password/reset/confirm/<str:uid>/<str:token>", _reset_link),
    path("password/reset/confirm/<str:uid>/<str:token>/", _reset_link),
    path("account/profile/", accounts.profile, name="profile"),
    path("answer/<int:calendar_id>/<str:token>/", answer.answer, name="answer"),
    path("answer/<int:calendar_id>/<str:token>/meeting.ics", answer.meeting_ics, name="answer_ics"),
    path("rounds/new/", rounds.round_new, name="round_new"),
    path("rounds/<int:calendar_id>/", rounds.round_page, name="round"),
    path("rounds/<int:calendar_id>/edit/", rounds.round_edit, name="round_edit"),
    path(
        "rounds/<int:calendar_id>/suggestions/", rounds.round_suggestions, name="round_suggestions"
    ),
    path("rounds/<int:calendar_id>/finalize/", rounds.round_finalize, name="round_finalize"),
    path("rounds/<int:calendar_id>/meetings.csv", rounds.round_csv, name="round_csv"),
    path("rounds/<int:calendar_id>/meetings.ics", rounds.round_ics, name="round_ics"),
    path("rounds/<int:calendar_id>/remind/", rounds.round_remind_all, name="round_remind_all"),
    path(
        "rounds/<int:calendar_id>/remind/<int:contact_id>/",
        rounds.round_remind,
        name="round_remind",
    ),
    path("people/", contacts.contact_list, name="contacts"),
    path("people/import/", contacts.contact_import, name="contact_import"),
    path("people/<int:contact_id>/edit/", contacts.contact_edit, name="contact_edit"),
    path("people/<int:contact_id>/delete/", contacts.contact_delete, name="contact_delete"),
]

# Issue 13's pages, each set in its own module.
urlpatterns += urls_helpqueue.urlpatterns + urls_mentoring.urlpatterns
