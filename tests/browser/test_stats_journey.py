"""A visitor's views show up on the public statistics page (seed 1.10), in a real browser.

Read in English (/en/) so the labels do not depend on the compiled Thai catalogue.
"""

import re

import pytest
from django.conf import settings as django_settings

from moit_wagtail.pages import models as pages

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None

MIDDLEWARE = "moit_wagtail.stats.middleware.VisitorCountMiddleware"
# Headless Chromium says "HeadlessChrome", which is counted as a bot: look like a person.
DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)

pytestmark = pytest.mark.skipif(
    MIDDLEWARE not in django_settings.MIDDLEWARE,
    reason=f"{MIDDLEWARE} is not in settings.MIDDLEWARE (the live server counts nothing)",
)


def page_views_today(tab):
    row = tab.get_by_role("row", name=re.compile("^Today"))
    return int(row.get_by_role("cell").nth(1).inner_text().replace(",", ""))


def test_visits_show_on_the_statistics_page(
    chromium, site_url, category_indexes, make_page, settings, save_screenshot
):
    settings.MOIT_STATS_FLUSH_SECONDS = 0
    law = make_page(pages.LawPage, title="ระเบียบว่าด้วยการเผยแพร่ข้อมูล")
    statistics = category_indexes[pages.StatisticsIndexPage]
    context = chromium.new_context(
        base_url=site_url, locale="th-TH", timezone_id="Asia/Bangkok", user_agent=DESKTOP_CHROME
    )
    tab = context.new_page()
    try:
        tab.goto("/en" + statistics.url)
        expect(tab.get_by_role("heading", name="Website visitor statistics")).to_be_visible()
        before = page_views_today(tab)

        tab.goto("/en" + law.url)
        tab.reload()  # the same visitor within 30 minutes: counted once
        tab.goto("/en" + statistics.url)
        assert page_views_today(tab) == before + 2  # the law page and the first statistics view
        top = tab.get_by_role("region", name="Most viewed pages this month")
        expect(top.get_by_role("link", name=law.title)).to_be_visible()
        expect(tab.locator("svg[role=img]")).to_have_count(2)
        tab.get_by_text("Show the numbers as a table").first.click()  # works without JavaScript
        expect(tab.locator("details table").first).to_be_visible()
        save_screenshot(tab, "statistics")
    finally:
        context.close()
