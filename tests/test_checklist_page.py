"""The public MOIT / ITA page generated from a checklist: links only to current evidence,
gaps only in the admin's preview, and a fixed number of queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from moit_wagtail.checklist.models import ChecklistItem, ChecklistPage, Framework, NotApplicable
from moit_wagtail.checklist.status import Status
from moit_wagtail.dates import format_date
from moit_wagtail.pages import models as pages
from tests.factories import add_live_children, attach, make_document

pytestmark = pytest.mark.django_db

GROUP_A = "ตัวชี้วัดที่ 1 การเปิดเผยข้อมูล"
GROUP_B = "ตัวชี้วัดที่ 2 การจัดซื้อจัดจ้าง"


@pytest.fixture
def framework(db):
    framework = Framework.objects.create(
        slug="ita-test", fiscal_year=2570, name_th="รายการหลักฐาน ITA ปีงบประมาณ 2570"
    )
    rows = [
        ("T1", GROUP_A, "ผลการจัดซื้อจัดจ้าง", "1.8.7"),
        ("T2", GROUP_A, "กฎหมายที่เกี่ยวข้อง", "1.2"),
        ("T3", GROUP_B, "ประกาศจัดซื้อจัดจ้าง", "1.8.6"),
        ("T4", GROUP_B, "สัญญาสัมปทาน", ""),
        ("T5", GROUP_B, "ระบบบริการอิเล็กทรอนิกส์", "1.9"),
    ]
    for order, (code, group, title, clauses) in enumerate(rows):
        ChecklistItem.objects.create(
            framework=framework,
            sort_order=order,
            code=code,
            group_th=group,
            title_th=title,
            clause_codes=clauses,
        )
    return framework


@pytest.fixture
def site(home_page):
    return Site.objects.get(root_page=home_page)


@pytest.fixture
def checklist_page(home_page, framework):
    page = ChecklistPage(title="ITA ปีงบประมาณ 2570", slug="ita", framework=framework)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def evidence(make_page, framework, site):
    """T1 current with a file, T2 stale (review date passed), T3 taken down, T4 not
    applicable, T5 missing."""
    current = make_page(pages.ProcurementResultPage, title="ผลการจัดซื้อวัสดุการแพทย์")
    attach(current, make_document("result.pdf", b"%PDF-1.4\n" + b"1" * 3000, title="ประกาศผล"))
    stale = make_page(pages.LawPage, title="ระเบียบฉบับเก่า")
    pages.PublicationPage.objects.filter(pk=stale.pk).update(
        review_by=timezone.localdate() - datetime.timedelta(days=1)
    )
    gone = make_page(pages.ProcurementAnnouncementPage, title="ประกาศที่หมดอายุแล้ว")
    pages.PublicationPage.objects.filter(pk=gone.pk).update(live=False, expired=True)
    NotApplicable.objects.create(
        item=framework.items.get(code="T4"), site=site, justification="หน่วยงานไม่มีสัญญาสัมปทาน"
    )
    return {"current": current, "stale": stale, "gone": gone}


def test_public_page_links_only_current_evidence(client, checklist_page, evidence):
    response = client.get(checklist_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for expected in [
        "รายการหลักฐาน ITA ปีงบประมาณ 2570",
        "2570",
        GROUP_A,
        GROUP_B,
        "T1",
        "ผลการจัดซื้อจัดจ้าง",
        "ระบบบริการอิเล็กทรอนิกส์",  # a missing item is still listed, without links
        f'href="{evidence["current"].url}"',
        "ประกาศผล",
        evidence["current"].attachments.get().url,
        "PDF",
        "หน่วยงานไม่มีสัญญาสัมปทาน",
        format_date(timezone.now()),  # last updated, Buddhist era
    ]:
        assert expected in html, expected
    positions = [html.index(text) for text in (GROUP_A, 'id="item-t2"', GROUP_B, 'id="item-t3"')]
    assert positions == sorted(positions)
    for hidden in [evidence["stale"].url, evidence["gone"].url, "ระเบียบฉบับเก่า", "badge--stale"]:
        assert hidden not in html, hidden
    assert "/admin/" not in html.replace('href="/admin/"', "")


def test_preview_shows_the_gaps_to_an_admin(admin_client, checklist_page, evidence):
    response = admin_client.get(f"/admin/pages/{checklist_page.pk}/view_draft/")
    assert response.status_code == 200
    html = response.content.decode()
    for status in (Status.STALE, Status.TAKEN_DOWN, Status.MISSING, Status.CURRENT):
        assert f"badge--{status}" in html, status
    assert f"/admin/pages/{evidence['stale'].pk}/edit/" in html
    assert f"/admin/pages/{evidence['gone'].pk}/edit/" in html
    # the public link stays the current page only
    assert f'href="{evidence["current"].url}"' in html
    assert f'href="{evidence["stale"].url}"' not in html
    context = response.context
    assert context["coverage"].covered == 2  # T1 current, T4 not applicable


def test_english_page_links_to_english_urls(client, checklist_page, evidence):
    url = evidence["current"].url
    html = client.get("/en" + checklist_page.url).content.decode()
    assert f'href="/en{url}"' in html
    assert "Fiscal year 2570" in html


def test_coverage_is_for_the_pages_own_site(client, checklist_page, evidence, home_page):
    """A second unit's evidence never shows on this unit's page."""
    from home.models import HomePage

    root = home_page.get_parent()
    other = HomePage(title="รพ.อื่น", slug="other", welcome="")
    root.add_child(instance=other)
    other.save_revision().publish()
    Site.objects.create(hostname="other.localhost", root_page=other, site_name="อื่น")
    html = client.get(checklist_page.url).content.decode()
    assert "ผลการจัดซื้อวัสดุการแพทย์" in html
    page = ChecklistPage(title="ITA อื่น", slug="ita", framework=checklist_page.framework)
    other.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/ita/", HTTP_HOST="other.localhost").content.decode()
    assert "ITA อื่น" in html and "ผลการจัดซื้อวัสดุการแพทย์" not in html


def _queries(client, url):
    cache.clear()  # the anonymous page cache would answer without a query
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_items_or_pages(
    client, checklist_page, evidence, category_indexes, editor, django_assert_max_num_queries
):
    url = checklist_page.url
    document = make_document("bulk.pdf")
    news = category_indexes[pages.NewsIndexPage]
    add_live_children(news, pages.ProcurementResultPage, editor, 3, document)
    small = _queries(client, url)

    framework = checklist_page.framework
    for number in range(6):
        ChecklistItem.objects.create(
            framework=framework, code=f"X{number}", title_th="เพิ่ม", clause_codes="1.8.7, 1.2"
        )
    add_live_children(news, pages.ProcurementResultPage, editor, 8, document, start=10)
    add_live_children(category_indexes[pages.LawIndexPage], pages.LawPage, editor, 4, document)
    large = _queries(client, url)
    assert large == small, (small, large)
    cache.clear()
    # Wagtail's routing and the site chrome (10), footer links (1), the footer's link to
    # this year's MOIT page (1), the visitor counter (2, cached in production), then the
    # framework, the status queries (items, their parts, pages, links, exemptions) and one for
    # every attachment of every listed page (7).
    with django_assert_max_num_queries(21):
        html = client.get(url).content.decode()
    assert html.count("แนบ ") >= 12  # every new page's attachment is listed
