"""core.jsonlist: a list encoded by chunks is the renderer's bytes for the whole list."""

import pytest
from rest_framework.renderers import JSONRenderer

from core.jsonlist import ChunkedList, encode_chunks

ITEMS = [
    {"id": 1, "title": 'Zoë \u2603 \u2028 \u2029 "q" \\', "n": None, "ok": True, "f": 1.5},
    {"id": 2, "title": "", "nested": {"a": [1, 2]}},
    "plain",
    3,
    None,
]


@pytest.mark.parametrize(
    "chunks",
    [
        [],
        [[]],
        [ITEMS],
        [[item] for item in ITEMS],
        [[], ITEMS[:2], [], ITEMS[2:], []],
    ],
)
def test_chunks_encode_as_the_whole_list(chunks):
    renderer = JSONRenderer()
    whole = [item for chunk in chunks for item in chunk]
    assert encode_chunks(chunks, renderer.render) == renderer.render(whole)


def test_a_chunked_list_iterates_its_items_once():
    data = ChunkedList(iter([[1, 2], [], [3]]))
    assert list(data) == [1, 2, 3]
    assert list(data) == []
