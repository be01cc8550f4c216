"""Category listings: the number of queries must not grow with the number of items."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser

from moit_wagtail.pages import models as pages
from moit_wagtail.pages.models.base import LISTING_PAGE_SIZE
from tests import factories

pytestmark = pytest.mark.django_db

INDEX_TYPES = pages.CATEGORY_INDEX_TYPES
# The first child type of each index, from the hand-written spec in factories.
CHILD_TYPE = {
    index: next(model for model, parent in factories.PAGE_TYPES.items() if parent is index)
    for index in INDEX_TYPES
}
# Absolute ceilings: an anonymous GET of a listing (site, menu, breadcrumbs, items, files,
# paginator) and the listing context alone. Measured values are in the team report.
MAX_PAGE_QUERIES = 16
MAX_CONTEXT_QUERIES = 6
# 1.10 also shows the visitor statistics, the survey link and the e-service summary.
EXTRA_PAGE_QUERIES = {pages.StatisticsIndexPage: 8}
SMALL, LARGE = 10, 200


def index_id(model):
    return model.__name__


@pytest.fixture
def document(db):
    return factories.make_document("evidence.pdf", b"%PDF-1.4\n" + b"x" * 4096)


def listing_evaluated(index, rf):
    """Everything a listing template reads from the context, forced."""
    request = rf.get(index.url)
    request.user = AnonymousUser()
    context = index.get_context(request)
    seen = []
    for item in context["items"]:
        seen.append(item.title)
        for attachment in item.attachments.all():
            seen.extend(
                [attachment.title, attachment.url, attachment.file_type, str(attachment.file_size)]
            )
    for group in context.get("link_groups", []):
        seen.extend(link.url for link in group["links"])
    return context, seen


def measure(assert_max, limit, action):
    action()  # warm per-process caches (content types, site root paths)
    with assert_max(limit) as captured:
        result = action()
    return len(captured.captured_queries), result


@pytest.mark.parametrize("index_model", INDEX_TYPES, ids=index_id)
def test_listing_queries_do_not_grow_with_the_number_of_items(
    index_model, category_indexes, editor, document, rf, client, django_assert_max_num_queries
):
    """Measured at 10 and at 200 children (one attachment each): the listing context and
    the anonymous GET of the index page must each take the same number of queries."""
    index = category_indexes[index_model]
    child = CHILD_TYPE[index_model]

    def get():
        response = client.get(index.url)
        assert response.status_code == 200
        return response.content.decode()

    def context():
        return listing_evaluated(index, rf)

    counts = {}
    for size in (SMALL, LARGE):
        existing = index.get_children().count()
        factories.add_live_children(index, child, editor, size - existing, document, existing)
        counts[size, "context"], (ctx, _) = measure(
            django_assert_max_num_queries, MAX_CONTEXT_QUERIES, context
        )
        assert len(ctx["items"]) == min(size, LISTING_PAGE_SIZE)
        assert ctx["items"].paginator.count == size
        ceiling = MAX_PAGE_QUERIES + EXTRA_PAGE_QUERIES.get(index_model, 0)
        counts[size, "page"], html = measure(django_assert_max_num_queries, ceiling, get)
        assert html.count('class="item-card"') == min(size, LISTING_PAGE_SIZE)
    print(f"\nqueries {index_model.__name__}: {counts}")
    assert counts[LARGE, "context"] == counts[SMALL, "context"]
    assert counts[LARGE, "page"] == counts[SMALL, "page"]


# -- what the listing contains ------------------------------------------------------------


def publish_under(parent, model, user, **overrides):
    return factories.publish(factories.build_page(model, user, **overrides), parent)


def listed_titles(html):
    return re.findall(r'class="item-card__title"><a href="[^"]*">([^<]*)</a>', html)


def test_listing_is_newest_first_and_paginated(category_indexes, editor, document, client):
    index = category_indexes[pages.LawIndexPage]
    factories.add_live_children(index, pages.LawPage, editor, 45, document)
    first = client.get(index.url).content.decode()
    assert listed_titles(first) == [f"รายการที่ {n:03d}" for n in range(44, 24, -1)]
    last = client.get(index.url, {"page": 3}).content.decode()
    assert listed_titles(last) == [f"รายการที่ {n:03d}" for n in range(4, -1, -1)]
    # a page number past the end shows the last page rather than an error
    assert listed_titles(client.get(index.url, {"page": 99}).content.decode()) == (
        listed_titles(last)
    )


def test_listing_shows_file_type_and_size_of_each_item(category_indexes, editor, client):
    index = category_indexes[pages.SopIndexPage]
    document = factories.make_document("sop.docx", b"d" * 2048)
    factories.add_live_children(index, pages.SopManualPage, editor, 2, document)
    html = client.get(index.url).content.decode()
    assert html.count("DOCX 2.0\xa0KB") == 2 or html.count("DOCX 2.0&nbsp;KB") == 2


def test_listing_leaves_out_drafts_and_other_categories(category_indexes, editor, document, client):
    news = category_indexes[pages.NewsIndexPage]
    factories.add_live_children(news, pages.NewsPage, editor, 2, document)
    draft = factories.build_page(pages.NewsPage, editor, title="ร่างยังไม่เผยแพร่")
    draft.live = False
    news.add_child(instance=draft)
    factories.add_live_children(
        category_indexes[pages.LawIndexPage], pages.LawPage, editor, 1, document, start=50
    )
    titles = listed_titles(client.get(news.url).content.decode())
    assert titles == ["รายการที่ 001", "รายการที่ 000"]


@pytest.mark.parametrize(
    "code, expected",
    [("1.8.4", ["แจ้งเตือน"]), ("1.8.1", ["ข่าวประชาสัมพันธ์"]), ("", None), ("1.2", None)],
)
def test_listing_filters_by_checklist_code(code, expected, category_indexes, editor, client):
    news = category_indexes[pages.NewsIndexPage]
    publish_under(news, pages.NewsPage, editor, title="ข่าวประชาสัมพันธ์", kind="1.8.1")
    publish_under(news, pages.NewsPage, editor, title="แจ้งเตือน", kind="1.8.4")
    publish_under(news, pages.JobAnnouncementPage, editor, title="รับสมัคร")
    response = client.get(news.url, {"code": code})
    assert response.status_code == 200
    titles = sorted(listed_titles(response.content.decode()))
    if expected is None:  # no filter, or one that is not a sub-item of 1.8: everything
        assert titles == sorted(["ข่าวประชาสัมพันธ์", "แจ้งเตือน", "รับสมัคร"])
        assert response.context["selected_code"] == ""
    else:
        assert titles == expected
        assert response.context["selected_code"] == code


def test_job_announcements_are_filtered_by_their_fixed_code(category_indexes, editor, client):
    news = category_indexes[pages.NewsIndexPage]
    publish_under(news, pages.NewsPage, editor, title="ข่าว")
    publish_under(news, pages.JobAnnouncementPage, editor, title="รับสมัคร")
    html = client.get(news.url, {"code": "1.8.5"}).content.decode()
    assert listed_titles(html) == ["รับสมัคร"]
