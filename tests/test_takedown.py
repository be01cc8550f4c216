"""Take-down at the end of the publication period (seed 3.2): Wagtail's scheduler removes
the item from the public site, and coverage reports it as taken down, not missing."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry, Site

from moit_wagtail.checklist.attention import needing_attention
from moit_wagtail.checklist.status import Status, site_coverage
from moit_wagtail.pages import models as pages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    """With the public page cache on, as in production: a cached copy must not survive."""
    settings.MOIT_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def site(home_page):
    return Site.objects.select_related("root_page").get(root_page=home_page)


def status_of(site, framework, code):
    return next(row for row in site_coverage(site, framework).items if row.item.code == code)


def ends(page, delta):
    """Give ``page`` a publication period ending ``delta`` from now."""
    pages.PublicationPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() + delta)


def test_expired_item_is_taken_down_and_reported_as_such(client, site, moit, make_page):
    result = make_page(pages.ProcurementResultPage, title="ผลการจัดซื้อเดือนตุลาคม")
    url, index_url = result.url, result.get_parent().url
    assert client.get(url).status_code == 200
    assert "ผลการจัดซื้อเดือนตุลาคม" in client.get(index_url).content.decode()
    assert status_of(site, moit, "MOIT 5").status == Status.CURRENT

    ends(result, -datetime.timedelta(minutes=5))
    call_command("publish_scheduled", verbosity=0)

    result.refresh_from_db()
    assert (result.live, result.expired) == (False, True)
    assert client.get(url).status_code == 404
    assert "ผลการจัดซื้อเดือนตุลาคม" not in client.get(index_url).content.decode()
    assert PageLogEntry.objects.filter(page=result, action="wagtail.unpublish.scheduled").exists()

    row = status_of(site, moit, "MOIT 5")
    assert row.status == Status.TAKEN_DOWN
    assert [evidence.id for evidence in row.evidence] == [result.pk]
    assert not needing_attention().filter(pk=result.pk).exists()  # no more reminders


def test_an_item_whose_period_has_not_ended_stays_up(client, site, moit, make_page):
    result = make_page(pages.ProcurementResultPage)
    ends(result, datetime.timedelta(days=1))
    call_command("publish_scheduled", verbosity=0)

    result.refresh_from_db()
    assert result.live and not result.expired
    assert client.get(result.url).status_code == 200
    assert status_of(site, moit, "MOIT 5").status == Status.CURRENT


def test_a_later_live_item_makes_the_item_current_again(site, moit, make_page):
    old = make_page(pages.ProcurementResultPage, title="ผลเดือนก่อน", slug="old")
    ends(old, -datetime.timedelta(minutes=5))
    call_command("publish_scheduled", verbosity=0)
    assert status_of(site, moit, "MOIT 5").status == Status.TAKEN_DOWN

    make_page(pages.ProcurementResultPage, title="ผลเดือนนี้", slug="new")
    assert status_of(site, moit, "MOIT 5").status == Status.CURRENT
