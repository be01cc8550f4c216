"""Thai email notices for publishing requests, built on Wagtail's own notifiers.

Wagtail's stock notices leave out what seed 2.2.2-2.2.3 needs the owner to know: the
approver's comment on approval, and the reason for a refusal; and nobody who acted at an
earlier step hears of a later refusal. These subclasses keep Wagtail's recipient
filtering (active users with an email who want the notice) and its per-recipient
language, and replace the templates, recipients and context.
"""

from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected

from moit_wagtail.unit_urls import unit_admin_url

from .models import PublishingApprovalTaskState

TEMPLATE_DIRECTORY = "moit_workflow/notifications/"


def information_owner(page):
    return getattr(page, "responsible_person", None)


def decision_context(workflow_state, task_state):
    """What every notice about a decision shows: who decided, why, and where to look
    (links on the unit's own host, where its staff are signed in)."""
    page = workflow_state.content_object.specific
    return {
        "admin_url": unit_admin_url(page, "wagtailadmin_pages:edit", page.pk),
        "account_url": unit_admin_url(page, "wagtailadmin_account"),
        "page": page,
        "task_state": task_state,
        "decided_by": task_state.finished_by if task_state else None,
        "comment": task_state.comment if task_state else "",
        "requested_by": workflow_state.requested_by,
        "public_url": page.full_url if page.live else "",
    }


class MoitTemplatesMixin:
    template_directory = TEMPLATE_DIRECTORY

    def get_template_base_prefix(self, instance, **kwargs):
        return ""


class ApprovalNotifier(MoitTemplatesMixin, WorkflowStateApprovalEmailNotifier):
    """To the requester and the information owner, with the approver's comment."""

    def get_recipient_users(self, workflow_state, **kwargs):
        recipients = set(super().get_recipient_users(workflow_state, **kwargs))
        owner = information_owner(workflow_state.content_object.specific)
        if owner is not None and owner != kwargs.get("user"):
            recipients.add(owner)
        return recipients

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        last_step = (
            workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
            .order_by("-finished_at")
            .first()
        )
        context.update(decision_context(workflow_state, last_step and last_step.specific))
        return context


class RejectionNotifier(MoitTemplatesMixin, WorkflowStateRejectionEmailNotifier):
    """To the requester, the owner and everyone who approved an earlier step, with the
    reason and comment (Wagtail issues #987, #7542, #10196)."""

    def get_recipient_users(self, workflow_state, **kwargs):
        recipients = set(super().get_recipient_users(workflow_state, **kwargs))
        owner = information_owner(workflow_state.content_object.specific)
        earlier_approvers = {
            task_state.finished_by
            for task_state in workflow_state.task_states.filter(
                status=TaskState.STATUS_APPROVED
            ).select_related("finished_by")
        }
        recipients |= {owner, *earlier_approvers} - {None}
        recipients.discard(kwargs.get("user"))
        return recipients

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        context.update(decision_context(workflow_state, context["task_state"]))
        return context


class SubmissionNotifier(MoitTemplatesMixin, GroupApprovalTaskStateSubmissionEmailNotifier):
    """To the approvers of the step that a request has reached."""

    def get_context(self, task_state, **kwargs):
        context = super().get_context(task_state, **kwargs)
        context.update(decision_context(task_state.workflow_state, None))
        context["requested_by"] = task_state.workflow_state.requested_by
        return context


# (signal, sender, Wagtail's dispatch_uid, our notifier)
REPLACED = [
    (task_submitted, TaskState, "group_approval_task_submitted", SubmissionNotifier),
    (workflow_approved, WorkflowState, "workflow_state_approved", ApprovalNotifier),
    (workflow_rejected, WorkflowState, "workflow_state_rejected", RejectionNotifier),
]
UID_SUFFIX = "_email_notification"


def register_notifiers():
    """Put our notifiers in place of Wagtail's, under Wagtail's own dispatch_uids: whichever
    app is ready first, Wagtail's receiver ends up replaced, never doubled."""
    for signal, sender, uid, notifier_class in REPLACED:
        dispatch_uid = uid + UID_SUFFIX
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        # weak=False: the notifier instances live only in the signal's receiver list.
        signal.connect(notifier_class(), sender=sender, dispatch_uid=dispatch_uid, weak=False)
    # Task.start sends the signal with the specific task-state class as sender.
    task_submitted.connect(
        SubmissionNotifier(),
        sender=PublishingApprovalTaskState,
        dispatch_uid="moit_publishing_task_submitted_notification",
        weak=False,
    )
