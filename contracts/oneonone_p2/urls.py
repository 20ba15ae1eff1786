from contracts import shared_login
from contracts.common import slash_optional
from contracts.oneonone_p2.views import accounts, calendars, contacts

urlpatterns = [
    *slash_optional("accounts/signup/", accounts.SignupView.as_view(), "p2-signup"),
    *slash_optional("accounts/login/", shared_login.LoginView.as_view(), "p2-login"),
    *slash_optional("accounts/checktoken/", accounts.CheckTokenView.as_view(), "p2-checktoken"),
    *slash_optional("schedules/home/", calendars.HomeView.as_view(), "p2-home"),
    *slash_optional(
        "schedules/calendars/create/",
        calendars.CalendarCreateView.as_view(),
        "p2-calendar-create",
    ),
    *slash_optional(
        "schedules/calendars/<int:calendar_id>/details/",
        calendars.CalendarDetailsView.as_view(),
        "p2-calendar-details",
    ),
    *slash_optional(
        "schedules/calendars/remind/<int:calendar_id>/<int:contact_id>/",
        calendars.RemindView.as_view(),
        "p2-remind",
    ),
    *slash_optional(
        "schedules/calendars/<int:calendar_id>/confirm/",
        calendars.ConfirmView.as_view(),
        "p2-confirm",
    ),
    *slash_optional(
        "schedules/calendars/<int:calendar_id>/meetings/",
        calendars.CalendarMeetingsView.as_view(),
        "p2-calendar-meetings",
    ),
    *slash_optional(
        "schedules/calendars/<int:calendar_id>/respond/<str:token>/",
        calendars.RespondView.as_view(),
        "p2-respond",
    ),
    *slash_optional("schedules/contacts/", contacts.ContactsView.as_view(), "p2-contacts"),
]
