"""API paths answer errors in JSON, whatever DEBUG says.

With ``DEBUG=true`` (the ``make run`` default) Django answers an unhandled exception with its
technical 500 page and an unknown path with its technical 404 page, even to an anonymous client;
the 500 page lists settings and the process environment. Its other error pages (400, 403 CSRF,
413) are HTML in every mode. For every path outside ``HTML_PATH_PREFIXES`` (the admin, the API
docs pages, static and media files) this middleware replaces such an HTML error response by
``{"detail": "..."}`` with the same status. The exception has already been logged by Django.
Responses of DRF views (``rest_framework.response.Response``, JSON or the browsable API) are left
alone: they are the contracts' own answers.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import JsonResponse
from rest_framework.response import Response

# Paths that serve pages to a browser, where Django's own error pages are the right answer.
# A web app of server-rendered pages adds its prefix here.
HTML_PATH_PREFIXES = (
    "/admin/",
    "/api/docs/",
    "/docs/",
    # The web app's pages (web/urls.py).
    "/account/",
    "/answer/",
    "/people/",
    "/rounds/",
    # Issue 13: the help queue's and mentor booking's pages.
    "/queue/",
    "/mentoring/",
)

# The wording of Django's own error answers, here and in config.urls' handler404/handler500.
MESSAGES = {
    404: "Not found.",
    500: "Server error. It has been logged.",
}


def is_api_path(path: str) -> bool:
    files = (_path_prefix(settings.STATIC_URL), _path_prefix(settings.MEDIA_URL))
    return not path.startswith((*HTML_PATH_PREFIXES, *files))


def _path_prefix(url: str) -> str:
    """``static/`` or ``https://cdn.example.org/static/`` -> ``/static/``."""
    return "/" + urlsplit(url).path.strip("/") + "/"


class JsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and not isinstance(response, Response)
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and is_api_path(request.path_info)
        ):
            detail = MESSAGES.get(response.status_code, f"{response.reason_phrase}.")
            json_response = JsonResponse({"detail": detail}, status=response.status_code)
            for header in ("Retry-After", "Allow", "WWW-Authenticate"):
                if header in response:
                    json_response[header] = response[header]
            return json_response
        return response
