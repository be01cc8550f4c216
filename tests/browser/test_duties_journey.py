"""Segregation of duties in the browser: an approver's editor offers no Publish for his own
page, and another approver of the unit approves it."""

import re

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None

from moit_wagtail.pages import models as pages
from tests import factories
from tests.browser.admin import approve_action, log_in, thai


def test_own_page_has_no_publish_button_and_another_approver_approves(
    page, people, make_member, unit, category_indexes
):
    _editor, approver = people
    other = make_member("approver2", unit.approvers, "สมชาย")
    law = factories.build_page(pages.LawPage, approver, title="ประกาศของหัวหน้า", live=False)
    category_indexes[pages.LawIndexPage].add_child(instance=law)
    law.save_revision(user=approver)
    law.get_workflow().start(law, approver)

    log_in(page, approver)
    page.goto(f"/admin/pages/{law.pk}/edit/")
    footer = page.locator("footer")
    footer.get_by_role("button", name=thai("More actions")).click()
    expect(
        footer.get_by_role("button", name=re.compile("^" + thai("Publish") + "$"))
    ).to_have_count(0)
    approve = re.compile("^" + re.escape(thai("Approve")) + r"(\s|$)")  # not "ยกเลิกการขออนุมัติ"
    expect(footer.get_by_role("button", name=approve)).to_have_count(0)

    log_in(page, other)
    page.goto(f"/admin/pages/{law.pk}/edit/")
    with page.expect_navigation():
        approve_action(page).click()
    law.refresh_from_db()
    assert law.live
