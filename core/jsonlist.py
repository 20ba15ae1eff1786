"""A whole JSON list encoded chunk by chunk, for lists of tens of thousands of items.

DRF renders a response's data in one piece: every item's dict alive at once (and, for rows read
with ``values()``, every row's too) before ``json.dumps`` turns them into one string, then bytes.
A selector that gives its rows by chunks (``QuerySet.iterator``) and a view that turns each
chunk into its output dicts can wrap them in a ``ChunkedList``; ``core.paging.paged_response``
then encodes each chunk with the renderer DRF negotiated for the request and appends it to the
body before asking for the next, so one chunk of dicts is alive at a time beside the body.

The bytes are the renderer's own for the whole list: each chunk is rendered by the same
renderer (``ensure_ascii``, ``\\u2028`` escapes, encoder...) and a compact JSON list is
``[`` + its items' encodings joined by ``,`` + ``]``. When that does not hold (an ``indent``
asked for in ``Accept``, non-compact JSON, the browsable API, a renderer with its own
``render``), the chunks are gathered into one list and rendered as usual.

The body is encoded in the view, not when Django renders the response, so the queries run
inside the view and a database error is answered by the exception handler like any other.
"""

from collections.abc import Callable, Iterable, Iterator
from io import BytesIO

from django.conf import settings
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response


def chunk_size() -> int:
    """How many items of a whole list are read and encoded at a time (``API_LIST_CHUNK``)."""
    return settings.API_LIST_CHUNK


class ChunkedList:
    """A list given as chunks (lists of items, produced lazily, in order); iterable once."""

    def __init__(self, chunks: Iterable[list]):
        self._chunks = iter(chunks)

    def chunks(self) -> Iterator[list]:
        return self._chunks

    def __iter__(self) -> Iterator:
        for chunk in self._chunks:
            yield from chunk


def encode_chunks(chunks: Iterable[list], render: Callable[[list], bytes]) -> bytes:
    """``render(whole list)`` for a ``render`` that writes a list as compact JSON, by chunks.

    Each chunk is rendered on its own (``b"[...]"``) and its inside appended to one buffer, so
    only one chunk's items and encoding are alive at a time beside the body.
    """
    body = BytesIO()
    body.write(b"[")
    first = True
    for chunk in chunks:
        if not chunk:
            continue
        encoded = render(chunk)
        if not first:
            body.write(b",")
        body.write(memoryview(encoded)[1:-1])
        first = False
    body.write(b"]")
    # getvalue() hands over the buffer itself (no second copy of the body).
    return body.getvalue()


class EncodedResponse(Response):
    """A DRF Response whose body was encoded already, as ``renderer`` writes it."""

    def __init__(self, body: bytes, renderer):
        super().__init__(data=None)
        self._body = body
        self._media_type = renderer.media_type

    @property
    def rendered_content(self):
        self["Content-Type"] = self._media_type
        return self._body


def encoded_response(request, data: ChunkedList) -> Response | None:
    """The response of ``data`` encoded by chunks, or None when the negotiated renderer would
    not write the same bytes that way (then render ``list(data)`` as usual)."""
    renderer = getattr(request, "accepted_renderer", None)
    if (
        renderer is None
        or type(renderer).render is not JSONRenderer.render
        or not renderer.compact
        or renderer.charset is not None
    ):
        return None
    media_type = getattr(request, "accepted_media_type", None)
    view = (getattr(request, "parser_context", None) or {}).get("view")
    context = view.get_renderer_context() if view is not None else {}
    if renderer.get_indent(media_type, context) is not None:
        return None
    body = encode_chunks(data.chunks(), lambda chunk: renderer.render(chunk, media_type, context))
    return EncodedResponse(body, renderer)
