"""The owner's address book: list, add, edit, delete, over contacts.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from contacts import selectors, services
from core.errors import DomainError, Forbidden, NotFound
from web import forms
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
