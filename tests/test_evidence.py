"""The publishing-request form, generated from the approval record (HTML and PDF)."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import uri_to_iri
from pypdf import PdfReader
from wagtail.models import Site
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html

from moit_wagtail.dates import fiscal_year
from moit_wagtail.models import StaffProfile
from moit_wagtail.pages import models as pages
from moit_wagtail.workflow import urgent
from tests.factories import attach, build_page, make_document
from tests.refusals import is_permission_denied

pytestmark = pytest.mark.django_db

TITLE = "ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุการแพทย์"


@pytest.fixture
def people(make_member, unit):
    editor = make_member("writer", unit.editors, "สมศรี")
    approver = make_member("head", unit.approvers, "ประเสริฐ")
    web_admin = make_member("webadmin", unit.admins, "วิไล")
    for user, position in [
        (editor, "นักวิชาการสาธารณสุขปฏิบัติการ"),
        (approver, "หัวหน้ากลุ่มงานบริหารทั่วไป"),
        (web_admin, "นักวิชาการคอมพิวเตอร์ชำนาญการ"),
    ]:
        StaffProfile.objects.create(user=user, position=position)
    return editor, approver, web_admin


def approved_page(parent, editor, approver, title=TITLE):
    """A page asked for by ``editor`` and approved by ``approver`` through the workflow."""
    page = build_page(pages.ProcurementResultPage, editor, title=title, live=False)
    parent.add_child(instance=page)
    attach(page, make_document("winner.pdf", b"%PDF-1.4\n" + b"0" * 2048, title="ประกาศผู้ชนะ"))
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    task = page.current_workflow_task
    task.on_action(page.current_workflow_task_state, approver, "approve", comment="อนุญาต")
    page.refresh_from_db()
    assert page.live
    return page


@pytest.fixture
def news_index(category_indexes):
    return category_indexes[pages.NewsIndexPage]


def test_form_shows_the_record_and_the_three_people(client, people, news_index):
    editor, approver, _admin = people
    page = approved_page(news_index, editor, approver)
    client.force_login(editor)
    html = client.get(f"/admin/moit/evidence/page/{page.pk}/").content.decode()
    for expected in [
        TITLE,
        "1.8.7",
        "กลุ่มงาน",  # owner unit
        "สมศรี",
        "ประเสริฐ",
        "หัวหน้ากลุ่มงานบริหารทั่วไป",
        "นักวิชาการสาธารณสุขปฏิบัติการ",
        "ประกาศผู้ชนะ",
        "PDF",
        str(fiscal_year(timezone.localdate()))[:2],  # Buddhist-era year digits "25"
        uri_to_iri(page.full_url),  # shown as people read it, Thai and all
    ]:
        assert expected in html, expected


def test_pdf_has_the_thai_title_and_names(client, people, news_index):
    editor, approver, _admin = people
    page = approved_page(news_index, editor, approver)
    client.force_login(approver)
    response = client.get(f"/admin/moit/evidence/page/{page.pk}/?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    for expected in [TITLE, "สมศรี", "ประเสริฐ", "ผู้อนุมัติรับรอง"]:
        assert expected in text, expected


def test_urgent_publication_says_so(client, people, news_index):
    editor, approver, web_admin = people
    page = build_page(pages.NewsPage, editor, title="แจ้งเตือนด่วน", kind="1.8.4", live=False)
    news_index.add_child(instance=page)
    page.save_revision(user=editor)
    urgent.publish_urgently(page, web_admin, approver, timezone.now(), "พายุเข้า")
    client.force_login(web_admin)
    html = client.get(f"/admin/moit/evidence/page/{page.pk}/").content.decode()
    assert "วิไล" in html and "ประเสริฐ" in html
    assert "ด่วน" in html  # the urgent banner, in Thai


def test_bulk_export_of_a_fiscal_year_is_one_pdf(client, people, news_index, home_page):
    editor, approver, web_admin = people
    for title in ("ประกาศผู้ชนะ ก", "ประกาศผู้ชนะ ข"):
        approved_page(news_index, editor, approver, title=title)
    site = Site.objects.get(root_page=home_page)
    client.force_login(web_admin)
    assert client.get("/admin/moit/evidence/").status_code == 200
    year = fiscal_year(timezone.localdate())
    response = client.get(
        "/admin/moit/evidence/", {"site": site.pk, "fiscal_year": year, "format": "pdf"}
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "ประกาศผู้ชนะ ก" in text and "ประกาศผู้ชนะ ข" in text
    # Another category has none of them; last year has none either.
    html = client.get(
        "/admin/moit/evidence/", {"site": site.pk, "fiscal_year": year, "clause": "1.2"}
    ).content.decode()
    assert "ประกาศผู้ชนะ ก" not in html
    html = client.get(
        "/admin/moit/evidence/", {"site": site.pk, "fiscal_year": year - 1}
    ).content.decode()
    assert "ประกาศผู้ชนะ ก" not in html


def test_forms_are_only_for_staff_of_the_unit(client, people, news_index, django_user_model):
    editor, approver, _admin = people
    page = approved_page(news_index, editor, approver)
    outsider = django_user_model.objects.create_user("outsider", password="pw")
    client.force_login(outsider)
    url = f"/admin/moit/evidence/page/{page.pk}/"
    # Without admin access at all, Wagtail sends the account to the admin's login page.
    assert client.get(url)["Location"] == f"{reverse('wagtailadmin_login')}?next={url}"
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert is_permission_denied(client.get(url))
    client.force_login(editor)  # editors may see forms, not export a whole unit
    assert is_permission_denied(client.get("/admin/moit/evidence/"))


def test_staff_set_their_position_in_account_settings(client, people):
    editor, _approver, _admin = people
    client.force_login(editor)
    html = client.get("/admin/account/").content.decode()
    soup = WagtailTestUtils.get_soup(html)
    form = soup.find("input", attrs={"name": "moit_staff_profile-position"}).find_parent("form")
    data = querydict_from_html(str(form)).dict()
    data["moit_staff_profile-position"] = "นักวิชาการสาธารณสุขชำนาญการ"
    response = client.post("/admin/account/", data)
    assert response.status_code == 302
    assert StaffProfile.objects.get(user=editor).position == "นักวิชาการสาธารณสุขชำนาญการ"
