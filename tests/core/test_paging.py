"""The opt-in paging parameters, as every list endpoint reads them."""

import pytest
from django.http import QueryDict
from django.test import RequestFactory

from core.errors import InvalidInput
from core.paging import Page, next_link, requested_page


def test_no_parameters_means_no_paging():
    assert requested_page(QueryDict("")) is None
    assert requested_page(QueryDict("other=1")) is None


def test_limit_and_offset_are_read_and_the_limit_capped(settings):
    settings.API_PAGE_MAX = 50
    assert requested_page(QueryDict("limit=10&offset=20")) == Page(10, 20)
    assert requested_page(QueryDict("offset=5")) == Page(50, 5)
    assert requested_page(QueryDict("limit=1000")) == Page(50, 0)


@pytest.mark.parametrize(
    "query, fields",
    [
        ("limit=0", {"limit"}),
        ("limit=-1", {"limit"}),
        ("limit=abc", {"limit"}),
        ("limit=1.5&offset=-2", {"limit", "offset"}),
        ("offset=" + "9" * 20, {"offset"}),
        ("limit=%C2%B2", {"limit"}),
    ],
)
def test_bad_values_are_refused_with_the_parameter_named(query, fields):
    with pytest.raises(InvalidInput) as caught:
        requested_page(QueryDict(query))
    assert {p.field for p in caught.value.problems} == fields


def test_a_full_page_links_to_the_next_one():
    request = RequestFactory().get("/api/tickets/", {"limit": "2", "offset": "4", "q": "x"})
    link = next_link(request, Page(2, 4), count=2)
    assert link.startswith("<http://testserver/api/tickets/?")
    assert "limit=2" in link and "offset=6" in link and "q=x" in link
    assert link.endswith('>; rel="next"')
    assert next_link(request, Page(2, 4), count=1) is None
    assert next_link(request, None, count=10) is None
