"""Pages needing attention: reasons with due dates, filters, exports, taken-down pages."""

import datetime

import pytest
from django.utils import timezone

from moit_wagtail.pages import models as pages
from tests import factories
from tests import test_monitoring_reports as shared
from tests.test_monitoring_reports import denied, fill, rows_of_csv, rows_of_xlsx

# Shared fixtures: a second unit site next to the default one.
first_site = shared.first_site
second_unit = shared.second_unit

STALE = "/admin/moit/monitoring/stale/"
TODAY = timezone.localdate()


def update(page, **values):
    pages.PublicationPage.objects.filter(pk=page.pk).update(**values)
    return page


@pytest.fixture
def late_pages(make_page, second_unit, editor):
    """A review overdue by 3 days, one due in 10 days, one expired, one fine; and one in
    the second unit."""
    overdue = update(
        make_page(pages.LawPage, title="ทบทวนเลยกำหนด"),
        review_by=TODAY - datetime.timedelta(days=3),
    )
    soon = update(
        make_page(pages.SopManualPage, title="ทบทวนเร็วๆ นี้"),
        review_by=TODAY + datetime.timedelta(days=10),
    )
    expired = update(
        make_page(pages.NewsPage, title="หมดระยะเผยแพร่"),
        live=False, expired=True, expire_at=timezone.now() - datetime.timedelta(days=2),
    )  # fmt: skip
    fine = make_page(pages.KnowledgePage, title="ยังใหม่")
    update(fine, data_period_end=None)
    for page in (overdue, soon, expired):
        update(page, data_period_end=None)
    other = factories.publish(
        factories.build_page(pages.LawPage, editor, title="ของหน่วยที่สอง", data_period_end=None),
        second_unit[1][pages.LawIndexPage],
    )
    update(other, review_by=TODAY - datetime.timedelta(days=1))
    return {"overdue": overdue, "soon": soon, "expired": expired, "fine": fine, "other": other}


def titles(response):
    return [row.title for row in response.context["object_list"]]


def test_reasons_days_and_taken_down(admin_client, late_pages, first_site):
    response = admin_client.get(STALE, {"site": first_site.pk})
    assert response.status_code == 200
    assert titles(response) == ["ทบทวนเลยกำหนด", "ทบทวนเร็วๆ นี้", "หมดระยะเผยแพร่"]
    overdue, soon, expired = response.context["object_list"]
    assert overdue.days_overdue == 3 and overdue.is_overdue
    assert soon.days_left == 10 and not soon.is_overdue
    assert expired.taken_down and expired.days_overdue == 2
    assert overdue.site == first_site
    assert overdue.owner_unit == factories.OWNER_UNIT
    assert overdue.responsible == "สมศรี ใจดี"
    html = response.content.decode()
    assert f"/admin/pages/{late_pages['overdue'].pk}/edit/" in html
    assert str(TODAY.year + 543) in html  # due dates in the Buddhist era


def test_filters_within_reason_site_owner(admin_client, late_pages, first_site, second_unit):
    assert "ทบทวนเร็วๆ นี้" not in titles(admin_client.get(STALE, {"within": 0}))
    assert "ของหน่วยที่สอง" in titles(admin_client.get(STALE))  # all my units by default
    assert titles(admin_client.get(STALE, {"reason": "taken_down"})) == ["หมดระยะเผยแพร่"]
    assert titles(admin_client.get(STALE, {"site": second_unit[0].pk})) == ["ของหน่วยที่สอง"]
    assert titles(admin_client.get(STALE, {"owner": "ไม่มีกลุ่มนี้"})) == []


def test_exports(admin_client, late_pages, first_site):
    csv_rows = rows_of_csv(admin_client.get(STALE, {"site": first_site.pk, "export": "csv"}))
    assert [row[0] for row in csv_rows[1:]] == ["ทบทวนเลยกำหนด", "ทบทวนเร็วๆ นี้", "หมดระยะเผยแพร่"]
    assert csv_rows[1][5] == "3"
    xlsx_rows = rows_of_xlsx(admin_client.get(STALE, {"within": 0, "export": "xlsx"}))
    assert [row[0] for row in xlsx_rows[1:]] == ["ทบทวนเลยกำหนด", "ของหน่วยที่สอง", "หมดระยะเผยแพร่"]
    assert xlsx_rows[1][3] == "สมศรี ใจดี"


def test_unit_editor_sees_only_own_pages(client, unit, late_pages, second_unit, make_member):
    client.force_login(make_member("unit-editor", unit.editors))
    assert "ของหน่วยที่สอง" not in titles(client.get(STALE))
    assert denied(client.get(STALE, {"site": second_unit[0].pk}))


@pytest.mark.parametrize("per_index", [2, 12])
def test_stale_queries_do_not_grow(
    admin_client, first_site, second_unit, editor, make_document, per_index,
    django_assert_max_num_queries,
):  # fmt: skip
    fill(second_unit[1], editor, make_document(), per_index)
    admin_client.get(STALE)
    with django_assert_max_num_queries(30):
        response = admin_client.get(STALE)
    assert len(response.context["object_list"]) >= per_index
    with django_assert_max_num_queries(16):
        rows_of_csv(admin_client.get(STALE, {"export": "csv"}))
