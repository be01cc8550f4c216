"""Seed 2.2: the publishing request, through the real admin views (Django test client).

An editor asks to publish; the head of group refuses with a reason or approves; the
owner is told; nobody approves their own request; editors cannot publish directly.
"""

import pytest
from django.core import mail
from django.utils import translation
from wagtail.models import TaskState, WorkflowState

from moit_wagtail.pages import models as pages
from moit_wagtail.workflow.models import PublishingApprovalTaskState, SelfApprovalDenied
from moit_wagtail.workflow.reasons import reason_label
from moit_wagtail.workflow.setup import WORKFLOW_NAME
from tests.conftest import UNIT
from tests.factories import create_url, form_values

pytestmark = pytest.mark.django_db

TITLE = "ประกาศหลักเกณฑ์การเบิกจ่ายค่าตอบแทน"


def law_form(client, parent, owner, **overrides):
    data = form_values(client.get(create_url(parent)).content.decode())
    data.update(
        title=TITLE,
        slug="compensation-rules",
        law_type="announcement",
        issuer="สำนักงานสาธารณสุขจังหวัด",
        issued_on="2026-10-01",
        source_url="https://example.go.th/rules",
        source="ประกาศสำนักงานสาธารณสุขจังหวัด",
        summary="หลักเกณฑ์การเบิกจ่ายค่าตอบแทนปีงบประมาณ 2570",
        owner_unit="กลุ่มงานบริหารทั่วไป",
        responsible_person=str(owner.pk),
        data_period_start="2026-10-01",
        review_by="2027-09-30",
    )
    data.update(overrides)
    return data


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def action_url(page, action):
    task_state = page.current_workflow_task_state
    return f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"


def submit_new_law(client, parent, owner):
    response = client.post(
        create_url(parent), {**law_form(client, parent, owner), "action-submit": "1"}
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    return pages.LawPage.objects.get(slug="compensation-rules")


def test_every_unit_gets_its_own_workflow_on_its_whole_tree(unit, home_page, law_index):
    workflow = law_index.get_workflow()
    assert workflow.name == f"{WORKFLOW_NAME} ({UNIT})"
    assert list(workflow.tasks.specific()[0].groups.all()) == [unit.approvers]
    assert home_page.get_workflow() == workflow


def test_submission_is_refused_while_metadata_is_missing(client, editor_user, law_index):
    client.force_login(editor_user)
    data = law_form(client, law_index, editor_user, owner_unit="", data_period_start="")
    response = client.post(create_url(law_index), {**data, "action-submit": "1"})
    assert response.status_code == 200
    assert {"owner_unit", "data_period_start"} <= set(response.context["form"].errors)
    assert not WorkflowState.objects.exists()


def test_the_whole_journey(client, editor_user, approver, law_index):
    # The editor asks to publish; the approvers are told.
    client.force_login(editor_user)
    page = submit_new_law(client, law_index, editor_user)
    assert page.workflow_in_progress and not page.live
    assert [message.to for message in mail.outbox] == [[approver.email]]
    assert TITLE in mail.outbox[0].subject
    mail.outbox.clear()

    # A refusal without a reason is refused, whether posted from the modal or crafted.
    client.force_login(approver)
    response = client.post(
        action_url(page, "reject"), {"comment": "แก้ไข"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code == 200 and "rejection_reason" in response.content.decode()
    crafted = client.post(
        edit_url(page),
        {
            **form_values(client.get(edit_url(page)).content.decode()),
            "action-workflow-action": "1",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": '{"comment": "no reason"}',
        },
    )
    assert crafted.status_code == 400
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS

    # Refused with a reason and a comment: the editor is told both.
    response = client.post(
        action_url(page, "reject"),
        {"rejection_reason": "file_format", "comment": "กรุณาแนบไฟล์ PDF แทนไฟล์ภาพถ่าย"},
    )
    assert response.status_code == 302
    state = PublishingApprovalTaskState.objects.get()
    assert state.status == TaskState.STATUS_REJECTED and state.rejection_reason == "file_format"
    assert [message.to for message in mail.outbox] == [[editor_user.email]]
    with translation.override("th"):
        reason = str(reason_label("file_format"))
    assert reason in mail.outbox[0].body
    assert "กรุณาแนบไฟล์ PDF แทนไฟล์ภาพถ่าย" in mail.outbox[0].body
    assert f"/admin/pages/{page.pk}/edit/" in mail.outbox[0].body
    history = client.get(
        f"/admin/pages/{page.pk}/workflow_history/detail/{state.workflow_state_id}/"
    )
    assert reason in history.content.decode()
    mail.outbox.clear()

    # The editor fixes it and asks again; the approver approves with a comment.
    client.force_login(editor_user)
    data = form_values(client.get(edit_url(page)).content.decode())
    response = client.post(edit_url(page), {**data, "summary": "ฉบับแก้ไข", "action-submit": "1"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert [message.to for message in mail.outbox] == [[approver.email]]
    mail.outbox.clear()
    client.force_login(approver)
    response = client.post(action_url(page, "approve"), {"comment": "อนุญาตให้เผยแพร่"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.summary == "ฉบับแก้ไข"
    assert [message.to for message in mail.outbox] == [[editor_user.email]]
    assert "อนุญาตให้เผยแพร่" in mail.outbox[0].body
    assert page.full_url in mail.outbox[0].body


def test_owner_who_did_not_submit_is_told_too(
    client, editor_user, approver, law_index, make_member, unit
):
    owner = make_member("owner1", unit.editors, "วิภา")
    client.force_login(editor_user)
    page = submit_new_law(client, law_index, owner)
    mail.outbox.clear()
    client.force_login(approver)
    client.post(action_url(page, "approve"), {"comment": ""})
    assert sorted(message.to[0] for message in mail.outbox) == [editor_user.email, owner.email]


def test_nobody_approves_their_own_request(client, approver, law_index):
    client.force_login(approver)
    page = submit_new_law(client, law_index, approver)
    with translation.override("th"):
        explanation = str(SelfApprovalDenied.message)
    assert explanation in client.get(edit_url(page)).content.decode()
    response = client.post(action_url(page, "approve"), {"comment": ""})
    assert response.status_code == 302 and response.url == "/admin/"
    crafted = {
        **form_values(client.get(edit_url(page)).content.decode()),
        "action-workflow-action": "1",
        "workflow-action-name": "approve",
    }
    client.post(edit_url(page), crafted)
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress
    assert page.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_an_editor_cannot_publish_directly(client, editor_user, law_index):
    client.force_login(editor_user)
    data = law_form(client, law_index, editor_user)
    client.post(create_url(law_index), {**data, "action-publish": "1"})
    page = pages.LawPage.objects.get(slug="compensation-rules")
    assert not page.live and page.first_published_at is None
    data = form_values(client.get(edit_url(page)).content.decode())
    client.post(edit_url(page), {**data, "action-publish": "1"})
    page.refresh_from_db()
    assert not page.live


def test_a_later_refusal_reaches_who_approved_an_earlier_step(
    client, editor_user, approver, law_index, make_member, unit
):
    """Wagtail #10196: in a two-step workflow, the first approver hears of the refusal."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import WorkflowTask

    from moit_wagtail.workflow.models import PublishingApprovalTask

    directors = Group.objects.create(name="ผู้บริหาร")
    directors.permissions.add(Permission.objects.get(codename="access_admin"))
    director = make_member("director", directors, "ผู้อำนวยการ")
    second = PublishingApprovalTask.objects.create(name="ผู้บริหารพิจารณา")
    second.groups.add(directors)
    WorkflowTask.objects.create(workflow=law_index.get_workflow(), task=second, sort_order=1)

    client.force_login(editor_user)
    page = submit_new_law(client, law_index, editor_user)
    client.force_login(approver)
    client.post(action_url(page, "approve"), {"comment": "ผ่านขั้นแรก"})
    page.refresh_from_db()
    assert page.current_workflow_task.pk == second.pk
    mail.outbox.clear()
    client.force_login(director)
    response = client.post(
        action_url(page, "reject"), {"rejection_reason": "out_of_date", "comment": "ปรับปรุงตัวเลข"}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.workflow_in_progress
    assert sorted(message.to[0] for message in mail.outbox) == [approver.email, editor_user.email]
    assert all("ปรับปรุงตัวเลข" in message.body for message in mail.outbox)
