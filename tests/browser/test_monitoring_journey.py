"""Seed 3.1-3.3 in a real browser: a unit's website admin follows coverage from the
dashboard, records an item that does not apply, and the public MOIT page shows it.

``tests/test_monitoring_*.py`` and ``tests/test_checklist_*.py`` check the rules and the
views with the Django test client; this journey clicks through the Wagtail admin's own
screens (dashboard panel, report filters, a viewset form) as a website admin would.
"""

import re

import pytest
from django.urls import reverse
from wagtail.models import Site

from moit_wagtail.checklist.models import ChecklistPage
from moit_wagtail.checklist.years import list_in_force
from moit_wagtail.pages import models as pages
from tests.browser.test_workflow_journey import log_in, thai

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None

JUSTIFICATION = "สำนักงานไม่มีการจัดซื้อยาและเวชภัณฑ์ที่มิใช่ยา"


@pytest.fixture
def setting(unit, make_member, make_page, home_page):
    admin = make_member("webadmin1", unit.admins, "วราภรณ์")
    moit = list_in_force("moit")  # what the dashboard and the coverage report show today
    moit_page = ChecklistPage(title="MOIT", slug="moit", framework=moit, follow_current_year=True)
    home_page.add_child(instance=moit_page)
    moit_page.save_revision().publish()
    result = make_page(pages.ProcurementResultPage, title="สรุปผลการจัดซื้อจัดจ้างเดือนนี้")
    site = Site.objects.get(root_page=home_page)
    return admin, moit, moit_page, result, site


def row_of(tab, code):
    return tab.locator("tr", has=tab.locator("td, th", has_text=re.compile(rf"^{code}$")))


def test_admin_records_a_not_applicable_item_and_the_public_page_shows_it(
    page, setting, save_screenshot
):
    admin, moit, moit_page, result, site = setting
    log_in(page, admin)

    panel = page.locator("#moit-monitoring-section")
    expect(panel).to_contain_text(thai("Website monitoring (MOIT)"))
    before = int(panel.locator("td a strong").first.inner_text().rstrip("%"))
    panel.locator("td a strong").first.click()

    expect(page).to_have_url(re.compile(r"/admin/moit/monitoring/coverage/"))
    expect(row_of(page, "MOIT 5")).to_contain_text(thai("current"))
    expect(row_of(page, "MOIT 5")).to_contain_text(result.title)
    expect(row_of(page, "MOIT 13")).to_contain_text(thai("missing"))

    page.goto(reverse("moit_not_applicable:add"))
    page.locator("select[name=site]").select_option(str(site.pk))
    item = moit.items.get(code="MOIT 13")
    page.locator("select[name=item]").select_option(str(item.pk))
    page.locator("textarea[name=justification]").fill(JUSTIFICATION)
    page.locator("#w-editor-form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(reverse("moit_not_applicable:index") + "$"))

    page.goto("/admin/")
    after = int(page.locator("#moit-monitoring-section td a strong").first.inner_text().rstrip("%"))
    assert after > before
    page.locator("#moit-monitoring-section td a strong").first.click()
    expect(row_of(page, "MOIT 13")).to_contain_text(thai("not applicable"))
    expect(row_of(page, "MOIT 13")).to_contain_text(JUSTIFICATION)
    save_screenshot(page, "coverage-report")

    page.context.clear_cookies()  # a citizen
    page.goto(moit_page.url)
    expect(row_of(page, "MOIT 13")).to_contain_text(JUSTIFICATION)
    expect(row_of(page, "MOIT 5").get_by_role("link", name=result.title)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("MOIT 3"))).to_have_count(0)
    save_screenshot(page, "public-moit-page")
