"""Many documents at once into one category, as a unit's website admin: the item type,
the details they share, the files; each file an item titled by its name (or all of them
one item's attachments), a hostile file refused by the upload checks in the preview,
the rest imported and submitted for approval. Another unit's site is refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from moit_wagtail.importer.documents import title_from
from moit_wagtail.importer.models import ImportBatch
from moit_wagtail.pages import models as pages
from tests.test_importer import PDF

pytestmark = pytest.mark.django_db

DOCUMENTS = reverse("moit_importer_documents")
RESULT = "moit_pages.procurementresultpage"


@pytest.fixture
def admin(unit, make_member):
    make_member("writer", unit.editors)
    return make_member("webadmin", unit.admins)


def shared(site, **more):
    return {
        "site": site.pk,
        "mode": ImportBatch.SUBMIT,
        "grouping": "each",
        "owner_unit": "กลุ่มงานบริหารทั่วไป",
        "person": "writer",
        "data_period_start": "1 มี.ค. 2567",
        "data_period_end": "31/03/2567",
        "field_result_kind": "monthly_summary",
        **more,
    }


def files(*names, content=PDF):
    return [SimpleUploadedFile(name, content, "application/pdf") for name in names]


def test_titles_come_from_file_names():
    assert title_from("ประกาศ_ผลการจัดซื้อ__มีค67.pdf") == "ประกาศ ผลการจัดซื้อ มีค67"
    assert title_from("folder/สขร 1 ต.ค. 2567.PDF") == "สขร 1 ต.ค. 2567"


def test_the_item_type_first_then_the_shared_details(client, admin, own_site):
    client.force_login(admin)
    choose = client.get(DOCUMENTS).content.decode()
    assert f'href="?type={RESULT}"' in choose and "ผลการจัดซื้อจัดจ้าง" in choose
    form = client.get(DOCUMENTS, {"type": RESULT}).content.decode()
    assert 'name="documents"' in form and "multiple" in form
    assert 'name="field_result_kind"' in form  # what every result needs, asked once


def test_each_file_becomes_an_item_and_a_hostile_one_is_refused(client, admin, own_site):
    client.force_login(admin)
    uploads = files("สขร_มีนาคม_2567.pdf", "สขร_เมษายน_2567.pdf")
    uploads += [SimpleUploadedFile("คู่มือ.pdf", b"MZ\x90\x00 a program", "application/pdf")]
    preview = client.post(
        f"{DOCUMENTS}?type={RESULT}", shared(own_site, documents=uploads), follow=True
    )
    assert preview.status_code == 200, (
        preview.context.get("form") and preview.context["form"].errors
    )
    assert preview.context["counts"] == {"create": 2, "update": 0, "refused": 1}
    html = preview.content.decode()
    assert "สขร มีนาคม 2567" in html and "เป็นโปรแกรม" in html
    assert not pages.ProcurementResultPage.objects.exists()

    client.post(reverse("moit_importer_confirm", args=[preview.context["token"]]), follow=True)
    items = pages.ProcurementResultPage.objects.order_by("title")
    assert [item.title for item in items] == ["สขร มีนาคม 2567", "สขร เมษายน 2567"]
    first = items[0]
    assert first.owner_unit == "กลุ่มงานบริหารทั่วไป" and first.result_kind == "monthly_summary"
    assert (first.data_period_start.isoformat(), first.data_period_end.isoformat()) == (
        "2024-03-01",
        "2024-03-31",
    )
    assert first.attachments.get().document.title == "สขร_มีนาคม_2567"
    assert not first.live and first.workflow_in_progress  # waiting for the head of group
    batch = ImportBatch.objects.get()
    assert (batch.created, batch.refused) == (2, 1)


def test_all_files_into_one_item(client, admin, own_site):
    client.force_login(admin)
    data = shared(own_site, grouping="one", documents=files("ส่วนที่ 1.pdf", "ส่วนที่ 2.pdf"))
    missing = client.post(f"{DOCUMENTS}?type={RESULT}", data)
    assert "ชื่อของรายการที่รวมไฟล์" in missing.content.decode()  # the title is asked for
    data.update(title="สรุปผลการจัดซื้อจัดจ้าง ไตรมาส 2", documents=files("ส่วนที่ 1.pdf", "ส่วนที่ 2.pdf"))
    preview = client.post(f"{DOCUMENTS}?type={RESULT}", data, follow=True)
    client.post(reverse("moit_importer_confirm", args=[preview.context["token"]]), follow=True)
    item = pages.ProcurementResultPage.objects.get()
    assert item.title == "สรุปผลการจัดซื้อจัดจ้าง ไตรมาส 2"
    assert item.attachments.count() == 2


def test_another_units_site_and_editors_are_refused(
    client, admin, own_site, other_site, unit, make_member
):
    client.force_login(admin)
    response = client.post(
        f"{DOCUMENTS}?type={RESULT}", shared(other_site, documents=files("a.pdf"))
    )
    assert response.status_code == 200 and "token" not in response.context
    assert "site" in response.context["form"].errors
    client.force_login(make_member("writer2", unit.editors))
    assert client.get(DOCUMENTS)["Location"] == reverse("wagtailadmin_home")


def test_one_bad_file_refuses_only_its_row(client, admin, own_site):
    import io
    import zipfile

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("setup.exe", b"MZ\x90\x00 a program")
    uploads = files("สขร_มีนาคม_2567.pdf")
    uploads += [SimpleUploadedFile("setup.exe", b"MZ\x90\x00 a program")]
    uploads += [SimpleUploadedFile("data.zip", archive.getvalue(), "application/zip")]
    client.force_login(admin)
    data = shared(own_site, documents=uploads)
    preview = client.post(f"{DOCUMENTS}?type={RESULT}", data, follow=True)
    assert preview.context["counts"] == {"create": 1, "update": 0, "refused": 2}
    reasons = {row["title"]: row["reasons"] for row in preview.context["rows"]}
    assert "setup.exe" in reasons["setup"][0] and "data.zip" in reasons["data"][0]


def test_names_that_differ_in_case_or_spacing_stay_apart(client, admin, own_site):
    client.force_login(admin)
    names = ["Report.pdf", "report.pdf", "a  b.pdf", "a b.pdf"]
    uploads = [
        SimpleUploadedFile(name, PDF + f"% file {number}\n".encode(), "application/pdf")
        for number, name in enumerate(names)
    ]
    data = shared(own_site, grouping="one", title="รวมไฟล์", documents=uploads)
    preview = client.post(f"{DOCUMENTS}?type={RESULT}", data, follow=True)
    assert preview.context["counts"]["create"] == 1
    client.post(reverse("moit_importer_confirm", args=[preview.context["token"]]), follow=True)
    item = pages.ProcurementResultPage.objects.get()
    contents = {attachment.document.file.read() for attachment in item.attachments.all()}
    assert len(contents) == 4  # no file stood in for another


def test_a_title_too_long_gets_django_s_message_in_thai(client, admin, own_site):
    client.force_login(admin)
    data = shared(own_site, grouping="one", title="ก" * 300, documents=files("ก.pdf"))
    errors = client.post(f"{DOCUMENTS}?type={RESULT}", data).context["form"].errors["title"]
    assert errors == ["ข้อความนี้ยาวได้ไม่เกิน 255 ตัวอักษร (ขณะนี้มี 300)"]
