"""Word into a page in a real browser, as a unit's editor: she types a change that
Wagtail autosaves, picks "Fill the content from a Word file" in the page header's
actions, uploads a Thai report and is back in the editor with the Word headings, text
and picture in the rich-text field and her change kept; then she starts a new item of a
category from a Word file. Another unit's editor is refused on both screens."""

import re

from django.urls import reverse
from wagtail.models import Page

from moit_wagtail.pages import models as pages
from tests.browser.admin import log_in, thai
from tests.browser.test_autosave_journey import open_editor, type_and_wait_for_autosave
from tests.test_unit_isolation import make_other_unit
from tests.word_samples import TITLE, thai_report_document

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def word_file(name="รายงาน ประจำปี.docx"):
    import io

    buffer = io.BytesIO()
    thai_report_document().save(buffer)
    return {"name": name, "mimeType": DOCX, "buffer": buffer.getvalue()}


def header_action(tab, name):
    tab.get_by_role("button", name=thai("Actions")).first.click()
    item = tab.get_by_role("link", name=name)
    expect(item).to_be_visible()
    return item


def test_an_editor_fills_a_page_and_starts_one_from_word(
    page, unit, make_member, make_page, category_indexes, save_screenshot
):
    editor = make_member("editor1", unit.editors, "สมศรี")
    item = make_page(pages.KnowledgePage, title="คู่มือการรับบริการ", body="<p>ย่อหน้าเดิม</p>")
    log_in(page, editor)
    open_editor(page, f"/admin/pages/{item.pk}/edit/")
    typed = type_and_wait_for_autosave(page, item, " ฉบับปรับปรุง")

    header_action(page, thai("Fill the content from a Word file")).click()
    expect(page.locator("h1")).to_contain_text(thai("Fill the content from a Word file"))
    page.locator("input[name=file]").set_input_files(word_file())
    with page.expect_navigation():
        page.get_by_role("button", name=thai("Add the Word content")).click()

    expect(page).to_have_url(re.compile(rf"/admin/pages/{item.pk}/edit/$"))
    expect(page.locator(".messages .success")).to_contain_text("หัวข้อ")
    editor_text = page.locator(".Draftail-Editor").first
    expect(editor_text).to_contain_text("ย่อหน้าเดิม")
    expect(editor_text).to_contain_text("ความเป็นมา")
    expect(editor_text.locator("img")).to_have_count(2)  # the report shows its picture twice
    expect(page.locator("#id_title")).to_have_value(typed)  # the autosaved change is kept
    save_screenshot(page, "word-filled")
    item.refresh_from_db()
    assert item.body == "<p>ย่อหน้าเดิม</p>"  # live content waits for approval

    index = category_indexes[pages.KnowledgeIndexPage]
    page.goto(reverse("wagtailadmin_explore", args=[index.pk]))
    header_action(page, thai("New item from a Word file")).click()
    page.locator("input[name=file]").set_input_files(word_file("ความรู้เรื่องวัคซีน.docx"))
    with page.expect_navigation():
        page.get_by_role("button", name=thai("Create the draft")).click()
    created = Page.objects.get(title=TITLE)
    expect(page).to_have_url(re.compile(rf"/admin/pages/{created.pk}/edit/$"))
    expect(page.locator("#id_title")).to_have_value(TITLE)
    assert not created.live and created.get_parent().pk == index.pk

    # another unit's editor: neither screen opens
    _site, groups = make_other_unit()
    log_in(page, make_member("other_editor", groups.editors))
    for url in (
        reverse("moit_word_fill", args=[item.pk]),
        reverse("moit_word_create", args=[index.pk]),
    ):
        page.goto(url)
        expect(page).to_have_url(re.compile(r"/admin/$"))
        expect(page.locator(".messages")).to_contain_text(
            thai("Sorry, you do not have permission to access this area.")
        )
