"""Every CSV export opens in Excel with Thai intact: it starts with the UTF-8 BOM.

Ours (coverage, roll-up, stale pages, the publications listing, the traffic log) and
Wagtail's own reports that admins use (site history, locked pages); never an uploaded
CSV document, which is served byte for byte.
"""

import re

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from moit_wagtail.pages import models as pages
from moit_wagtail.spreadsheets import BOM, with_bom
from tests import test_monitoring_reports as shared

pytestmark = pytest.mark.django_db

first_site = shared.first_site
second_unit = shared.second_unit
THAI = re.compile("[\u0e00-\u0e7f]")
TITLE = "ประกาศหลักเกณฑ์การเบิกจ่าย"


def csv_text(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:3] == b"\xef\xbb\xbf"
    assert body.count(BOM) == 1
    text = body.decode("utf-8-sig")
    assert THAI.search(text)
    return text


@pytest.fixture
def law(make_page):
    page = make_page(pages.LawPage, title=TITLE, review_by="2020-01-01")
    page.save_revision().publish()
    return page


def test_coverage_report(admin_client, law):
    assert "ตัวชี้วัดที่ 9" in csv_text(
        admin_client.get("/admin/moit/monitoring/coverage/", {"export": "csv"})
    )


def test_provincial_rollup(admin_client, law, first_site, second_unit):
    text = csv_text(admin_client.get("/admin/moit/monitoring/rollup/", {"export": "csv"}))
    assert shared.SECOND_UNIT in text


def test_stale_pages_report(admin_client, law):
    text = csv_text(admin_client.get("/admin/moit/monitoring/stale/", {"export": "csv"}))
    assert TITLE in text


def test_publications_listing(admin_client, law):
    text = csv_text(admin_client.get(reverse("moit_publications:index"), {"export": "csv"}))
    assert TITLE in text


def test_traffic_log(client, admin_user):
    from moit_wagtail.traffic.models import TrafficLogEntry

    TrafficLogEntry.objects.create(
        at=timezone.now(), client="203.0.113.1", method="GET", path="/ข่าว/", status=200, bytes=1
    )
    client.force_login(admin_user)
    today = timezone.localdate().isoformat()
    text = csv_text(client.post("/admin/moit/traffic/", {"date_from": today, "date_to": today}))
    assert "/ข่าว/" in text


def test_wagtails_site_history(client, admin_user, home_page):
    log(instance=home_page, action="wagtail.edit", user=admin_user)
    client.force_login(admin_user)
    response = client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    assert home_page.title in csv_text(response)


def test_wagtails_locked_pages_report(client, admin_user, law):
    law.locked, law.locked_by = True, admin_user
    law.save()
    client.force_login(admin_user)
    response = client.get(reverse("wagtailadmin_reports:locked_pages"), {"export": "csv"})
    assert TITLE in csv_text(response)


def test_an_uploaded_csv_document_is_served_unchanged(client, make_document):
    content = "ปี,งบประมาณ\n2569,100\n".encode()
    document = make_document("budget.csv", content, title="งบประมาณ")
    response = client.get(document.url, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body == content


def test_with_bom_never_adds_a_second_one():
    assert with_bom(HttpResponse(BOM + "ก".encode())).content == BOM + "ก".encode()
    streamed = with_bom(with_bom(StreamingHttpResponse(iter([b"a,", b"b\n"]))))
    assert b"".join(streamed.streaming_content) == BOM + b"a,b\n"
