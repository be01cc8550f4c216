"""The home page: one query for the ten category tiles, however many items exist."""

import pytest

from moit_wagtail.pages import models as pages

pytestmark = pytest.mark.django_db

# One more since the footer and the home page link this fiscal year's MOIT page (one query).
HOME_PAGE_MAX_QUERIES = 10


def test_home_page_queries_do_not_grow_with_news(client, make_page, django_assert_max_num_queries):
    make_page(pages.NewsPage)
    client.get("/")  # warm Wagtail's site and content-type caches
    with django_assert_max_num_queries(HOME_PAGE_MAX_QUERIES):
        assert client.get("/").content.decode().count("category-tile__code") == 10
    for number in range(8):
        make_page(pages.NewsPage, title=f"ข่าวที่ {number}")
    with django_assert_max_num_queries(HOME_PAGE_MAX_QUERIES):
        client.get("/")
