"""Segregation of duties: nobody publishes a page whose current content they wrote or
submitted, by any route; another approver of the unit can."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.models import PageLogEntry

from moit_wagtail.pages import models as pages
from moit_wagtail.workflow import duties
from tests.factories import build_page, form_values

pytestmark = pytest.mark.django_db


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def refusal():
    with translation.override("th"):
        return str(duties.REFUSAL)


@pytest.fixture
def second_approver(make_member, unit):
    return make_member("approver2", unit.approvers, "สมชาย")


def draft_by(user, index, slug="own-rules"):
    page = build_page(pages.LawPage, user, title="ประกาศของผู้อนุมัติ", slug=slug, live=False)
    index.add_child(instance=page)
    page.save_revision(user=user)
    return pages.LawPage.objects.get(pk=page.pk)


def post_edit(client, page, **extra):
    data = form_values(client.get(edit_url(page)).content.decode())
    data.update(extra)
    return client.post(edit_url(page), data, follow=True)


def test_approver_has_no_publish_button_for_his_own_page_and_is_refused(
    client, approver, law_index
):
    page = draft_by(approver, law_index)
    client.force_login(approver)
    html = client.get(edit_url(page)).content.decode()
    assert 'name="action-publish"' not in html
    response = post_edit(client, page, **{"action-publish": "1"})
    assert refusal() in response.content.decode()
    page.refresh_from_db()
    assert not page.live and page.first_published_at is None


def test_another_approver_publishes_it_unchanged(client, approver, second_approver, law_index):
    page = draft_by(approver, law_index)
    client.force_login(second_approver)
    assert 'name="action-publish"' in client.get(edit_url(page)).content.decode()
    post_edit(client, page, **{"action-publish": "1"})
    page.refresh_from_db()
    assert page.live
    assert not PageLogEntry.objects.filter(action=duties.PUBLISHED_BY_AUTHOR_ACTION).exists()


def test_an_approver_who_rewrites_a_pending_page_cannot_publish_or_approve_it(
    client, editor_user, approver, second_approver, law_index
):
    page = draft_by(editor_user, law_index, slug="pending")
    page.get_workflow().start(page, editor_user)
    client.force_login(approver)
    response = post_edit(client, page, summary="ข้อความของผู้อนุมัติ", **{"action-publish": "1"})
    assert refusal() in response.content.decode()
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress
    assert approver.pk in duties.authors(page)
    # Nor approve it, from the editor or from the modal's URL.
    assert "data-workflow-action-url" not in client.get(edit_url(page)).content.decode()
    task_state = page.current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code == 302 and response.url == "/admin/"
    page.refresh_from_db()
    assert not page.live
    # Another approver can.
    client.force_login(second_approver)
    task_state = page.current_workflow_task_state
    client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""})
    page.refresh_from_db()
    assert page.live and page.summary == "ข้อความของผู้อนุมัติ"


def test_changing_the_page_while_approving_is_refused(client, editor_user, approver, law_index):
    page = draft_by(editor_user, law_index, slug="pending")
    page.get_workflow().start(page, editor_user)
    client.force_login(approver)
    response = post_edit(
        client,
        page,
        summary="แก้ตอนอนุมัติ",
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )
    assert refusal() in response.content.decode()
    page.refresh_from_db()
    assert not page.live


def test_approving_from_the_editor_unchanged_still_works(client, editor_user, approver, law_index):
    page = draft_by(editor_user, law_index, slug="pending")
    page.get_workflow().start(page, editor_user)
    client.force_login(approver)
    post_edit(client, page, **{"action-workflow-action": "1", "workflow-action-name": "approve"})
    page.refresh_from_db()
    assert page.live


def test_bulk_publish_refuses_his_own_page(client, approver, law_index):
    page = draft_by(approver, law_index)
    client.force_login(approver)
    url = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}"
    listed = client.get(url)
    assert [item["item"].pk for item in listed.context["items_with_no_access"]] == [page.pk]
    assert listed.context["items"] == []
    client.post(url, {"include_descendants": ""})
    page.refresh_from_db()
    assert not page.live


def test_scheduling_his_own_page_is_refused(client, approver, law_index):
    page = draft_by(approver, law_index)
    client.force_login(approver)
    go_live = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    post_edit(client, page, go_live_at=go_live, **{"action-publish": "1"})
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_scheduler_holds_back_a_version_scheduled_by_its_author(approver, law_index):
    page = draft_by(approver, law_index)
    page.go_live_at = timezone.now() + datetime.timedelta(minutes=1)
    revision = page.save_revision(user=approver)
    revision.publish(user=approver, skip_permission_checks=True)  # as before the rule
    assert revision.__class__.objects.get(pk=revision.pk).approved_go_live_at
    revision.__class__.objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("moit_publish_scheduled", "--no-lock")
    page.refresh_from_db()
    assert not page.live
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_publish_copies_of_his_own_page_is_refused(client, approver, law_index):
    page = draft_by(approver, law_index)
    client.force_login(approver)
    response = client.post(
        f"/admin/pages/{page.pk}/copy/",
        {
            "new_title": page.title,
            "new_slug": "copy-of-own",
            "new_parent_page": law_index.pk,
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302 and response.url == f"/admin/pages/{page.pk}/copy/"
    assert not pages.LawPage.objects.filter(slug="copy-of-own").exists()


def test_superuser_publishing_his_own_text_is_recorded(client, admin_user, law_index):
    page = draft_by(admin_user, law_index)
    client.force_login(admin_user)
    post_edit(client, page, **{"action-publish": "1"})
    page.refresh_from_db()
    assert page.live
    entry = PageLogEntry.objects.get(action=duties.PUBLISHED_BY_AUTHOR_ACTION)
    assert entry.user == admin_user and entry.page_id == page.pk


def test_request_form_names_no_approver_when_the_author_published(admin_user, law_index):
    from moit_wagtail.evidence.records import build_record

    page = draft_by(admin_user, law_index)
    page.get_latest_revision().publish(user=admin_user)
    record = build_record(PageLogEntry.objects.get(action="wagtail.publish", page=page))
    assert record.approver is None
    assert record.requester.name == record.publisher.name


def test_request_form_names_the_other_approver_who_published(approver, second_approver, law_index):
    from moit_wagtail.evidence.records import build_record

    page = draft_by(approver, law_index)
    page.get_latest_revision().publish(user=second_approver)
    record = build_record(PageLogEntry.objects.get(action="wagtail.publish", page=page))
    assert record.approver.name == second_approver.get_full_name()
    assert record.requester.name == approver.get_full_name()


def test_revert_to_an_older_version_and_publish_is_refused(client, approver, law_index):
    page = draft_by(approver, law_index)
    first = page.get_latest_revision()
    page.summary = "ฉบับที่สอง"
    page.save_revision(user=approver)
    client.force_login(approver)
    url = f"/admin/pages/{page.pk}/revisions/{first.pk}/revert/"
    data = form_values(client.get(url).content.decode())
    response = client.post(url, {**data, "action-publish": "1"}, follow=True)
    assert refusal() in response.content.decode()
    page.refresh_from_db()
    assert not page.live
