"""WCAG 2.1 AA in a real browser: axe-core on every public page type, the cookie/PDPA
notice, the contact map after consent, the high-contrast toggle and the page without JS.

axe-core comes from npm (``package.json`` pins it; ``npm ci`` installs it under
``node_modules/``) and is injected from that file: nothing is fetched from another host.
"""

import datetime
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext
from wagtail.models import Site

from moit_wagtail.checklist.models import ChecklistPage, Framework
from moit_wagtail.pages import models as pages
from moit_wagtail.public.models import POLICY_KINDS, FooterSettings, PolicyPage, SitemapPage
from tests import factories

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None

# WCAG 2.0/2.1 A and AA rules (what the DGA standard and Thai TWCAG 2022 ask for).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
LATITUDE, LONGITUDE = "16.816700", "100.263300"
MAP_HOST = "https://www.openstreetmap.org/"


def th(message, context=None):
    """A label as Thai visitors see it (English until the catalogue has it)."""
    with translation.override("th"):
        return pgettext(context, message) if context else gettext(message)


HIGH_CONTRAST = "High contrast"
ACCEPT = ("Accept", "consent")
ESSENTIAL = "Essential only"
SETTINGS = "Cookie settings"
OPEN_MAP = "Open the map (OpenStreetMap)"
SHOW_MAP = "Show the map here (loads from OpenStreetMap)"
MAIN_CATEGORIES = "Main categories"


def run_axe(tab, axe_path):
    """Serious and critical violations on the page now shown, as readable lines."""
    tab.add_script_tag(path=str(axe_path))
    violations = tab.evaluate(
        """async (tags) => (await axe.run(document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]
        })).violations""",
        AXE_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]


def build_site_pages(home_page, category_indexes, editor):
    """One live page of every public type, as the demo has them, keyed by a name."""
    chart = factories.make_image("structure.png", size=(600, 400), title="แผนภูมิโครงสร้าง")
    made = {"home": home_page}
    for model, index_model in factories.PAGE_TYPES.items():
        extra = {}
        if model is pages.ContactPage:
            extra = {"latitude": LATITUDE, "longitude": LONGITUDE, "fax": "056-000-001"}
        if model is pages.NewsPage:
            extra = {"image": chart}
        if model is pages.ExecutivesPage:
            extra = {
                "executives": [
                    pages.Executive(name="นายแพทย์ใจดี", position="ผู้อำนวยการ", photo=chart)
                ]
            }
        page = factories.build_page(model, editor, **extra)
        made[model.__name__] = factories.publish(page, category_indexes[index_model], user=editor)
    factories.attach(made["NewsPage"], factories.make_document("plan.pdf", title="แผนงาน"))
    for model, index in category_indexes.items():
        made[model.__name__] = index
    for kind, _label in POLICY_KINDS:
        policy = PolicyPage(
            title=f"นโยบาย {kind}",
            slug=f"policy-{kind}",
            kind=kind,
            body="<h2>หัวข้อ</h2><p>เนื้อหานโยบาย</p>",
            last_reviewed=datetime.date(2026, 1, 15),
        )
        made[f"PolicyPage {kind}"] = factories.publish(policy, home_page)
    made["SitemapPage"] = factories.publish(
        SitemapPage(title="แผนผังเว็บไซต์", slug="sitemap"), home_page
    )
    moit = Framework.objects.filter(slug="moit").order_by("-fiscal_year").first()
    if moit is not None:
        made["ChecklistPage"] = factories.publish(
            ChecklistPage(title="MOIT", slug="moit", framework=moit), home_page
        )
    FooterSettings.for_site(Site.objects.get(root_page=home_page))
    return made


@pytest.fixture
def site_pages(home_page, category_indexes, editor):
    return build_site_pages(home_page, category_indexes, editor)


def test_axe_finds_no_serious_violation_on_any_page_type(page, site_pages, axe, traffic):
    urls = {name: p.url for name, p in site_pages.items()}
    urls["404"] = "/no-such-page/"
    urls["English item"] = "/en" + site_pages["NewsPage"].url
    problems = {}
    for name, url in urls.items():
        page.goto(url)
        found = run_axe(page, axe)
        if found:
            problems[name] = found
    # The same in high contrast (the toggle) on a few representative pages.
    page.goto(urls["home"])
    page.get_by_role("button", name=th(HIGH_CONTRAST)).click()
    for name in ("home", "NewsPage", "ContactPage", "NewsIndexPage"):
        page.goto(urls[name])
        expect(page.locator("html")).to_have_class(re.compile("high-contrast"))
        found = run_axe(page, axe)
        if found:
            problems[f"{name} (high contrast)"] = found
    assert problems == {}
    assert traffic.offsite == [], "a page asked another host for something before consent"


def test_cookie_notice_is_remembered_and_the_map_loads_only_after_consent(
    page, site_pages, traffic
):
    contact = site_pages["ContactPage"].url
    page.goto(contact)
    banner = page.locator("[data-consent-banner]")
    expect(banner).to_be_visible()
    expect(page.locator("iframe")).to_have_count(0)
    expect(page.get_by_role("link", name=th(OPEN_MAP))).to_be_visible()

    # Essential only: remembered, still no map, but the map offers itself.
    banner.get_by_role("button", name=th(ESSENTIAL)).click()
    expect(banner).to_be_hidden()
    page.reload()
    expect(banner).to_be_hidden()
    expect(page.locator("iframe")).to_have_count(0)
    assert traffic.offsite == []

    # Asking for the map is consenting: the embed appears, with a title.
    page.get_by_role("button", name=th(SHOW_MAP)).click()
    frame = page.locator(".map__frame iframe")
    expect(frame).to_have_count(1)
    expect(frame).to_have_attribute(
        "title", th("Map: %(title)s") % {"title": site_pages["ContactPage"].title}
    )
    assert frame.get_attribute("src").startswith(MAP_HOST + "export/embed.html?")

    # Remembered across pages and reloads; the footer button reopens the choice.
    page.goto("/")
    expect(banner).to_be_hidden()
    page.goto(contact)
    expect(page.locator(".map__frame iframe")).to_have_count(1)
    page.get_by_role("button", name=th(SETTINGS)).click()
    expect(banner).to_be_visible()
    expect(banner.get_by_role("button", name=th(*ACCEPT), exact=True)).to_be_focused()
    banner.get_by_role("button", name=th(*ACCEPT), exact=True).click()
    expect(banner).to_be_hidden()
    assert traffic.offsite and all(url.startswith(MAP_HOST) for url in traffic.offsite)


def test_accept_in_the_notice_hides_it_for_good(page, site_pages):
    page.goto("/")
    banner = page.locator("[data-consent-banner]")
    banner.get_by_role("button", name=th(*ACCEPT), exact=True).click()
    expect(banner).to_be_hidden()
    page.reload()
    expect(banner).to_be_hidden()
    assert page.evaluate("localStorage.getItem('moit-consent')") == "all"
    assert page.context.cookies() == [], "consent is kept in localStorage, never a cookie"


def test_high_contrast_toggle_is_remembered(page, site_pages):
    page.goto("/")
    html = page.locator("html")
    toggle = page.get_by_role("button", name=th(HIGH_CONTRAST))
    expect(toggle).to_have_attribute("aria-pressed", "false")
    normal = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    high = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert high == "rgb(0, 0, 0)" and normal != high
    page.goto(site_pages["NewsPage"].url)
    expect(html).to_have_class(re.compile(r"\bhigh-contrast\b"))
    page.get_by_role("button", name=th(HIGH_CONTRAST)).click()
    expect(html).not_to_have_class(re.compile(r"\bhigh-contrast\b"))


def test_system_high_contrast_applies_without_the_toggle(page, site_pages):
    page.emulate_media(contrast="more")
    page.goto("/")
    colour = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert colour == "rgb(0, 0, 0)"


def test_without_javascript_the_pages_work_and_load_nothing_offsite(chromium, site_url, site_pages):
    context = chromium.new_context(base_url=site_url, locale="th-TH", java_script_enabled=False)
    offsite = []
    context.route(
        re.compile(rf"^(?!{re.escape(site_url)}/)"),
        lambda route: (offsite.append(route.request.url), route.abort()),
    )
    tab = context.new_page()
    try:
        tab.goto(site_pages["ContactPage"].url)
        expect(tab.locator("[data-consent-banner]")).to_be_hidden()
        expect(tab.locator("noscript, .consent--static").first).to_be_attached()
        expect(tab.get_by_role("button", name=th(HIGH_CONTRAST))).to_have_count(0)
        expect(tab.get_by_role("link", name=th(OPEN_MAP))).to_be_visible()
        expect(tab.locator("iframe")).to_have_count(0)
        tab.set_viewport_size({"width": 375, "height": 740})  # a phone: the menu stays open
        menu = tab.get_by_role("navigation", name=th(MAIN_CATEGORIES))
        expect(menu.get_by_role("button")).to_have_count(0)
        expect(menu.get_by_role("link").last).to_be_visible()
        menu.get_by_role("link").first.click()
        expect(tab.get_by_role("heading", level=1)).to_be_visible()
        assert offsite == []
    finally:
        context.close()


def test_thai_text_is_drawn_with_the_self_hosted_sarabun(page, site_pages, traffic):
    """The page's own web font, not a system font, and from this server only."""
    page.goto(site_pages["NewsPage"].url)
    page.evaluate("document.fonts.ready")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    for selector in ("h1", "main p"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        assert {font["familyName"] for font in used} == {"Sarabun"}, selector
    assert page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').length") >= 1
    assert traffic.offsite == [] and traffic.failed == []
