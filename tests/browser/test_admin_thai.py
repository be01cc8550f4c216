"""Wagtail's admin in Thai as the browser draws it, JavaScript included.

``tests/test_wagtail_th_screens.py`` checks the HTML the server sends; much of what an
editor reads is drawn by Wagtail's JavaScript (the sidebar, the rich-text toolbar, the
side panels, dropdowns, the autosave indicator) from the ``/admin/jsi18n/`` catalogue.
Here Debian Chromium renders each core-flow screen for a Thai editor and an approver, and
the visible text must hold no English Wagtail message, whether it came from the Python or
the JavaScript catalogue.
"""

import re
from functools import cache

import pytest

from moit_wagtail.pages import models as pages
from moit_wagtail.wagtail_th.missing import english_catalogues
from moit_wagtail.wagtail_th.pofile import messages
from tests import factories
from tests.admin_strings import english_strings, normalise
from tests.browser.admin import (
    log_in,
    submit_action,
    thai,
)

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None


@cache
def javascript_msgids():
    """Visible forms of the English msgids of Wagtail's JavaScript catalogue (no fields)."""
    found = set()
    for (_app, domain), path in english_catalogues().items():
        if domain == "djangojs":
            for (_context, msgid), entry in messages(path).items():
                for form in filter(None, (msgid, entry.msgid_plural)):
                    if not re.search(r"%|\{|__\w+__", form) and re.search("[A-Za-z]", form):
                        found.add(normalise(form))
    return found


def english_on(tab):
    """English Wagtail messages in what the tab shows now (text, labels, titles)."""
    html = tab.content()
    left = set(english_strings(html))
    texts = tab.evaluate(
        """() => {
            const seen = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const node = walker.currentNode;
                const parent = node.parentElement;
                if (!parent || parent.closest("script, style, template, textarea")) continue;
                seen.push(node.textContent);
            }
            for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
                for (const name of ["aria-label", "title", "placeholder"]) {
                    if (el.hasAttribute(name)) seen.push(el.getAttribute(name));
                }
            }
            return seen;
        }"""
    )
    left |= {normalise(text) for text in texts} & javascript_msgids()
    return sorted(left)


@pytest.fixture
def news(people, category_indexes):
    editor, _approver = people
    page = factories.build_page(pages.NewsPage, editor, title="ข่าวรณรงค์ไข้เลือดออก", live=False)
    category_indexes[pages.NewsIndexPage].add_child(instance=page)
    page.save_revision(user=editor)
    return page


def test_core_flow_screens_hold_no_english_wagtail_message(page, people, news, save_screenshot):
    editor, approver = people
    found = {}
    log_in(page, editor)

    page.goto("/admin/")
    found["dashboard"] = english_on(page)

    page.get_by_role("button", name=thai("Pages")).first.click()  # the sidebar's explorer
    expect(page.locator(".c-page-explorer__item").first).to_be_visible()
    found["sidebar explorer"] = english_on(page)

    page.goto(f"/admin/pages/{news.get_parent().pk}/")
    found["explorer listing"] = english_on(page)

    page.goto(f"/admin/pages/{news.pk}/edit/")
    page.locator(".Draftail-Editor").first.click()  # the rich-text toolbar appears
    found["page editor"] = english_on(page)
    page.get_by_role("button", name=thai("Toggle status")).click()
    found["status side panel"] = english_on(page)
    submit_action(page, news)
    found["footer actions"] = english_on(page)
    save_screenshot(page, "thai-editor")

    page.goto(f"/admin/pages/{news.get_parent().pk}/add_subpage/")
    found["choose page type"] = english_on(page)

    page.goto("/admin/documents/")
    found["documents"] = english_on(page)
    page.goto("/admin/account/")
    found["account"] = english_on(page)

    log_in(page, approver)
    news.get_workflow().start(news, editor)  # the editor's request, waiting for the approver
    page.goto("/admin/")
    found["approver dashboard"] = english_on(page)
    page.goto(f"/admin/pages/{news.pk}/edit/")
    found["approver editor"] = english_on(page)
    page.goto(f"/admin/pages/{news.pk}/history/")
    found["page history"] = english_on(page)

    print("English Wagtail messages per screen:", {name: len(v) for name, v in found.items()})
    assert {name: texts for name, texts in found.items() if texts} == {}
