from contracts.common import slash_optional
from contracts.oneonone_short.views import accounts, calendars, contacts

urlpatterns = [
    *slash_optional("users/register/", accounts.RegisterView.as_view(), "short-register"),
    *slash_optional("users/login/", accounts.LoginView.as_view(), "short-login"),
    *slash_optional("users/logout/", accounts.LogoutView.as_view(), "short-logout"),
    *slash_optional(
        "users/profile/view/", accounts.ProfileViewView.as_view(), "short-profile-view"
    ),
    *slash_optional(
        "users/profile/edit/", accounts.ProfileEditView.as_view(), "short-profile-edit"
    ),
    *slash_optional(
        "users/calendars/view/", calendars.UserCalendarsView.as_view(), "short-calendars"
    ),
    *slash_optional("users/contacts/view/", contacts.ContactsView.as_view(), "short-contacts"),
    *slash_optional("users/contacts/add/", contacts.ContactAddView.as_view(), "short-contact-add"),
    *slash_optional(
        "users/contacts/remove/", contacts.ContactRemoveView.as_view(), "short-contact-remove"
    ),
    *slash_optional(
        "users/<int:contact_id>/profile/",
        contacts.ContactProfileView.as_view(),
        "short-contact-profile",
    ),
    *slash_optional(
        "users/accept/<int:attendee_id>/", calendars.AcceptView.as_view(), "short-accept"
    ),
    *slash_optional(
        "calendars/create/", calendars.CalendarCreateView.as_view(), "short-calendar-create"
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/view/", calendars.CalendarView.as_view(), "short-calendar-view"
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/edit/",
        calendars.CalendarEditView.as_view(),
        "short-calendar-edit",
    ),
    *slash_optional("calendars/events/add/", calendars.EventAddView.as_view(), "short-event-add"),
    *slash_optional("calendars/invite/", calendars.InviteView.as_view(), "short-invite"),
    *slash_optional(
        "calendars/<int:calendar_id>/list/status/",
        calendars.StatusListView.as_view(),
        "short-status",
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/events/<int:event_id>/update/",
        calendars.EventUpdateView.as_view(),
        "short-event-update",
    ),
    *slash_optional(
        "calendars/<int:calendar_id>/contact/<int:user_id>/view/",
        calendars.ContactAvailabilityView.as_view(),
        "short-contact-availability",
    ),
]
