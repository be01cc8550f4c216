"""A citizen searches in a real browser: a Thai word typed on a results page finds the
page whose title holds it inside a compound, with the word highlighted."""

import re

import pytest

from moit_wagtail.pages import models as pages

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None

COMPOUND_TITLE = "กระทรวงอุตสาหกรรมประกาศนโยบายลดมลพิษ"


@pytest.fixture
def content(make_page):
    make_page(pages.NewsPage, title=COMPOUND_TITLE, body="<p>สำนักงานสาธารณสุขจังหวัดร่วมประชุม</p>")
    make_page(pages.KnowledgePage, title="วิธีป้องกันไข้เลือดออก", body="<p>สาธารณสุขแนะนำ</p>")


def test_a_thai_word_inside_a_compound_is_found_and_highlighted(
    page, content, traffic, save_screenshot
):
    page.goto("/search/?q=ไข้เลือดออก")
    results = page.locator(".search-result")
    expect(results).to_have_count(1)
    expect(results.locator("mark")).to_have_text("ไข้เลือดออก")

    box = page.locator("#search-q")
    expect(box).to_have_value("ไข้เลือดออก")
    box.fill("อุตสาหกรรม")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q="))
    expect(results).to_have_count(1)
    link = results.get_by_role("link", name=COMPOUND_TITLE)
    expect(link).to_be_visible()
    expect(results.locator("h3 mark")).to_have_text("อุตสาหกรรม")
    expect(page.locator("#search-q")).to_have_value("อุตสาหกรรม")
    save_screenshot(page, "search")

    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COMPOUND_TITLE)
    assert traffic.offsite == [], "the site asked another host for something"
    assert traffic.failed == [], "a page, stylesheet or image failed to load"
