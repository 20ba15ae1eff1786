"""Every contract's URLs, the admin and the API docs. The contracts' paths never collide."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health.alive, name="health"),
    path("ready/", health.ready, name="ready"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("", include("contracts.team_production.urls")),
    path("", include("contracts.oneonone_p2.urls")),
    path("", include("contracts.mentorq.urls")),
    path("", include("contracts.oneonone_coreapi.urls")),
    path("", include("contracts.oneonone_short.urls")),
    # The web pages last: no contract path changes.
    path("", include("web.urls")),
]


def serve_media(request, path):
    """Uploaded photos. Behind a real web server, serve MEDIA_ROOT from there instead."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media))

# JSON for the contracts' paths, the 404 page under the web pages' prefixes.
handler404 = "web.errors.not_found"
handler500 = "core.api.json_server_error"
