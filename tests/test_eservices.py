"""Two-way e-services (seed 1.9): forms, tracking codes, tracking page, staff replies,
unit-scoped personal data, attachment checks, abuse limits and monthly statistics."""

import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, Site

from home.models import HomePage
from moit_wagtail.eservices import codes, stats
from moit_wagtail.eservices.models import (
    ComplaintFormPage,
    InformationRequestFormPage,
    Kind,
    Status,
    Submission,
    SubmissionReply,
)
from moit_wagtail.eservices.replies import post_reply
from moit_wagtail.pages import models as pages
from moit_wagtail.roles import ensure_unit_groups
from tests import factories

pytestmark = pytest.mark.django_db

CODE_PATTERN = re.compile(r"^[CR]-25\d\d-\d{6}$")
PDF = b"%PDF-1.4\n% citizen evidence\n"


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(response):
    return " ".join(soup_of(response).get_text(" ").split())


def grant_handling(group):
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="moit_eservices", codename="handle_submission"
        )
    )


def publish_form(model, index, editor, slug):
    page = model(title=str(model._meta.verbose_name), slug=slug, **factories.metadata(editor))
    return factories.publish(page, index, user=editor)


@pytest.fixture
def form_pages(category_indexes, editor):
    index = category_indexes[pages.EServiceIndexPage]
    return (
        publish_form(ComplaintFormPage, index, editor, "complaints"),
        publish_form(InformationRequestFormPage, index, editor, "information-request"),
    )


@pytest.fixture
def complaint_page(form_pages):
    return form_pages[0]


@pytest.fixture
def request_page(form_pages):
    return form_pages[1]


@pytest.fixture
def handler(unit, make_member):
    grant_handling(unit.admins)
    return make_member("handler", unit.admins)


@pytest.fixture
def other_unit(home_page):
    """A second unit (hospital) on its own site, its admins allowed to handle submissions."""
    other_home = HomePage(title="รพ.อื่น", slug="other-home", welcome="")
    Page.get_first_root_node().add_child(instance=other_home)
    site = Site.objects.create(
        hostname="other.test", port=80, root_page=other_home, site_name="รพ.อื่น"
    )
    groups = ensure_unit_groups(site, "รพ.อื่น")
    grant_handling(groups.admins)
    return site, groups


def complaint_data(**overrides):
    return {
        "topic": "complaint",
        "subject": "รอคิวนานเกินไป",
        "details": "วันที่ 3 มีนาคม รอรับยานานสามชั่วโมง",
        "name": "สมชาย ใจกล้า",
        "email": "somchai@example.com",
        "phone": "0812345678",
        "consent": "on",
        "website": "",
        **overrides,
    }


def request_data(**overrides):
    return {
        "name": "สมหญิง รักความโปร่งใส",
        "email": "somying@example.com",
        "phone": "",
        "address": "99 หมู่ 1 ตำบลนาสุข",
        "details": "สำเนาสัญญาจ้างปรับปรุงอาคารผู้ป่วยนอก ปีงบประมาณ 2568",
        "purpose": "ติดตามการใช้งบประมาณ",
        "preferred_format": "certified_copy",
        "consent": "on",
        "website": "",
        **overrides,
    }


def make_submission(site, kind=Kind.COMPLAINT, created_at=None, **fields):
    submission = Submission(
        site=site,
        kind=kind,
        subject=fields.pop("subject", "เรื่องทดสอบ"),
        details=fields.pop("details", "รายละเอียด"),
        created_at=created_at or timezone.now(),
        consent_at=timezone.now(),
        **fields,
    )
    codes.assign_code(submission)
    submission.save()
    return submission


def site_of(page):
    return page.get_site()


# -- submitting -------------------------------------------------------------------------


def test_complaint_is_saved_with_a_code_and_the_secret_link_is_shown_once(client, complaint_page):
    response = client.post(complaint_page.url, complaint_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("moit_eservices:received")
    submission = Submission.objects.get()
    assert CODE_PATTERN.match(submission.code) and submission.code.startswith("C-")
    assert submission.site == site_of(complaint_page) and submission.kind == Kind.COMPLAINT
    assert submission.status == Status.RECEIVED and submission.consent_at is not None
    assert len(submission.secret) >= 20

    receipt = client.get(response["Location"])
    body = receipt.content.decode()
    assert submission.code in body and submission.secret in body
    assert f"/e-services/track/{submission.code}/{submission.secret}/" in body
    assert "private" in receipt["Cache-Control"]

    again = client.get(reverse("moit_eservices:received"))
    assert submission.secret not in again.content.decode()
    # The citizen's receipt email carries the tracking link.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["somchai@example.com"]
    assert submission.code in mail.outbox[0].subject
    assert f"http://testserver/e-services/track/{submission.code}/{submission.secret}/" in (
        mail.outbox[0].body
    )


def test_information_request_is_saved_with_its_act_fields(client, request_page):
    response = client.post(request_page.url, request_data())
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.code.startswith("R-") and submission.kind == Kind.INFORMATION_REQUEST
    assert submission.preferred_format == "certified_copy"
    assert submission.purpose == "ติดตามการใช้งบประมาณ"
    assert submission.address == "99 หมู่ 1 ตำบลนาสุข"
    assert submission.subject.startswith("สำเนาสัญญาจ้าง")


def test_missing_fields_get_thai_errors_and_what_was_typed_is_kept(client, request_page):
    data = request_data(
        name="", address="", purpose="", preferred_format="", consent="", email="", phone=""
    )
    response = client.post(request_page.url, data)
    assert response.status_code == 200
    assert not Submission.objects.exists()
    text = text_of(response)
    with translation.override("th"):
        from django.utils.translation import gettext

        for message in [
            "Enter your full name.",
            "Enter your address.",
            "Say what you need the information for.",
            "Choose how you would like to receive it.",
            "Please tick the box to agree to the privacy notice.",
            "Give an email or a phone number so the unit can reach you.",
        ]:
            assert gettext(message) in text, message
    soup = soup_of(response)
    assert soup.find("textarea", attrs={"name": "details"}).get_text().strip() == data["details"]
    assert soup.find(attrs={"name": "name"}).get("aria-invalid") == "true"


def test_invalid_email_is_refused_and_the_rest_kept(client, complaint_page):
    response = client.post(complaint_page.url, complaint_data(email="somchai-at-example"))
    assert response.status_code == 200 and not Submission.objects.exists()
    soup = soup_of(response)
    assert soup.find("input", attrs={"name": "subject"})["value"] == "รอคิวนานเกินไป"
    assert soup.find("input", attrs={"name": "email"})["value"] == "somchai-at-example"
    assert soup.select_one("#id_email_error") is not None


# -- tracking codes ---------------------------------------------------------------------


def test_codes_count_per_site_kind_and_buddhist_year(home_page, other_unit):
    site = Site.objects.get(root_page=home_page)
    other_site, _groups = other_unit
    in_2026 = timezone.make_aware(datetime.datetime(2026, 5, 1, 10))
    in_2027 = timezone.make_aware(datetime.datetime(2027, 1, 2, 10))
    first = make_submission(site, created_at=in_2026)
    second = make_submission(site, created_at=in_2026)
    request = make_submission(site, kind=Kind.INFORMATION_REQUEST, created_at=in_2026)
    elsewhere = make_submission(other_site, created_at=in_2026)
    next_year = make_submission(site, created_at=in_2027)
    assert [first.code, second.code] == ["C-2569-000001", "C-2569-000002"]
    assert request.code == "R-2569-000001"
    assert elsewhere.code == "C-2569-000001"  # each unit numbers its own
    assert next_year.code == "C-2570-000001"
    assert len({first.secret, second.secret, request.secret}) == 3


def test_the_same_code_cannot_exist_twice_on_one_site(home_page):
    from django.db import IntegrityError, transaction

    site = Site.objects.get(root_page=home_page)
    first = make_submission(site)
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(
            site=site, kind=Kind.COMPLAINT, code=first.code, year=first.year, sequence=1,
            secret="x", subject="s", details="d",
        )  # fmt: skip


# -- tracking page ----------------------------------------------------------------------


def test_tracking_with_the_right_secret_shows_status_and_public_reply_only(
    client, home_page, handler
):
    submission = make_submission(Site.objects.get(root_page=home_page), email="a@example.com")
    post_reply(submission, handler, Status.ANSWERED, "ได้ปรับปรุงระบบคิวแล้ว", "ผู้ร้องเคยร้องเรื่องนี้")
    response = client.get(
        reverse("moit_eservices:track_detail", args=[submission.code, submission.secret])
    )
    assert response.status_code == 200
    text = text_of(response)
    assert "ได้ปรับปรุงระบบคิวแล้ว" in text
    with translation.override("th"):
        assert str(Status.ANSWERED.label) in text
    assert "ผู้ร้องเคยร้องเรื่องนี้" not in text  # internal note
    assert "a@example.com" not in text
    assert response["Referrer-Policy"] == "no-referrer" and "private" in response["Cache-Control"]


def test_wrong_secret_looks_exactly_like_an_unknown_code(client, home_page):
    submission = make_submission(Site.objects.get(root_page=home_page))
    wrong = client.get(reverse("moit_eservices:track_detail", args=[submission.code, "guess"]))
    unknown = client.get(reverse("moit_eservices:track_detail", args=["C-2569-999999", "guess"]))
    assert wrong.status_code == unknown.status_code == 404
    strip = lambda response, code: response.content.decode().replace(code, "CODE")  # noqa: E731
    assert strip(wrong, submission.code) == strip(unknown, "C-2569-999999")


def test_track_form_redirects_to_the_tracking_page(client, home_page):
    submission = make_submission(Site.objects.get(root_page=home_page))
    response = client.get(
        reverse("moit_eservices:track"),
        {"code": submission.code.lower(), "secret": submission.secret},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "moit_eservices:track_detail", args=[submission.code, submission.secret]
    )
    missing = client.get(reverse("moit_eservices:track"), {"code": submission.code, "secret": ""})
    assert missing.status_code == 400
    assert soup_of(missing).find("input", attrs={"name": "code"})["value"] == submission.code


def test_a_code_of_another_site_is_not_found_here(client, other_unit):
    other_site, _groups = other_unit
    submission = make_submission(other_site)
    url = reverse("moit_eservices:track_detail", args=[submission.code, submission.secret])
    assert client.get(url).status_code == 404  # asked on testserver, not other.test
    assert client.get(url, HTTP_HOST="other.test").status_code == 200


def test_tracking_lookups_are_rate_limited_per_client(client, home_page, settings):
    settings.MOIT_ESERVICE_RATE_LIMITS = {"track": (3, 600)}
    url = reverse("moit_eservices:track_detail", args=["C-2569-000001", "nope"])
    assert [client.get(url).status_code for _ in range(3)] == [404, 404, 404]
    assert client.get(url).status_code == 429
    other_client = Client(REMOTE_ADDR="10.1.2.3")
    assert other_client.get(url).status_code == 404


# -- staff reply ------------------------------------------------------------------------


def edit_url(submission):
    return reverse("moit_eservice_submissions:edit", args=[submission.pk])


def test_staff_reply_emails_the_citizen_and_shows_on_the_tracking_page(
    client, complaint_page, handler
):
    client.post(complaint_page.url, complaint_data())
    submission = Submission.objects.get()
    mail.outbox.clear()
    client.force_login(handler)
    page = client.get(edit_url(submission))
    assert page.status_code == 200
    assert "somchai@example.com" in page.content.decode()  # handlers see the personal data
    response = client.post(
        edit_url(submission),
        {
            "message": "ขออภัย ได้เพิ่มช่องจ่ายยาแล้ว",
            "status": "answered",
            "internal_note": "แจ้งกลุ่มงานเภสัช",
        },
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Status.ANSWERED and submission.first_answered_at is not None
    reply = SubmissionReply.objects.get()
    assert reply.author == handler and reply.emailed_to == "somchai@example.com"

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["somchai@example.com"] and submission.code in email.subject
    assert "ขออภัย ได้เพิ่มช่องจ่ายยาแล้ว" in email.body
    assert "แจ้งกลุ่มงานเภสัช" not in email.body
    tracking = f"http://testserver/e-services/track/{submission.code}/{submission.secret}/"
    assert tracking in email.body
    with translation.override("th"):
        assert str(Status.ANSWERED.label) in email.body  # Thai status in a Thai email

    citizen = Client()
    text = text_of(citizen.get(tracking.removeprefix("http://testserver")))
    assert "ขออภัย ได้เพิ่มช่องจ่ายยาแล้ว" in text and "แจ้งกลุ่มงานเภสัช" not in text
    history = client.get(edit_url(submission)).content.decode()
    assert "แจ้งกลุ่มงานเภสัช" in history and "ขออภัย ได้เพิ่มช่องจ่ายยาแล้ว" in history


def test_an_empty_reply_is_refused(client, home_page, handler):
    submission = make_submission(Site.objects.get(root_page=home_page))
    client.force_login(handler)
    response = client.post(
        edit_url(submission), {"message": "", "status": "received", "internal_note": ""}
    )
    assert response.status_code == 200 and not SubmissionReply.objects.exists()


def test_note_only_reply_sends_no_email(client, home_page, handler):
    submission = make_submission(Site.objects.get(root_page=home_page), email="x@example.com")
    client.force_login(handler)
    client.post(
        edit_url(submission), {"message": "", "status": "in_progress", "internal_note": "ส่งต่อ"}
    )
    submission.refresh_from_db()
    assert submission.status == Status.IN_PROGRESS and submission.first_answered_at is None
    assert mail.outbox == []


# -- who may see what -------------------------------------------------------------------


def test_staff_of_another_unit_cannot_list_open_or_download(
    client, complaint_page, other_unit, make_member
):
    _site, groups = other_unit
    client.post(complaint_page.url, complaint_data(attachments=[upload("a.pdf", PDF)]))
    submission = Submission.objects.get()
    file_url = reverse("moit_eservice_submissions:file", args=[submission.files.get().pk])
    outsider = make_member("outsider", groups.admins)
    other_submission = make_submission(other_unit[0], subject="เรื่องของ รพ.อื่น")
    client.force_login(outsider)
    listing = client.get(reverse("moit_eservice_submissions:index"))
    assert listing.status_code == 200
    assert edit_url(submission) not in listing.content.decode()
    assert "สมชาย" not in listing.content.decode()
    assert edit_url(other_submission) in listing.content.decode()
    assert client.get(edit_url(submission)).status_code == 403
    assert (
        client.post(edit_url(submission), {"message": "x", "status": "closed"}).status_code == 403
    )
    assert (
        client.get(reverse("moit_eservice_submissions:history", args=[submission.pk])).status_code
        == 403
    )
    assert (
        client.get(reverse("moit_eservice_submissions:delete", args=[submission.pk])).status_code
        == 403
    )
    assert (
        client.get(reverse("moit_eservice_submissions:usage", args=[submission.pk])).status_code
        == 403
    )
    assert client.get(file_url).status_code == 403


def test_editor_without_the_permission_sees_no_personal_data(client, home_page, unit, make_member):
    submission = make_submission(Site.objects.get(root_page=home_page), name="สมชาย ลับมาก")
    editor = make_member("plain-editor", unit.editors)
    client.force_login(editor)
    for url in [reverse("moit_eservice_submissions:index"), edit_url(submission)]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "สมชาย ลับมาก" not in response.content.decode()


def test_provincial_oversight_does_not_open_units_personal_data(
    client, other_unit, unit, make_member
):
    """view_all_units shows a unit's coverage, not its complainants."""
    from moit_wagtail.roles import grant_provincial_oversight

    grant_provincial_oversight(unit)
    grant_handling(unit.admins)
    provincial = make_member("provincial", unit.admins)
    hospital_case = make_submission(other_unit[0])
    client.force_login(provincial)
    listing = client.get(reverse("moit_eservice_submissions:index")).content.decode()
    assert edit_url(hospital_case) not in listing
    assert client.get(edit_url(hospital_case)).status_code == 403


# -- attachments ------------------------------------------------------------------------


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def docx_bytes(with_document=True):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_document:
            archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_allowed_files_are_stored_privately_and_served_only_to_handlers(
    client, complaint_page, handler, settings, tmp_path
):
    data = complaint_data(
        attachments=[
            upload("หลักฐาน.pdf", PDF, "application/pdf"),
            upload("photo.png", factories.png_bytes(), "image/png"),
            upload("letter.docx", docx_bytes()),
        ]
    )
    assert client.post(complaint_page.url, data).status_code == 302
    submission = Submission.objects.get()
    stored = list(submission.files.all())
    assert [item.original_name for item in stored] == ["หลักฐาน.pdf", "photo.png", "letter.docx"]
    for item in stored:
        path = Path(item.file.path)
        assert path.is_file()
        assert Path(settings.MEDIA_ROOT) not in path.parents  # never under the public media
        assert "หลักฐาน" not in path.name  # random stored name
    file_url = reverse("moit_eservice_submissions:file", args=[stored[0].pk])

    client.force_login(handler)
    response = client.get(file_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    client.logout()
    assert client.get(file_url).status_code == 302  # to the admin login


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00 this is a Windows program", "content"),
        ("program.exe", b"MZ\x90\x00", "type"),
        ("photo.jpg", factories.png_bytes(), "content"),
        ("letter.docx", docx_bytes(with_document=False), "content"),
    ],
)
def test_dishonest_or_unknown_files_are_refused(client, complaint_page, name, content, code):
    response = client.post(complaint_page.url, complaint_data(attachments=[upload(name, content)]))
    assert response.status_code == 200 and not Submission.objects.exists()
    text = text_of(response)
    assert name in text
    with translation.override("th"):
        from django.utils.translation import gettext

        choose_again = gettext(
            "What you typed is kept, but files cannot be kept: "
            "choose your attachments again before sending."
        )
    assert choose_again in text
    assert soup_of(response).find("input", attrs={"name": "subject"})["value"] == "รอคิวนานเกินไป"


def test_oversized_files_are_refused(client, complaint_page):
    big = upload("scan.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024))
    response = client.post(complaint_page.url, complaint_data(attachments=[big]))
    assert response.status_code == 200 and not Submission.objects.exists()
    assert "scan.pdf" in text_of(response) and "5.0" in text_of(response)


def test_erasing_a_submission_erases_its_files(client, complaint_page):
    client.post(complaint_page.url, complaint_data(attachments=[upload("a.pdf", PDF)]))
    path = Path(Submission.objects.get().files.get().file.path)
    Submission.objects.get().delete()
    assert not path.exists()


# -- abuse --------------------------------------------------------------------------------


def test_honeypot_stops_robots(client, complaint_page):
    response = client.post(complaint_page.url, complaint_data(website="http://spam.example"))
    assert response.status_code == 200
    assert not Submission.objects.exists()
    assert mail.outbox == []


def test_submissions_are_rate_limited_per_client_and_keep_the_text(
    client, complaint_page, settings
):
    settings.MOIT_ESERVICE_RATE_LIMITS = {"submit": (2, 3600)}
    for _ in range(2):
        assert client.post(complaint_page.url, complaint_data()).status_code == 302
    response = client.post(complaint_page.url, complaint_data(subject="ครั้งที่สาม"))
    assert response.status_code == 429
    assert Submission.objects.count() == 2
    assert soup_of(response).find("input", attrs={"name": "subject"})["value"] == "ครั้งที่สาม"
    assert (
        Client(REMOTE_ADDR="10.9.9.9").post(complaint_page.url, complaint_data()).status_code == 302
    )


# -- the anonymous page cache and CSRF ------------------------------------------------------


def test_form_pages_are_never_cached_with_someone_elses_csrf_token(
    settings, complaint_page, make_page
):
    settings.MOIT_PAGE_CACHE_SECONDS = 300
    law = make_page(pages.LawPage)
    reader = Client()
    reader.get(law.url)
    assert reader.get(law.url)["X-Page-Cache"] == "hit"  # the cache is on

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = first.get(complaint_page.url)
    second_page = second.get(complaint_page.url)
    assert "X-Page-Cache" not in second_page
    assert "private" in first_page["Cache-Control"]

    def token(response):
        return soup_of(response).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]

    assert token(first_page) != token(second_page)
    response = second.post(
        complaint_page.url, complaint_data(csrfmiddlewaretoken=token(second_page))
    )
    assert response.status_code == 302


# -- statistics ---------------------------------------------------------------------------


def test_monthly_summary_counts_and_average_days(home_page, django_assert_num_queries):
    site = Site.objects.get(root_page=home_page)
    today = datetime.date(2026, 5, 20)

    def at(day, hour=9):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    march = [make_submission(site, created_at=at(datetime.date(2026, 3, d))) for d in (2, 10, 20)]
    Submission.objects.filter(pk=march[0].pk).update(
        first_answered_at=at(datetime.date(2026, 3, 4))
    )
    Submission.objects.filter(pk=march[1].pk).update(
        first_answered_at=at(datetime.date(2026, 3, 16))
    )
    may = make_submission(site, created_at=at(datetime.date(2026, 5, 1)))
    Submission.objects.filter(pk=may.pk).update(first_answered_at=at(datetime.date(2026, 5, 1), 21))
    make_submission(site, created_at=at(datetime.date(2025, 1, 5)))  # too old

    with django_assert_num_queries(1):
        rows = stats.monthly_summary(site, months=3, today=today)
    assert [row.month for row in rows] == [
        datetime.date(2026, 3, 1), datetime.date(2026, 4, 1), datetime.date(2026, 5, 1)
    ]  # fmt: skip
    assert [(row.received, row.answered, row.average_days) for row in rows] == [
        (3, 2, 4.0),  # (2 + 6) / 2 days
        (0, 0, None),
        (1, 1, 0.5),
    ]
    assert len(stats.monthly_summary(site, today=today)) == 12


# -- admin listing cost ---------------------------------------------------------------------


def test_admin_listing_queries_do_not_grow_with_submissions(
    client, home_page, handler, django_assert_max_num_queries
):
    site = Site.objects.get(root_page=home_page)
    client.force_login(handler)
    url = reverse("moit_eservice_submissions:index")
    for _ in range(3):
        make_submission(site)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(25):
        make_submission(site)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"status": "received"})
    assert response.status_code == 200
    assert response.content.decode().count("C-25") >= 20


def test_listing_filters_by_month_and_kind(client, home_page, handler):
    site = Site.objects.get(root_page=home_page)
    now = timezone.localtime()
    old = make_submission(site, created_at=now - datetime.timedelta(days=70), subject="เก่า")
    new = make_submission(site, kind=Kind.INFORMATION_REQUEST, subject="ใหม่")
    client.force_login(handler)
    url = reverse("moit_eservice_submissions:index")
    body = client.get(url, {"month": f"{now:%Y-%m}"}).content.decode()
    assert new.code in body and old.code not in body
    body = client.get(url, {"kind": "complaint"}).content.decode()
    assert old.code in body and new.code not in body


# -- demo content ----------------------------------------------------------------------------


def test_demo_forms_and_submissions_are_built_once(
    category_indexes, unit, editor, admin_user, home_page
):
    from home.demo import content_eservices
    from home.demo.builder import UnitContext
    from home.demo.units import UNITS

    site = Site.objects.get(root_page=home_page)
    ctx = UnitContext(UNITS[0], unit.collection, [editor], admin_user)
    index = category_indexes[pages.EServiceIndexPage]
    forms = content_eservices.build_eservices(ctx, index, site, editor)
    assert {type(form) for form in forms} == {ComplaintFormPage, InformationRequestFormPage}
    assert Page.objects.filter(pk__in=[form.pk for form in forms], live=True).count() == 2
    statuses = set(Submission.objects.filter(site=site).values_list("status", flat=True))
    assert statuses == set(Status.values)
    counts = (Page.objects.count(), Submission.objects.count(), SubmissionReply.objects.count())
    content_eservices.build_eservices(ctx, index, site, editor)
    assert (
        Page.objects.count(),
        Submission.objects.count(),
        SubmissionReply.objects.count(),
    ) == counts
    assert sum(row.received for row in stats.monthly_summary(site, months=6)) == 5
