"""A citizen's visit in a real browser: home page, a category, an item, its files, English.

The server-side tests parse HTML; these check what only a browser shows: links that
navigate, the file a download link really gives, keyboard focus, Thai glyphs on screen.
"""

import re
from types import SimpleNamespace

import pytest
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from moit_wagtail import dates
from moit_wagtail.pages import models as pages
from tests import factories

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None

PDF_BYTES = b"%PDF-1.4\n" + b"p" * 2039  # 2 KB
XLSX_BYTES = b"PK\x03\x04" + b"x" * (5 * 1024 - 4)  # 5 KB
NEWS_TITLE = "ประกาศรณรงค์ฉีดวัคซีนไข้หวัดใหญ่ประจำปี"


def in_language(code, function, *args):
    with translation.override(code):
        return str(function(*args))


def language_link(page, switch_label, language_name):
    """A link of the header's language switch (its label is in the current language)."""
    switch = page.get_by_role("navigation", name=switch_label)
    return switch.get_by_role("link", name=language_name, exact=True)


@pytest.fixture
def content(make_page, make_document, make_image, category_indexes):
    """Ten categories and a few published items of different types, one with two files."""
    news = make_page(
        pages.NewsPage,
        title=NEWS_TITLE,
        kind="1.8.1",
        image=make_image("vaccine.png", size=(800, 480), colour="teal"),
    )
    factories.attach(
        news,
        make_document("annual-plan.pdf", PDF_BYTES, title="แผนปฏิบัติราชการ"),
        make_document("budget.xlsx", XLSX_BYTES, title="งบประมาณรายจ่าย"),
    )
    make_page(pages.ProcurementAnnouncementPage, title="ประกาศประกวดราคาจ้างปรับปรุงอาคาร")
    make_page(pages.KnowledgePage, title="วิธีป้องกันไข้เลือดออก")
    return SimpleNamespace(news=news, news_index=category_indexes[pages.NewsIndexPage])


def test_citizen_reads_a_news_item_in_thai_and_english(
    page, site_url, content, traffic, save_screenshot
):
    news, news_index = content.news, content.news_index

    # Home page: Thai, the ten mandatory categories in order, the news image loads.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page).to_have_title(re.compile(factories.AGENCY_NAME))
    expect(page.locator(".category-grid a")).to_have_count(10)
    expect(page.locator(".category-tile__code")).to_have_text([f"1.{n}" for n in range(1, 11)])
    menu = page.get_by_role("navigation", name="หมวดหมู่หลัก")
    expect(menu.get_by_role("link")).to_have_count(10)
    news_image = page.locator(".news-card__image")
    expect(news_image).to_be_visible()
    expect(news_image).to_have_js_property("complete", True)
    assert news_image.evaluate("image => image.naturalWidth") == 400, "rendition not served"

    # Category 1.8 from its tile, then the item from the listing.
    page.locator(".category-grid a").filter(has_text="ข่าวประชาสัมพันธ์และประกาศ").click()
    expect(page).to_have_url(site_url + news_index.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(news_index.title)
    page.get_by_role("link", name=NEWS_TITLE).click()
    expect(page).to_have_url(site_url + news.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(NEWS_TITLE)

    # Seed 2.2 metadata: owner, data period and publication date in the Buddhist era.
    metadata = page.get_by_role("region", name="เกี่ยวกับข้อมูลนี้")
    expect(metadata).to_contain_text(factories.OWNER_UNIT)
    expect(metadata).to_contain_text("1 ตุลาคม 2568 – 30 กันยายน 2569")
    published = metadata.locator("time").first
    expect(published).to_have_text(in_language("th", dates.format_date, news.first_published_at))
    assert int(published.inner_text().split()[-1]) >= 2560

    # Attachments: type and size from the file; the link downloads those very bytes.
    downloads = page.get_by_role("region", name="เอกสารดาวน์โหลด")
    for title, file_type, content_bytes in [
        ("แผนปฏิบัติราชการ", "PDF", PDF_BYTES),
        ("งบประมาณรายจ่าย", "XLSX", XLSX_BYTES),
    ]:
        item = downloads.get_by_role("listitem").filter(has_text=title)
        expect(item.locator(".badge")).to_have_text(file_type)
        expect(item).to_contain_text(in_language("th", filesizeformat, len(content_bytes)))
        with page.expect_download() as download_info:
            item.get_by_role("link", name=title).click()
        download = download_info.value
        assert download.suggested_filename.lower().endswith(file_type.lower())
        assert download.path().read_bytes() == content_bytes
    save_screenshot(page, "item")

    # Breadcrumb back to the category.
    breadcrumb = page.get_by_role("navigation", name="เส้นทางการนำทาง")
    expect(breadcrumb.locator("[aria-current=page]")).to_have_text(NEWS_TITLE)
    breadcrumb.get_by_role("link", name=news_index.title).click()
    expect(page).to_have_url(site_url + news_index.url)

    # English: same category under /en/, English interface, Common Era dates.
    language_link(page, "ภาษา", "English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(site_url + "/en" + news_index.url)
    expect(page.get_by_text("Mandatory category 1.8")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Main categories").get_by_role("link")
    ).to_have_count(10)
    page.get_by_role("link", name=NEWS_TITLE).click()
    expect(page).to_have_url(re.compile("^" + re.escape(site_url + "/en/")))
    metadata = page.get_by_role("region", name="About this information")
    published = metadata.locator("time").first
    expect(published).to_have_text(in_language("en", dates.format_date, news.first_published_at))
    assert int(published.inner_text().split()[-1]) < 2560

    # And back to Thai, on the same item.
    language_link(page, "Language", "ภาษาไทย").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page).to_have_url(site_url + news.url)
    expect(page.get_by_role("region", name="เกี่ยวกับข้อมูลนี้")).to_be_visible()

    assert traffic.offsite == [], "the site asked another host for something"
    assert traffic.failed == [], "a page, stylesheet or image failed to load"


@pytest.mark.parametrize("where", ["home", "item"])
def test_first_tab_is_the_skip_link_and_enter_moves_focus_to_main(page, content, where):
    page.goto("/" if where == "home" else content.news.url)
    skip_link = page.get_by_role("link", name="ข้ามไปยังเนื้อหาหลัก")
    expect(skip_link).not_to_be_in_viewport()  # hidden until focused

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    expect(page).to_have_url(re.compile("#main$"))


def test_thai_headings_are_drawn_with_a_thai_font(page, content, thai_font_families):
    """Without a Thai font Chromium draws boxes, and no HTML assertion notices."""
    assert thai_font_families, "no font covers Thai: apt-get install fonts-thai-tlwg"
    page.goto(content.news.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(NEWS_TITLE)

    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    heading = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
    used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": heading})["fonts"]
    used_families = {font["familyName"] for font in used}
    # The site's own web font (self-hosted Sarabun), not a system fallback.
    assert used_families == {"Sarabun"}, f"Thai heading drawn with {used_families}"


def test_on_a_phone_the_category_menu_folds_behind_one_button(page, content):
    """Ten categories fill a phone's first screen: they fold behind a button that says so."""
    menu = page.get_by_role("navigation", name="หมวดหมู่หลัก")
    toggle = menu.get_by_role("button")
    news_link = menu.get_by_role("link", name=content.news_index.title)

    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto("/")
    expect(toggle).to_be_hidden()
    expect(news_link).to_be_visible()

    page.set_viewport_size({"width": 375, "height": 740})
    expect(news_link).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link")).to_have_count(10)
    news_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(content.news_index.title)
