"""The help queue in the browser (seed 002's MentorQ): pages over helpqueue's services.

A hacker opens a ticket and follows it; mentors work the live queue (polled by htmx); a director
reads the statistics and gives roles. Every rule is helpqueue's: these views read forms, call
services and selectors, and show a refusal's message next to its field or above the list.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import (
    Truncator,
    add_truncation_text,
    calculate_truncate_chars_length,
)
from django.views.decorators.http import require_POST

from accounts.models import display_name
from core.errors import DomainError, Forbidden, NotFound
from helpqueue import roles, selectors, services
from helpqueue.models import Ticket
from helpqueue.selectors import QueuedTicket
from web import forms_helpqueue as forms
from web.errors import page_not_found, show_on_form
from web.plots import activity_plot

Status = Ticket.Status

#: Seconds between two refreshes of a live list (the mentors' queue, a hacker's ticket).
POLL_SECONDS = 5

#: What each button of a ticket asks for, in the words of its confirmation message.
DONE = {
    Status.CLAIMED: "You claimed “{title}”.",
    Status.OPEN: "“{title}” is back in the queue, in its old place.",
    Status.CLOSED: "“{title}” is closed.",
    Status.CANCELLED: "“{title}” is cancelled.",
}


def _forbidden(request, message: str):
    return render(request, "web/helpqueue/forbidden.html", {"message": message}, status=403)


def _ticket(user, ticket_id: int) -> QueuedTicket:
    """A ticket the user may see; anyone else's is as unknown as a missing one (404)."""
    try:
        return selectors.visible_ticket(user=user, ticket_id=ticket_id)
    except NotFound:
        raise Http404("No ticket with this id.") from None


def _ticket_context(queued: QueuedTicket) -> dict:
    """The ticket page's and its state box's: the row as ``ticket``, its place as ``queued``."""
    return {"ticket": queued.ticket, "queued": queued}


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _common(request, **context) -> dict:
    user = request.user
    return {
        "nav": "queue",
        "zone": user.time_zone or "UTC",
        "may_claim": roles.may_claim(user),
        "may_see_stats": roles.may_see_stats(user),
        "may_give_roles": roles.may_give_roles(user),
        "poll_seconds": POLL_SECONDS,
        **context,
    }


# --- A hacker -------------------------------------------------------------------------------------
@login_required
def my_tickets(request):
    """The user's own tickets (state, place in the queue, estimated wait) and a new one."""
    form = forms.TicketForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                ticket = services.open_ticket(owner=request.user, **form.cleaned_data)
            except DomainError as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, "Your ticket is in the queue. A mentor will come.")
                return redirect("web:queue_ticket", ticket_id=ticket.pk)
        status = 400
    tickets = selectors.own_tickets(user=request.user)
    live = [q for q in tickets if q.ticket.status in (Status.OPEN, Status.CLAIMED)]
    done = [q for q in tickets if q.ticket.status not in (Status.OPEN, Status.CLAIMED)]
    return render(
        request,
        "web/helpqueue/my_tickets.html",
        _common(request, form=form, live=live, done=list(reversed(done))),
        status=status,
    )


@page_not_found
@login_required
def ticket_page(request, ticket_id: int):
    queued = _ticket(request.user, ticket_id)
    feedback_form = forms.FeedbackForm()
    return render(
        request,
        "web/helpqueue/ticket.html",
        _common(request, **_ticket_context(queued), feedback_form=feedback_form),
    )


@page_not_found
@login_required
def ticket_state(request, ticket_id: int):
    """The ticket's state box alone: what the ticket page polls while the ticket is live."""
    queued = _ticket(request.user, ticket_id)
    context = _common(request, **_ticket_context(queued), feedback_form=forms.FeedbackForm())
    return render(request, "web/helpqueue/_ticket_state.html", context)


@page_not_found
@login_required
@require_POST
def ticket_status(request, ticket_id: int):
    """Claim, release, close or cancel: the state machine decides whether the caller may.

    From the live queue (htmx) the answer is the queue's new list with the outcome above it;
    otherwise a redirect to ``next`` (this site only) or the ticket's page, with a message.
    """
    ticket = _ticket(request.user, ticket_id).ticket
    wanted = request.POST.get("status", "")
    note, ok = None, True
    try:
        changed = services.change_ticket_status(
            user=request.user, ticket_id=ticket.pk, status=wanted
        )
    except DomainError as exc:
        note, ok = _refusal(request.user, ticket, exc), False
    else:
        note = DONE[changed.ticket.status].format(title=changed.ticket.title)
    if _is_htmx(request) and request.POST.get("from") == "queue":
        return _queue_list(request, note=note, ok=ok)
    (messages.success if ok else messages.error)(request, note)
    return redirect(_next(request, default=reverse("web:queue_ticket", args=[ticket.pk])))


def _refusal(user, ticket: Ticket, exc: DomainError) -> str:
    """The service's reason; for a claim lost to another mentor, with that mentor's name."""
    if exc.code == "already_claimed":
        try:
            now = selectors.visible_ticket(user=user, ticket_id=ticket.pk).ticket
        except NotFound:
            return exc.message
        if now.mentor is not None and now.mentor_id != user.pk:
            name = now.mentor.display_name
            return f"This ticket is already claimed by {name}."
    return exc.message


def _next(request, *, default: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@page_not_found
@login_required
@require_POST
def ticket_feedback(request, ticket_id: int):
    """The owner of a closed ticket rates its mentor (helpqueue.services.give_feedback)."""
    queued = _ticket(request.user, ticket_id)
    ticket = queued.ticket
    form = forms.FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.give_feedback(
                user=request.user,
                ticket_id=ticket.pk,
                rating=form.cleaned_data["rating"],
                comments=form.cleaned_data["comments"],
            )
        except NotFound:
            raise Http404("No ticket with this id.") from None
        except DomainError as exc:
            problems = getattr(exc, "problems", None) or [exc]
            if any(p.field not in form.fields for p in problems):
                # About the ticket (not closed, rated already): the form may not be on the page.
                for problem in problems:
                    messages.error(request, problem.message)
                return redirect("web:queue_ticket", ticket_id=ticket.pk)
            show_on_form(form, exc)
        else:
            messages.success(request, "Thank you: your rating is saved.")
            return redirect("web:queue_ticket", ticket_id=ticket.pk)
    return render(
        request,
        "web/helpqueue/ticket.html",
        _common(request, **_ticket_context(queued), feedback_form=form),
        status=400,
    )


# --- Mentors --------------------------------------------------------------------------------------
@login_required
def mentor_queue(request):
    """The live queue, oldest first; its list refreshes itself every POLL_SECONDS."""
    try:
        context = _queue_context(request)
    except Forbidden as exc:
        return _forbidden(request, exc.message)
    return render(request, "web/helpqueue/mentor_queue.html", _common(request, **context))


@login_required
def mentor_queue_list(request):
    """The list alone, for htmx's polling: 204 (nothing to swap, one aggregate query) while the
    queue is the one of the version the page holds (``?v=``), else the new list."""
    try:
        version = selectors.live_queue_version(user=request.user)
    except Forbidden as exc:
        return _forbidden(request, exc.message)
    if request.GET.get("v") == version:
        return HttpResponse(status=204)
    return _queue_list(request, version=version)


def _queue_list(request, *, note: str | None = None, ok: bool = True, version: str | None = None):
    try:
        context = _queue_context(request, version=version)
    except Forbidden as exc:
        return _forbidden(request, exc.message)
    context = _common(request, note=note, note_ok=ok, **context)
    return render(request, "web/helpqueue/_queue.html", context)


#: A ticket id no row has, to cut a reversed URL around the place of the id.
_PK_MARK = 987654321


def _url_around_pk(name: str) -> tuple[str, str]:
    before, after = reverse(name, args=[_PK_MARK]).split(str(_PK_MARK))
    return before, after


def _queue_context(request, *, version: str | None = None) -> dict:
    """The list's rows as the page shows them, made here in one pass (URLs, names, clock times
    in the viewer's zone, the comment cut to 140 characters) rather than by tags and filters
    per row; ``version`` (``helpqueue.selectors.live_queue_version``), read first, is what the
    page's poll sends back: a change made between the two reads gives a new version next time.
    """
    user = request.user
    if version is None:
        version = selectors.live_queue_version(user=user)
    rows = selectors.live_queue_rows(user=user)
    zone = user.zone
    page_before, page_after = _url_around_pk("web:queue_ticket")
    post_before, post_after = _url_around_pk("web:queue_ticket_status")
    open_, claimed = [], []
    for row in rows:
        shown = {
            "title": row.title,
            "url": f"{page_before}{row.id}{page_after}",
            "status_url": f"{post_before}{row.id}{post_after}",
            "owner": row.owner_name
            or display_name(row.owner_first_name, row.owner_last_name, row.owner_username),
            "location": row.location,
            "contact": row.contact,
        }
        if row.status == Status.OPEN:
            shown["position"] = row.queue_position
            shown["comment"] = _cut(row.comment, COMMENT_CHARS)
            shown["since"] = row.created.astimezone(zone).strftime("%H:%M")
            shown["mine"] = row.owner_id == user.pk
            open_.append(shown)
        else:
            shown["mine"] = row.mentor_id == user.pk
            shown["mentor"] = display_name(
                row.mentor_first_name, row.mentor_last_name, row.mentor_username
            )
            shown["since"] = row.claimed_at.astimezone(zone).strftime("%H:%M")
            claimed.append(shown)
    return {
        "open": open_,
        "claimed": claimed,
        "version": version,
        # Once for the page's every button, not a {% csrf_token %} per form.
        "csrf_input": csrf_input(request),
    }


#: How much of a ticket's comment the queue shows.
COMMENT_CHARS = 140


def _cut(text: str, length: int) -> str:
    """``text|truncatechars:length``; plain ASCII (no combining characters to skip, nothing to
    normalize) without Truncator's walk over every character."""
    if not text.isascii():
        return Truncator(text).chars(length)
    if len(text) <= length:
        return text
    return add_truncation_text(text[: calculate_truncate_chars_length(length, None)])


# --- A director -----------------------------------------------------------------------------------
@login_required
def stats(request):
    """The queue's numbers and a plot of every hour of the event (directors only)."""
    user = request.user
    try:
        averages = selectors.ticket_stats(user=user)
        counts = selectors.ticket_counts(user=user)
        hours = selectors.hourly_activity(user=user, zone=user.zone)
    except Forbidden as exc:
        return _forbidden(request, exc.message)
    return render(
        request,
        "web/helpqueue/stats.html",
        _common(
            request,
            averages=averages,
            counts=counts,
            hours=hours,
            plot=activity_plot(hours),
            leaders=selectors.leaderboard(user=user, limit=5),
        ),
    )


@login_required
def role_page(request):
    """Directors give a person the mentor, organizer or director role (or take it back)."""
    user = request.user
    if not roles.may_give_roles(user):
        return _forbidden(request, "Only directors give help-queue roles.")
    form = forms.RoleForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                person = selectors.user_by_email_or_username(form.cleaned_data["who"])
                services.set_queue_role(user=person, role=form.cleaned_data["role"])
            except DomainError as exc:
                show_on_form(form, exc, fields={"queue_role": "role"})
            else:
                name = person.display_name
                messages.success(request, f"{name} is now {person.get_queue_role_display()}.")
                return redirect("web:queue_roles")
        status = 400
    return render(
        request,
        "web/helpqueue/roles.html",
        _common(request, form=form, people=selectors.people_with_queue_roles()),
        status=status,
    )
