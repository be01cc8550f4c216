"""Two heads of group deciding on the same request: one decision counts, the other is told.

Through the real admin views. Wagtail reads the task state before acting and writes
without a lock, so two approvals at the same moment could both publish, or an approval
and a refusal could both be recorded. ``PublishingApprovalTask.on_action`` now locks the
page and the request, re-reads them and refuses a second decision with a clear message
and a normal redirect. The sequential cases run on every database; the simultaneous
ones (two threads, each with its own connection) need PostgreSQL.
"""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

from moit_wagtail.pages import models as pages
from moit_wagtail.workflow.concurrency import RequestAlreadyDecided
from moit_wagtail.workflow.models import task as task_module
from tests.factories import build_page, form_values

WAIT = 20  # seconds: every wait is bounded, a broken run fails instead of hanging


def lead_in(msgid):
    """The message's words before the decider's name, in the active language (Thai)."""
    return gettext(msgid).split("%(user)s")[0].strip()


APPROVED = lead_in("This request was already approved by %(user)s (%(when)s).")
REFUSED = lead_in("This request was already refused by %(user)s (%(when)s).")
WITHDRAWN = lead_in(
    "This request was withdrawn or published by another route by %(user)s "
    "(%(when)s); there is nothing left to decide."
)

requires_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL for simultaneous writers (SQLite allows one writer at a time)",
)


@pytest.fixture
def writer(make_member, unit):
    return make_member("writer", unit.editors, "สมศรี")


@pytest.fixture
def heads(make_member, unit):
    return make_member("head_a", unit.approvers, "ประเสริฐ"), make_member(
        "head_b", unit.approvers, "มานี"
    )


@pytest.fixture
def pending(writer, category_indexes):
    """An editor's news item, submitted for approval and not yet live."""
    page = build_page(
        pages.NewsPage, writer, title="ประกาศรับสมัครอาสาสมัคร", kind="1.8.2", live=False
    )
    category_indexes[pages.NewsIndexPage].add_child(instance=page)
    page.save_revision(user=writer)
    page.get_workflow().start(page, writer)
    return page


def action_url(page, action, task_state_id):
    return f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state_id}/"


DECISIONS = {
    "approve": {"comment": "อนุมัติ"},
    "reject": {"rejection_reason": "inaccurate", "comment": "ตัวเลขไม่ตรงกับรายงาน"},
}


def approver_client(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def decide(client, page, action, task_state_id, **headers):
    return client.post(action_url(page, action, task_state_id), DECISIONS[action], **headers)


def messages_after(client, response):
    """The messages shown on the page the redirect leads to."""
    assert response.status_code == 302
    followed = client.get(response["Location"])
    return [str(message) for message in followed.context["messages"]]


def publications(page):
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish").count()


def outcome(page):
    task_state = TaskState.objects.get(workflow_state__object_id=str(page.pk))
    page.refresh_from_db()
    return task_state.status, task_state.finished_by, page.live


# -- one after the other: every database ----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "first, second, expected, status",
    [
        ("approve", "approve", APPROVED, TaskState.STATUS_APPROVED),
        ("approve", "reject", APPROVED, TaskState.STATUS_APPROVED),
        ("reject", "approve", REFUSED, TaskState.STATUS_REJECTED),
        ("reject", "reject", REFUSED, TaskState.STATUS_REJECTED),
    ],
)
def test_the_second_decision_is_refused_with_a_message(
    heads, pending, first, second, expected, status
):
    task_state_id = pending.current_workflow_task_state.pk
    clients = [approver_client(head) for head in heads]
    # Both opened the request while it was waiting: both saw the buttons.
    for client in clients:
        assert client.get(f"/admin/pages/{pending.pk}/edit/").status_code == 200

    assert decide(clients[0], pending, first, task_state_id).status_code == 302
    response = decide(clients[1], pending, second, task_state_id)
    [message] = [m for m in messages_after(clients[1], response) if expected in m]
    assert heads[0].get_full_name() in message

    assert outcome(pending) == (status, heads[0], status == TaskState.STATUS_APPROVED)
    assert publications(pending) == (1 if status == TaskState.STATUS_APPROVED else 0)


@pytest.mark.django_db
def test_the_modal_gets_a_normal_redirect_too(heads, pending):
    task_state_id = pending.current_workflow_task_state.pk
    decide(approver_client(heads[0]), pending, "approve", task_state_id)
    client = approver_client(heads[1])
    response = decide(
        client, pending, "reject", task_state_id, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code == 200
    assert response.json()["step"] == "success"
    followed = client.get(response.json()["redirect"])
    assert any(APPROVED in str(m) for m in followed.context["messages"])
    assert outcome(pending)[0] == TaskState.STATUS_APPROVED


@pytest.mark.django_db
def test_approving_from_the_editor_after_someone_else_saves_nothing(heads, pending):
    """The editor's "Approve" button posts the form too: it must not turn into a plain save."""
    client = approver_client(heads[1])
    values = form_values(client.get(f"/admin/pages/{pending.pk}/edit/").content.decode())
    revisions = Revision.objects.filter(object_id=str(pending.pk)).count()
    decide(approver_client(heads[0]), pending, "approve", pending.current_workflow_task_state.pk)

    response = client.post(
        f"/admin/pages/{pending.pk}/edit/",
        {
            **values,
            "action-workflow-action": "1",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": '{"rejection_reason": "other", "comment": "ไม่"}',
        },
    )
    assert response.status_code == 200
    assert any(APPROVED in str(m) for m in response.context["messages"])
    assert Revision.objects.filter(object_id=str(pending.pk)).count() == revisions
    assert outcome(pending)[0] == TaskState.STATUS_APPROVED and publications(pending) == 1


@pytest.mark.django_db
def test_a_stale_task_state_cannot_be_decided_twice(heads, pending):
    """The race itself, in one thread: the second decision holds a copy read before the first."""
    stale = TaskState.objects.get(pk=pending.current_workflow_task_state.pk).specific
    task = stale.task.specific
    task.on_action(TaskState.objects.get(pk=stale.pk).specific, heads[0], "approve", comment="")
    with pytest.raises(RequestAlreadyDecided):
        task.on_action(stale, heads[1], "reject", **DECISIONS["reject"])
    assert outcome(pending) == (TaskState.STATUS_APPROVED, heads[0], True)
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED


@pytest.mark.django_db
def test_urgent_publication_and_approval_do_not_both_publish(heads, pending, make_member, unit):
    web_admin = make_member("webadmin", unit.admins, "วิไล")
    task_state_id = pending.current_workflow_task_state.pk
    decide(approver_client(heads[0]), pending, "approve", task_state_id)

    client = approver_client(web_admin)
    response = client.post(
        f"/admin/moit/urgent/publish/{pending.pk}/",
        {
            "approver": heads[1].pk,
            "approved_at": (timezone.localtime() - datetime.timedelta(hours=1)).strftime(
                "%Y-%m-%d %H:%M"
            ),
            "reason": "ด่วน",
        },
    )
    assert response.status_code == 200
    assert APPROVED in str(response.context["form"].non_field_errors())
    assert publications(pending) == 1


@pytest.mark.django_db
def test_an_approval_after_an_urgent_publication_is_explained(heads, pending, make_member, unit):
    from moit_wagtail.workflow.urgent import publish_urgently

    web_admin = make_member("webadmin", unit.admins, "วิไล")
    task_state_id = pending.current_workflow_task_state.pk
    publish_urgently(pending, web_admin, heads[1], timezone.now(), "ด่วน")
    client = approver_client(heads[0])
    response = decide(client, pending, "approve", task_state_id)
    assert any(WITHDRAWN in m for m in messages_after(client, response))
    assert publications(pending) == 1


# -- at the same moment, on PostgreSQL ------------------------------------------------------


@requires_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    "actions",
    [("approve", "approve"), ("approve", "reject"), ("reject", "reject")],
)
def test_two_decisions_at_the_same_moment_one_counts(heads, pending, monkeypatch, actions):
    task_state_id = pending.current_workflow_task_state.pk
    clients = [approver_client(head) for head in heads]
    # Both requests must be past Wagtail's checks (the task is still waiting) before
    # either takes the lock: that is the moment the race happens.
    both_read = threading.Barrier(2, timeout=WAIT)
    real_lock = task_module.lock_task_state

    def lock_after_both_read(*args):
        both_read.wait()
        return real_lock(*args)

    monkeypatch.setattr(task_module, "lock_task_state", lock_after_both_read)
    responses, errors = [None, None], []

    def act(number):
        try:
            responses[number] = decide(clients[number], pending, actions[number], task_state_id)
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT * 2)
    assert errors == [] and not any(thread.is_alive() for thread in threads)
    assert [response.status_code for response in responses] == [302, 302]

    status, decided_by, live = outcome(pending)
    winner = heads.index(decided_by)
    assert (
        status
        == {"approve": TaskState.STATUS_APPROVED, "reject": TaskState.STATUS_REJECTED}[
            actions[winner]
        ]
    )
    assert live == (status == TaskState.STATUS_APPROVED)
    assert publications(pending) == (1 if live else 0)
    assert TaskState.objects.filter(workflow_state__object_id=str(pending.pk)).count() == 1
    expected = APPROVED if live else REFUSED
    loser_messages = messages_after(clients[1 - winner], responses[1 - winner])
    assert any(expected in m and heads[winner].get_full_name() in m for m in loser_messages)
