"""The monitoring panel on the admin dashboard: coverage and late pages per unit, linked."""

import datetime

import pytest
from django.utils import timezone

from moit_wagtail.monitoring.governance import MESSAGES, TOO_FEW_ADMINS
from moit_wagtail.pages import models as pages
from tests import test_monitoring_reports as shared
from tests.test_monitoring_reports import fill

# Shared fixtures: a second unit site next to the default one.
first_site = shared.first_site
second_unit = shared.second_unit

DASHBOARD = "/admin/"
TODAY = timezone.localdate()


def panel(response):
    return next(p for p in response.context["panels"] if p.name == "moit_monitoring")


def test_panel_counts_and_links(admin_client, first_site, second_unit, make_page):
    make_page(pages.ProcurementResultPage)
    late = make_page(pages.LawPage, title="เลยกำหนด")
    pages.PublicationPage.objects.filter(pk=late.pk).update(
        review_by=TODAY - datetime.timedelta(days=1), data_period_end=None
    )
    soon = make_page(pages.SopManualPage)
    pages.PublicationPage.objects.filter(pk=soon.pk).update(
        review_by=TODAY + datetime.timedelta(days=5), data_period_end=None
    )
    response = admin_client.get(DASHBOARD)
    assert response.status_code == 200
    units = panel(response).units
    assert [unit.site for unit in units] == [first_site, second_unit[0]]
    mine = units[0]
    assert [summary.framework.slug for summary in mine.lists] == ["moit", "website"]
    assert mine.lists[0].percent > units[1].lists[0].percent
    assert (mine.overdue, mine.due_soon, mine.taken_down) >= (1, 1, 0)
    html = response.content.decode()
    assert mine.overdue_url in html.replace("&amp;", "&")
    assert f"/admin/moit/monitoring/stale/?site={first_site.pk}&within=0" == mine.overdue_url
    assert "/admin/moit/monitoring/rollup/" in html
    assert not mine.governance.is_ok  # no website admins yet
    assert str(MESSAGES[TOO_FEW_ADMINS]) in html


def test_unit_member_sees_own_unit_only(client, unit, second_unit, make_member):
    client.force_login(make_member("unit-approver", unit.approvers))
    units = panel(client.get(DASHBOARD)).units
    assert len(units) == 1
    assert units[0].site.root_page_id != second_unit[0].root_page_id


@pytest.mark.parametrize("per_index", [2, 12])
def test_dashboard_queries_do_not_grow(
    admin_client, first_site, second_unit, editor, make_document, per_index,
    django_assert_max_num_queries,
):  # fmt: skip
    fill(second_unit[1], editor, make_document(), per_index)
    admin_client.get(DASHBOARD)
    with django_assert_max_num_queries(45):
        response = admin_client.get(DASHBOARD)
    assert panel(response).units[1].overdue > 0
