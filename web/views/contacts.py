"""The owner's address book: list, add, import, edit, delete, over contacts.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from contacts import selectors, services
from core.errors import DomainError, Forbidden, NotFound
from web import forms, invitees
from web.errors import page_not_found, show_on_form


def _owned(user, contact_id):
    """The user's contact; another user's is as unknown as a missing one (404)."""
    try:
        return selectors.owned_contact(owner=user, contact_id=contact_id)
    except (NotFound, Forbidden):
        raise Http404("No such contact.") from None


@login_required
def contact_list(request):
    form = forms.ContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                contact = services.add_contact(owner=request.user, **form.cleaned_data)
            except DomainError as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, f"{contact.first_name} is in your contacts.")
                return redirect("web:contacts")
        status = 400
    return render(
        request,
        "web/contacts.html",
        {
            "form": form,
            "contacts": list(selectors.contacts_of(owner=request.user)),
            "nav": "contacts",
        },
        status=status,
    )


@login_required
def contact_import(request):
    """Many contacts at once, pasted or from a CSV file: every bad line is reported and then
    none is added; addresses already in the book are left as they are."""
    form = forms.ContactImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        people, bad = invitees.read_pasted(form.cleaned_data["pasted"])
        if request.FILES.get("csv_file"):
            more, more_bad = invitees.read_csv(request.FILES["csv_file"])
            people, bad = people + more, bad + more_bad
        for line in bad:
            form.add_error("csv_file" if line.source.startswith("File") else "pasted", str(line))
        if not people and not bad:
            form.add_error(None, "Paste at least one person, or choose a file.")
        if form.is_valid():
            added = _add_all(request.user, invitees.deduplicated(people), form)
            if added is not None:
                messages.success(request, f"{added} contact{'s' if added != 1 else ''} added.")
                return redirect("web:contacts")
        status = 400
    return render(
        request, "web/contact_import.html", {"form": form, "nav": "contacts"}, status=status
    )


def _add_all(owner, people, form) -> int | None:
    known = {c.email.lower() for c in selectors.contacts_of(owner=owner)}
    refused = []
    with transaction.atomic():
        added = 0
        for person in people:
            if person.email.lower() in known:
                continue
            try:
                services.add_contact(
                    owner=owner,
                    first_name=person.first_name,
                    last_name=person.last_name,
                    email=person.email,
                )
            except DomainError as exc:
                refused.append(f"Line {person.line} ({person.email}): {exc.message}")
            else:
                added += 1
        if refused:
            transaction.set_rollback(True)
    for message in refused:
        form.add_error("pasted", message)
    return None if refused else added


@page_not_found
@login_required
def contact_edit(request, contact_id: int):
    contact = _owned(request.user, contact_id)
    initial = {
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "email": contact.email,
    }
    form = forms.ContactForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_contact(
                    owner=request.user, contact_id=contact.pk, **form.cleaned_data
                )
            except DomainError as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, "The contact is saved.")
                return redirect("web:contacts")
        status = 400
    return render(
        request,
        "web/contact_edit.html",
        {"form": form, "contact": contact, "nav": "contacts"},
        status=status,
    )


@page_not_found
@login_required
@require_POST
def contact_delete(request, contact_id: int):
    contact = _owned(request.user, contact_id)
    try:
        services.delete_contact(owner=request.user, contact_id=contact.pk)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, f"{contact.first_name} {contact.last_name} is removed.".replace("  ", " ")
        )
    return redirect("web:contacts")
