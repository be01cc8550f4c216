"""The public site under its real Content-Security-Policy in Chromium (the other browser
tests bypass the CSP to inject axe-core): no violation on any public page type, the
inline contrast script runs, and the contact map loads after consent."""

import re

import pytest

from .conftest import ACTION_TIMEOUT_MS
from .test_accessibility import SHOW_MAP, build_site_pages, th

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI)
    expect = PlaywrightTimeoutError = None

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def strict_page(chromium, site_url):
    """A tab that enforces the site's CSP (no ``bypass_csp``) and records violations."""
    context = chromium.new_context(base_url=site_url, locale="th-TH")
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    own_origin = re.escape(site_url.rstrip("/"))
    context.route(re.compile(rf"^(?!{own_origin}/)"), lambda route: route.abort())
    context.add_init_script(RECORD_VIOLATIONS)
    tab = context.new_page()
    tab.console_messages = []
    tab.on("console", lambda message: tab.console_messages.append(message.text))
    yield tab
    context.close()


def violations(tab):
    reported = tab.evaluate("window.__cspViolations")
    console = [text for text in tab.console_messages if "Content Security Policy" in text]
    return reported + console


def test_public_pages_run_under_the_csp(strict_page, home_page, category_indexes, editor):
    site_pages = build_site_pages(home_page, category_indexes, editor)
    found = {}
    for name in ("home", "NewsPage", "ContactPage", "ExecutivesPage", "NewsIndexPage"):
        strict_page.goto(site_pages[name].url)
        assert strict_page.evaluate("document.documentElement.classList.contains('js')")
        if problems := violations(strict_page):
            found[name] = problems
    assert found == {}

    strict_page.goto(site_pages["ContactPage"].url)
    # The frame's request is made (and aborted offline) only if the CSP allows it; a
    # blocked frame makes none, and the violations below say why.
    own_page = strict_page.url
    try:
        with strict_page.expect_request(
            lambda request: request.resource_type == "document" and request.url != own_page
        ):
            strict_page.get_by_role("button", name=th(SHOW_MAP)).click()
    except PlaywrightTimeoutError:
        pass
    expect(strict_page.locator(".map__frame iframe")).to_have_count(1)
    assert violations(strict_page) == []
