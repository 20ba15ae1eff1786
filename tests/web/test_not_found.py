"""A path under the pages' prefixes that matches no page is the site's 404 page, not JSON;
the contracts' paths keep their JSON 404."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/account/nothing/",
        "/account/password/",
        "/rounds/1/nothing/",
        "/rounds/not-a-number/",
        "/people/1/",
        "/answer/",
        "/answer/1/",
        "/queue/nothing/here/",
        "/mentoring/nothing/here/",
    ],
)
def test_unknown_page_path_is_the_html_404_page(browser, path):
    response = browser.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "<h1>Not found</h1>" in html
    assert "There is no such page." in html
    assert 'href="/"' in html


def test_unknown_page_path_is_html_for_an_api_client_too(client):
    response = client.get("/account/nothing/", HTTP_ACCEPT="application/json")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("path", ["/nothing/", "/schedules/nothing/", "/accounts/nothing/"])
def test_unknown_api_path_keeps_the_json_404(browser, path):
    response = browser.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_page_path_without_its_slash_still_redirects(browser):
    response = browser.get("/account/login")
    assert (response.status_code, response["Location"]) == (301, "/account/login/")
