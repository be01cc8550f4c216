"""What the approver is told after deciding: which page, and what happens next.

Wagtail says nothing after a decision taken from the dashboard's modal, and only "Page
'…' has been updated." after one taken from the page editor's footer. Both views call
``decision_message`` with the step the approver just decided, read afresh, so the
message says what really happened: published, scheduled, passed to a further step, or
sent back to the requester.
"""

from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState

from moit_wagtail.dates import format_datetime

from .concurrency import person


def decided_step(task_state_id, user):
    """The step ``task_state_id`` if ``user`` has just decided it, else None."""
    return (
        TaskState.objects.select_related("workflow_state__requested_by")
        .filter(
            pk=task_state_id,
            finished_by=user,
            status__in=(TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED),
        )
        .first()
    )


def decision_message(task_state):
    """The confirmation for the decision recorded on ``task_state`` (approved or refused)."""
    workflow_state = task_state.workflow_state
    page = workflow_state.content_object.specific
    title = page.get_admin_display_title()
    if task_state.status == TaskState.STATUS_REJECTED:
        return _(
            "Sent '%(title)s' back for changes. The requester (%(requester)s) has been "
            "told your reason and comment."
        ) % {"title": title, "requester": person(workflow_state.requested_by)}
    values = {"title": title}
    if task_state.comment:
        approved = _("Approved '%(title)s' with your comment.") % values
    else:
        approved = _("Approved '%(title)s'.") % values
    if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        next_step = workflow_state.current_task_state.task.name
        then = _('It goes on to the next step, "%(step)s"; its approvers have been told.') % {
            "step": next_step
        }
    elif (scheduled := page.scheduled_revision) is not None:
        then = _(
            "It will be published on %(when)s; the information owner and the requester "
            "have been told."
        ) % {"when": format_datetime(scheduled.approved_go_live_at)}
    elif page.live:
        then = _("The system has published it and told the information owner and the requester.")
    else:
        then = _("The information owner and the requester have been told.")
    return f"{approved} {then}"
