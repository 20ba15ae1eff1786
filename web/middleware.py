"""The invitation link opens a page in a browser; API clients keep seed 001's JSON.

The link an invitation email carries is seed 001's respond endpoint. A GET that prefers HTML
(a browser: ``Accept: text/html,...``) is sent on to the answer page, which has the same
calendar id and token; every other request (``Accept: application/json``, ``*/*``, no Accept,
``?format=``, any POST) reaches the contract's view untouched.
"""

from django.shortcuts import redirect

#: Seed 001's respond view (the invitation link, with or without its trailing slash): named by
#: its dotted path, so the web app imports no contract.
RESPOND_VIEW = "contracts.oneonone_p2.views.calendars.RespondView"


def _view_path(view_func) -> str:
    view_class = getattr(view_func, "view_class", None)
    return f"{view_class.__module__}.{view_class.__qualname__}" if view_class else ""


def prefers_html(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and "format" not in request.GET
        and request.get_preferred_type(["application/json", "text/html"]) == "text/html"
    )


class InvitationPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _view_path(view_func) == RESPOND_VIEW and prefers_html(request):
            return redirect(
                "web:answer",
                calendar_id=view_kwargs["calendar_id"],
                token=view_kwargs["token"],
            )
        return None
