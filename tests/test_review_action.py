""" "Reviewed, still current" (seed 3.2): a new review date without a content change,
kept by later edits, written to the history, only for those who may edit the page."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone, translation
from wagtail.log_actions import registry as log_actions
from wagtail.models import Page, PageLogEntry, Revision, Site

from home.models import HomePage
from moit_wagtail.dates import add_months, format_date
from moit_wagtail.models import AgencyProfile
from moit_wagtail.pages import models as pages
from moit_wagtail.reminders.review import REVIEWED_ACTION, next_review_date
from moit_wagtail.roles import ensure_unit_groups
from tests.factories import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(unit, make_member):
    return make_member("editor1", unit.editors, "สมศรี")


@pytest.fixture
def page(make_page, member):
    page = make_page(pages.LawPage, responsible_person=member)
    pages.PublicationPage.objects.filter(pk=page.pk).update(
        review_by=timezone.localdate() - datetime.timedelta(days=5)
    )
    return pages.LawPage.objects.get(pk=page.pk)


@pytest.fixture
def logged_in(client, member):
    client.force_login(member)
    return client


def url(page):
    return f"/admin/moit/reviewed/{page.pk}/"


def in_thai(text):
    with translation.override("th"):
        return str(text)


def test_get_shows_a_confirmation_with_the_proposed_date(logged_in, page):
    response = logged_in.get(url(page))
    assert response.status_code == 200
    html = response.content.decode()
    proposed = timezone.localdate() + datetime.timedelta(days=365)  # laws: no frequency
    assert 'name="review_by"' in html and proposed.isoformat() in html
    assert 'method="POST"' in html and "csrfmiddlewaretoken" in html
    assert format_date(page.review_by) in html  # the date it replaces
    page.refresh_from_db()
    assert page.review_by < timezone.localdate()  # GET changes nothing


def test_default_follows_the_checklist_frequency(make_page):
    today = datetime.date(2026, 11, 27)
    monthly = make_page(pages.ProcurementResultPage)  # 1.8.7: at most two months old
    assert next_review_date(monthly, today=today) == add_months(today, 2)
    law = make_page(pages.LawPage)
    assert next_review_date(law, today=today) == today + datetime.timedelta(days=365)


def test_post_sets_the_date_without_a_content_change_and_logs_it(logged_in, page, member):
    revisions = Revision.objects.count()
    published_at = page.last_published_at
    new_date = timezone.localdate() + datetime.timedelta(days=180)

    response = logged_in.post(url(page), {"review_by": new_date.isoformat()})

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    page.refresh_from_db()
    assert page.review_by == new_date
    assert page.last_reviewed_on == timezone.localdate()
    assert page.last_published_at == published_at
    assert not page.has_unpublished_changes
    assert Revision.objects.count() == revisions
    assert page.latest_revision.content["review_by"] == new_date.isoformat()
    assert page.latest_revision.content["last_reviewed_on"] == timezone.localdate().isoformat()
    entry = PageLogEntry.objects.get(page=page, action=REVIEWED_ACTION)
    assert entry.user == member
    assert entry.data["review_by"] == new_date.isoformat()
    assert not entry.content_changed
    messages = [str(message) for message in response.wsgi_request._messages]
    assert any(format_date(new_date) in message for message in messages)

    history = logged_in.get(f"/admin/pages/{page.pk}/history/").content.decode()
    assert in_thai(log_actions.get_action_label(REVIEWED_ACTION)) in history


def test_post_redirects_back_to_a_safe_next_url(logged_in, page, category_indexes):
    listing = f"/admin/pages/{category_indexes[pages.LawIndexPage].pk}/"
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = logged_in.post(url(page) + f"?next={listing}", {"review_by": future})
    assert response["Location"] == listing
    response = logged_in.post(url(page) + "?next=https://evil.example/", {"review_by": future})
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"


def test_a_past_date_is_refused(logged_in, page):
    response = logged_in.post(url(page), {"review_by": timezone.localdate().isoformat()})
    assert response.status_code == 200
    assert response.context["form"].errors["review_by"]
    assert not PageLogEntry.objects.filter(action=REVIEWED_ACTION).exists()


def test_a_later_edit_keeps_the_new_date(logged_in, page):
    new_date = timezone.localdate() + datetime.timedelta(days=200)
    logged_in.post(url(page), {"review_by": new_date.isoformat()})

    edit_url = f"/admin/pages/{page.pk}/edit/"
    data = form_values(logged_in.get(edit_url).content.decode())
    assert data["review_by"] == new_date.isoformat()
    data["summary"] = "สรุปที่แก้ไขแล้ว"
    response = logged_in.post(edit_url, data)
    assert response.status_code == 302

    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert draft.summary == "สรุปที่แก้ไขแล้ว"
    assert draft.review_by == new_date
    assert draft.last_reviewed_on == timezone.localdate()


def test_post_needs_a_csrf_token(member, page):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    assert client.post(url(page), {"review_by": future}).status_code == 403


def test_another_units_editor_is_refused(client, page, make_member):
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="รพ.อื่น", slug="other-home", welcome="")
    )
    other = Site.objects.create(hostname="other.test", root_page=home, site_name="รพ.อื่น")
    AgencyProfile.objects.create(site=other, name_th="โรงพยาบาลอื่น")
    outsider = make_member("outsider", ensure_unit_groups(other, "รพ.อื่น").admins)
    client.force_login(outsider)
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()

    assert client.get(url(page)).status_code == 403
    assert client.post(url(page), {"review_by": future}).status_code == 403
    page.refresh_from_db()
    assert page.review_by < timezone.localdate()
    assert not PageLogEntry.objects.filter(action=REVIEWED_ACTION).exists()


def test_buttons_on_the_page_header_and_listing(logged_in, page, category_indexes):
    edit = logged_in.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert url(page) in edit
    listing = logged_in.get(f"/admin/pages/{category_indexes[pages.LawIndexPage].pk}/")
    assert url(page) in listing.content.decode()


def test_unpublished_pages_cannot_be_marked(logged_in, page):
    page.unpublish()
    assert logged_in.get(url(page)).status_code == 404
