"""Items graded in parts on the monitoring screens: the coverage report lists each part with
its status and evidence, its export names the open parts, the status filter offers "partly
covered", the roll-up's cell names the open parts and the dashboard counts such items."""

import csv
import io

import pytest
from django.utils.html import escape

from moit_wagtail.pages import models as pages
from tests import test_monitoring_reports as shared
from tests import test_submission_export as export

first_site = shared.first_site
second_unit = shared.second_unit
graded_in_parts, link = export.graded_in_parts, export.link

COVERAGE = "/admin/moit/monitoring/coverage/"
ROLLUP = "/admin/moit/monitoring/rollup/"


@pytest.fixture
def partly(moit, make_page):
    """MOIT 4 in parts: part 1 has a current page, part 2 none, part 3 is optional."""
    item, parts = graded_in_parts(moit)
    # an agency document without a topic counts for no shipped item: only the link counts
    plan = make_page(pages.AgencyDocumentPage, title="แผนจัดซื้อจัดจ้าง")
    link(item, parts[0], plan)
    return item, parts, plan


def row_of(response, code):
    return next(row for row in response.context["object_list"] if row.item.code == code)


def test_coverage_report_lists_the_parts(admin_client, first_site, partly):
    response = admin_client.get(COVERAGE)
    row = row_of(response, "MOIT 4")
    assert row.status_value == "partial"
    assert [part.status.status for part in row.parts] == ["current", "missing", "missing"]
    assert [part.counted for part in row.parts] == [True, True, False]
    assert [link.title for link in row.parts[0].evidence] == ["แผนจัดซื้อจัดจ้าง"]
    html = response.content.decode()
    html = html[
        html.index('<th scope="row">MOIT 4</th>') : html.index('<th scope="row">MOIT 5</th>')
    ]
    assert "ครอบคลุมบางส่วน" in html  # the item's status
    second = html[html.index("<strong>ส่วนที่ 2</strong>") :]
    second = second[: second.index("</li>")]
    assert "ผลการจัดซื้อรายไตรมาส" in second
    assert "ยังไม่มีหลักฐาน" in second
    first = html[html.index("<strong>ส่วนที่ 1</strong>") :]
    first = first[: first.index("<strong>ส่วนที่ 2</strong>")]
    assert f"/admin/pages/{partly[2].pk}/edit/" in first
    assert "ยังไม่มีหลักฐาน" not in first
    # an item without parts lists its pages as before
    assert row_of(response, "MOIT 5").parts == []


def test_export_names_the_open_parts(admin_client, first_site, partly):
    body = b"".join(admin_client.get(COVERAGE, {"export": "csv"}).streaming_content)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][-1] == "ส่วนที่ยังไม่มีหลักฐานที่เป็นปัจจุบัน"
    moit4 = next(row for row in rows if row[0] == "MOIT 4")
    assert moit4[3] == "ครอบคลุมบางส่วน"
    assert moit4[-1] == "ส่วนที่ 2 ผลการจัดซื้อรายไตรมาส"  # the optional part 3 is not owed
    moit5 = next(row for row in rows if row[0] == "MOIT 5")
    assert moit5[-1] == ""
    xlsx = shared.rows_of_xlsx(admin_client.get(COVERAGE, {"export": "xlsx"}))
    assert next(row for row in xlsx if row[0] == "MOIT 4")[-1] == "ส่วนที่ 2 ผลการจัดซื้อรายไตรมาส"


def test_status_filter_offers_partly_covered(admin_client, first_site, partly):
    response = admin_client.get(COVERAGE, {"status": "partial"})
    assert [row.item.code for row in response.context["object_list"]] == ["MOIT 4"]
    choices = dict(response.context["filters"].form.fields["status"].choices)
    assert choices["partial"] == "ครอบคลุมบางส่วน"
    summary = {link["value"]: link["count"] for link in response.context["status_links"]}
    assert summary["partial"] == 1


def test_rollup_cell_names_the_open_parts(admin_client, first_site, second_unit, partly):
    response = admin_client.get(ROLLUP)
    mine = response.context["object_list"][0]
    cell = mine.cells[3]  # MOIT 4
    assert cell.status == "partial"
    title = "ครอบคลุมบางส่วน: ส่วนที่ 2 ผลการจัดซื้อรายไตรมาส ยังไม่มีหลักฐานที่เป็นปัจจุบัน"
    assert cell.title == title
    assert f'title="{escape(title)}"' in response.content.decode()
    other = response.context["object_list"][1].cells[3]
    assert other.status == "missing"
    assert other.title.startswith("ไม่มีข้อมูล: ส่วนที่ 1 แผนจัดซื้อจัดจ้างประจำปี, ส่วนที่ 2")
    assert "ส่วนที่ 3" not in other.title  # optional, and nothing published for it
    assert mine.cells[4].title == "ไม่มีข้อมูล"  # MOIT 5, not graded in parts


def test_dashboard_counts_partly_covered_items(admin_client, first_site, second_unit, partly):
    response = admin_client.get("/admin/")
    panel = next(p for p in response.context["panels"] if p.name == "moit_monitoring")
    mine, other = panel.units
    assert (mine.lists[0].partial, other.lists[0].partial) == (1, 0)
    assert "status=partial" in mine.lists[0].partial_url
    assert "ครอบคลุมบางส่วน 1 รายการ" in response.content.decode()


@pytest.mark.parametrize("graded", [1, 3])
def test_coverage_queries_do_not_grow_with_parts(
    admin_client, first_site, moit, make_page, graded, django_assert_max_num_queries
):
    page = make_page(pages.AgencyDocumentPage, title="หลักฐาน")
    for code in ("MOIT 1", "MOIT 4", "MOIT 12")[:graded]:
        item, parts = graded_in_parts(moit, code)
        link(item, parts[0], page)
    admin_client.get(COVERAGE)
    with django_assert_max_num_queries(shared.PAGE_BOUND):
        response = admin_client.get(COVERAGE)
    in_parts = {row.item.code for row in response.context["object_list"] if row.parts}
    assert in_parts == {
        "MOIT 1",
        "MOIT 2",
        "MOIT 4",
        "MOIT 7",
        *("MOIT 1", "MOIT 4", "MOIT 12")[:graded],
    }
    with django_assert_max_num_queries(shared.EXPORT_BOUND):
        assert admin_client.get(COVERAGE, {"export": "csv"}).status_code == 200
