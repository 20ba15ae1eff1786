"""Domain errors shown on forms: each problem next to its field, in the service's words."""

import functools

from django import forms
from django.http import Http404
from django.shortcuts import render

from core.api import json_not_found
from core.errors import DomainError
from core.middleware import is_api_path


def show_on_form(
    form: forms.Form, error: DomainError, fields: dict[str, str] | None = None
) -> None:
    """Attach every problem of ``error`` to the form field it names (``fields`` renames a
    service's field to the form's); problems of no form field go above the form."""
    fields = fields or {}
    for problem in getattr(error, "problems", None) or [error]:
        name = fields.get(problem.field, problem.field)
        form.add_error(name if name in form.fields else None, problem.message)


NO_SUCH_PAGE = "There is no such page."


def not_found(request, exception=None):
    """config.urls' handler404: a path no URL matches, or an ``Http404`` no view caught. Under
    the pages' prefixes (core.middleware.HTML_PATH_PREFIXES: ``/account/``, ``/rounds/``, ...)
    it is this site's 404 page; everywhere else the contracts' JSON, as before."""
    if is_api_path(request.path_info):
        return json_not_found(request, exception)
    return render(request, "web/not_found.html", {"message": NO_SUCH_PAGE}, status=404)


def page_not_found(view):
    """``Http404`` raised by a page becomes this site's 404 page, with the view's reason."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404 as exc:
            message = str(exc) or NO_SUCH_PAGE
            return render(request, "web/not_found.html", {"message": message}, status=404)

    return wrapped
