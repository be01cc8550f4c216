"""Seed 2.2.1: urgent publication on a verbal approval, flagged until confirmed."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState

from moit_wagtail.pages import models as pages
from moit_wagtail.workflow import urgent
from moit_wagtail.workflow.models import UrgentApproval
from tests.factories import build_page, create_url, form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def web_admin(make_member, unit):
    return make_member("webadmin", unit.admins)


@pytest.fixture
def approver(make_member, unit):
    return make_member("head", unit.approvers)


@pytest.fixture
def editor_user(make_member, unit):
    return make_member("writer", unit.editors)


@pytest.fixture
def pending_page(client, editor_user, category_indexes):
    """An editor's alert, submitted for approval and not yet live."""
    parent = category_indexes[pages.NewsIndexPage]
    page = build_page(
        pages.NewsPage, editor_user, title="แจ้งเตือนน้ำท่วมฉับพลัน", kind="1.8.4", live=False
    )
    parent.add_child(instance=page)
    page.save_revision(user=editor_user)
    page.get_workflow().start(page, editor_user)
    return page


def urgent_url(page):
    return f"/admin/moit/urgent/publish/{page.pk}/"


def an_hour_ago():
    return (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")


def test_admin_publishes_at_once_and_the_record_is_flagged(
    client, web_admin, approver, pending_page
):
    client.force_login(web_admin)
    assert client.get(urgent_url(pending_page)).status_code == 200
    response = client.post(
        urgent_url(pending_page),
        {"approver": approver.pk, "approved_at": an_hour_ago(), "reason": "น้ำท่วมกะทันหัน"},
    )
    assert response.status_code == 302
    pending_page.refresh_from_db()
    assert pending_page.live and not pending_page.workflow_in_progress
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_CANCELLED
    record = UrgentApproval.objects.get()
    assert (record.approver, record.published_by, record.is_confirmed) == (
        approver,
        web_admin,
        False,
    )
    entry = PageLogEntry.objects.get(page=pending_page, action=urgent.PUBLISH_ACTION)
    assert entry.data["reason"] == "น้ำท่วมกะทันหัน"
    history = client.get(f"/admin/pages/{pending_page.pk}/history/").content.decode()
    assert "น้ำท่วมกะทันหัน" in history


def test_the_named_approver_confirms_and_the_flag_clears(client, web_admin, approver, pending_page):
    record = urgent.publish_urgently(pending_page, web_admin, approver, timezone.now(), "ด่วนมาก")
    client.force_login(approver)
    listing = client.get("/admin/moit/urgent/").content.decode()
    assert f"/admin/pages/{pending_page.pk}/edit/" in listing
    response = client.post("/admin/moit/urgent/", {"record": record.pk})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.is_confirmed
    assert PageLogEntry.objects.filter(page=pending_page, action=urgent.CONFIRM_ACTION).exists()
    edit_link = f"/admin/pages/{pending_page.pk}/edit/"
    assert edit_link not in client.get("/admin/moit/urgent/").content.decode()


def test_only_the_named_approver_may_confirm(client, web_admin, approver, pending_page):
    record = urgent.publish_urgently(pending_page, web_admin, approver, timezone.now(), "ด่วน")
    client.force_login(web_admin)
    client.post("/admin/moit/urgent/", {"record": record.pk})
    record.refresh_from_db()
    assert not record.is_confirmed


def test_editors_and_approvers_cannot_publish_urgently(client, editor_user, approver, pending_page):
    for user in (editor_user, approver):
        client.force_login(user)
        response = client.post(
            urgent_url(pending_page),
            {"approver": approver.pk, "approved_at": an_hour_ago(), "reason": "x"},
        )
        assert response.status_code == 302 and response.url == "/admin/"
    pending_page.refresh_from_db()
    assert not pending_page.live and not UrgentApproval.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [("approved_at", "2999-01-01 09:00"), ("reason", ""), ("approver", "publisher")],
)
def test_bad_input_is_refused_and_kept(client, web_admin, approver, pending_page, field, value):
    data = {"approver": approver.pk, "approved_at": an_hour_ago(), "reason": "ด่วน"}
    data[field] = web_admin.pk if value == "publisher" else value
    client.force_login(web_admin)
    response = client.post(urgent_url(pending_page), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    pending_page.refresh_from_db()
    assert not pending_page.live


def test_missing_metadata_blocks_even_an_urgent_publication(
    client, web_admin, approver, category_indexes
):
    parent = category_indexes[pages.LawIndexPage]
    client.force_login(web_admin)
    data = form_values(client.get(create_url(parent)).content.decode())
    data.update(title="ร่างกฎหมาย", slug="draft-law", law_type="act")
    assert client.post(create_url(parent), data).status_code == 302
    draft = pages.LawPage.objects.get(slug="draft-law")
    response = client.post(
        urgent_url(draft),
        {"approver": approver.pk, "approved_at": an_hour_ago(), "reason": "ด่วน"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    draft.refresh_from_db()
    assert not draft.live
