"""The assessor's submission sheet for the MOIT system: one unit (XLSX, CSV) and the province
(a workbook with a sheet per unit). What matters to the assessor: Thai headings, the URLs of
current evidence only, Buddhist-era dates, a row per part, and nobody else's unit."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Site

from moit_wagtail.checklist.models import (
    ChecklistPart,
    Framework,
    ItemEvidence,
    NotApplicable,
    Requirement,
)
from moit_wagtail.dates import format_date
from moit_wagtail.monitoring.submission import MAX_SHEET_TITLE, sheet_title
from moit_wagtail.pages import models as pages
from tests import factories
from tests import test_monitoring_reports as shared
from tests.test_monitoring_reports import build_unit_site, fill

first_site = shared.first_site
second_unit = shared.second_unit

SUBMISSION = "/admin/moit/monitoring/submission/"
PROVINCE = "/admin/moit/monitoring/submission/province/"
HEADINGS = [
    "รายการตรวจ", "รหัส", "รายการ", "ส่วนที่", "ชื่อส่วน", "สถานะ", "URL ของหลักฐาน",
    "URL แบบฟอร์มขออนุญาตเผยแพร่", "วันที่เผยแพร่ (พ.ศ.)", "ไม่เกี่ยวข้องเนื่องจาก",
]  # fmt: skip
LIST, CODE, TITLE, PART, PART_TITLE, STATUS, URLS, FORMS, PUBLISHED, JUSTIFICATION = range(10)
BE_YEAR = str(timezone.localdate().year + 543)
FORBIDDEN = set("[]:*?/\\")


def graded_in_parts(framework, code="MOIT 4"):
    """``code`` graded in two required parts and an optional third."""
    item = framework.items.get(code=code)
    item.parts.all().delete()  # the shipped parts give way to these
    return item, [
        ChecklistPart.objects.create(item=item, number=1, title_th="แผนจัดซื้อจัดจ้างประจำปี"),
        ChecklistPart.objects.create(item=item, number=2, title_th="ผลการจัดซื้อรายไตรมาส"),
        ChecklistPart.objects.create(
            item=item, number=3, title_th="การตรวจผลประโยชน์ทับซ้อน",
            requirement=Requirement.IF_APPLICABLE,
        ),
    ]  # fmt: skip


def link(item, part, page):
    return ItemEvidence.objects.create(item=item, part=part, page=page)


def aged(page, days):
    pages.PublicationPage.objects.filter(pk=page.pk).update(
        last_published_at=timezone.now() - datetime.timedelta(days=days)
    )
    return page


def public_url(page, host="testserver"):
    return f"http://{host}/" + page.url_path.split("/", 2)[2]


def xlsx_sheets(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    body = b"".join(response.streaming_content)
    workbook = load_workbook(io.BytesIO(body))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }


def csv_rows(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body[3:].decode("utf-8"))))


def rows_of(rows, code):
    return [row for row in rows if row[CODE] == code]


@pytest.fixture
def evidence(moit, make_page):
    """MOIT 5: a current summary and one published 400 days ago (stale); MOIT 4 in parts,
    part 1 linked to a current page; MOIT 12 not applicable with a hostile justification."""
    current = make_page(pages.ProcurementResultPage, title="สรุปผลจัดซื้อเดือนล่าสุด")
    stale = aged(make_page(pages.ProcurementResultPage, title="สรุปผลจัดซื้อเก่า"), 400)
    item, parts = graded_in_parts(moit)
    plan = make_page(pages.LawPage, title="แผนจัดซื้อจัดจ้าง")
    link(item, parts[0], plan)
    NotApplicable.objects.create(
        site=Site.objects.get(is_default_site=True),
        item=moit.items.get(code="MOIT 12"),
        justification='=HYPERLINK("http://evil.example/")',
    )
    return {"current": current, "stale": stale, "plan": plan, "parts": parts}


def test_unit_sheet_in_xlsx(admin_client, first_site, moit, evidence):
    sheets = xlsx_sheets(admin_client.get(SUBMISSION, {"export": "xlsx"}))
    [(title, rows)] = sheets.items()
    assert title == (first_site.site_name or first_site.hostname)[:MAX_SHEET_TITLE]
    assert rows[0] == HEADINGS
    # an item graded in parts (MOIT 1, 2, 4, 7) gives a row per part
    assert len(rows) == 1 + sum(max(1, item.parts.count()) for item in moit.items.all())
    [moit5] = rows_of(rows, "MOIT 5")
    assert moit5[LIST] == moit.label == "MOIT 2570"
    assert moit5[PART] is None and moit5[PART_TITLE] is None
    assert moit5[STATUS] == "เป็นปัจจุบัน"
    assert moit5[URLS] == public_url(evidence["current"])  # the stale page is not sent
    # (MOIT 2's procurement part takes any published procurement page, old ones too)
    assert moit5[FORMS] == f"http://testserver/admin/moit/evidence/page/{evidence['current'].pk}/"
    assert moit5[PUBLISHED].endswith(BE_YEAR)
    assert format_date(timezone.localdate()) == moit5[PUBLISHED]  # Thai month, Buddhist year

    part1, part2, part3 = rows_of(rows, "MOIT 4")
    assert [part1[PART], part2[PART], part3[PART]] == [1, 2, 3]
    assert part2[PART_TITLE] == "ผลการจัดซื้อรายไตรมาส"
    assert part1[STATUS] == "เป็นปัจจุบัน"
    assert part1[URLS] == public_url(evidence["plan"])
    assert (part2[STATUS], part2[URLS]) == ("ไม่มีข้อมูล", None)
    assert part3[STATUS] == "ไม่บังคับ ไม่มีหลักฐาน"

    [moit12] = rows_of(rows, "MOIT 12")
    assert moit12[STATUS] == "ไม่เกี่ยวข้อง"
    assert moit12[JUSTIFICATION] == '=HYPERLINK("http://evil.example/")'  # text, not a formula


def test_unit_sheet_in_csv(admin_client, first_site, evidence, make_page):
    newer = make_page(pages.ProcurementResultPage, title="สรุปผลจัดซื้อเดือนนี้")
    rows = csv_rows(admin_client.get(SUBMISSION, {"export": "csv"}))
    assert rows[0] == HEADINGS
    [moit5] = rows_of(rows, "MOIT 5")
    urls = moit5[URLS].split("\n")  # several URLs in one cell, one a line
    assert sorted(urls) == sorted([public_url(evidence["current"]), public_url(newer)])
    assert len(moit5[FORMS].split("\n")) == len(moit5[PUBLISHED].split("\n")) == 2
    assert all(day.endswith(BE_YEAR) for day in moit5[PUBLISHED].split("\n"))
    assert [row[PART] for row in rows_of(rows, "MOIT 4")] == ["1", "2", "3"]
    [moit12] = rows_of(rows, "MOIT 12")
    assert moit12[JUSTIFICATION].startswith("'=")  # escaped for Excel


def test_form_urls_on_the_admin_base_url(admin_client, first_site, evidence, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://admin.example.go.th/"
    [moit5] = rows_of(csv_rows(admin_client.get(SUBMISSION, {"export": "csv"})), "MOIT 5")
    page_id = evidence["current"].pk
    assert moit5[FORMS] == f"https://admin.example.go.th/admin/moit/evidence/page/{page_id}/"
    settings.WAGTAILADMIN_BASE_URL = ""
    [moit5] = rows_of(csv_rows(admin_client.get(SUBMISSION, {"export": "csv"})), "MOIT 5")
    assert moit5[FORMS] == f"http://testserver/admin/moit/evidence/page/{page_id}/"


def test_default_is_the_moit_list_in_force(admin_client, first_site, moit):
    in_force = moit  # today is in fiscal year 2570
    assert moit.fiscal_year == 2570
    moit.copy_to_year(2571)  # next year's list is not yet in force
    response = admin_client.get(SUBMISSION)
    assert response.status_code == 200
    assert response.context["view"].framework == in_force
    rows = csv_rows(admin_client.get(SUBMISSION, {"export": "csv"}))
    assert {row[LIST] for row in rows[1:]} == {"MOIT 2570"}
    website = Framework.objects.get(slug="website")
    rows = csv_rows(admin_client.get(SUBMISSION, {"export": "csv", "framework": website.pk}))
    assert len(rows) == 1 + website.items.count()


def test_page_shows_the_rows_and_is_linked_from_the_reports(admin_client, first_site, evidence):
    response = admin_client.get(SUBMISSION)
    html = response.content.decode()
    assert public_url(evidence["current"]) in html
    assert "ส่วนที่ 2" in html
    coverage = admin_client.get("/admin/moit/monitoring/coverage/").content.decode()
    assert "ดาวน์โหลดสำหรับระบบ MOIT" in coverage
    assert f"{SUBMISSION}?site={first_site.pk}" in coverage


def test_a_unit_admin_gets_their_own_sites_only(client, unit, second_unit, make_member, evidence):
    client.force_login(make_member("unit-admin", unit.admins))
    response = client.get(SUBMISSION)
    assert response.status_code == 200
    own = Site.objects.get(is_default_site=True)
    choices = response.context["filters"].form.fields["site"].choices
    assert [value for value, _label in choices] == [str(own.pk)]
    assert len(csv_rows(client.get(SUBMISSION, {"export": "csv"}))) > 20
    other = second_unit[0]
    for params in ({"site": other.pk}, {"site": other.pk, "export": "csv"}):
        assert client.get(SUBMISSION, params).status_code in (403, 404)
    assert client.get(SUBMISSION + "results/", {"site": other.pk}).status_code in (403, 404)
    assert client.get(PROVINCE).status_code == 403  # not the provincial office
    assert b"PK" not in client.get(PROVINCE).content[:2]


def test_province_workbook_has_a_sheet_per_unit(admin_client, first_site, second_unit, editor):
    site, indexes, _groups = second_unit
    page = factories.publish(
        factories.build_page(pages.ProcurementResultPage, editor, title="ของหน่วยที่สอง"),
        indexes[pages.NewsIndexPage],
    )
    long_name = "โรงพยาบาลส่งเสริมสุขภาพตำบล: บ้าน[ทดสอบ]/หมู่ 5 * อำเภอเมือง?"
    build_unit_site(long_name, "a.testserver", "a")
    build_unit_site(long_name, "b.testserver", "b")  # the same name twice
    rollup = admin_client.get("/admin/moit/monitoring/rollup/").content.decode()
    assert PROVINCE in rollup
    sheets = xlsx_sheets(admin_client.get(PROVINCE))
    assert len(sheets) == 4
    titles = list(sheets)
    assert len({title.casefold() for title in titles}) == 4
    for title in titles:
        assert 0 < len(title) <= MAX_SHEET_TITLE
        assert not FORBIDDEN & set(title)
    rows = sheets[site.site_name]
    assert rows[0] == HEADINGS
    [moit5] = rows_of(rows, "MOIT 5")
    assert moit5[URLS] == public_url(page, "dho.testserver")


def test_province_workbook_needs_view_all_units(client, unit, second_unit, make_member):
    member = make_member("both-units", unit.admins)
    member.groups.add(second_unit[2].admins)  # two units, but not the provincial office
    client.force_login(member)
    assert client.get(PROVINCE).status_code == 403
    assert PROVINCE not in client.get("/admin/moit/monitoring/rollup/").content.decode()


def test_sheet_titles_are_safe_for_excel():
    taken = set()
    assert sheet_title("a/b:c*d?e[f]g\\h", taken) == "a b c d e f g h"
    assert sheet_title("A B C D E F G H", taken) == "A B C D E F G H (2)"
    long = "ก" * 40
    assert sheet_title(long, taken) == "ก" * 31
    assert sheet_title(long, taken) == "ก" * 27 + " (2)"
    assert sheet_title("'quoted'", taken) == "quoted"
    assert sheet_title("History", taken) == "History (2)"
    assert sheet_title("", taken) == "Sheet"


# The export's own work is a fixed handful of queries (sites, checklists, items and parts,
# evidence pages, evidence links, exemptions): 10 measured; the page 13.
EXPORT_BOUND = 12
WORKBOOK_BOUND = 12
PAGE_BOUND = 16


@pytest.mark.parametrize("per_index", [2, 12])
def test_unit_export_queries_do_not_grow(
    admin_client, moit, second_unit, editor, make_document, per_index,
    django_assert_max_num_queries,
):  # fmt: skip
    site, indexes, _groups = second_unit
    created = fill(indexes, editor, make_document(), per_index)
    for code in ("MOIT 1", "MOIT 4", "MOIT 12")[: 1 + per_index // 6]:
        item, parts = graded_in_parts(moit, code)
        for part, page in zip(parts, created, strict=False):
            link(item, part, page)
    params = {"site": site.pk}
    admin_client.get(SUBMISSION, params)  # warm per-process caches
    with django_assert_max_num_queries(EXPORT_BOUND) as csv_queries:
        assert len(csv_rows(admin_client.get(SUBMISSION, {**params, "export": "csv"}))) > 22
    with django_assert_max_num_queries(EXPORT_BOUND) as xlsx_queries:
        assert len(xlsx_sheets(admin_client.get(SUBMISSION, {**params, "export": "xlsx"}))) == 1
    with django_assert_max_num_queries(PAGE_BOUND) as page_queries:
        assert admin_client.get(SUBMISSION, params).status_code == 200
    print(
        f"\nsubmission queries ({per_index} per index): csv {len(csv_queries)}, "
        f"xlsx {len(xlsx_queries)}, page {len(page_queries)}"
    )


@pytest.mark.parametrize("units", [2, 5])
def test_province_workbook_queries_do_not_grow(
    admin_client, first_site, moit, editor, make_document, units, django_assert_max_num_queries
):
    graded_in_parts(moit)
    document = make_document()
    for number in range(units - 1):
        _site, indexes, _groups = build_unit_site(f"หน่วย {number}", f"u{number}.test", f"u{number}")
        fill(indexes, editor, document, 2 * units)
    admin_client.get(PROVINCE)
    with django_assert_max_num_queries(WORKBOOK_BOUND) as queries:
        assert len(xlsx_sheets(admin_client.get(PROVINCE))) == units
    print(f"\nprovince workbook queries ({units} units): {len(queries)}")
