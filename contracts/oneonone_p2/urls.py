from contracts.common import slash_optional
from contracts.oneonone_p2 import calendar_views, contact_views, views

urlpatterns = [
    *slash_optional("accounts/signup/", views.SignupView.as_view(), "p2-signup"),
    *slash_optional("accounts/login/", views.LoginView.as_view(), "p2-login"),
    *slash_optional("accounts/checktoken/", views.CheckTokenView.as_view(), "p2-checktoken"),
    *slash_optional("schedules/home/", calendar_views.HomeView.as_view(), "p2-home"),
    *slash_optional(
        "schedules/calendars/create/",
        calendar_views.CalendarCreateView.as_view(),
        "p2-calendar-create",
    ),
    *slash_optional(
        "schedules/calendars/<int:calendar_id>/details/",
        calendar_views.CalendarDetailsView.as_view(),
        "p2-calendar-details",
    ),
    *slash_optional(
        "schedules/calendars/remind/<int:calendar_id>/<int:contact_id>/",
        calendar_views.RemindView.as_view(),
        "p2-remind",
    ),
    *slash_optional(
        "schedules/calendars/<int:calendar_id>/confirm/",
        calendar_views.ConfirmView.as_view(),
        "p2-confirm",
    ),
    *slash_optional(
        "schedules/calendars/<int:calendar_id>/meetings/",
        calendar_views.CalendarMeetingsView.as_view(),
        "p2-calendar-meetings",
    ),
    *slash_optional(
        "schedules/calendars/<int:calendar_id>/respond/<str:token>/",
        calendar_views.RespondView.as_view(),
        "p2-respond",
    ),
    *slash_optional("schedules/contacts/", contact_views.ContactsView.as_view(), "p2-contacts"),
]
