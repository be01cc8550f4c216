"""Bringing a previous website in from a spreadsheet and its files: every row previewed
(will create, will update, refused with a Thai reason), nothing written by a preview, an
import all or nothing, a re-run that updates, each item on the record (submitted for
approval, or published as imported with its original date), old URLs redirected."""

import csv
import datetime
import io
import zipfile
from urllib.parse import unquote

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry

from moit_wagtail.dates import fiscal_year
from moit_wagtail.evidence.annual import annual_report
from moit_wagtail.evidence.records import build_record
from moit_wagtail.importer import importing
from moit_wagtail.importer.bundle import read_zip
from moit_wagtail.importer.importing import import_rows
from moit_wagtail.importer.models import ImportBatch
from moit_wagtail.importer.reading import read_table
from moit_wagtail.importer.rows import CREATE, REFUSED, UPDATE
from moit_wagtail.importer.template import template_xlsx
from moit_wagtail.importer.thai_dates import NotADate, parse_date
from moit_wagtail.monitoring.governance import PUBLISHED_BY_IMPORT, unit_checks
from moit_wagtail.pages import models as pages
from moit_wagtail.publication_actions import IMPORT_PUBLISH_ACTION
from moit_wagtail.roles import ensure_unit_groups

pytestmark = pytest.mark.django_db

HEADERS = [
    "ประเภทรายการ", "ชื่อรายการ", "สรุปสาระสำคัญ", "เจ้าของข้อมูล (หน่วยงานหรือกลุ่มงาน)",
    "ผู้รับผิดชอบ (ชื่อผู้ใช้หรืออีเมล)", "แหล่งที่มาของข้อมูล", "ข้อมูลตั้งแต่วันที่",
    "ข้อมูลถึงวันที่", "วันที่เผยแพร่เดิม", "แท็ก", "ไฟล์แนบ", "URL เดิม",
]  # fmt: skip
PDF = b"%PDF-1.4\n% imported\n"


def row(kind, title, files="", old_url="", start="15/01/2567", end="", person="writer", **more):
    return {
        "ประเภทรายการ": kind,
        "ชื่อรายการ": title,
        "สรุปสาระสำคัญ": f"สรุปของ {title}",
        "เจ้าของข้อมูล (หน่วยงานหรือกลุ่มงาน)": "กลุ่มงานบริหารทั่วไป",
        "ผู้รับผิดชอบ (ชื่อผู้ใช้หรืออีเมล)": person,
        "แหล่งที่มาของข้อมูล": "กระทรวงสาธารณสุข",
        "ข้อมูลตั้งแต่วันที่": start,
        "ข้อมูลถึงวันที่": end,
        "วันที่เผยแพร่เดิม": "20 ม.ค. 2567",
        "แท็ก": "นำเข้า, ประกาศ",
        "ไฟล์แนบ": files,
        "URL เดิม": old_url,
        **more,
    }


def news(title, **more):
    return row("ข่าวประชาสัมพันธ์ ข่าวสารทั่วไป หรือเรื่องแจ้งเตือน", title, **{"เนื้อหา": "ข่าว"}, **more)


def procurement_result(title, files, **more):
    kind = {"ประเภทผลการจัดซื้อจัดจ้าง": "สรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1)"}
    return row("ผลการจัดซื้อจัดจ้าง", title, files=files, **kind, **more)


def xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    headers = list(dict.fromkeys(HEADERS + [key for values in rows for key in values]))
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(header, "") for header in headers])
    output = io.BytesIO()
    workbook.save(output)
    return ContentFile(output.getvalue(), name="รายการเดิม.xlsx")


def csv_file(rows, encoding):
    headers = list(dict.fromkeys(HEADERS + [key for values in rows for key in values]))
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(headers)
    for values in rows:
        writer.writerow([values.get(header, "") for header in headers])
    return ContentFile(text.getvalue().encode(encoding), name="รายการเดิม.csv")


@pytest.fixture
def site(own_site):
    return own_site


@pytest.fixture
def admin(unit, make_member):
    return make_member("webadmin", unit.admins)


@pytest.fixture
def writer(unit, make_member):
    return make_member("writer", unit.editors)


@pytest.fixture
def approver(unit, make_member):
    return make_member("head", unit.approvers)


def run(site, admin, rows, uploads=None, mode=ImportBatch.SUBMIT, apply=True):
    return import_rows(site, admin, read_table(xlsx(rows)), uploads or {}, mode, "x.xlsx", apply)


def test_buddhist_and_gregorian_dates_in_the_shapes_offices_type():
    day = datetime.date(2024, 1, 15)
    for text in ("15/01/2567", "15-1-67", "2567-01-15", "15 ม.ค. 2567", "15 มกราคม 2567",
                 "๑๕/๐๑/๒๕๖๗", "2024-01-15", "15/01/2567 10:30 น."):  # fmt: skip
        assert parse_date(text) == day, text
    assert parse_date(datetime.datetime(2567, 1, 15)) == day  # a date cell typed in B.E.
    assert parse_date("") is None
    for text in ("31/02/2567", "พรุ่งนี้", "15 ธันว 2567"):
        with pytest.raises(NotADate):
            parse_date(text)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp874"])
def test_csv_in_every_encoding_thai_excel_saves(encoding, site, admin, writer):
    table = read_table(csv_file([news("ประกาศวันหยุดราชการ")], encoding))
    outcome = import_rows(site, admin, table, {}, ImportBatch.SUBMIT)
    [planned] = outcome.rows
    assert (planned.action, planned.title) == (CREATE, "ประกาศวันหยุดราชการ"), planned.reasons


def test_preview_classifies_every_row_with_a_thai_reason_and_writes_nothing(
    site, admin, writer, other_site, make_member
):
    stranger = make_member("stranger", ensure_unit_groups(other_site, "รพ.อื่น").editors)
    rows = [
        news("ข่าวที่ถูกต้อง", old_url="https://old.example.go.th/news.php?id=7"),
        row("ประเภทที่ไม่มี", "ประเภทผิด"),
        row("1.8", "หมวดที่มีหลายประเภท"),
        news("ไม่มีวันที่", start=""),
        news("วันที่กลับด้าน", start="15/01/2567", end="01/01/2567"),
        news("วันที่อ่านไม่ได้", start="พรุ่งนี้"),
        news("คนของหน่วยงานอื่น", person=stranger.username),
        procurement_result("ไม่มีไฟล์แนบ", files=""),
        procurement_result("ไฟล์ที่ไม่ได้อัปโหลด", files="ไม่มี.pdf"),
        procurement_result("โปรแกรมปลอมเป็น PDF", files="ผลการจัดซื้อ.pdf"),
        news("ข่าวที่ถูกต้อง", old_url="https://old.example.go.th/news.php?id=7"),
    ]
    uploads = {"ผลการจัดซื้อ.pdf": b"MZ\x90\x00 a Windows program"}
    pages_before, documents_before = Page.objects.count(), get_document_model().objects.count()

    outcome = run(site, admin, rows, uploads, apply=False)

    reasons = {planned.title: " ".join(planned.reasons) for planned in outcome.rows}
    assert outcome.rows[0].action == CREATE
    assert "ไม่รู้จักประเภทรายการ “ประเภทที่ไม่มี”" in reasons["ประเภทผิด"]
    assert "ผลการจัดซื้อจัดจ้าง" in reasons["หมวดที่มีหลายประเภท"]  # the choices are named
    assert "“ข้อมูลตั้งแต่วันที่” ยังไม่ได้กรอก" in reasons["ไม่มีวันที่"]
    assert "ก่อนวันเริ่มต้น" in reasons["วันที่กลับด้าน"]
    assert "“พรุ่งนี้”" in reasons["วันที่อ่านไม่ได้"]
    assert "ไม่ใช่เจ้าหน้าที่ของหน่วยงานนี้" in reasons["คนของหน่วยงานอื่น"]
    assert "ต้องมีไฟล์แนบ" in reasons["ไม่มีไฟล์แนบ"]
    assert "“ไม่มี.pdf”" in reasons["ไฟล์ที่ไม่ได้อัปโหลด"]
    assert "เป็นโปรแกรม" in reasons["โปรแกรมปลอมเป็น PDF"]  # the project's upload checks
    assert "ซ้ำกับแถวที่ 2" in " ".join(outcome.rows[-1].reasons)
    assert [planned.number for planned in outcome.rows] == list(range(2, 13))
    assert outcome.count(CREATE) == 1 and outcome.count(REFUSED) == 10
    assert (Page.objects.count(), get_document_model().objects.count()) == (
        pages_before,
        documents_before,
    )
    assert not ImportBatch.objects.exists() and not Redirect.objects.exists()
    assert mail.outbox == []


def test_import_submits_drafts_for_approval_and_a_rerun_updates(
    site, admin, writer, approver, client
):
    rows = [
        news("ประกาศรับฟังความคิดเห็น", old_url="https://old.example.go.th/news.php?id=7"),
        procurement_result("สรุปผลการจัดซื้อจัดจ้าง ม.ค. 2567", files="สรุปผล ม.ค.pdf"),
    ]
    uploads = {"สรุปผล ม.ค.pdf": PDF}

    outcome = run(site, admin, rows, uploads)

    assert (outcome.count(CREATE), outcome.count(REFUSED)) == (2, 0), outcome.rows[1].reasons
    item = pages.NewsPage.objects.get(title="ประกาศรับฟังความคิดเห็น")
    assert not item.live and item.workflow_in_progress
    assert item.current_workflow_state.requested_by == admin
    assert item.responsible_person == writer and item.data_period_start == datetime.date(
        2024, 1, 15
    )
    assert sorted(item.tags.names()) == ["นำเข้า", "ประกาศ"]
    assert item.slug == "ประกาศ-รับฟัง-ความคิดเห็น"  # a readable Thai URL
    result = pages.ProcurementResultPage.objects.get()
    [attachment] = result.attachments.all()
    assert attachment.document.collection.name == site.moit_unit.group_key
    assert any(approver.email in message.to for message in mail.outbox)  # asked to decide
    batch = ImportBatch.objects.get()
    assert (batch.created_by, batch.created, batch.mode) == (admin, 2, ImportBatch.SUBMIT)
    redirect = Redirect.objects.get(site=site)
    assert redirect.old_path == "/news.php?id=7" and redirect.redirect_page.pk == item.pk

    rows[0]["สรุปสาระสำคัญ"] = "สรุปที่แก้ไขแล้ว"
    again = run(site, admin, rows, uploads)
    assert (again.count(CREATE), again.count(UPDATE)) == (0, 2)
    assert pages.NewsPage.objects.filter(title="ประกาศรับฟังความคิดเห็น").count() == 1
    assert pages.NewsPage.objects.get(pk=item.pk).get_latest_revision_as_object().summary == (
        "สรุปที่แก้ไขแล้ว"
    )
    assert get_document_model().objects.count() == 1  # the same file is not stored twice
    assert Redirect.objects.count() == 1


def test_already_public_items_go_live_as_imported_with_their_original_date(
    site, admin, writer, client
):
    outcome = run(
        site, admin, [news("ข่าวเก่าจากเว็บไซต์เดิม", old_url="http://old.example.go.th/ข่าว/12")],
        mode=ImportBatch.PUBLISHED_BEFORE,
    )  # fmt: skip
    [planned] = outcome.rows
    assert planned.action == CREATE, planned.reasons
    item = pages.NewsPage.objects.get()
    assert item.live
    assert timezone.localtime(item.last_published_at).date() == datetime.date(2024, 1, 20)
    entry = PageLogEntry.objects.get(page=item, action=IMPORT_PUBLISH_ACTION)
    assert entry.user == admin  # who imported it, never an approval
    assert not PageLogEntry.objects.filter(page=item, action="wagtail.publish").exists()
    assert not PageLogEntry.objects.filter(page=item, action__startswith="moit_workflow").exists()

    record = build_record(entry)  # the publishing-request form
    assert record.imported and record.approver is None
    assert record.requester.name == admin.get_full_name()
    assert record.first_published_on == datetime.date(2024, 1, 20)
    client.force_login(admin)
    form = client.get(f"/admin/moit/evidence/page/{item.pk}/").content.decode()
    assert "นำเข้าจากเว็บไซต์เดิม" in form and "20 มกราคม 2567" in form
    [governance] = unit_checks([site])  # the dashboard counts it as an exception
    assert governance.warning(PUBLISHED_BY_IMPORT).count == 1
    report = annual_report(site, fiscal_year(timezone.localdate()))
    assert (report.imported, report.category("1.8").publications, report.approved) == (1, 0, 0)
    client.logout()

    response = client.get("/ข่าว/12", HTTP_HOST=site.hostname)
    assert response.status_code == 301
    assert unquote(response["Location"]).endswith(item.url_path.split("/", 2)[-1])


def test_going_live_without_approval_needs_an_original_date_in_the_past(site, admin, writer):
    future = (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    rows = [news("ไม่มีวันที่เผยแพร่เดิม", **{"วันที่เผยแพร่เดิม": ""}),
            news("วันที่เผยแพร่ในอนาคต", **{"วันที่เผยแพร่เดิม": future})]  # fmt: skip
    outcome = run(site, admin, rows, mode=ImportBatch.PUBLISHED_BEFORE)
    for planned in outcome.rows:
        assert "เผยแพร่บนเว็บไซต์เดิม" in " ".join(planned.reasons), planned.title
    assert not pages.NewsPage.objects.exists()


def test_an_error_while_importing_keeps_nothing(site, admin, writer, monkeypatch):
    written = []
    original = importing.Builder.write

    def failing(self, planned, index):
        if written:
            raise RuntimeError("disk full")
        written.append(planned.number)
        return original(self, planned, index)

    monkeypatch.setattr(importing.Builder, "write", failing)
    with pytest.raises(RuntimeError):
        run(site, admin, [news("ข่าวหนึ่ง"), news("ข่าวสอง")])
    assert written == [2]
    assert not pages.NewsPage.objects.exists() and not ImportBatch.objects.exists()


def test_zip_of_files_with_thai_names_from_windows(site):
    thai = "ผลการจัดซื้อ.pdf".encode("cp874")  # as Windows writes it: no UTF-8 flag
    placeholder = b"x" * (len(thai) - 4) + b".pdf"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(placeholder.decode(), PDF)
        bundle.writestr("เอกสาร/คู่มือ.pdf", PDF)  # a UTF-8 name, in a folder
    data = archive.getvalue().replace(placeholder, thai)
    found = read_zip(ContentFile(data, name="ไฟล์.zip"))
    assert found == {"ผลการจัดซื้อ.pdf": PDF, "คู่มือ.pdf": PDF}


def test_the_template_reads_back_as_one_valid_row_per_type(site, admin, unit, make_member):
    make_member("editor1", unit.editors)  # the example rows' person responsible
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    headers = [cell.value for cell in workbook.active[1]]
    assert headers[:2] == ["ประเภทรายการ *", "ชื่อรายการ *"]
    sheet = io.BytesIO(template_xlsx())
    table = read_table(ContentFile(sheet.getvalue(), name="แม่แบบ.xlsx"))
    outcome = import_rows(site, admin, table, {"ตัวอย่าง.pdf": PDF}, ImportBatch.SUBMIT, apply=False)
    refused = {planned.title: planned.reasons for planned in outcome.refused}
    assert refused == {}
    assert len(outcome.rows) >= 10


def test_command_previews_then_imports(site, admin, writer, tmp_path):
    sheet = tmp_path / "รายการ.xlsx"
    sheet.write_bytes(xlsx([news("ข่าวจากคำสั่ง"), row("ไม่มี", "ผิด")]).read())
    out = io.StringIO()
    arguments = [str(sheet), "--site", site.hostname, "--user", admin.username]
    call_command("import_items", *arguments, stdout=out, stderr=io.StringIO())
    assert "แถวที่ 3 (ผิด)" in out.getvalue()
    assert not pages.NewsPage.objects.exists()
    call_command("import_items", *arguments, "--apply", stdout=out, stderr=io.StringIO())
    assert pages.NewsPage.objects.filter(title="ข่าวจากคำสั่ง").exists()


def test_queries_per_row_do_not_grow(site, admin, writer):
    def cost(count, start):
        rows = [news(f"ข่าวลำดับที่ {number}") for number in range(start, start + count)]
        with CaptureQueriesContext(connection) as queries:
            run(site, admin, rows)
        return len(queries)

    five, ten, twenty = cost(5, 0), cost(10, 100), cost(20, 200)
    per_row = (ten - five) / 5
    assert (twenty - ten) / 10 <= per_row * 1.05, (five, ten, twenty)  # flat per row
    assert per_row <= 150, per_row  # a page, its revision, tags, workflow and notices
