"""Wagtail's autosave in a real browser: the editor's own autosaves never block her save.

Types into the page editor, lets Wagtail's autosave run (its interval is shortened in
the test settings), then saves the draft, types again, submits for approval after
another autosave, and the head of group approves. Before the fix, the save after an
autosave was refused with "your changes were not saved: <the editor herself> saved a
newer version".
"""

from wagtail.models import Revision

from tests.browser.admin import (
    approve_action,
    log_in,
    submit_action,
    thai,
)

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None


def revisions_of(page):
    return Revision.objects.filter(object_id=str(page.pk))


def latest_title(page):
    """The title in the page's newest version, read afresh (the live server wrote it)."""
    return revisions_of(page).order_by("-created_at", "-pk").first().as_object().title


def type_and_wait_for_autosave(tab, page, text):
    """Type at a person's pace and wait until Wagtail says the change is saved, and the
    database has it (so the autosave really ran, it is not just the indicator)."""
    title = tab.locator("#id_title")
    title.press("End")
    expected = (title.input_value() + text).strip()

    def autosave_of_everything_typed(response):
        request = response.request
        return request.method == "POST" and expected in (request.post_data or "")

    # Slow keystrokes may autosave part of the text first: wait for the one with all of it.
    with tab.expect_response(autosave_of_everything_typed):
        title.press_sequentially(text, delay=40)
    indicator = tab.locator("#w-autosave-indicator")
    expect(indicator).to_have_attribute("data-w-autosave-state-value", "saved")
    assert latest_title(page) == expected, "autosave answered before storing the text"
    return expected


# Wagtail's unsaved-changes watcher takes the form's initial state two seconds after the
# editor opens; what is typed before then counts as loaded, not as an edit.
WATCHING_EDITS = """() => {
    const form = document.querySelector("[data-edit-form]");
    const app = window.wagtail && window.wagtail.app;
    const watcher = form && app && app.getControllerForElementAndIdentifier(form, "w-unsaved");
    return Boolean(watcher && watcher.initialFormData);
}"""


def open_editor(tab, url):
    tab.goto(url)
    tab.wait_for_function(WATCHING_EDITS)


def conflict_shown(tab):
    return tab.locator(".messages .error").count() > 0


def test_saving_and_submitting_after_autosave(page, people, draft, save_screenshot):
    editor, approver = people
    edit_url = f"/admin/pages/{draft.pk}/edit/"
    log_in(page, editor)
    open_editor(page, edit_url)
    before = revisions_of(draft).count()

    typed = type_and_wait_for_autosave(page, draft, " ฉบับปรับปรุง")
    assert revisions_of(draft).count() == before + 1  # autosave made a revision
    typed = type_and_wait_for_autosave(page, draft, " ครั้งที่ 2")
    assert revisions_of(draft).count() == before + 1  # ...and then overwrote its own

    # Save draft after autosave: saved, no conflict message.
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name=thai("Save draft")).click()
    save_screenshot(page, "after-autosave-save")
    assert not conflict_shown(page), page.locator(".messages").inner_text()
    expect(page.locator(".messages .success")).to_be_visible()
    assert latest_title(draft) == typed

    # Type again, let autosave run, then ask for approval.
    page.wait_for_function(WATCHING_EDITS)
    typed = type_and_wait_for_autosave(page, draft, " (แก้ไขล่าสุด)")
    with page.expect_navigation():
        submit_action(page, draft).click()
    assert not conflict_shown(page), page.locator(".messages").inner_text()
    draft.refresh_from_db()
    assert draft.workflow_in_progress and not draft.live

    # The head of group approves; the page goes live with what the editor typed last.
    log_in(page, approver)
    page.goto(edit_url)
    with page.expect_navigation():
        approve_action(page).click()
    draft.refresh_from_db()
    assert draft.live and draft.title == typed


def test_a_second_persons_save_really_conflicts(page, people, draft, make_member, unit):
    """Another editor saves while this one types: the save is refused, the input kept."""
    editor, _approver = people
    colleague = make_member("editor2", unit.editors, "บุญมี")
    edit_url = f"/admin/pages/{draft.pk}/edit/"
    log_in(page, editor)
    open_editor(page, edit_url)
    typed = type_and_wait_for_autosave(page, draft, " ของสมศรี")

    theirs = draft.get_latest_revision_as_object()
    theirs.title = "ฉบับของบุญมี"
    theirs.save_revision(user=colleague)

    page.locator("#id_title").press("End")
    page.locator("#id_title").press_sequentially(" ต่อ", delay=40)
    typed += " ต่อ"
    save = page.locator("footer").get_by_role("button", name=thai("Save draft"))
    save.click()
    # Wagtail may first ask in its own dialog (its ping noticed the newer version);
    # continuing goes to the server, which refuses with our message either way.
    dialog = page.locator("#w-save-confirmation-dialog")
    refused = page.locator(".messages .error")
    expect(dialog.or_(refused).first).to_be_visible()
    if dialog.is_visible():
        with page.expect_navigation():
            dialog.get_by_role("button", name=thai("Continue")).click()
    expect(refused).to_contain_text(colleague.get_full_name())
    expect(page.locator("#id_title")).to_have_value(typed)  # nothing typed is lost
    assert latest_title(draft) == "ฉบับของบุญมี"
