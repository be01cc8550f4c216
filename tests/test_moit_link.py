"""Every unit's home page and footer link to its MOIT / ITA page of the current fiscal
year, or to its newest one when this year's is not published."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Page, Site

from home.models import HomePage
from moit_wagtail import dates
from moit_wagtail.checklist.current import moit_page_for_site
from moit_wagtail.checklist.models import ChecklistPage, Framework
from moit_wagtail.pages import models as pages

pytestmark = pytest.mark.django_db

THIS_YEAR = dates.fiscal_year(timezone.localdate())


def framework(year, slug="moit"):
    return Framework.objects.get_or_create(
        slug=slug, fiscal_year=year, defaults={"name_th": f"รายการ {slug} {year}"}
    )[0]


def moit_page(parent, year, slug="moit", live=True):
    page = ChecklistPage(
        title=f"การประเมิน MOIT ปีงบประมาณ {year}",
        slug=f"{slug}-{year}",
        framework=framework(year, slug),
        live=live,
    )
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def links(response, selector):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [a["href"] for a in soup.select(selector)]


@pytest.fixture
def site(home_page):
    return Site.objects.get(root_page=home_page)


def test_this_years_page_wins_over_older_and_newer_ones(home_page, site):
    moit_page(home_page, THIS_YEAR - 1)
    current = moit_page(home_page, THIS_YEAR)
    moit_page(home_page, THIS_YEAR + 1)
    moit_page(home_page, THIS_YEAR, slug="website")  # another checklist, not MOIT
    assert moit_page_for_site(site) == current


def test_a_page_that_follows_the_current_year_wins_over_pages_per_year(home_page, site):
    moit_page(home_page, THIS_YEAR)
    follows = moit_page(home_page, THIS_YEAR - 1, slug="moit")
    follows.slug, follows.follow_current_year = "moit", True
    follows.save_revision().publish()
    assert moit_page_for_site(site).specific == follows


def test_without_this_years_page_the_newest_is_linked(home_page, site):
    moit_page(home_page, THIS_YEAR - 2)
    newest = moit_page(home_page, THIS_YEAR - 1)
    moit_page(home_page, THIS_YEAR, live=False)  # a draft is not linked
    assert moit_page_for_site(site) == newest


def test_the_year_follows_the_date(home_page, site):
    older = moit_page(home_page, 2569)
    newer = moit_page(home_page, 2570)
    assert moit_page_for_site(site, today=datetime.date(2026, 9, 30)) == older
    assert moit_page_for_site(site, today=datetime.date(2026, 10, 1)) == newer


def test_another_units_page_is_never_linked(home_page, site):
    other = HomePage(title="สสอ.อื่น", slug="other", welcome="")
    Page.get_first_root_node().add_child(instance=other)
    moit_page(other, THIS_YEAR)
    assert moit_page_for_site(site) is None


def test_home_page_and_footer_link_to_it(client, home_page, category_indexes):
    page = moit_page(home_page, THIS_YEAR)
    home = client.get("/")
    assert links(home, "[data-moit-link=home]") == [page.url]
    assert links(home, "[data-footer-link=moit]") == [page.url]
    assert str(THIS_YEAR) in home.content.decode()
    category = client.get(category_indexes[pages.NewsIndexPage].url)
    assert links(category, "[data-footer-link=moit]") == [page.url]


def test_no_link_without_a_moit_page(client, home_page):
    home = client.get("/")
    assert links(home, "[data-moit-link=home]") == []
    assert links(home, "[data-footer-link=moit]") == []


def test_a_newly_published_page_is_linked_at_once(client, home_page):
    client.get("/")
    page = moit_page(home_page, THIS_YEAR)  # publishing moves the cache generation on
    assert links(client.get("/"), "[data-footer-link=moit]") == [page.url]


def test_a_page_behind_a_view_restriction_is_not_linked(home_page, site):
    from wagtail.models import PageViewRestriction

    older = moit_page(home_page, THIS_YEAR - 1)
    hidden = moit_page(home_page, THIS_YEAR)
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    assert moit_page_for_site(site) == older
