"""The anonymous full-page cache: hits skip the database, and no visitor is ever shown
a page that was changed, taken down or expired."""

import datetime

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from moit_wagtail import page_cache
from moit_wagtail.pages import models as pages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.MOIT_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def law(make_page):
    return make_page(pages.LawPage, title="ระเบียบเดิม")


def test_second_anonymous_visit_is_served_from_cache_without_queries(
    client, law, django_assert_num_queries
):
    first = client.get(law.url)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        second = client.get(law.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_languages_and_query_strings_are_cached_apart(client, law):
    url = law.url
    thai = client.get(url)
    english = client.get("/en" + url)
    assert b'lang="th"' in thai.content and b'lang="en"' in english.content
    assert client.get("/en" + url)["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in client.get(url + "?x=1")


def test_publishing_a_change_shows_at_once(client, law, editor):
    client.get(law.url)
    law.title = "ระเบียบฉบับแก้ไข"
    law.save_revision(user=editor).publish()
    response = client.get(law.url)
    assert "X-Page-Cache" not in response
    assert "ระเบียบฉบับแก้ไข" in response.content.decode()


def test_unpublished_page_is_gone_at_once(client, law):
    assert client.get(law.url).status_code == 200
    law.unpublish()
    assert client.get(law.url).status_code == 404


def test_page_expired_by_publish_scheduled_is_taken_down(client, law):
    url = law.url
    assert client.get(url).status_code == 200
    pages.LawPage.objects.filter(pk=law.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    law.refresh_from_db()
    assert law.expired and not law.live
    assert client.get(url).status_code == 404


def test_the_listing_forgets_a_deleted_item(client, law):
    index_url = law.get_parent().url
    assert "ระเบียบเดิม" in client.get(index_url).content.decode()
    law.delete()
    assert "ระเบียบเดิม" not in client.get(index_url).content.decode()


def test_site_setting_change_shows_at_once(client, law, home_page):
    from moit_wagtail.models import AgencyProfile

    client.get(law.url)
    profile = AgencyProfile.objects.get(site__root_page=home_page)
    profile.name_th = "สำนักงานสาธารณสุขจังหวัดชื่อใหม่"
    profile.save()
    assert "ชื่อใหม่" in client.get(law.url).content.decode()


def test_signed_in_editors_always_get_a_fresh_page(client, law, editor):
    client.force_login(editor)
    client.get(law.url)
    assert "X-Page-Cache" not in client.get(law.url)


def test_restricted_pages_are_never_shared(client, law):
    PageViewRestriction.objects.create(page=law, restriction_type="login")
    client.get(law.url)
    second = client.get(law.url)
    assert "X-Page-Cache" not in second
    assert second.status_code == 302  # to the login page, every time


def test_responses_that_set_a_cookie_are_not_stored(rf, law):
    def view(request):
        setattr(request, page_cache.CACHEABLE_FLAG, True)
        response = HttpResponse("personal")
        response.set_cookie("csrftoken", "abc")
        return response

    middleware = page_cache.AnonymousPageCacheMiddleware(view)
    middleware(rf.get("/form/"))
    assert "X-Page-Cache" not in middleware(rf.get("/form/"))


def test_turned_off_with_zero_seconds(client, law, settings):
    settings.MOIT_PAGE_CACHE_SECONDS = 0
    client.get(law.url)
    assert "X-Page-Cache" not in client.get(law.url)


def test_lost_generation_counter_never_revives_old_entries(client, law):
    client.get(law.url)
    page_cache.page_cache().delete(page_cache.GENERATION_KEY)
    assert "X-Page-Cache" not in client.get(law.url)


def test_a_new_exemption_shows_on_the_public_moit_page_at_once(client, home_page):
    from wagtail.models import Site

    from moit_wagtail.checklist.models import ChecklistPage, Framework, NotApplicable

    moit = Framework.objects.get(slug="moit", fiscal_year=2569)
    page = ChecklistPage(title="MOIT 2569", slug="moit-2569", framework=moit)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert client.get(page.url).status_code == 200
    NotApplicable.objects.create(
        item=moit.items.get(code="MOIT 13"),
        site=Site.objects.get(root_page=home_page),
        justification="หน่วยงานไม่มีการจัดซื้อยา",
    )
    assert "หน่วยงานไม่มีการจัดซื้อยา" in client.get(page.url).content.decode()
