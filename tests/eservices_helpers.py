"""Shared by the e-service tests: form pages, valid posts, stored submissions, files."""

import io
import re
import zipfile

from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from home.models import HomePage
from moit_wagtail.eservices import codes
from moit_wagtail.eservices.models import Kind, Submission
from moit_wagtail.roles import ensure_unit_groups
from tests import factories

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


def make_other_unit():
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


def edit_url(submission):
    return reverse("moit_eservice_submissions:edit", args=[submission.pk])


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def docx_bytes(with_document=True):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        if with_document:
            archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()
