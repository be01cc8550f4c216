"""After a decision everyone knows where they stand, and emailed links open on the unit's host.

The editor whose request was refused sees it on the page editor itself (who, when in the
Buddhist era, the reason and the comment, and the resubmit action); the status panel says
"changes requested" and names the approver; the approver is told what each decision did,
from the dashboard's modal and from the editor's footer; every notice links to the admin
on the host of the page's own unit.
"""

import html
import json
import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page, Site, TaskState, WorkflowState

from home.models import HomePage
from moit_wagtail.dates import format_datetime
from moit_wagtail.eservices import notify
from moit_wagtail.pages import models as pages
from moit_wagtail.reminders.digest import plan_reminders, render
from moit_wagtail.roles import ensure_unit_groups
from moit_wagtail.unit_urls import link_href, link_text, unit_admin_url
from moit_wagtail.workflow.models import PublishingApprovalTaskState
from moit_wagtail.workflow.reasons import reason_label
from moit_wagtail.workflow.setup import ensure_publishing_workflow
from tests import factories
from tests.test_workflow import TITLE, action_url, edit_url, submit_new_law

pytestmark = pytest.mark.django_db

COMMENT = "กรุณาแนบไฟล์ PDF แทนไฟล์ภาพถ่าย"
HOSPITAL = "รพ.ทดสอบ"
HOSPITAL_HOST = "hospital.testserver"
THAI_SLUG = "ประกาศ-โรงพยาบาล-ค่าบริการ"  # readable Thai, with its vowel and tone marks


def thai(text, **values):
    with translation.override("th"):
        return gettext(text) % values if values else gettext(text)


def text_of(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def submitted(client, editor_user, approver, law_index):
    client.force_login(editor_user)
    page = submit_new_law(client, law_index, editor_user)
    mail.outbox.clear()
    return page


def refuse(client, page, approver):
    client.force_login(approver)
    response = client.post(
        action_url(page, "reject"), {"rejection_reason": "file_format", "comment": COMMENT}
    )
    assert response.status_code == 302
    return PublishingApprovalTaskState.objects.get(workflow_state__object_id=str(page.pk))


# -- the editor sees the refusal ----------------------------------------------------------


def test_the_editor_sees_who_refused_when_why_and_how_to_resubmit(
    client, submitted, editor_user, approver
):
    page = submitted
    state = refuse(client, page, approver)
    client.force_login(editor_user)
    response = client.get(edit_url(page))
    content = text_of(response)

    banner = content[content.index("data-moit-refusal") : content.index('id="page-edit-form"')]
    assert approver.get_full_name() in banner
    assert editor_user.get_full_name() not in banner
    when = format_datetime(state.finished_at)  # Thai month, Buddhist year, Bangkok time
    assert str(state.finished_at.year + 543) in when
    assert when in banner
    assert thai(reason_label("file_format")) in banner
    assert COMMENT in banner
    resubmit = thai("Resubmit to %(task_name)s", task_name=state.task.name)
    button = re.search(r'<button type="submit" form="page-edit-form" name="action-submit"[^>]*>',
                       banner)  # fmt: skip
    assert button and f'value="{resubmit}"' in button.group(0)
    assert resubmit in content[content.index("<footer") :]  # the same action in the footer

    # The status panel says changes were requested, by the approver, not "In Moderation".
    assert thai("Changes requested") in content
    assert thai("In Moderation") not in content
    heading = thai(
        "%(approver)s sent this back for changes on %(when)s",
        approver=approver.get_full_name(),
        when=when,
    )
    assert heading in content
    requester_heading = thai("by %(user)s", user=editor_user.get_full_name())
    assert requester_heading not in content

    # The banner's button posts the footer's action: the same request goes back to the approver.
    data = factories.form_values(response.content.decode())
    response = client.post(edit_url(page), {**data, "action-submit": resubmit})
    assert response.status_code == 302
    workflow_state = WorkflowState.objects.get(pk=state.workflow_state_id)
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert workflow_state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert "data-moit-refusal" not in client.get(edit_url(page)).content.decode()


def test_no_banner_while_waiting_or_after_approval(client, submitted, editor_user, approver):
    client.force_login(editor_user)
    content = text_of(client.get(edit_url(submitted)))
    assert "data-moit-refusal" not in content
    assert thai("In Moderation") in content  # Wagtail's own item, untouched
    client.force_login(approver)
    client.post(action_url(submitted, "approve"), {"comment": ""})
    client.force_login(editor_user)
    assert "data-moit-refusal" not in client.get(edit_url(submitted)).content.decode()


def test_the_refused_edit_page_costs_a_fixed_number_of_queries(
    client, submitted, editor_user, approver, django_assert_max_num_queries
):
    refuse(client, submitted, approver)
    client.force_login(editor_user)
    client.get(edit_url(submitted))  # warm caches (site root paths, content types)
    with django_assert_max_num_queries(90):  # 81 measured; the waiting page costs ~100
        assert client.get(edit_url(submitted)).status_code == 200


# -- the approver is told what the decision did ------------------------------------------


def decide_from_modal(client, page, action, data):
    response = client.post(action_url(page, action), data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert json.loads(response.content)["step"] == "success"
    return client.get("/admin/")


def decide_from_footer(client, page, action, data):
    values = factories.form_values(client.get(edit_url(page)).content.decode())
    response = client.post(
        edit_url(page),
        {
            **values,
            "action-workflow-action": "1",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps(data),
        },
        follow=True,
    )
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("route", [decide_from_modal, decide_from_footer])
@pytest.mark.parametrize("decision", ["approve", "approve_with_comment", "refuse"])
def test_the_approver_is_told_what_each_decision_did(
    client, submitted, approver, editor_user, route, decision
):
    page = submitted
    client.force_login(approver)
    title = page.get_admin_display_title()
    if decision == "refuse":
        content = text_of(
            route(client, page, "reject", {"rejection_reason": "out_of_date", "comment": "ปรับปรุง"})
        )
        expected = thai(
            "Sent '%(title)s' back for changes. The requester (%(requester)s) has been "
            "told your reason and comment.",
            title=title,
            requester=editor_user.get_full_name(),
        )
        assert PublishingApprovalTaskState.objects.get().status == TaskState.STATUS_REJECTED
    else:
        comment = "อนุญาตให้เผยแพร่" if decision == "approve_with_comment" else ""
        content = text_of(route(client, page, "approve", {"comment": comment}))
        first = (
            thai("Approved '%(title)s' with your comment.", title=title)
            if comment
            else thai("Approved '%(title)s'.", title=title)
        )
        then = thai("The system has published it and told the information owner and the requester.")
        expected = f"{first} {then}"
        page.refresh_from_db()
        assert page.live
    assert expected in content
    assert content.count(expected) == 1
    # Wagtail's own "updated" message would only repeat it, less clearly.
    assert thai("Page '%(page_title)s' has been updated.", page_title=title) not in content


def test_an_approval_that_passes_to_a_further_step_says_so(
    client, submitted, approver, law_index, make_member
):
    from django.contrib.auth.models import Group
    from wagtail.models import WorkflowTask

    from moit_wagtail.workflow.models import PublishingApprovalTask

    second = PublishingApprovalTask.objects.create(name="ผู้บริหารพิจารณา")
    second.groups.add(Group.objects.create(name="ผู้บริหาร"))
    WorkflowTask.objects.create(workflow=law_index.get_workflow(), task=second, sort_order=1)
    client.force_login(approver)
    content = text_of(decide_from_modal(client, submitted, "approve", {"comment": ""}))
    then = thai(
        'It goes on to the next step, "%(step)s"; its approvers have been told.', step=second.name
    )
    approved = thai("Approved '%(title)s'.", title=TITLE)
    assert f"{approved} {then}" in content


def test_a_decision_refused_by_the_form_gives_no_confirmation(client, submitted, approver):
    client.force_login(approver)
    response = client.post(
        action_url(submitted, "reject"),
        {"comment": "ไม่มีเหตุผล"},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert json.loads(response.content)["step"] == "action"  # the modal shows the error
    assert "back for changes" not in text_of(client.get("/admin/"))


# -- emailed links on the unit's own host -------------------------------------------------


@pytest.fixture
def hospital(unit, make_member):
    """A second unit on its own host, with its workflow, an editor and an approver."""
    home = HomePage(title=HOSPITAL, slug="hospital", welcome="ยินดีต้อนรับ")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname=HOSPITAL_HOST, port=80, root_page=home, site_name=HOSPITAL)
    indexes = factories.build_indexes(home)
    ensure_publishing_workflow(site, HOSPITAL)
    groups = ensure_unit_groups(site, HOSPITAL)
    editor = make_member("h_editor", groups.editors, "มาลี")
    approver = make_member("h_approver", groups.approvers, "สมชาย")
    return SimpleNamespace(site=site, indexes=indexes, editor=editor, approver=approver)


def hospital_law(hospital):
    page = factories.build_page(
        pages.LawPage, hospital.editor, title="ประกาศโรงพยาบาล", slug=THAI_SLUG, live=False
    )
    hospital.indexes[pages.LawIndexPage].add_child(instance=page)
    page.save_revision(user=hospital.editor)
    return page


def links(body):
    return re.findall(r"https?://\S+", body)


def test_every_workflow_notice_links_to_the_admin_on_the_units_host(hospital, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True  # check the HTML part's links too
    page = hospital_law(hospital)
    edit = f"http://{HOSPITAL_HOST}/admin/pages/{page.pk}/edit/"
    account = f"http://{HOSPITAL_HOST}/admin/account/"

    workflow_state = page.get_workflow().start(page, hospital.editor)  # to the approver
    task_state = workflow_state.current_task_state.specific
    task_state.task.specific.on_action(
        task_state, hospital.approver, "reject", rejection_reason="other", comment="แก้ชื่อเรื่อง"
    )  # to the editor
    workflow_state.refresh_from_db()
    workflow_state.resume(hospital.editor)  # to the approver again
    workflow_state.refresh_from_db()
    task_state = workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, hospital.approver, "approve", comment="")
    page.refresh_from_db()
    assert page.live

    assert [message.to for message in mail.outbox] == [
        [hospital.approver.email],
        [hospital.editor.email],
        [hospital.approver.email],
        [hospital.editor.email],
    ]
    public = f"http://{HOSPITAL_HOST}/law/{THAI_SLUG}/"
    assert page.full_url == link_href(public)  # Wagtail's percent-encoded form
    for message in mail.outbox:
        found = links(message.body)
        assert edit in found and account in found, message.body
        assert all(link.startswith(f"http://{HOSPITAL_HOST}/") for link in found)
        body_html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert f'href="{edit}"' in body_html and f'href="{account}"' in body_html
        assert "127.0.0.1" not in message.body + body_html
    approval = mail.outbox[-1]
    assert public in approval.body  # readable: Thai letters, not %E0%B8...
    assert f'href="{link_href(public)}"' in approval.alternatives[0][0]
    assert f">{public}</a>" in approval.alternatives[0][0]


def test_a_page_outside_every_site_falls_back_to_the_admin_base_url(settings, home_page):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000/"
    orphan = Page.get_first_root_node().add_child(instance=Page(title="นอกเว็บไซต์", slug="orphan"))
    assert unit_admin_url(orphan, "wagtailadmin_pages:edit", orphan.pk) == (
        f"http://127.0.0.1:8000/admin/pages/{orphan.pk}/edit/"
    )
    assert unit_admin_url(None, "wagtailadmin_account") == "http://127.0.0.1:8000/admin/account/"


def test_reminders_link_to_the_admin_on_the_units_host(hospital, settings):
    import datetime

    from django.utils import timezone

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    page = factories.publish(
        factories.build_page(pages.LawPage, hospital.editor, title="ระเบียบเก่า", slug="old-rule"),
        hospital.indexes[pages.LawIndexPage],
        user=hospital.editor,
    )
    pages.PublicationPage.objects.filter(pk=page.pk).update(
        review_by=timezone.localdate() - datetime.timedelta(days=3)
    )
    plan = plan_reminders()
    [reminder] = [r for r in plan.reminders if r.recipient == hospital.editor]
    _subject, text, body_html = render(reminder, plan)
    edit = f"http://{HOSPITAL_HOST}/admin/pages/{page.pk}/edit/"
    assert edit in text and f'href="{edit}"' in body_html
    assert "127.0.0.1" not in text + body_html


def test_eservice_alert_links_to_the_admin_on_the_units_host(hospital, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    submission = SimpleNamespace(site=hospital.site, pk=7)
    assert notify.admin_url(submission).startswith(f"http://{HOSPITAL_HOST}/admin/")
    assert notify.admin_url(SimpleNamespace(site=None, pk=7)).startswith("http://127.0.0.1:8000/")


def test_links_read_in_thai_and_follow_encoded():
    readable = "http://สสจ.ตัวอย่าง.ไทย/ข่าว/ประกาศ/?q=ค่าตอบแทน"
    href = link_href(readable)
    assert href.startswith("http://xn--")
    assert href.isascii() and "%E0%B8%82" in href
    assert link_text(href) == readable
    assert link_href(href) == href  # already encoded: unchanged
    assert link_text("http://a.test/x%20y%2Fz") == "http://a.test/x%20y%2Fz"  # reserved stay
