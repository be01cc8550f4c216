"""Seed 1.9 in a real browser: a citizen sends a complaint, staff answer in the admin,
the citizen reads the answer at the tracking link (no account anywhere).

``tests/test_eservices.py`` covers the rules with the test client; this one checks what
only a browser does: the multipart upload, the error summary that keeps the text, the
link shown once on the confirmation page, and Wagtail's edit form for the reply.
"""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import translation

from moit_wagtail.eservices.models import ComplaintFormPage, Status, Submission
from moit_wagtail.pages import models as pages
from tests import factories

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None

SUBJECT = "รอรับยานานเกินสามชั่วโมง"
DETAILS = "วันจันทร์ที่ผ่านมา ห้องจ่ายยาเปิดช่องบริการเพียงช่องเดียว"
REPLY = "ขออภัยในความไม่สะดวก โรงพยาบาลเพิ่มช่องจ่ายยาเป็นสามช่องแล้ว"
PDF = b"%PDF-1.4\n% photo of the queue ticket\n"


def thai(text):
    with translation.override("th"):
        return str(translation.gettext(text) if isinstance(text, str) else text)


@pytest.fixture
def complaint_page(category_indexes, editor):
    page = ComplaintFormPage(
        title="แจ้งเรื่องร้องเรียนและข้อเสนอแนะ", slug="complaints", **factories.metadata(editor)
    )
    return factories.publish(page, category_indexes[pages.EServiceIndexPage], user=editor)


@pytest.fixture
def handler(unit, make_member):
    unit.admins.permissions.add(
        Permission.objects.get(
            content_type__app_label="moit_eservices", codename="handle_submission"
        )
    )
    return make_member("handler", unit.admins, "วิไล")


def test_citizen_complains_staff_answer_citizen_reads_the_answer(
    page, site_url, complaint_page, handler, traffic, save_screenshot, tmp_path
):
    ticket = tmp_path / "queue-ticket.pdf"
    ticket.write_bytes(PDF)

    # The citizen forgets the subject: the form comes back with the text kept.
    page.goto(complaint_page.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(complaint_page.title)
    page.get_by_label(thai("Complaint about a service")).check()
    page.get_by_label(thai("Details")).fill(DETAILS)
    page.get_by_label(thai("Email (optional)")).fill("citizen@example.com")
    page.get_by_label(thai("Attachments (optional)")).set_input_files(str(ticket))
    page.get_by_label(
        thai(
            "I have read the privacy notice and agree that the unit uses my data "
            "to handle this matter."
        )
    ).check()
    page.get_by_role("button", name=thai("Send")).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(thai("Give your message a short subject."))
    expect(alert).to_contain_text(
        thai(
            "What you typed is kept, but files cannot be kept: choose your attachments "
            "again before sending."
        )
    )
    expect(page.get_by_label(thai("Details"))).to_have_value(DETAILS)
    save_screenshot(page, "eservice-form-errors")

    page.locator("#id_subject").fill(SUBJECT)  # "เรื่อง" also starts other Thai labels
    page.get_by_label(thai("Attachments (optional)")).set_input_files(str(ticket))
    page.get_by_role("button", name=thai("Send")).click()

    # Confirmation: the code and the secret link, once.
    expect(page.get_by_role("heading", level=1)).to_have_text(thai("We have received your message"))
    submission = Submission.objects.get()
    assert submission.files.count() == 1
    expect(page.locator(".eservice-code")).to_have_text(submission.code)
    tracking_link = page.locator(".eservice-secret-link")
    tracking_url = tracking_link.get_attribute("href")
    assert tracking_url == f"{site_url}/e-services/track/{submission.code}/{submission.secret}/"
    save_screenshot(page, "eservice-received")
    page.goto(tracking_url)
    expect(page.locator(".eservice-status")).to_have_text(thai(Status.RECEIVED.label))

    # Staff answer in the admin.
    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.locator("input[name=username]").fill(handler.username)
    page.locator("input[name=password]").fill("password")
    with page.expect_navigation():
        page.get_by_role("button", name=thai("Sign in")).click()
    page.goto("/admin/moit_eservice_submissions/")
    page.get_by_role("link", name=submission.code).click()
    expect(page.get_by_text(DETAILS)).to_be_visible()
    expect(page.get_by_role("link", name="queue-ticket.pdf")).to_be_visible()
    page.get_by_label(thai("Reply to the citizen")).fill(REPLY)
    page.locator("select[name=status]").select_option("answered")
    page.get_by_label(thai("Internal note")).fill("ส่งเรื่องต่อกลุ่มงานเภสัชกรรม")
    save_screenshot(page, "eservice-admin-reply")
    with page.expect_navigation():
        page.get_by_role("button", name=thai("Save reply")).click()
    expect(page.locator(".messages")).to_contain_text("citizen@example.com")
    assert any(REPLY in message.body for message in mail.outbox)

    # The citizen, signed in nowhere, opens the link and reads the answer.
    page.context.clear_cookies()
    page.goto(tracking_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(submission.code)
    expect(page.locator(".eservice-status")).to_have_text(thai(Status.ANSWERED.label))
    expect(page.get_by_text(REPLY)).to_be_visible()
    expect(page.get_by_text("ส่งเรื่องต่อกลุ่มงานเภสัชกรรม")).to_have_count(0)
    save_screenshot(page, "eservice-tracking")

    # A wrong secret looks like an unknown code.
    page.goto(f"/e-services/track/{submission.code}/wrong-secret/")
    expect(page.get_by_role("alert")).to_contain_text(
        thai("Nothing matches this tracking code and secret. Check both and try again.")
    )
    assert traffic.offsite == []
    assert [
        failure for failure in traffic.failed if not re.search(r" 404 .*/track/", " " + failure)
    ] == []
