"""E-services (seed 1.9) seen from the unit: staff replies, who may read personal data,
monthly statistics, the admin listing and the demo."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Page, Site

from moit_wagtail.eservices import stats
from moit_wagtail.eservices.models import (
    ComplaintFormPage,
    InformationRequestFormPage,
    Kind,
    Status,
    Submission,
    SubmissionReply,
)
from moit_wagtail.pages import models as pages
from tests.eservices_helpers import (
    PDF,
    complaint_data,
    edit_url,
    grant_handling,
    make_other_unit,
    make_submission,
    text_of,
    upload,
)
from tests.refusals import is_permission_denied

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_unit(home_page):
    return make_other_unit()


# -- staff reply ------------------------------------------------------------------------


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
        assert is_permission_denied(response), url
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
