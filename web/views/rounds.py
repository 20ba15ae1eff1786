"""Create and edit a round, and the round's page, over scheduling.services and selectors.

Invitees pasted or uploaded in bulk become contacts and the round is created in one
transaction: a bad line, or a round the service refuses, leaves nothing behind.
"""

import csv
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from contacts import selectors as contact_selectors
from contacts import services as contact_services
from core import clock
from core.errors import DomainError, Forbidden, NotFound
from scheduling import ics, rules, selectors, services, suggestions
from web import grid, invitees, schedules
from web.errors import page_not_found, show_on_form
from web.forms import RoundForm
from web.views.answer import LEVELS

EDITOR_CELL_MINUTES = 30
OUTSIDE_GRID = (
    "Some marked times are outside the grid's days and hours, or already past. "
    "Press “Update the grid” and mark them again."
)
# The service's fields, as the form calls them.
FIELDS = {
    "invitees": "contacts",
    "add_invitees": "contacts",
    "start_date": "first_day",
    "end_date": "last_day",
}


class _Refused(Exception):
    """Rolls the round and the contacts made for it back together."""


def _owned_round(user, calendar_id):
    """The user's round with its invitations and windows; anyone else's is not found (404)."""
    try:
        return selectors.calendar_with_everything(owner=user, calendar_id=calendar_id)
    except (NotFound, Forbidden):
        raise Http404("There is no such round among yours.") from None


def _editor_cells(form, tz_name):
    """The editor's grid for the days and hours the form asks for (or its initial values)."""

    def value(name):
        if form.is_bound and form.is_valid():
            return form.cleaned_data[name]
        return form.initial.get(name, form.fields[name].initial)

    tz = grid.zone_or_none(tz_name) or grid.zone_or_none("UTC")
    first, last = value("first_day"), value("last_day")
    if not first or not last or last < first or (last - first).days >= RoundForm.MAX_DAYS:
        return tz, []
    return tz, grid.blank_cells(
        first,
        last,
        from_hour=int(value("day_starts")),
        to_hour=int(value("day_ends")),
        minutes=EDITOR_CELL_MINUTES,
        tz=tz,
        not_before=clock.now(),
    )


def _bulk_people(form, request) -> tuple[list, list]:
    people, bad = invitees.read_pasted(form.cleaned_data.get("pasted", ""))
    upload = request.FILES.get("csv_file")
    if upload is not None:
        from_file, bad_in_file = invitees.read_csv(upload)
        people += from_file
        bad += bad_in_file
    return invitees.deduplicated(people), bad


def _contacts_for(owner, people) -> list[int]:
    """Contact ids of the people: existing entries (same email, any case) or new ones.
    Raises _Refused with every line the contacts service refused."""
    existing = {c.email.lower(): c.pk for c in contact_selectors.contacts_of(owner=owner)}
    ids, refused = [], []
    for person in people:
        if person.email.lower() in existing:
            ids.append(existing[person.email.lower()])
            continue
        try:
            contact = contact_services.add_contact(
                owner=owner,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email,
            )
        except DomainError as exc:
            for problem in getattr(exc, "problems", None) or [exc]:
                refused.append(f"Line {person.line} ({person.email}): {problem.message}")
        else:
            existing[contact.email.lower()] = contact.pk
            ids.append(contact.pk)
    if refused:
        raise _Refused(refused)
    return ids


def _grid_context(form, tz, cells, marks):
    return {
        "weeks": grid.weeks(cells, tz, minutes=EDITOR_CELL_MINUTES),
        "marks": {cell.key(tz): marks.get(cell.start, 0) for cell in cells},
        "view_zone": str(tz),
        "levels": LEVELS,
        "cell_count": len(cells),
    }


@login_required
def round_new(request):
    user = request.user
    contacts = list(contact_selectors.contacts_of(owner=user))
    today = clock.now().astimezone(grid.zone_or_none(user.time_zone or "UTC")).date()
    initial = {
        "time_zone": user.time_zone or "UTC",
        "first_day": today + dt.timedelta(days=1),
        "last_day": today + dt.timedelta(days=7),
        "day_starts": 8,
        "day_ends": 18,
        "meeting_minutes": 30,
        "gap_minutes": 0,
    }
    bound = request.method == "POST"
    form = RoundForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        initial=initial,
        contacts=contacts,
    )
    tz_name = request.POST.get("time_zone") if bound else initial["time_zone"]
    tz, cells = _editor_cells(form, tz_name)
    marks: dict = {}
    status = 200
    if bound:
        marks, saving = _posted_marks(request, form, cells)
        if saving:
            calendar = _create(request, form, cells, marks)
            if calendar is not None:
                messages.success(
                    request, f"“{calendar.name}” is created; the invitations are on their way."
                )
                return redirect("web:round", calendar_id=calendar.pk)
        status = 200 if "refresh" in request.POST else 400
    context = {
        "form": form,
        "nav": "home",
        "editing": False,
        **_grid_context(form, tz, cells, marks),
    }
    return render(request, "web/round_form.html", context, status=status)


def _posted_marks(request, form, cells) -> tuple[dict, bool]:
    """The painted grid of a posted round form, each unreadable mark an error on the form; and
    whether to save: not a refresh (a change of days or zone), the form and the grid valid."""
    marks, mark_errors = grid.read_marks(
        request.POST,
        cells,
        drop_unknown="refresh" in request.POST,
        unknown_message=OUTSIDE_GRID,
    )
    for error in mark_errors:
        form.add_error(None, error)
    saving = "refresh" not in request.POST and form.is_valid() and not mark_errors
    return marks, saving


def _create(request, form, cells, marks):
    data = form.cleaned_data
    people, bad = _bulk_people(form, request)
    for line in bad:
        form.add_error("csv_file" if line.source.startswith("File") else "pasted", str(line))
    if bad:
        return None
    try:
        with transaction.atomic():
            contact_ids = list(
                dict.fromkeys([*data["contacts"], *_contacts_for(request.user, people)])
            )
            return services.create_calendar(
                owner=request.user,
                name=data["name"],
                description=data["description"],
                deadline=data["deadline"],
                invitee_contact_ids=contact_ids,
                slots=grid.marked_slots(marks, cells),
                start_date=data["first_day"],
                end_date=data["last_day"],
                meeting_minutes=data["meeting_minutes"],
                gap_minutes=data["gap_minutes"],
                time_zone=data["time_zone"],
            )
    except _Refused as refused:
        for message in refused.args[0]:
            form.add_error("pasted", message)
    except DomainError as exc:
        show_on_form(form, exc, FIELDS)
    return None


@page_not_found
@login_required
def round_edit(request, calendar_id: int):
    user = request.user
    everything = _owned_round(user, calendar_id)
    calendar = everything.calendar
    if calendar.finalized:
        messages.error(request, "This round is finalized: it can no longer be edited.")
        return redirect("web:round", calendar_id=calendar.pk)
    invited = {i.contact_id for i in everything.invitations if i.contact_id}
    contacts = [c for c in contact_selectors.contacts_of(owner=user) if c.pk not in invited]
    tz = grid.zone_or_none(calendar.time_zone)
    now = clock.now()
    future = [w for w in everything.owner_windows if w.end > now]
    first = calendar.start_date or (
        min((w.start for w in future), default=now).astimezone(tz).date()
    )
    last = calendar.end_date or (max((w.end for w in future), default=now).astimezone(tz).date())
    initial = {
        "name": calendar.name,
        "description": calendar.description,
        "meeting_minutes": calendar.meeting_minutes,
        "gap_minutes": calendar.gap_minutes,
        "deadline": calendar.deadline.astimezone(tz).replace(tzinfo=None)
        if calendar.deadline
        else None,
        "time_zone": calendar.time_zone,
        "first_day": first,
        "last_day": last,
        "day_starts": 8,
        "day_ends": 18,
    }
    bound = request.method == "POST"
    form = RoundForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        initial=initial,
        contacts=contacts,
        editing=True,
    )
    _, cells = _editor_cells(form, calendar.time_zone)
    status = 200
    if bound:
        marks, saving = _posted_marks(request, form, cells)
        if saving and _update(request, form, calendar, cells, marks, future):
            messages.success(request, "The round is saved.")
            return redirect("web:round", calendar_id=calendar.pk)
        status = 200 if "refresh" in request.POST else 400
    else:
        marks = grid.levels_from_windows(cells, future)
    context = {
        "form": form,
        "calendar": calendar,
        "invitations": everything.invitations,
        "nav": "home",
        "editing": True,
        **_grid_context(form, tz, cells, marks),
    }
    return render(request, "web/round_form.html", context, status=status)


def _update(request, form, calendar, cells, marks, future) -> bool:
    data = form.cleaned_data
    people, bad = _bulk_people(form, request)
    for line in bad:
        form.add_error("csv_file" if line.source.startswith("File") else "pasted", str(line))
    if bad:
        return False
    slots = grid.marked_slots(marks, cells)
    unchanged = {(s.start, s.end, s.preference) for s in slots} == {
        (w.start, w.end, w.preference) for w in future
    }
    remove = [int(pk) for pk in request.POST.getlist("remove_invitee") if pk.isdigit()]
    try:
        with transaction.atomic():
            contact_ids = list(
                dict.fromkeys([*data["contacts"], *_contacts_for(request.user, people)])
            )
            services.update_calendar(
                owner=request.user,
                calendar_id=calendar.pk,
                name=data["name"],
                description=data["description"],
                deadline=data["deadline"],
                start_date=data["first_day"],
                end_date=data["last_day"],
                add_invitee_contact_ids=contact_ids,
                remove_invitee_contact_ids=remove,
                add_slots=() if unchanged else slots,
                remove_window_ids=() if unchanged else [w.pk for w in future],
            )
    except _Refused as refused:
        for message in refused.args[0]:
            form.add_error("pasted", message)
        return False
    except DomainError as exc:
        show_on_form(form, exc, FIELDS)
        return False
    return True


@page_not_found
@login_required
def round_page(request, calendar_id: int):
    everything = _owned_round(request.user, calendar_id)
    calendar = everything.calendar
    invitations = everything.invitations
    tz = grid.zone_or_none(calendar.time_zone)
    context = {
        "calendar": calendar,
        "invitations": invitations,
        "answered": sum(1 for i in invitations if i.has_answered),
        "now": clock.now(),
        "zone": calendar.time_zone,
        "nav": "home",
    }
    if calendar.finalized:
        context["meetings"] = selectors.calendar_meetings(calendar=calendar, final_only=True)
    else:
        minutes = grid.cell_minutes(calendar.grid_minutes)
        weeks, heat = schedules.heat_map(everything, tz, minutes=minutes)
        context.update(heat_weeks=weeks, heat=heat)
    return render(request, "web/round.html", context)


@page_not_found
@login_required
def round_suggestions(request, calendar_id: int):
    """The suggested schedules: asked for by the round's page once it has loaded (htmx), so the
    page never waits for the optimizer; a whole page without JavaScript."""
    everything = _owned_round(request.user, calendar_id)
    calendar = everything.calendar
    invitations = everything.invitations
    suggested = []
    if not calendar.finalized:
        busy = [(m.start, m.end) for m in selectors.other_final_meetings(calendar=calendar)]
        suggested = suggestions.suggest_schedules(
            calendar=calendar,
            windows=everything.windows,
            invitations=invitations,
            busy=busy,
            wait_for_everyone=False,
        )
    context = {
        "calendar": calendar,
        "schedules": schedules.arrange(suggested, everything),
        "answered": sum(1 for i in invitations if i.has_answered),
        "zone": calendar.time_zone,
        "nav": "home",
    }
    partial = request.headers.get("HX-Request") == "true"
    return render(
        request, "web/suggestions.html" if partial else "web/suggestions_page.html", context
    )


def _meetings_posted(request, everything) -> tuple[list, list[str]]:
    """The schedule a form sends: ``meeting`` = ``<invitation id>|<start>|<end>`` (ISO with
    offset), as (invitation, start, end); unreadable or unknown entries are reported."""
    by_id = {i.pk: i for i in everything.invitations}
    meetings, errors = [], []
    for value in request.POST.getlist("meeting"):
        parts = value.split("|")
        start = grid.parse_instant(parts[1]) if len(parts) == 3 else None
        end = grid.parse_instant(parts[2]) if len(parts) == 3 else None
        invitation = by_id.get(int(parts[0])) if parts[0].isdigit() else None
        if invitation is None or start is None or end is None:
            errors.append("The schedule sent is not one of this round's. Pick a schedule again.")
            break
        meetings.append((invitation, start, end))
    return meetings, errors


NOT_FEASIBLE = (
    "{name} cannot meet at that time: it is outside the times you both gave, too close to "
    "another meeting, or taken by one of your meetings in another round. "
    "Pick one of the times offered."
)


def _changed(request, everything, meetings) -> tuple[list, str | None]:
    """The schedule after the change the form asks for, or the refusal in words.

    ``move`` (an invitee with a meeting) or ``add`` (an invitee without one) with ``to``, a
    start that scheduling.services.feasible_starts offers; ``leave_out`` drops a meeting.
    """
    by_id = {i.pk: i for i in everything.invitations}
    scheduled = {invitation.pk for invitation, _, _ in meetings}
    action = next(a for a in ("move", "add", "leave_out") if a in request.POST)
    value = request.POST.get(action, "")
    invitation = by_id.get(int(value)) if value.isdigit() else None
    if invitation is None or (invitation.pk in scheduled) != (action != "add"):
        return meetings, "That invitee is not one you can change here. Pick a schedule again."
    others = [m for m in meetings if m[0].pk != invitation.pk]
    if action == "leave_out":
        return others, None
    start = grid.parse_instant(request.POST.get("to", ""))
    feasible = services.feasible_starts(
        everything=everything, invitations=[invitation], schedule=meetings
    )[invitation.pk]
    if start is None or start not in feasible:
        return meetings, NOT_FEASIBLE.format(name=invitation.full_name)
    end = start + dt.timedelta(minutes=everything.calendar.meeting_minutes)
    return sorted([*others, (invitation, start, end)], key=lambda m: m[1]), None


def _confirm_context(everything, meetings):
    """Each meeting with the starts it may move to, and each invitee without a meeting with
    the starts one may be added at (the domain's feasible_starts, nothing decided here)."""
    if everything.calendar.finalized:
        return {"rows": [(*m, []) for m in meetings], "unscheduled": []}
    invitations = everything.invitations
    feasible = services.feasible_starts(
        everything=everything, invitations=invitations, schedule=meetings
    )
    scheduled = {invitation.pk for invitation, _, _ in meetings}
    return {
        "rows": [
            (invitation, start, end, feasible[invitation.pk]) for invitation, start, end in meetings
        ],
        "unscheduled": [(i, feasible[i.pk]) for i in invitations if i.pk not in scheduled],
    }


@page_not_found
@login_required
@require_POST
def round_finalize(request, calendar_id: int):
    """The picked schedule, to check, change and finalize: each meeting may move to another
    feasible start or be left out, an invitee without a meeting (one who never answered) may be
    given one; then, with ``confirm``, finalize. The schedule travels in the form (``meeting``
    fields) until it is final, so nothing is written before the owner confirms."""
    everything = _owned_round(request.user, calendar_id)
    calendar = everything.calendar
    meetings, errors = _meetings_posted(request, everything)
    if calendar.finalized:
        errors.append(rules.finalized_refusal(again=True).message)
    elif not errors and {"move", "add", "leave_out"} & set(request.POST):
        meetings, refused = _changed(request, everything, meetings)
        errors.extend([refused] if refused else [])
    elif not errors and "confirm" in request.POST:
        if not meetings:
            errors.append("Pick a schedule with at least one meeting.")
        else:
            try:
                services.finalize_calendar(
                    owner=request.user,
                    calendar_id=calendar.pk,
                    meetings=[
                        services.MeetingInput(
                            contact_id=invitation.contact_id,
                            user_id=None if invitation.contact_id else invitation.user_id,
                            start=start,
                            end=end,
                        )
                        for invitation, start, end in meetings
                    ],
                )
            except DomainError as exc:
                errors.extend(p.message for p in getattr(exc, "problems", None) or [exc])
            else:
                messages.success(
                    request, "The schedule is final; everyone gets their meeting by email."
                )
                return redirect("web:round", calendar_id=calendar.pk)
    meetings = sorted(meetings, key=lambda m: m[1])
    return render(
        request,
        "web/finalize_confirm.html",
        {
            "calendar": calendar,
            "meetings": meetings,
            **_confirm_context(everything, meetings),
            "errors": errors,
            "zone": calendar.time_zone,
            "nav": "home",
        },
        status=400 if errors else 200,
    )


def _final_meetings(request, calendar_id):
    everything = _owned_round(request.user, calendar_id)
    calendar = everything.calendar
    if not calendar.finalized:
        raise Http404("This round is not finalized yet.")
    return calendar, selectors.calendar_meetings(calendar=calendar, final_only=True)


@page_not_found
@login_required
def round_csv(request, calendar_id: int):
    calendar, meetings = _final_meetings(request, calendar_id)
    tz = grid.zone_or_none(calendar.time_zone)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="round-{calendar.pk}-meetings.csv"'
    writer = csv.writer(response)
    writer.writerow(["name", "email", "start", "end", "time_zone"])
    for meeting in meetings:
        invitee = meeting.invitation
        writer.writerow(
            [
                invitee.full_name,
                invitee.email,
                meeting.start.astimezone(tz).isoformat(timespec="minutes"),
                meeting.end.astimezone(tz).isoformat(timespec="minutes"),
                calendar.time_zone,
            ]
        )
    return response


@page_not_found
@login_required
def round_ics(request, calendar_id: int):
    calendar, meetings = _final_meetings(request, calendar_id)
    response = HttpResponse(ics.meetings_ics(calendar, meetings), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="round-{calendar.pk}-meetings.ics"'
    return response


@page_not_found
@login_required
@require_POST
def round_remind(request, calendar_id: int, contact_id: int):
    everything = _owned_round(request.user, calendar_id)
    calendar = everything.calendar
    try:
        invitation = services.remind_invitee(
            owner=request.user, calendar_id=calendar.pk, contact_id=contact_id
        )
    except NotFound:
        raise Http404("There is no such invitee in this round.") from None
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{invitation.full_name} is reminded by email.")
    return redirect("web:round", calendar_id=calendar.pk)


@page_not_found
@login_required
@require_POST
def round_remind_all(request, calendar_id: int):
    """Remind every invitee who has not answered; the service's rules apply to each (one
    reminder an interval, not after the deadline), and each refusal is said."""
    everything = _owned_round(request.user, calendar_id)
    calendar = everything.calendar
    reminded, refused = 0, []
    for invitation in everything.invitations:
        if invitation.has_answered or invitation.contact_id is None:
            continue
        try:
            services.remind_invitee(
                owner=request.user, calendar_id=calendar.pk, contact_id=invitation.contact_id
            )
        except DomainError as exc:
            refused.append(exc.message)
        else:
            reminded += 1
    if reminded:
        messages.success(request, f"{reminded} invitee{'s' if reminded != 1 else ''} reminded.")
    for message in refused:
        messages.error(request, message)
    if not reminded and not refused:
        messages.success(request, "Everyone has answered: nobody to remind.")
    return redirect("web:round", calendar_id=calendar.pk)
