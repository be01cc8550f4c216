"""The import screens as a unit's website admin: the template, the preview of a sheet with
a bad row, the refused rows downloaded to fix, the import, and its record; editors and
other units cannot import here."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Page

from moit_wagtail.importer.models import ImportBatch
from moit_wagtail.pages import models as pages
from tests.test_importer import PDF, news, procurement_result, xlsx

pytestmark = pytest.mark.django_db

IMPORT = "/admin/moit/import/"


@pytest.fixture
def admin(unit, make_member):
    return make_member("webadmin", unit.admins)


@pytest.fixture
def writer(unit, make_member):
    return make_member("writer", unit.editors)


def upload(rows, files=None, mode=ImportBatch.SUBMIT, site=None):
    sheet = xlsx(rows)
    data = {"mode": mode, "sheet": SimpleUploadedFile(sheet.name, sheet.read())}
    if site is not None:
        data["site"] = site.pk
    if files:
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as bundle:
            for name, content in files.items():
                bundle.writestr(name, content)
        data["files"] = SimpleUploadedFile("ไฟล์แนบ.zip", archive.getvalue())
    return data


def check(client, data):
    """Upload, follow the check's progress to the preview; returns the preview response."""
    return client.post(IMPORT, data, follow=True)


def import_now(client, token):
    """Press "Import" and follow the progress to the record of the import."""
    return client.post(reverse("moit_importer_confirm", args=[token]), follow=True)


def sheet_rows(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(io.BytesIO(body))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_the_template_has_thai_headers(client, admin, own_site):
    client.force_login(admin)
    response = client.get(reverse("moit_importer_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet_rows(response)
    assert rows[0][:2] == ["ประเภทรายการ *", "ชื่อรายการ *"]


def test_preview_fix_and_import(client, admin, writer, own_site):
    client.force_login(admin)
    form = client.get(IMPORT).content.decode()
    assert "นำเข้าจากเว็บไซต์เดิม" in form and "ดาวน์โหลดแม่แบบ" in form
    good = news("ประกาศผลการคัดเลือก", old_url="https://old.example.go.th/?p=12")
    bad = procurement_result("ผลการจัดซื้อที่ลืมแนบไฟล์", files="ผลการจัดซื้อ.pdf")
    pages_before = Page.objects.count()

    preview = check(client, upload([good, bad], site=own_site))

    html = preview.content.decode()
    assert preview.status_code == 200
    token = preview.context["token"]
    assert [url for url, _status in preview.redirect_chain] == [
        reverse("moit_importer_progress", args=[token]),
        reverse("moit_importer_preview", args=[token]),
    ]
    assert "ยังไม่บันทึกสิ่งใด" in html
    assert "ไม่พบไฟล์ “ผลการจัดซื้อ.pdf” ในไฟล์ที่อัปโหลด" in html
    assert Page.objects.count() == pages_before
    refused = sheet_rows(client.get(reverse("moit_importer_refused", args=[token])))
    assert refused[0][:3] == ["เหตุผลที่ไม่รับ", "แถว", "ประเภทรายการ"]
    assert refused[1][1] == 3 and "ผลการจัดซื้อ.pdf" in refused[1][0]
    assert len(refused) == 2  # only the refused row, to fix and upload again

    response = import_now(client, token)
    batch = ImportBatch.objects.get()
    assert response.redirect_chain[-1][0] == reverse("moit_import_batches:inspect", args=[batch.pk])
    assert (batch.created, batch.refused, batch.created_by) == (1, 1, admin)
    assert pages.NewsPage.objects.filter(title="ประกาศผลการคัดเลือก").exists()
    record = response.content.decode()
    assert "ประกาศผลการคัดเลือก" in record and "ไม่พบไฟล์" in record
    assert "สร้างใหม่ 1 รายการ" in record  # the message
    assert client.post(reverse("moit_importer_confirm", args=[token])).status_code == 404

    # the corrected sheet: the fixed row with its file, the good row again
    fixed = check(client, upload([good, bad], {"ผลการจัดซื้อ.pdf": PDF}, site=own_site))
    assert fixed.context["counts"] == {"create": 1, "update": 1, "refused": 0}
    import_now(client, fixed.context["token"])
    assert pages.ProcurementResultPage.objects.get().attachments.count() == 1
    assert pages.NewsPage.objects.filter(title="ประกาศผลการคัดเลือก").count() == 1


def test_a_bad_file_keeps_the_form_with_a_thai_message(client, admin, own_site):
    client.force_login(admin)
    data = {
        "site": own_site.pk,
        "mode": ImportBatch.SUBMIT,
        "sheet": SimpleUploadedFile("รายการ.xlsx", b"MZ\x90\x00 not a workbook"),
    }
    response = client.post(IMPORT, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "เป็นโปรแกรม" in html
    assert re.search(r'value="submit"[^>]*checked', html)  # the choice is kept


def test_editors_cannot_import(client, writer, own_site):
    client.force_login(writer)
    response = client.get(IMPORT)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_a_wordpress_export_through_the_admin(client, admin, writer, own_site):
    from tests.test_importer_wordpress import NEWS, RULES
    from tests.wxr import wordpress_export

    export, uploads, titles = wordpress_export(9)
    client.force_login(admin)
    data = {
        "site": own_site.pk,
        "source": "wordpress",
        "mode": ImportBatch.PUBLISHED_BEFORE,
        "sheet": SimpleUploadedFile("wordpress.xml", export, "text/xml"),
        "files": SimpleUploadedFile("uploads.zip", uploads, "application/zip"),
        "rules": RULES,
        "default_type": NEWS,
        "owner_unit": "กลุ่มงานบริหารทั่วไป",
        "person": "writer",
    }
    preview = check(client, data)
    assert preview.status_code == 200, preview.context["form"].errors
    counts = preview.context["counts"]
    assert counts["create"] + counts["refused"] == len(titles) and counts["create"] > 0
    import_now(client, preview.context["token"])
    assert pages.NewsPage.objects.filter(live=True).count() == counts["create"]

    data.pop("files")
    data.update(sheet=SimpleUploadedFile("w.xml", export), rules="ข่าว = ไม่มีประเภทนี้")
    bad_rules = client.post(IMPORT, data)
    assert "บรรทัดที่ 1 ของกฎการจับคู่" in bad_rules.content.decode()


def test_the_progress_screen_while_a_check_runs(client, admin, own_site, monkeypatch):
    from moit_wagtail.importer import jobs

    started = []

    class Queue:  # a worker that has not started the check yet
        def using(self, **options):
            return self

        def enqueue(self, *args):
            started.append(args)

    monkeypatch.setattr(jobs, "run_staged", Queue())
    client.force_login(admin)
    response = client.post(IMPORT, upload([news("หนึ่ง"), news("สอง")], site=own_site))
    token = started[0][0]
    progress = reverse("moit_importer_progress", args=[token])
    assert response["Location"] == progress
    assert "ตรวจแล้ว 0 จาก 2 แถว" in client.get(progress).content.decode()  # known at once
    jobs.write_progress(token, step=jobs.PREVIEW, state=jobs.RUNNING, done=1, total=2)
    html = client.get(progress).content.decode()
    assert 'id="moit-import-progress" max="2" value="1"' in html
    assert "ตรวจแล้ว 1 จาก 2 แถว" in html
    state = client.get(progress, HTTP_ACCEPT="application/json").json()
    assert (state["running"], state["done"], state["total"]) == (True, 1, 2)
    # the preview is not ready, so "Import" waits for it
    confirm = client.post(reverse("moit_importer_confirm", args=[token]))
    assert confirm["Location"] == progress and len(started) == 1

    jobs.write_progress(token, step=jobs.PREVIEW, state=jobs.FAILED)
    failed = client.get(progress, follow=True)
    assert failed.redirect_chain[-1][0] == IMPORT
    assert "หยุดก่อนเสร็จ" in failed.content.decode()
    assert client.get(progress).status_code == 404  # discarded


def test_a_stalled_import_says_nothing_was_written(client, admin, own_site, monkeypatch):
    from moit_wagtail.importer import jobs

    client.force_login(admin)
    preview = check(client, upload([news("หนึ่ง")], site=own_site))
    token = preview.context["token"]
    monkeypatch.setattr(jobs, "STALLED_AFTER", -1)
    jobs.write_progress(token, step=jobs.IMPORT, state=jobs.RUNNING, done=0, total=1)
    response = client.get(reverse("moit_importer_progress", args=[token]), follow=True)
    assert "หยุดก่อนเสร็จ" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_another_users_token_is_not_found(client, admin, unit, make_member, own_site):
    client.force_login(admin)
    token = check(client, upload([news("หนึ่ง")], site=own_site)).context["token"]
    other = make_member("webadmin2", unit.admins)
    client.force_login(other)
    for name in ("progress", "preview", "refused"):
        assert client.get(reverse(f"moit_importer_{name}", args=[token])).status_code == 404
    assert client.post(reverse("moit_importer_confirm", args=[token])).status_code == 404


def test_a_failed_check_logs_why_without_the_token(client, admin, own_site, monkeypatch, caplog):
    from moit_wagtail.importer import jobs

    def broken(token, user_id, step):
        raise FileNotFoundError(f"/private-media/imports/{token}/staged.json")

    monkeypatch.setattr(jobs, "_run", broken)
    client.force_login(admin)
    response = client.post(IMPORT, upload([news("หนึ่ง")], site=own_site))
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert "FileNotFoundError" in caplog.text and "<token>" in caplog.text
    assert token not in caplog.text
    refused = client.get(reverse("moit_importer_refused", args=[token]))
    assert refused.status_code == 302  # no sheet of refused rows: back to the progress
