"""What every browser test of the Wagtail admin does: sign in, read labels as a Thai user
sees them, open the editor footer's menu, ask for approval."""

import re

from django.utils import translation

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips the browser tests (fails them on CI) with the hint
    expect = None


LAW_TITLE = "ประกาศหลักเกณฑ์การเบิกจ่ายค่าตอบแทน"


def thai(text, **values):
    """A label as the admin shows it to users who kept the default language (Thai)."""
    with translation.override("th"):
        label = str(translation.gettext(text) if isinstance(text, str) else text)
        return label % values if values else label


def log_in(tab, user):
    """Sign in through the admin's login form, as nobody else (a fresh session)."""
    tab.context.clear_cookies()
    tab.goto("/admin/login/")
    tab.locator("input[name=username]").fill(user.username)
    tab.locator("input[name=password]").fill("password")
    with tab.expect_navigation():
        tab.get_by_role("button", name=thai("Sign in")).click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))


def footer_action(tab, name):
    """An item of the edit form's footer menu, after opening the menu."""
    footer = tab.locator("footer")
    footer.get_by_role("button", name=thai("More actions")).click()
    item = footer.get_by_role("button", name=name)
    expect(item).to_be_visible()
    return item


def submit_action(tab, page):
    """The footer's "Submit to <the page's workflow>" item."""
    label = thai("Submit to %(workflow_name)s") % {"workflow_name": page.get_workflow().name}
    return footer_action(tab, re.compile(re.escape(label)))


def approve_action(tab):
    return footer_action(tab, re.compile("^" + re.escape(thai("Approve")) + r"(\s|$)"))
