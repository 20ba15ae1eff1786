"""Mentor booking in the browser (seed 000): pages over mentoring's and accounts' services.

Profile (mentor or mentee), a mentor's week of free time, finding and booking a mentor, my
sessions (confirm, cancel, .ics) and the notification settings. Every rule is the services':
a refusal is shown next to its field, or as a message above the page.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import selectors as account_selectors
from accounts import services as accounts
from core import clock
from core.errors import DomainError, Forbidden, NotFound
from mentoring import ics, rules, selectors, services
from mentoring.models import Session, SessionStatus
from web import booking_grid
from web import forms_mentoring as forms
from web.errors import page_not_found, show_on_form

#: Next free slots shown per mentor on the search page.
SLOTS_PER_MENTOR = 8


def _context(request, page: str, **context) -> dict:
    return {"nav": "mentoring", "page": page, "zone": request.user.time_zone or "UTC", **context}


def _instant(text: str) -> dt.datetime | None:
    """An ISO 8601 instant with its offset, as the pages send them; None if it is not one."""
    try:
        moment = dt.datetime.fromisoformat((text or "").strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


# --- Profile --------------------------------------------------------------------------------------
@login_required
def profile(request):
    user = request.user
    mentor = selectors.mentor_profile(user=user)
    mentee = selectors.mentee_profile(user=user)
    team = mentor.team_number if mentor else (mentee.team_number if mentee else None)
    initial = {
        "is_mentor": user.is_mentor,
        "is_mentee": user.is_mentee,
        "about_me": mentor.about_me if mentor else "",
        "skills": ", ".join(s.name for s in mentor.skills.all()) if mentor else "",
        "team_number": "" if team is None else team,
        "phone_number": user.phone_number,
    }
    form = forms.BookingProfileForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _save_profile(user, form.cleaned_data, mentor=mentor, mentee=mentee)
            except DomainError as exc:
                user.refresh_from_db()
                show_on_form(form, exc)
            else:
                messages.success(request, "Your mentoring profile is saved.")
                return redirect("web:mentoring_profile")
        status = 400
    return render(
        request,
        "web/mentoring/profile.html",
        _context(request, "profile", form=form, known_skills=selectors.all_skills()),
        status=status,
    )


def _save_profile(user, data: dict, *, mentor, mentee) -> None:
    """All or nothing: the account's fields, the mentor and mentee profiles, then the photo.

    The photo goes last: clearing it deletes the file, which no rollback brings back, so it
    happens only once everything else has been accepted.
    """
    changes = {
        "is_mentor": data["is_mentor"],
        "is_mentee": data["is_mentee"],
        "phone_number": data["phone_number"],
    }
    photo = data["profile_photo"]
    team = data["team_number"].strip()
    with transaction.atomic():
        accounts.update_profile(user=user, **changes)
        if data["is_mentor"]:
            fields = {"about_me": data["about_me"], "skills": data["skills"], "team_number": team}
            if mentor is None:
                services.create_mentor_profile(user=user, **fields)
            else:
                services.update_mentor_profile(user=user, **fields)
        if data["is_mentee"]:
            if mentee is None:
                services.create_mentee_profile(user=user, team_number=team)
            else:
                services.update_mentee_profile(user=user, team_number=team)
        if photo is False:  # "clear" ticked
            accounts.update_profile(user=user, profile_photo=None)
        elif photo:
            accounts.update_profile(user=user, profile_photo=photo)


# --- A mentor's week ------------------------------------------------------------------------------
@login_required
def availability(request):
    """The mentor's week in their own zone: free, booked, publishable half hours."""
    user = request.user
    zone = user.zone
    now = clock.now()
    today = now.astimezone(zone).date()
    try:
        monday = booking_grid.monday_of(dt.date.fromisoformat(request.GET.get("week", "")))
    except ValueError:
        monday = booking_grid.monday_of(today)
    form = forms.PublishForm(request.POST or None, initial={"day": max(today, monday)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            start, end = _span(form.cleaned_data, zone)
            if _publish(request, form, start, end):
                return redirect(f"{reverse('web:mentoring_availability')}?week={monday}")
        status = 400
    spans = list(selectors.future_availabilities(now=now, mentor_id=user.pk))
    grid = booking_grid.week_grid(
        monday=monday, zone=zone, spans=spans, now=now, whole_day="all" in request.GET
    )
    return render(
        request,
        "web/mentoring/availability.html",
        _context(
            request,
            "availability",
            form=form,
            grid=grid,
            monday=monday,
            previous=monday - dt.timedelta(days=7),
            next=monday + dt.timedelta(days=7),
            whole_day="all" in request.GET,
        ),
        status=status,
    )


def _span(data: dict, zone) -> tuple[dt.datetime, dt.datetime]:
    day = data["day"]
    start_h, start_m = (int(x) for x in data["start"].split(":"))
    end_h, end_m = (int(x) for x in data["end"].split(":"))
    midnight = dt.datetime.combine(day, dt.time())
    start = midnight + dt.timedelta(hours=start_h, minutes=start_m)
    end = midnight + dt.timedelta(hours=end_h, minutes=end_m)  # "24:00": the next midnight
    return start.replace(tzinfo=zone), end.replace(tzinfo=zone)


def _publish(request, form, start, end) -> bool:
    try:
        created = services.publish_availability(
            mentor=request.user, start_time=start, end_time=end, chunked=True
        )
    except DomainError as exc:
        if form is None:
            for problem in getattr(exc, "problems", None) or [exc]:
                messages.error(request, problem.message)
        else:
            show_on_form(form, exc, fields={"start_time": "start", "end_time": "end"})
        return False
    messages.success(
        request, f"Published {len(created)} half hour{'s' if len(created) != 1 else ''}."
    )
    return True


@login_required
@require_POST
def publish_half_hour(request):
    """One click on an empty cell of the grid: that half hour becomes free time."""
    start = _instant(request.POST.get("start", ""))
    week = request.POST.get("week", "")
    if start is None:
        messages.error(request, "That cell did not send a time; reload the page and try again.")
    else:
        _publish(request, None, start, start + booking_grid.STEP)
    target = reverse("web:mentoring_availability")
    return redirect(f"{target}?week={week}" if _is_date(week) else target)


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


@page_not_found
@login_required
@require_POST
def delete_availability(request, availability_id: int):
    try:
        services.delete_availability(user=request.user, availability_id=availability_id)
    except (NotFound, Forbidden):  # another mentor's: as unknown as a missing one
        raise Http404("No such free time.") from None
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The free time is deleted.")
    week = request.POST.get("week", "")
    target = reverse("web:mentoring_availability")
    return redirect(f"{target}?week={week}" if _is_date(week) else target)


# --- Find and book a mentor -----------------------------------------------------------------------
@login_required
def find_mentor(request):
    """Mentors by skill and free time in the next N days, with their next free half hours."""
    user = request.user
    zone = user.zone
    now = clock.now()
    form = forms.FindMentorForm(request.GET or None)
    days, skills = 7, []
    if form.is_valid():
        days = form.cleaned_data["days"] or 7
        skills = [s for s in form.cleaned_data["skill"].split(",") if s.strip()]
    status = 200
    try:
        cards = selectors.mentor_cards(now=now, skills=skills)
    except DomainError as exc:
        show_on_form(form, exc, fields={"skills": "skill"})
        cards, status = [], 400
    horizon = now + dt.timedelta(days=days)
    found = []
    for card in cards:
        slots = _free_slots(card, now=now, horizon=horizon)
        if slots:
            shown = [_shown_slot(slot, zone) for slot in slots[:SLOTS_PER_MENTOR]]
            found.append({"card": card, "slots": shown, "more": len(slots)})
    return render(
        request,
        "web/mentoring/find.html",
        _context(
            request,
            "find",
            form=form,
            found=found,
            days=days,
            known_skills=selectors.all_skills(),
            searched=bool(request.GET),
            # Once for the page's every booking form, not a {% csrf_token %} per form.
            csrf_input=csrf_input(request),
        ),
        status=status,
    )


def _free_slots(card, *, now, horizon) -> list[tuple[int, dt.datetime, bool]]:
    """The card's Open half hours starting in (now, horizon]: (availability pk, start, hour).

    ``hour`` marks a start from which a 60-minute session would stay inside free time (the
    next chunk begins where this one ends and is free too); the service decides in the end.
    """
    spans = []
    for pk, _mentor, start, end, status in card.availabilities:
        start = start if isinstance(start, dt.datetime) else dt.datetime.fromisoformat(start)
        end = end if isinstance(end, dt.datetime) else dt.datetime.fromisoformat(end)
        spans.append((pk, start, end, status))
    open_starts = {start for _pk, start, _end, status in spans if status == "Open"}
    slots = []
    for pk, start, end, status in spans:
        if status != "Open" or start <= now or start > horizon:
            continue
        moment = start
        while moment + booking_grid.STEP <= end:
            after = moment + booking_grid.STEP
            hour = after + booking_grid.STEP <= end or (after == end and end in open_starts)
            slots.append((pk, moment, hour))
            moment = after
    return slots


def _shown_slot(slot: tuple[int, dt.datetime, bool], zone) -> dict:
    """A slot as the page shows it, in the viewer's zone: ``start`` (ISO 8601 with the offset,
    what the booking form sends back), ``label`` and ``spoken`` (the time shown and read out).

    Text made here, once per shown slot: strftime (C locale: English names) is many times
    faster than the date filter, and a page of mentors has thousands of these.
    """
    pk, moment, hour = slot
    local = moment.astimezone(zone)
    return {
        "availability": str(pk),
        "start": local.isoformat(),
        "label": local.strftime("%a %-d %b, %H:%M"),
        "spoken": local.strftime("%A %H:%M"),
        "hour": hour,
    }


@login_required
@require_POST
def book(request):
    """A mentee books 30 or 60 minutes from a free half hour (services.request_session)."""
    start = _instant(request.POST.get("start", ""))
    try:
        length = int(request.POST.get("length", ""))
    except ValueError:
        length = 0
    if start is None:
        messages.error(request, "That button did not send a time; reload the page and try again.")
        return redirect("web:mentoring_find")
    try:
        session = services.request_session(
            mentee=request.user,
            availability_id=request.POST.get("availability"),
            start_time=start,
            session_length=length,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        back = request.POST.get("back", "")
        return redirect(back if back.startswith("/mentoring/") else reverse("web:mentoring_find"))
    name = session.mentor.display_name
    messages.success(request, f"Requested: {length} minutes with {name}. They confirm it next.")
    return redirect("web:mentoring_sessions")


# --- My sessions ----------------------------------------------------------------------------------
@login_required
def sessions(request):
    user = request.user
    now = clock.now()
    current = list(selectors.sessions_of(user=user, now=now, archived=False))
    archived = list(selectors.sessions_of(user=user, now=now, archived=True))
    groups = [
        ("Pending", [s for s in current if s.status == SessionStatus.PENDING]),
        ("Confirmed", [s for s in current if s.status == SessionStatus.CONFIRMED]),
        ("Canceled", [s for s in current if s.status == SessionStatus.CANCELED]),
    ]
    return render(
        request,
        "web/mentoring/sessions.html",
        _context(
            request,
            "sessions",
            groups=groups,
            archived=list(reversed(archived)),
            now=now,
            max_reason=rules.MAX_CANCEL_REASON,
        ),
    )


def _session_action(request, session_id: int, action, done: str, **options):
    try:
        action(user=request.user, session_id=session_id, **options)
    except NotFound:
        raise Http404("No session with this id.") from None
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("web:mentoring_sessions")


@page_not_found
@login_required
@require_POST
def confirm(request, session_id: int):
    return _session_action(
        request, session_id, services.confirm_session, "Confirmed. The mentee is told by email."
    )


@page_not_found
@login_required
@require_POST
def cancel(request, session_id: int):
    return _session_action(
        request,
        session_id,
        services.cancel_session,
        "Canceled. The other person is told.",
        reason=request.POST.get("reason", ""),
    )


@page_not_found
@login_required
def session_ics(request, session_id: int):
    """The calendar file of a confirmed session, in the downloader's time zone."""
    try:
        session = selectors.session_for(user=request.user, session_id=session_id)
    except Session.DoesNotExist:
        raise Http404("No session with this id.") from None
    if session.status != SessionStatus.CONFIRMED:
        raise Http404("Only a confirmed session has a calendar file.")
    response = HttpResponse(
        ics.session_ics(session, recipient=request.user), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return response


# --- Notification settings ------------------------------------------------------------------------
@login_required
def notifications(request):
    settings = account_selectors.notification_settings(user=request.user)
    initial = {name: getattr(settings, name) for name in forms.NOTIFICATION_SENTENCES}
    form = forms.NotificationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.update_notification_settings(
                user=request.user, settings_pk=settings.pk, **form.cleaned_data
            )
        except DomainError as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, "Your notification settings are saved.")
            return redirect("web:mentoring_notifications")
    return render(
        request, "web/mentoring/notifications.html", _context(request, "notifications", form=form)
    )
