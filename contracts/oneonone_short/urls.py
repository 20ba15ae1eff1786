from contracts.common import slash_optional
from contracts.oneonone_short import calendar_views as cv
from contracts.oneonone_short import contact_views as ct
from contracts.oneonone_short import views

urlpatterns = [
    *slash_optional("users/register/", views.RegisterView.as_view(), "short-register"),
    *slash_optional("users/login/", views.LoginView.as_view(), "short-login"),
    *slash_optional("users/logout/", views.LogoutView.as_view(), "short-logout"),
    *slash_optional("users/profile/view/", views.ProfileViewView.as_view(), "short-profile-view"),
    *slash_optional("users/profile/edit/", views.ProfileEditView.as_view(), "short-profile-edit"),
    *slash_optional("users/calendars/view/", cv.UserCalendarsView.as_view(), "short-calendars"),
    *slash_optional("users/contacts/view/", ct.ContactsView.as_view(), "short-contacts"),
    *slash_optional("users/contacts/add/", ct.ContactAddView.as_view(), "short-contact-add"),
    *slash_optional(
        "users/contacts/remove/", ct.ContactRemoveView.as_view(), "short-contact-remove"
    ),
    *slash_optional(
        "users/<int:contact_id>/profile/", ct.ContactProfileView.as_view(), "short-contact-profile"
    ),
    *slash_optional("users/accept/<int:attendee_id>/", cv.AcceptView.as_view(), "short-accept"),
    *slash_optional("calendars/create/", cv.CalendarCreateView.as_view(), "short-calendar-create"),
    *slash_optional(
        "calendars/<int:calendar_id>/view/", cv.CalendarView.as_view(), "short-calendar-view"
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/edit/", cv.CalendarEditView.as_view(), "short-calendar-edit"
    ),
    *slash_optional("calendars/events/add/", cv.EventAddView.as_view(), "short-event-add"),
    *slash_optional("calendars/invite/", cv.InviteView.as_view(), "short-invite"),
    *slash_optional(
        "calendars/<int:calendar_id>/list/status/", cv.StatusListView.as_view(), "short-status"
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/events/<int:event_id>/update/",
        cv.EventUpdateView.as_view(),
        "short-event-update",
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/contact/<int:user_id>/view/",
        cv.ContactAvailabilityView.as_view(),
        "short-contact-availability",
    ),
]
