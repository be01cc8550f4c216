"""Buddhist-era dates in a real browser: the hint beside the page editor's date inputs, kept
up to date as an editor types a B.E. date or picks one, and the workflow history's B.E. year.

``tests/test_admin_date_inputs.py`` and ``tests/test_buddhist_era.py`` cover the server side;
this one runs what only a browser runs: ``be-date-hint.js`` and Wagtail's date picker.
"""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.dates import MONTHS

from moit_wagtail.pages import models as pages
from tests import factories
from tests.browser.admin import log_in, thai

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None


@pytest.fixture
def draft(make_member, unit, category_indexes):
    """A law page an editor of the unit saved as a draft (data from 2025-10-01 to 2026-09-30)."""
    editor = make_member("editor1", unit.editors, "สมศรี")
    page = factories.build_page(pages.LawPage, editor, slug="rules", live=False)
    category_indexes[pages.LawIndexPage].add_child(instance=page)
    page.save_revision(user=editor)
    return page, editor


def test_editor_sees_buddhist_era_dates_beside_inputs_and_in_the_workflow_history(
    page,
    draft,
    traffic,
    save_screenshot,
):
    law, editor = draft
    log_in(page, editor)
    page.goto(f"/admin/pages/{law.pk}/edit/")

    # The stored value stays C.E. ISO; the hint beside it reads B.E.
    start = page.locator("#id_data_period_start")
    start_hint = page.locator("#id_data_period_start-be-hint")
    expect(start).to_have_value("2025-10-01")
    expect(start_hint).to_have_text("พ.ศ. 2568: 1 ตุลาคม 2568")

    # Typed by hand with a B.E. year: the hint follows each keystroke and says what is saved.
    end = page.locator("#id_data_period_end")
    end_hint = page.locator("#id_data_period_end-be-hint")
    end.fill("")
    end.press_sequentially("2570-09-30")
    expect(end_hint).to_have_text("พ.ศ. 2570: 30 กันยายน 2570 (บันทึกเป็น ค.ศ. 2027-09-30)")
    end.press("Backspace")
    end.press("Backspace")  # "2570-09-": not a date yet
    expect(end_hint).to_have_class(re.compile(r"moit-be-hint--invalid"))
    end.press_sequentially("30")
    expect(end_hint).not_to_have_class(re.compile(r"moit-be-hint--invalid"))
    page.keyboard.press("Escape")

    # Picked in Wagtail's date picker (C.E. calendar): the hint shows the picked day in B.E.
    review_by = page.locator("#id_review_by")
    review_by.click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_be_visible()
    picker.locator("td.xdsoft_date:not(.xdsoft_other_month)[data-date='15']").click()
    expect(review_by).to_have_value(re.compile(r"^\d{4}-\d{2}-15$"))
    year, month, _day = (int(part) for part in review_by.input_value().split("-"))
    with translation.override("th"):
        month_name = str(MONTHS[month])
    expect(page.locator("#id_review_by-be-hint")).to_have_text(
        f"พ.ศ. {year + 543}: 15 {month_name} {year + 543}"
    )
    save_screenshot(page, "admin-date-hint")

    # Go-live in Wagtail's scheduling dialog: a date-time input that Wagtail builds itself.
    page.get_by_role("button", name=thai("Toggle status")).click()
    page.get_by_role("button", name=thai("Set schedule")).click()
    dialog = page.get_by_role("dialog", name=thai("Set publishing schedule"))
    expect(dialog).to_be_visible()
    dialog.locator("#id_go_live_at").press_sequentially("2571-01-02 08:00")
    expect(dialog.locator("#id_go_live_at-be-hint")).to_have_text(
        "พ.ศ. 2571: 2 มกราคม 2571 เวลา 08:00 น. (บันทึกเป็น ค.ศ. 2028-01-02 08:00)"
    )
    save_screenshot(page, "admin-schedule-hint")
    page.keyboard.press("Escape")  # the picker
    page.keyboard.press("Escape")  # the dialog, which puts the schedule back as it was
    expect(dialog).to_be_hidden()

    # Saved: the B.E. year typed was stored as the Gregorian date.
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name=thai("Save draft")).click()
    expect(page.locator(".messages")).to_be_visible()
    law.refresh_from_db()
    saved = law.get_latest_revision_as_object()
    assert saved.data_period_end == datetime.date(2027, 9, 30)
    assert saved.review_by == datetime.date(year, month, 15)

    # The workflow history shows when the request started with a B.E. year.
    state = law.get_workflow().start(law, editor)
    local = timezone.localtime(state.created_at)
    with translation.override("th"):
        started = f"{local.day} {MONTHS[local.month]} {local.year + 543}"
        gregorian = f"{MONTHS[local.month]} {local.year}"
    page.goto(f"/admin/pages/{law.pk}/workflow_history/")
    when = page.get_by_role("main").locator(".w-human-readable-date").first
    expect(when).to_have_attribute("data-w-tooltip-content-value", re.compile(started))
    expect(when.locator("time")).to_have_attribute("datetime", re.compile(rf"^{local.year}-"))
    when.hover()
    expect(page.get_by_role("tooltip")).to_contain_text(started)
    page.goto(f"/admin/pages/{law.pk}/workflow_history/detail/{state.pk}/")
    expect(page.get_by_role("main")).to_contain_text(started)
    expect(page.get_by_role("main")).not_to_contain_text(gregorian)
    save_screenshot(page, "admin-workflow-history-be")
    # Wagtail autosaves the form half a second after a change; while the date was half
    # typed ("2570-09-") that draft was refused (400), as for any invalid value.
    edit_url = f"/admin/pages/{law.pk}/edit/"
    assert traffic.offsite == []
    assert [failed for failed in traffic.failed if not failed.endswith(edit_url)] == []
