"""What the editor sees after a refusal: who sent the page back, when, why, and how to resubmit.

Wagtail keeps a refused request in the "needs changes" state and shows it only as
"In Moderation" in the status side panel, with a dialog whose heading names the person
who *asked* for approval (``workflow_state.requested_by``) next to "Changes requested".
Here the refusal is read once from the rejected step (``task_state.finished_by`` is the
approver) for the banner at the top of the page editor and for a status panel item that
says the page was sent back for changes, by whom.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.admin.ui.side_panels import PageStatusSidePanel
from wagtail.models import TaskState, WorkflowState

from moit_wagtail.dates import format_datetime

from .concurrency import person
from .reasons import reason_label

WAGTAIL_STATUS_TEMPLATE = "wagtailadmin/shared/side_panels/includes/status/workflow.html"
CHANGES_REQUESTED_TEMPLATE = "moit_workflow/status/changes_requested.html"


@dataclass(frozen=True)
class Refusal:
    task_state: TaskState
    approver: object
    refused_at: object
    reason: str
    comment: str
    task_name: str

    @property
    def approver_name(self):
        return person(self.approver)

    @property
    def when(self):
        return format_datetime(self.refused_at)


def approver_comment(task_state):
    """The approver's own words: the stored comment starts with the reason, in the site's
    language, so that Wagtail's history and emails show it; the banner shows it apart."""
    comment = task_state.comment or ""
    code = getattr(task_state, "rejection_reason", "")
    if code:
        with translation.override(settings.LANGUAGE_CODE):
            comment = comment.removeprefix(f"{reason_label(code)}: ")
    return comment


def refusal_of(workflow_state):
    """The refusal that sent ``workflow_state`` back for changes, or None."""
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = (
        TaskState.objects.select_related("finished_by", "task")
        .filter(pk=workflow_state.current_task_state_id, status=TaskState.STATUS_REJECTED)
        .first()
    )
    if task_state is None:
        return None
    task_name = task_state.task.name
    task_state = task_state.specific
    code = getattr(task_state, "rejection_reason", "")
    return Refusal(
        task_state=task_state,
        approver=task_state.finished_by,
        refused_at=task_state.finished_at,
        reason=str(reason_label(code)) if code else "",
        comment=approver_comment(task_state),
        task_name=task_name,
    )


def resubmit_label(refusal):
    """The footer's label for the same action (Wagtail's msgid), so both read alike."""
    return _("Resubmit to %(task_name)s") % {"task_name": refusal.task_name}


class ChangesRequestedStatusPanel(PageStatusSidePanel):
    """Wagtail's page status panel, with our workflow item for a page sent back for
    changes (Wagtail's says "In Moderation" and names the requester); every other state
    keeps Wagtail's own template."""

    def __init__(self, *args, refusal, **kwargs):
        super().__init__(*args, **kwargs)
        self.refusal = refusal

    def get_status_templates(self, context):
        return [
            CHANGES_REQUESTED_TEMPLATE if name == WAGTAIL_STATUS_TEMPLATE else name
            for name in super().get_status_templates(context)
        ]

    def get_context_data(self, parent_context):
        return {**super().get_context_data(parent_context), "refusal": self.refusal}


def status_panel(view, refusal):
    """The status panel of Wagtail's page edit view (built with the same arguments as
    ``EditView.get_side_panels``) for a page sent back for changes."""
    return ChangesRequestedStatusPanel(
        view.page,
        view.request,
        show_schedule_publishing_toggle=view.form.show_schedule_publishing_toggle,
        live_object=view.real_page_record,
        scheduled_object=view.scheduled_page,
        locale=view.locale,
        translations=view.translations,
        parent_page=view.page.get_parent(),
        refusal=refusal,
    )
