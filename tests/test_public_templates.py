"""The public templates: accessible Thai/English pages that ask no other host for anything,
footer policy pages, the HTML sitemap, the contact map after consent, grouped links."""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from wagtail.models import Site

from moit_wagtail.pages import models as pages
from moit_wagtail.public.models import POLICY_KINDS, FooterSettings, PolicyPage, SitemapPage
from moit_wagtail.public.sitemap import SECTION_ITEM_LIMIT
from tests import factories

pytestmark = pytest.mark.django_db

# Attributes through which a browser fetches something by itself (not a link it follows).
FETCHING = (("src", None), ("srcset", None), ("href", "link"), ("action", "form"), ("poster", None))


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def offsite_fetches(soup):
    """URLs on another host that the page would load without a click."""
    found = []
    for attribute, only_tag in FETCHING:
        for node in soup.find_all(attrs={attribute: True}):
            if only_tag and node.name != only_tag:
                continue
            for value in node[attribute].split(","):
                url = value.strip().split(" ")[0]
                if urlsplit(url).netloc not in ("", "testserver"):
                    found.append(f"<{node.name} {attribute}={url}>")
    for node in soup.find_all("style"):
        if "url(http" in node.text or "@import" in node.text:
            found.append("<style> with a remote url")
    return found


def make_policies(home_page):
    policies = {}
    for kind, _label in POLICY_KINDS:
        page = PolicyPage(
            title=f"นโยบาย {kind}",
            slug=f"policy-{kind}",
            kind=kind,
            body="<p>เนื้อหานโยบาย</p>",
            last_reviewed=datetime.date(2026, 1, 15),
        )
        policies[kind] = factories.publish(page, home_page)
    sitemap = factories.publish(SitemapPage(title="แผนผังเว็บไซต์", slug="sitemap"), home_page)
    return policies, sitemap


@pytest.fixture
def every_page(make_page, make_image, home_page, category_indexes):
    """One live page of every public type: items, indexes, home, policy and sitemap."""
    items = {
        model: make_page(model, latitude="16.816700", longitude="100.263300")
        if model is pages.ContactPage
        else make_page(model)
        for model in factories.PAGE_TYPES
    }
    policies, sitemap = make_policies(home_page)
    return [home_page, *category_indexes.values(), *items.values(), *policies.values(), sitemap]


def test_every_page_type_is_complete_accessible_and_fetches_nothing_offsite(client, every_page):
    for page in every_page:
        soup = soup_of(client.get(page.url))
        where = type(page).__name__
        assert soup.html["lang"] == "th", where
        skip = soup.select_one("a.skip-link")
        assert skip and skip["href"] == "#main" and soup.select_one("main#main"), where
        assert soup.find("h1"), where
        assert len(soup.select(".site-nav a")) == 10, where
        if page.depth > 2:
            assert soup.select_one("nav.breadcrumbs [aria-current=page]"), where
        assert offsite_fetches(soup) == [], where
        assert not soup.find("iframe"), where
        for image in soup.find_all("img"):
            assert image.has_attr("alt"), f"{where}: {image}"
        assert soup.select_one("[data-consent-banner]"), where
        assert soup.find("noscript"), where


def test_category_menu_is_read_once_until_something_is_published(
    client, home_page, category_indexes
):
    """The menu is on every page and reading it scans the whole tree: it is cached until the
    next publish, which must show a change at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    news = category_indexes[pages.NewsIndexPage]
    with CaptureQueriesContext(connection) as first:
        client.get(news.url)
    with CaptureQueriesContext(connection) as second:
        menu = soup_of(client.get(news.url)).select(".site-nav a")

    def menu_queries(context):
        where = (query["sql"].partition(" WHERE ")[2] for query in context.captured_queries)
        return [clause for clause in where if '"show_in_menus"' in clause]

    assert len(menu_queries(first)) == 1 and menu_queries(second) == []
    assert news.title in [a.get_text() for a in menu]

    news.title = "ข่าวประชาสัมพันธ์และประกาศ"
    news.save_revision().publish()
    menu = soup_of(client.get(home_page.url)).select(".site-nav a")
    assert "ข่าวประชาสัมพันธ์และประกาศ" in [a.get_text() for a in menu]
    news.unpublish()
    menu = soup_of(client.get(home_page.url)).select(".site-nav a")
    assert len(menu) == 9


def test_english_pages_say_lang_en(client, every_page):
    urls = [page.url for page in every_page[:3]] + [every_page[-1].url]
    for url in urls:
        soup = soup_of(client.get("/en" + url))
        assert soup.html["lang"] == "en"


def test_font_is_served_from_this_site(client, home_page):
    soup = soup_of(client.get(home_page.url))
    preload = soup.select_one("link[rel=preload][as=font]")
    assert preload["href"].startswith("/static/") and preload["href"].endswith(".woff2")
    assert finders.find(preload["href"].removeprefix("/static/"))
    text = Path(finders.find("css/site.css")).read_text()
    font_faces = re.findall(r"@font-face\s*{([^}]*)}", text)
    assert len(font_faces) == 2
    for rule in font_faces:
        assert "Sarabun" in rule and 'url("../fonts/Sarabun-' in rule and "//" not in rule


def test_content_images_have_meaningful_alt_text(client, make_page, make_image):
    chart = make_image("structure.png", title="แผนภูมิโครงสร้างองค์กร")
    structure = make_page(pages.OrganisationStructurePage, chart=chart)
    news = make_page(pages.NewsPage, image=make_image("flood.png", title="น้ำท่วมตลาด"))
    executives = make_page(
        pages.ExecutivesPage,
        executives=[
            pages.Executive(name="นายแพทย์ใจดี", position="นายแพทย์สาธารณสุขจังหวัด", photo=chart)
        ],
    )
    activity = make_page(pages.ActivityPage)
    expected = {
        structure: "แผนภูมิโครงสร้างองค์กร",
        news: "น้ำท่วมตลาด",
        executives: "นายแพทย์ใจดี",
        activity: "ภาพกิจกรรม",
    }
    for page, alt in expected.items():
        main = soup_of(client.get(page.url)).find("main")
        assert [image["alt"] for image in main.find_all("img")] == [alt]


def test_footer_links_policy_pages_and_sitemap_chosen_or_by_kind(client, home_page):
    policies, sitemap = make_policies(home_page)
    footer = soup_of(client.get(home_page.url)).select_one(".site-footer__policies")
    links = {a["data-footer-link"]: a["href"] for a in footer.select("a[data-footer-link]")}
    assert links == {
        "website_policy": policies["website"].url,
        "privacy_policy": policies["privacy"].url,
        "security_policy": policies["security"].url,
        "disclaimer": policies["disclaimer"].url,
        "accessibility_statement": policies["accessibility"].url,
        "sitemap_page": sitemap.url,
        "sitemap_xml": "/sitemap.xml",
    }
    assert footer.find(attrs={"data-footer-link": "website_policy"}).get_text()

    # The setting wins over the kind; an unpublished choice falls back to the kind.
    other = factories.publish(
        PolicyPage(title="นโยบายใหม่", slug="new-privacy", kind="privacy", body="<p>ใหม่</p>"),
        home_page,
    )
    site = Site.objects.get(root_page=home_page)
    FooterSettings.objects.update_or_create(
        site=site, defaults={"privacy_policy": other, "disclaimer": sitemap}
    )
    sitemap.unpublish()
    footer = soup_of(client.get(home_page.url)).select_one(".site-footer__policies")
    links = {a["data-footer-link"]: a["href"] for a in footer.select("a[data-footer-link]")}
    assert links["privacy_policy"] == other.url
    assert "disclaimer" in links and links["disclaimer"] == policies["disclaimer"].url
    assert "sitemap_page" not in links


def test_policy_page_shows_its_review_date_in_buddhist_era(client, home_page):
    policies, _sitemap = make_policies(home_page)
    main = soup_of(client.get(policies["privacy"].url)).find("main")
    assert "15 มกราคม 2569" in main.get_text()
    assert "เนื้อหานโยบาย" in main.get_text()


def test_html_sitemap_lists_sections_and_newest_items_in_fixed_queries(
    client, home_page, category_indexes, editor, make_document, django_assert_max_num_queries
):
    _policies, sitemap = make_policies(home_page)
    news_index = category_indexes[pages.NewsIndexPage]
    document = make_document()
    factories.add_live_children(news_index, pages.NewsPage, editor, 3, document)
    client.get(sitemap.url)  # warm Wagtail's site-root cache
    with django_assert_max_num_queries(25) as few:
        soup = soup_of(client.get(sitemap.url))
    text = soup.find("main").get_text()
    for index in category_indexes.values():
        assert index.title in text
    assert "รายการที่ 002" in text and "นโยบาย privacy" in text
    assert sitemap.title not in [h.get_text() for h in soup.select(".sitemap__section h2")]

    factories.add_live_children(
        news_index, pages.NewsPage, editor, SECTION_ITEM_LIMIT + 5, document, start=3
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        soup = soup_of(client.get(sitemap.url))
    news = [s for s in soup.select(".sitemap__section") if news_index.title in s.h2.get_text()][0]
    assert len(news.select("ul li")) == SECTION_ITEM_LIMIT
    assert "8" in news.select_one("p.muted").get_text()  # 28 items, 20 listed
    assert "รายการที่ 027" in news.get_text()  # newest first


def test_contact_map_is_a_link_until_consent(client, make_page):
    contact = make_page(pages.ContactPage, latitude="16.816700", longitude="100.263300")
    soup = soup_of(client.get(contact.url))
    assert not soup.find("iframe")
    holder = soup.select_one("[data-map-embed]")
    embed = urlsplit(holder["data-map-embed"])
    assert embed.netloc == "www.openstreetmap.org" and embed.path == "/export/embed.html"
    assert "16.816700%2C100.263300" in embed.query
    fallback = holder.select_one("a[href^='https://www.openstreetmap.org/']")
    assert "mlat=16.816700" in fallback["href"]
    assert "16.816700" in holder.get_text() and "1 ถนนทดสอบ" in holder.get_text()
    assert holder.select_one("[data-map-ask][hidden] button[data-consent-choice=all]")


def test_contact_without_coordinates_has_no_map(client, make_page):
    soup = soup_of(client.get(make_page(pages.ContactPage).url))
    assert not soup.select("[data-map-embed]")


def test_related_websites_are_grouped_in_seed_order(client, make_page):
    links = [
        pages.RelatedWebsite(name="เว็บภายนอก", url="https://ext.example.org/", group="external"),
        pages.RelatedWebsite(
            name="รพ.สต.ในสังกัด", url="https://unit.example.go.th/", group="in_unit"
        ),
        pages.RelatedWebsite(
            name="กรมอนามัย", url="https://anamai.example.go.th/", group="same_ministry"
        ),
    ]
    page = make_page(pages.RelatedWebsitesPage, links=links)
    soup = soup_of(client.get(page.url))
    groups = soup.select("section.link-group")
    assert [g["class"][1] for g in groups] == [
        "link-group--in_unit",
        "link-group--same_ministry",
        "link-group--external",
    ]
    assert [g.h2.get_text() for g in groups] == [
        "หน่วยงานในสังกัด",
        "หน่วยงานสังกัดกระทรวงเดียวกัน",
        "หน่วยงานภายนอก",
    ]
    assert groups[0].a.get_text() == "รพ.สต.ในสังกัด"
    index_soup = soup_of(client.get(page.get_parent().url))
    assert len(index_soup.select("section.link-group")) == 3


def test_items_link_other_items_of_their_category_same_sub_clause_first(
    client, make_page, editor, category_indexes, make_document, django_assert_max_num_queries
):
    alert = make_page(pages.NewsPage, title="เตือนภัยน้ำท่วม", kind="1.8.4")
    make_page(pages.NewsPage, title="ข่าวทั่วไปอีกเรื่อง", kind="1.8.2")
    make_page(pages.NewsPage, title="เตือนภัยฝุ่น", kind="1.8.4")
    related = soup_of(client.get(alert.url)).select(".related__list a")
    assert [a.get_text() for a in related] == ["เตือนภัยฝุ่น", "ข่าวทั่วไปอีกเรื่อง"]

    index = category_indexes[pages.NewsIndexPage]
    with django_assert_max_num_queries(40) as few:
        client.get(alert.url)
    baseline = len(few.captured_queries)  # read now: the next request resets the log
    factories.add_live_children(index, pages.NewsPage, editor, 30, make_document())
    client.get(index.url)  # publishing moved the cache generation: warm the footer again
    with django_assert_max_num_queries(baseline):
        related = soup_of(client.get(alert.url)).select(".related__list a")
    assert len(related) == 5


def test_search_box_on_every_page_when_search_exists(client, home_page):
    from django.urls import NoReverseMatch, reverse

    soup = soup_of(client.get(home_page.url))
    try:
        url = reverse("moit_search:search")
    except NoReverseMatch:
        assert not soup.select("form[role=search]")
        return
    form = soup.select_one("form[role=search]")
    assert form["action"] == url and form["method"] == "get"
    assert form.select_one("input[name=q]") and form.select_one("label[for=site-search-q]")


def test_visitor_counter_slot_is_empty_without_the_stats_tag(rf, home_page):
    from django.template import Context, Template

    html = Template("{% load moit_public %}[{% visitor_counter_if_available %}]").render(
        Context({"request": rf.get("/")})
    )
    from django.template import engines

    library = engines["django"].engine.template_libraries.get("moit_stats")
    if library is None or "visitor_counter" not in library.tags:
        assert html == "[]"
    else:
        assert html != "[]"


def test_demo_policies_sitemap_and_footer_are_idempotent(client, home_page, admin_user):
    from wagtail.models import Page

    from home.demo.content_public import build_public
    from home.demo.units import UNITS

    site = Site.objects.get(root_page=home_page)
    made = build_public(UNITS[0], home_page, site, admin_user)
    count = Page.objects.count()
    assert build_public(UNITS[0], home_page, site, admin_user).keys() == made.keys()
    assert Page.objects.count() == count
    footer = soup_of(client.get(home_page.url)).select_one(".site-footer__policies")
    assert len(footer.select("a[data-footer-link]")) == 7
    privacy = soup_of(client.get(made["privacy-policy"].url)).find("main").get_text()
    assert "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562" in privacy
