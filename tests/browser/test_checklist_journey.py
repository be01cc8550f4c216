"""The fiscal-year cycle in a real browser: the provincial office rolls last year's MOIT
list over into this year's (an item renumbered from 13 to 12), corrects an evidence part
of this year's list and marks it checked; another unit's admin cannot reach either screen.

``tests/test_checklist_rollover.py`` and ``tests/test_checklist_admin.py`` check the rules
and the views with the test client; this walks Wagtail's own forms (nested inline panels
of items and their parts, the roll-over review) as the provincial admin would.
"""

import re

import pytest
from django.urls import reverse

from moit_wagtail.checklist.models import ChecklistPart, ItemEvidence, NotApplicable
from moit_wagtail.pages import models as pages
from moit_wagtail.roles import ensure_unit_groups
from tests.browser.admin import log_in, thai
from tests.refusals import permission_denied_message

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None

JUSTIFICATION = "หน่วยงานไม่มีการจัดซื้อยาและเวชภัณฑ์"


@pytest.fixture
def last_year(moit_2569, moit, own_site, other_site, make_page):
    """FY2569 records in two units; this year's list moved MOIT 13 to 12 and dropped 12."""
    measure = make_page(pages.AgencyDocumentPage, title="มาตรการป้องกันการรับสินบน")
    ItemEvidence.objects.create(item=moit_2569.items.get(code="MOIT 13"), page=measure)
    NotApplicable.objects.create(
        item=moit_2569.items.get(code="MOIT 8"), site=other_site, justification=JUSTIFICATION
    )
    moit.items.get(code="MOIT 12").delete()
    moit.items.filter(code="MOIT 13").update(code="MOIT 12", previous_code="MOIT 13")
    return measure


def row_of(tab, text):
    return tab.locator("tbody tr", has=tab.locator("th", has_text=re.compile("^" + text)))


def test_provincial_admin_rolls_a_renumbered_list_over(
    page, provincial_admin, moit_2569, moit, other_site, last_year, save_screenshot
):
    log_in(page, provincial_admin)
    page.goto(reverse("moit_checklist_start_next_year", args=[moit_2569.pk]))
    expect(page.locator("input[name=fiscal_year]")).to_have_value(str(moit.fiscal_year))
    page.locator("main form button[type=submit]").first.click()

    expect(page).to_have_url(
        re.compile(reverse("moit_checklist_roll_over", args=[moit_2569.pk, moit.fiscal_year]))
    )
    moved = row_of(page, "MOIT 13 ")
    expect(moved).to_contain_text(
        thai("renumbered: %(old)s → %(new)s", old="MOIT 13", new="MOIT 12")
    )
    expect(row_of(page, "MOIT 12 ")).to_contain_text(thai("not carried"))
    save_screenshot(page, "roll-over-review")
    assert not ItemEvidence.objects.filter(item__framework=moit).exists()  # nothing yet

    page.get_by_role("button", name=thai("Carry the records")).click()
    done = thai(
        "Rolled %(source)s over into %(target)s: %(links)s evidence links and "
        "%(exemptions)s not-applicable records carried.",
        source=moit_2569, target=moit, links=1, exemptions=1,
    )  # fmt: skip
    expect(page.locator(".messages")).to_contain_text(done)
    new_12 = moit.items.get(code="MOIT 12")
    assert list(ItemEvidence.objects.filter(item=new_12).values_list("page", flat=True)) == [
        last_year.pk
    ]
    exemption = NotApplicable.objects.get(item__framework=moit, site=other_site)
    assert (exemption.item.code, exemption.justification) == ("MOIT 8", JUSTIFICATION)
    expect(page.locator("main")).to_contain_text(provincial_admin.get_full_name())  # last run

    page.goto(reverse("moit_monitoring_coverage"))  # this year's list, by default
    expect(row_of(page, "MOIT 12")).to_contain_text(last_year.title)


def test_provincial_admin_corrects_a_part_and_marks_the_item_checked(page, provincial_admin, moit):
    items = list(moit.items.all())
    index = next(number for number, item in enumerate(items) if item.code == "MOIT 4")
    unverified = sum(1 for item in items if not item.verified)
    log_in(page, provincial_admin)
    page.goto(reverse("moit_checklists:edit", args=[moit.pk]))
    expect(page.locator("main")).to_contain_text(
        thai("Items not yet checked against the guide")[:10]
    )

    title = page.locator(f"[name='items-{index}-parts-1-title_th']")
    title.scroll_into_view_if_needed()
    title.fill("ผลการจัดซื้อจัดจ้างรายไตรมาส (ตามคู่มือปี 2570)")
    page.locator(f"[name='items-{index}-verified']").check()
    page.locator(f"[name='items-{index}-verification_note']").fill("ตรวจกับคู่มือ ITA 2570 แล้ว")
    page.get_by_role("button", name=thai("Save")).first.click()

    expect(page.locator(".messages")).to_be_visible()
    part = ChecklistPart.objects.get(item__framework=moit, item__code="MOIT 4", number=2)
    assert part.title_th == "ผลการจัดซื้อจัดจ้างรายไตรมาส (ตามคู่มือปี 2570)"
    assert moit.items.get(code="MOIT 4").verified
    assert ChecklistPart.objects.filter(item__framework=moit).count() == sum(
        item.parts.count() for item in items
    )  # the other parts were kept
    assert moit.items.filter(verified=False).count() == unverified - 1


def test_another_units_admin_reaches_neither_screen(
    page, make_member, other_site, moit_2569, moit, last_year
):
    stranger = make_member("otheradmin", ensure_unit_groups(other_site, "รพ.อื่น").admins)
    log_in(page, stranger)
    for url in (
        reverse("moit_checklist_roll_over", args=[moit_2569.pk, moit.fiscal_year]),
        reverse("moit_checklists:edit", args=[moit.pk]),
    ):
        page.goto(url)
        expect(page).to_have_url(re.compile(r"/admin/$"))
        expect(page.locator(".messages")).to_contain_text(permission_denied_message())
    assert not ItemEvidence.objects.filter(item__framework=moit).exists()
