"""The language switcher links to this page in each language, always on this site: a
404 for ``//evil.example/`` shows the switcher too, and its link must not leave the site."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from moit_wagtail.templatetags.moit_tags import language_links


def links_for(path):
    request = RequestFactory().get(path)
    with translation.override("th"):
        return {link["code"]: link["url"] for link in language_links({"request": request})}


@pytest.mark.parametrize(
    "path", ["//evil.example/", "///evil.example/", "/\\evil.example", "/\\\\evil.example/"]
)
def test_a_path_that_names_another_host_links_only_to_this_site(path):
    for url in links_for(path).values():
        assert url.startswith("/") and not url.startswith(("//", "/\\")), url


def test_an_encoded_double_slash_stays_a_path_on_this_site():
    for url in links_for("/%2F%2Fevil.example").values():
        assert url.startswith("/") and not url.startswith(("//", "/\\")), url


def test_a_thai_page_links_to_itself_in_each_language():
    links = links_for("/th/ข่าว/")
    assert links["en"].startswith("/en/") and links["th"].startswith("/th/")
    assert links["th"].endswith("/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/")


def test_the_404_page_for_a_double_slash_links_to_no_other_host(client, home_page):
    body = client.get("//evil.example/").content.decode()
    assert 'href="//evil.example' not in body
