"""Bringing the previous website in, in a real browser, as the unit's website admin: the
template, a sheet with a row that names a missing file, the preview's refusal, the refused
rows downloaded, the corrected sheet and its ZIP imported as already public, and an old
URL that a citizen follows to the new page."""

import io
import re
import zipfile
from urllib.parse import unquote

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from moit_wagtail.importer.models import ImportBatch
from moit_wagtail.pages import models as pages
from tests.browser.admin import log_in, thai
from tests.test_importer import PDF, news, procurement_result, xlsx
from tests.thread_tasks import THREAD_TASKS

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_file(rows):
    return {"name": "รายการเว็บไซต์เดิม.xlsx", "mimeType": XLSX, "buffer": xlsx(rows).read()}


def zip_file(files):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        for name, content in files.items():
            bundle.writestr(name, content)
    return {"name": "ไฟล์แนบ.zip", "mimeType": "application/zip", "buffer": archive.getvalue()}


def workbook_of(download):
    with open(download.path(), "rb") as handle:  # saved without its extension
        return load_workbook(io.BytesIO(handle.read()))


def test_admin_previews_fixes_and_imports_then_an_old_url_redirects(
    page, unit, make_member, own_site, save_screenshot
):
    admin = make_member("webadmin", unit.admins, "วราภรณ์")
    make_member("writer", unit.editors)
    announcement = news("ประกาศรับสมัครอาสาสมัคร", old_url="https://old.example.go.th/news.php?id=41")
    result = procurement_result("สรุปผลการจัดซื้อจัดจ้าง มี.ค. 2567", files="สขร มีนาคม.pdf")
    log_in(page, admin)

    page.goto(reverse("moit_import_batches:index"))
    page.get_by_role("link", name=thai("Import items")).click()
    expect(page).to_have_url(re.compile(r"/admin/moit/import/$"))
    with page.expect_download() as template:
        page.get_by_role(
            "link", name=thai("Download the template (XLSX, one example row per item type)")
        ).click()
    headers = [cell.value for cell in workbook_of(template.value).active[1]]
    assert headers[0] == "ประเภทรายการ *"

    page.locator("input[name=sheet]").set_input_files(sheet_file([announcement, result]))
    page.get_by_label(thai("published, as already public on the previous website")).check()
    page.get_by_role("button", name=thai("Check the rows")).click()
    preview = page.locator("#moit-import-preview")
    expect(preview).to_contain_text("ไม่พบไฟล์ “สขร มีนาคม.pdf” ในไฟล์ที่อัปโหลด")
    expect(page.locator(".moit-import-create")).to_have_count(1)
    save_screenshot(page, "import-preview")
    assert not pages.NewsPage.objects.exists()  # nothing written by the preview

    with page.expect_download() as refused:
        page.get_by_role("link", name=thai("Download the refused rows to fix them")).click()
    rows = list(workbook_of(refused.value).active.iter_rows(values_only=True))
    assert rows[1][1] == 3 and "สขร มีนาคม.pdf" in rows[1][0]

    page.get_by_role("link", name=thai("Start over with another file")).click()
    page.locator("input[name=sheet]").set_input_files(sheet_file([announcement, result]))
    page.locator("input[name=files]").set_input_files(zip_file({"สขร มีนาคม.pdf": PDF}))
    page.get_by_label(thai("published, as already public on the previous website")).check()
    page.get_by_role("button", name=thai("Check the rows")).click()
    expect(page.locator(".moit-import-create")).to_have_count(2)
    page.get_by_role(
        "button", name=re.compile("^" + re.escape(thai("Import %(counter)s item")[:6]))
    ).click()

    expect(page.locator(".messages")).to_contain_text("สร้างใหม่ 2 รายการ")
    batch = ImportBatch.objects.get()
    assert (batch.created, batch.mode) == (2, ImportBatch.PUBLISHED_BEFORE)
    expect(page.locator("main")).to_contain_text("สรุปผลการจัดซื้อจัดจ้าง มี.ค. 2567")
    save_screenshot(page, "import-record")

    page.context.clear_cookies()  # a citizen with an old bookmark
    page.goto("/news.php?id=41")
    item = pages.NewsPage.objects.get(title="ประกาศรับสมัครอาสาสมัคร")
    assert unquote(page.url).endswith(item.url_path.split("/", 2)[-1])
    expect(page.locator("h1")).to_contain_text("ประกาศรับสมัครอาสาสมัคร")


@pytest.fixture
def readers_skip_table_locks():
    """The test database is SQLite in memory, where the import thread's writes lock whole
    tables against the live server's reads; the site's own file database (WAL) lets pages
    be read while an import writes. For this test only, the live server's connection (the
    test's own) skips those locks the same way."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA read_uncommitted = 1")
    yield
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA read_uncommitted = 0")


def test_many_documents_at_once_with_the_progress_bar(
    page, unit, make_member, own_site, settings, save_screenshot, readers_skip_table_locks
):
    """40 procurement summaries in one go: the type, the shared details, the files; the
    check and the import run in the background while the bar moves."""
    settings.TASKS = THREAD_TASKS  # in the background, as deployed (a thread here)
    admin = make_member("webadmin", unit.admins, "วราภรณ์")
    make_member("writer", unit.editors)
    log_in(page, admin)
    page.goto(reverse("moit_importer_import"))
    page.get_by_role("link", name=thai(
        "Or upload many documents at once into one category, with the details they share"
    )).click()  # fmt: skip
    page.get_by_role("link", name=re.compile(thai("procurement result"))).click()
    names = [f"สขร_{number:02d}_2567.pdf" for number in range(1, 41)]
    page.locator("input[name=documents]").set_input_files(
        [{"name": name, "mimeType": "application/pdf", "buffer": PDF} for name in names]
    )
    page.get_by_label(thai("Information owner (unit or group)")).fill("กลุ่มงานบริหารทั่วไป")
    page.get_by_label(thai("Person responsible (username or email)")).fill("writer")
    page.get_by_label(thai("Data covers from")).fill("1 มี.ค. 2567")
    page.get_by_label(thai("kind of result")).select_option("monthly_summary")
    save_screenshot(page, "import-documents-form")
    page.get_by_role("button", name=thai("Check the items")).click()

    bar = page.locator("#moit-import-progress")
    expect(bar).to_be_visible()
    save_screenshot(page, "import-progress")
    expect(page.locator(".moit-import-create")).to_have_count(40, timeout=60_000)
    assert not pages.ProcurementResultPage.objects.exists()
    page.get_by_role(
        "button", name=re.compile("^" + re.escape(thai("Import %(counter)s item")[:6]))
    ).click()
    expect(page.locator(".messages")).to_contain_text("สร้างใหม่ 40 รายการ", timeout=60_000)
    assert pages.ProcurementResultPage.objects.count() == 40
    item = pages.ProcurementResultPage.objects.get(title="สขร 07 2567")
    assert item.workflow_in_progress and item.attachments.count() == 1
