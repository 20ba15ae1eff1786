"""Opt-in paging of list endpoints: ``?limit=&offset=``.

Without either parameter a list endpoint answers the whole plain list its seed documents. With
them it answers the same plain list, cut to ``limit`` rows from ``offset`` (the shape never
changes, so a seed's client that sends neither sees nothing new), and, when the page is full,
a ``Link: <...>; rel="next"`` header with the next page's URL. ``limit`` is capped by the
``API_PAGE_MAX`` setting. Selectors take the ``Page`` and cut in the database (a slice of the
query), so memory and time follow the page, not the table, and no count query is added.
"""

from dataclasses import dataclass

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.response import Response

from core.errors import DomainError, InvalidInput
from core.jsonlist import ChunkedList, encoded_response


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int = 0

    @property
    def stop(self) -> int:
        return self.offset + self.limit

    def cut(self, rows):
        """The page of ``rows`` (a queryset is cut by the database)."""
        return rows[self.offset : self.stop]


def page_max() -> int:
    return settings.API_PAGE_MAX


def requested_page(query_params) -> Page | None:
    """The page a request asks for, or None when it sends neither ``limit`` nor ``offset``.

    A bad value is refused with the parameter's name and the reason; a ``limit`` above the cap
    is lowered to it (the ``Link`` header then shows the real size of the page).
    """
    raw_limit, raw_offset = query_params.get("limit"), query_params.get("offset")
    if raw_limit is None and raw_offset is None:
        return None
    problems = []
    limit = _whole(raw_limit, "limit", default=page_max(), least=1, problems=problems)
    offset = _whole(raw_offset, "offset", default=0, least=0, problems=problems)
    if problems:
        raise InvalidInput(problems)
    return Page(limit=min(limit, page_max()), offset=offset)


def _whole(raw, name: str, *, default: int, least: int, problems: list) -> int:
    if raw is None or raw == "":
        return default
    text = str(raw).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 12 or int(text) < least:
        problems.append(
            DomainError(
                f"{name} must be a whole number of at least {least}.",
                code="bad_page",
                field=name,
            )
        )
        return default
    return int(text)


def next_link(request, page: Page | None, count: int) -> str | None:
    """The ``Link`` header value for the next page when this one is full, else None."""
    if page is None or count < page.limit:
        return None
    query = request.GET.copy()
    query["limit"] = str(page.limit)
    query["offset"] = str(page.stop)
    url = request.build_absolute_uri(request.path)
    return f'<{url}?{query.urlencode()}>; rel="next"'


def paged_response(request, page: Page | None, data: list | ChunkedList):
    """A DRF Response of the plain list, with the ``Link`` header when there may be more.

    A whole list (no ``page``) given as a ``core.jsonlist.ChunkedList`` is encoded chunk by
    chunk, here in the view; a page of one is gathered into a list (it is small, and its length
    decides the ``Link`` header).
    """
    if isinstance(data, ChunkedList):
        if page is None:
            response = encoded_response(request, data)
            if response is not None:
                return response
        data = list(data)
    response = Response(data)
    link = next_link(request, page, len(data))
    if link:
        response["Link"] = link
    return response


#: What each contract's api_docs.py adds to a paged list's description, and its 400 example.
PAGED_DESCRIPTION = (
    " Opt-in paging: `?limit=&offset=` answer the same list cut to that page (a full page "
    'carries `Link: <next page>; rel="next"`); a bad value is 400 naming it.'
)
BAD_PAGE_EXAMPLE = {"limit": ["limit must be a whole number of at least 1."]}

PAGING_PARAMETERS = [
    OpenApiParameter(
        "limit",
        OpenApiTypes.INT,
        OpenApiParameter.QUERY,
        required=False,
        description=(
            "Opt-in paging: at most this many items (capped by the server's API_PAGE_MAX). "
            "Without `limit` and `offset` the whole list is returned. The response stays the "
            'same plain list; a full page carries `Link: <url>; rel="next"`.'
        ),
    ),
    OpenApiParameter(
        "offset",
        OpenApiTypes.INT,
        OpenApiParameter.QUERY,
        required=False,
        description="Opt-in paging: skip this many items first (default 0).",
    ),
]
