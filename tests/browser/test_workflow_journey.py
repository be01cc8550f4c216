"""Seed 2.2 in a real browser: the publishing request through the Wagtail admin's own UI.

``tests/test_workflow.py`` posts the same journey with the Django test client; this one
clicks it, so it also covers what only a browser runs: the footer's action menu, the
workflow modal loaded and re-rendered by JavaScript (a refusal without a reason stays
in the modal), the editor's view of the refusal (the banner above the form, whose button
submits the editor form), the approver's confirmations, and the evidence form the approver
prints.
"""

from wagtail.models import TaskState

from moit_wagtail.dates import format_datetime
from moit_wagtail.workflow.models import PublishingApprovalTaskState
from moit_wagtail.workflow.reasons import reason_label
from tests.browser.admin import LAW_TITLE as TITLE
from tests.browser.admin import (
    approve_action,
    footer_action,
    log_in,
    submit_action,
    thai,
)

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None

REASON = "file_format"
COMMENT = "กรุณาแนบไฟล์ PDF แทนไฟล์ภาพถ่าย"


def test_request_refused_with_a_reason_then_approved(page, people, draft, traffic, save_screenshot):
    editor, approver = people
    workflow = draft.get_workflow()
    edit_url = f"/admin/pages/{draft.pk}/edit/"

    # The editor asks to publish from the page editor.
    log_in(page, editor)
    page.goto(edit_url)
    with page.expect_navigation():
        submit_action(page, draft).click()
    draft.refresh_from_db()
    assert draft.workflow_in_progress and not draft.live

    # The approver refuses: first without a reason, which the modal refuses in turn.
    log_in(page, approver)
    page.goto(edit_url)
    refuse, reason = thai("Refuse with a reason"), thai(reason_label(REASON))
    footer_action(page, refuse).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_css("opacity", "1")  # faded in: what the screenshot shows
    comment = dialog.get_by_label(thai("What the owner should change"))
    comment.fill(COMMENT)
    dialog.get_by_role("button", name=refuse).click()
    expect(dialog.locator(".error-message")).to_have_text(thai("This field is required."))
    expect(comment).to_have_value(COMMENT)
    save_screenshot(page, "refusal-modal")
    task_state = draft.current_workflow_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    # ...then with one: the modal closes, the editor form goes through with the action.
    dialog.get_by_role("radio", name=reason).check()
    with page.expect_navigation():
        dialog.get_by_role("button", name=refuse).click()
    task_state = PublishingApprovalTaskState.objects.get(pk=task_state.pk)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert (task_state.rejection_reason, task_state.comment) == (REASON, f"{reason}: {COMMENT}")
    assert task_state.finished_by == approver
    # The approver is told what the refusal did (and Wagtail's "updated" is not repeated).
    sent_back = thai(
        "Sent '%(title)s' back for changes. The requester (%(requester)s) has been "
        "told your reason and comment.",
        title=TITLE,
        requester=editor.get_full_name(),
    )
    expect(page.locator(".messages")).to_contain_text(sent_back)
    expect(page.locator(".messages")).not_to_contain_text(
        thai("Page '%(page_title)s' has been updated.", page_title=TITLE)
    )

    # The editor sees the refusal at the top of the page editor: who, when, why.
    log_in(page, editor)
    page.goto(edit_url)
    banner = page.get_by_role("region", name=thai("This page was sent back for changes"))
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(approver.get_full_name())
    expect(banner).to_contain_text(format_datetime(task_state.finished_at))  # Buddhist era
    expect(banner.locator("[data-moit-refusal-reason]")).to_have_text(reason)
    expect(banner.locator("[data-moit-refusal-comment]")).to_have_text(COMMENT)
    save_screenshot(page, "refusal-banner")
    # The status panel says changes were requested, and its dialog names the approver.
    page.get_by_role("button", name=thai("Toggle status")).click()
    expect(page.get_by_role("heading", level=3, name=thai("Changes requested"))).to_be_visible()
    save_screenshot(page, "refusal-status")
    page.get_by_role("button", name=thai("View details")).click()
    status = page.get_by_role("dialog", name=workflow.name)
    expect(status).to_contain_text(
        thai(
            "%(approver)s sent this back for changes on %(when)s",
            approver=approver.get_full_name(),
            when=format_datetime(task_state.finished_at),
        )
    )
    save_screenshot(page, "refusal-status-dialog")
    # The reason is part of the stored comment, so Wagtail's own status dialog shows it.
    expect(status).to_contain_text(f"{reason}: {COMMENT}")
    with page.expect_navigation():
        status.get_by_role("link", name=thai("See full history")).click()
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("link", name=workflow.name).click()
    expect(page.get_by_role("main")).to_contain_text(f"{reason}: {COMMENT}")
    page.goto(edit_url)
    task = task_state.task.specific
    resubmit = thai("Resubmit to %(task_name)s", task_name=task.name)
    footer_action(page, resubmit)  # the footer offers the same action, under the same name
    page.keyboard.press("Escape")
    # The editor corrects the page, then resubmits from the banner: the form goes with it.
    page.locator("textarea[name=summary]").fill("ฉบับแก้ไขตามความเห็น")
    banner = page.get_by_role("region", name=thai("This page was sent back for changes"))
    with page.expect_navigation():
        banner.get_by_role("button", name=resubmit).click()
    draft.refresh_from_db()
    assert draft.workflow_in_progress and not draft.live
    assert draft.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS

    # The approver approves: Wagtail publishes the page at once.
    log_in(page, approver)
    page.goto(edit_url)
    with page.expect_navigation():
        approve_action(page).click()
    draft.refresh_from_db()
    assert draft.live and not draft.workflow_in_progress
    assert draft.summary == "ฉบับแก้ไขตามความเห็น"
    approved = thai("Approved '%(title)s'.", title=TITLE)
    published = thai(
        "The system has published it and told the information owner and the requester."
    )
    expect(page.locator(".messages")).to_contain_text(f"{approved} {published}")
    page.goto(draft.url)
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    # Other hosts: only the admin's Gravatar avatars (aborted; WAGTAIL_GRAVATAR_PROVIDER_URL).
    assert [url for url in traffic.offsite if "//www.gravatar.com/" not in url] == []

    # The publishing-request form names who asked, who approved and who published.
    page.goto(f"/admin/moit/evidence/page/{draft.pk}/")
    signatures = page.locator(".signature")
    expect(signatures).to_have_count(3)
    lines = signatures.locator(".line")
    save_screenshot(page, "evidence-form")
    expect(lines.nth(1)).to_have_text(f"({approver.get_full_name()})")  # approved by
    expect(lines.nth(2)).to_have_text(f"({approver.get_full_name()})")  # published by
    expect(lines.nth(0)).to_have_text(f"({editor.get_full_name()})")  # asked to publish
