"""The status rules: current, stale, taken down, missing, not applicable."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Site

from moit_wagtail.checklist.frameworks import load_shipped
from moit_wagtail.checklist.models import ChecklistItem, Framework, ItemEvidence, NotApplicable
from moit_wagtail.checklist.status import Status, coverage, site_coverage
from moit_wagtail.pages import models as pages

NOW = timezone.make_aware(datetime.datetime(2026, 11, 27, 10, 0))


@pytest.fixture
def site(home_page):
    return Site.objects.select_related("root_page").get(root_page=home_page)


def published(page, when):
    """Pretend ``page`` was last published at ``when``."""
    type(page).objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    return page


def status_of(site, framework, code, now=NOW):
    """The item's status in a unit's report; the province-wide aggregate path must agree."""
    report = site_coverage(site, framework, now=now)
    [aggregated] = coverage([site], framework, now=now)
    assert [row.status for row in aggregated.items] == [row.status for row in report.items]
    return next(row for row in report.items if row.item.code == code)


def test_shipped_checklists_are_loaded_once_and_keep_admin_edits(db):
    moit_2569 = Framework.objects.get(slug="moit", fiscal_year=2569)
    assert moit_2569.items.count() == 22
    assert Framework.objects.get(slug="oia").items.count() == 13
    assert Framework.objects.get(slug="website").items.filter(code="1.1.4").exists()
    item = moit_2569.items.get(code="MOIT 5")
    item.title_th = "แก้ไขโดยผู้ดูแล"
    item.save()
    assert [created for _framework, created in load_shipped()] == [0, 0, 0, 0]
    item.refresh_from_db()
    assert item.title_th == "แก้ไขโดยผู้ดูแล"


def test_shipped_moit_lists_grade_items_in_parts_and_mark_what_is_unverified(moit_2569):
    parts = {
        item.code: [part.number for part in item.parts.all()]
        for item in moit_2569.items.prefetch_related("parts")
    }
    assert (len(parts["MOIT 1"]), len(parts["MOIT 2"]), len(parts["MOIT 4"])) == (2, 18, 3)
    assert [p.due_quarter for p in moit_2569.items.get(code="MOIT 7").parts.all()] == [2, 3]
    for code in ("MOIT 10", "MOIT 16"):
        item = moit_2569.items.get(code=code)
        assert (item.frequency, item.due_quarter) == ("half_yearly", 2)
    assert list(moit_2569.items.filter(verified=False).values_list("code", flat=True)) == [
        "MOIT 20"
    ]
    fy2570 = Framework.objects.get(slug="moit", fiscal_year=2570)
    assert "2570" in fy2570.name_th and "https://" in fy2570.source
    assert fy2570.items.count() == 22 and not fy2570.items.filter(verified=True).exists()
    assert all(
        item.previous_code == item.code and "2570" in item.verification_note
        for item in fy2570.items.all()
    )
    assert fy2570.items.get(code="MOIT 4").parts.count() == 3


def test_missing_then_current_for_a_monthly_item(site, moit_2569, make_page):
    assert status_of(site, moit_2569, "MOIT 5").status == Status.MISSING
    page = published(make_page(pages.ProcurementResultPage), NOW - datetime.timedelta(days=20))
    row = status_of(site, moit_2569, "MOIT 5")
    assert row.status == Status.CURRENT
    assert [evidence.id for evidence in row.evidence] == [page.pk]
    assert row.owner == page.owner_unit
    # A monthly item: the newest summary stays current for two months.
    assert row.next_due == (NOW - datetime.timedelta(days=20)).date().replace(month=1, year=2027)


def test_monthly_summary_older_than_two_months_is_stale(site, moit_2569, make_page):
    published(make_page(pages.ProcurementResultPage), NOW - datetime.timedelta(days=70))
    assert status_of(site, moit_2569, "MOIT 5").status == Status.STALE


def test_review_date_passed_makes_evidence_stale(site, moit_2569, make_page):
    page = published(make_page(pages.ProcurementResultPage), NOW - datetime.timedelta(days=5))
    assert status_of(site, moit_2569, "MOIT 5").status == Status.CURRENT
    pages.PublicationPage.objects.filter(pk=page.pk).update(
        review_by=NOW.date() - datetime.timedelta(days=1)
    )
    assert status_of(site, moit_2569, "MOIT 5").status == Status.STALE


def test_expired_page_is_taken_down_not_missing(site, moit_2569, make_page):
    page = make_page(pages.ProcurementResultPage)
    pages.PublicationPage.objects.filter(pk=page.pk).update(live=False, expired=True)
    row = status_of(site, moit_2569, "MOIT 5")
    assert row.status == Status.TAKEN_DOWN
    assert row.evidence[0].id == page.pk


def test_not_applicable_counts_as_covered(site, moit_2569):
    item = moit_2569.items.get(code="MOIT 13")
    NotApplicable.objects.create(item=item, site=site, justification="ไม่มีการจัดซื้อยา")
    report = site_coverage(site, moit_2569, now=NOW)
    row = next(row for row in report.items if row.item == item)
    assert (row.status, row.justification) == (Status.NOT_APPLICABLE, "ไม่มีการจัดซื้อยา")
    assert report.covered == 1
    assert report.percent == round(100 / 22)


def test_linked_page_is_evidence_for_an_item_without_page_types(site, moit_2569, make_page):
    page = make_page(pages.AgencyDocumentPage, title="มาตรการป้องกันการรับสินบน")
    ItemEvidence.objects.create(item=moit_2569.items.get(code="MOIT 12"), page=page)
    assert status_of(site, moit_2569, "MOIT 12").status == Status.CURRENT


@pytest.mark.parametrize(
    ("published_on", "expected"),
    [
        (datetime.date(2025, 9, 30), Status.STALE),  # last day of FY2568
        (datetime.date(2025, 10, 1), Status.CURRENT),  # first day of FY2569
    ],
)
def test_due_quarter_needs_evidence_from_the_lists_fiscal_year(
    site, moit_2569, make_page, published_on, expected
):
    """MOIT 12 is yearly and due in Q1 of FY2569 (1 Oct 2568 - 31 Dec 2568)."""
    page = make_page(pages.AgencyDocumentPage)
    ItemEvidence.objects.create(item=moit_2569.items.get(code="MOIT 12"), page=page)
    when = timezone.make_aware(datetime.datetime.combine(published_on, datetime.time(12)))
    published(page, when)
    pages.PublicationPage.objects.filter(pk=page.pk).update(review_by=None)
    now = timezone.make_aware(datetime.datetime(2026, 1, 15, 9))
    assert status_of(site, moit_2569, "MOIT 12", now=now).status == expected


def test_next_due_is_the_due_quarter_end_when_nothing_is_published(site, moit_2569):
    row = status_of(
        site, moit_2569, "MOIT 12", now=timezone.make_aware(datetime.datetime(2025, 11, 1))
    )
    assert row.next_due == datetime.date(2025, 12, 31)


def test_coverage_reads_a_fixed_number_of_queries(
    site, moit_2569, make_page, django_assert_num_queries
):
    # items, their parts, the pages of the named page types, the hand-made links, exemptions
    for _ in range(3):
        make_page(pages.ProcurementResultPage)
    moit_2569 = Framework.objects.get(pk=moit_2569.pk)
    with django_assert_num_queries(5):
        coverage([site], moit_2569, now=NOW)
    ChecklistItem.objects.create(framework=moit_2569, code="X", title_th="เพิ่ม", clause_codes="1.2")
    make_page(pages.LawPage)
    with django_assert_num_queries(5):
        coverage([site], moit_2569, now=NOW)


def test_several_sites_are_told_apart(site, moit_2569, make_page, editor):
    from tests import factories

    make_page(pages.ProcurementResultPage)
    other_home = factories.HomePage(title="รพ.อื่น", slug="other")
    site.root_page.get_parent().add_child(instance=other_home)
    other = Site.objects.create(hostname="other.example", port=80, root_page=other_home)
    index = factories.build_indexes(other_home)[pages.NewsIndexPage]
    stale = factories.publish(factories.build_page(pages.ProcurementResultPage, editor), index)
    published(stale, NOW - datetime.timedelta(days=90))
    NotApplicable.objects.create(
        item=moit_2569.items.get(code="MOIT 13"), site=other, justification="-"
    )

    both = coverage([site, other], moit_2569, now=NOW)
    one_by_one = [site_coverage(s, moit_2569, now=NOW) for s in (site, other)]
    for combined, single in zip(both, one_by_one, strict=True):
        assert [r.status for r in combined.items] == [r.status for r in single.items]
    statuses = [{r.item.code: r.status for r in report.items} for report in both]
    assert statuses[0]["MOIT 5"] == Status.CURRENT
    assert statuses[1]["MOIT 5"] == Status.STALE
    assert (statuses[0]["MOIT 13"], statuses[1]["MOIT 13"]) == (
        Status.MISSING,
        Status.NOT_APPLICABLE,
    )
