"""Two people acting on the same page at once: one wins, the other is told why.

Wagtail reads the task state and the page before acting on them and writes without a
lock, so two approvers clicking at the same moment can both "approve" (two
publications) or one approve while the other refuses; and a plain save overwrites a
version saved a moment earlier. Every path that decides on a request or saves a page
takes the page's row lock first, then the workflow state's (always in that order, so
no two paths deadlock), and re-reads what it is about to change.
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.models import EditingSession
from wagtail.models import Page, Revision, TaskState, WorkflowState

from moit_wagtail.dates import format_datetime


class RequestAlreadyDecided(PermissionDenied):
    """The request was decided (or withdrawn) by someone else after this user read it."""

    def __init__(self, task_state):
        self.task_state = task_state
        super().__init__(decided_message(task_state))


def person(user):
    if user is None:
        return _("someone else")
    return user.get_full_name() or user.get_username()


def decided_message(task_state):
    """What the second approver is told: who decided first, how and when."""
    values = {
        "user": person(task_state.finished_by),
        "when": format_datetime(task_state.finished_at) if task_state.finished_at else "",
    }
    if task_state.status == TaskState.STATUS_APPROVED:
        return _("This request was already approved by %(user)s (%(when)s).") % values
    if task_state.status == TaskState.STATUS_REJECTED:
        return _("This request was already refused by %(user)s (%(when)s).") % values
    if task_state.status == TaskState.STATUS_CANCELLED:
        return (
            _(
                "This request was withdrawn or published by another route by %(user)s "
                "(%(when)s); there is nothing left to decide."
            )
            % values
        )
    return _("This request is no longer waiting for a decision.")


def conflict_message(revision):
    """What the second editor is told when someone saved the page after they opened it."""
    return _(
        "Your changes were not saved: %(user)s saved a newer version at %(when)s. Your "
        "changes are still in the form. Compare them with the latest version (history), "
        "then save again if yours should replace it."
    ) % {"user": person(revision.user), "when": format_datetime(revision.created_at)}


def saved_by_someone_else_since(page, user, form_data):
    """Whether a version newer than the one the form was loaded with (``loaded_revision_id``
    and ``loaded_revision_created_at``, as Wagtail's edit form posts them) came from anyone
    but this editor in this window.

    Called when Wagtail already judges the form out of date. Newer versions by another
    person are a conflict. Newer versions by the same person are the autosaves of this
    window (an autosave that raced the click on Save, or one the form missed), unless the
    person also edits the page in another window: Wagtail's editing sessions tell that.
    """
    loaded = Q()
    loaded_id = form_data.get("loaded_revision_id", "")
    if loaded_id.isdigit():
        loaded |= Q(pk__gt=int(loaded_id))
    try:
        loaded_at = datetime.fromisoformat(form_data.get("loaded_revision_created_at", ""))
    except ValueError:
        loaded_at = None
    if loaded_at is not None:
        loaded |= Q(created_at__gt=loaded_at)
    if not loaded:
        return True  # nothing to compare with: keep Wagtail's verdict
    page_type = ContentType.objects.get_for_model(Page)  # pages' revisions and sessions use it
    newer = Revision.objects.filter(base_content_type=page_type, object_id=str(page.pk))
    if newer.filter(loaded).exclude(user=user).exists():
        return True
    windows = EditingSession.objects.available().filter(
        user=user, content_type=page_type, object_id=str(page.pk)
    )
    return windows.count() > 1


def lock_page(page_id):
    """Take the page's row lock (first in every path) until the transaction ends."""
    Page.objects.select_for_update().filter(pk=page_id).values_list("pk", flat=True).first()


def lock_task_state(task_state, state_class=TaskState):
    """Lock the page, the workflow state and the task state; return fresh copies of the
    last two (the task state as ``state_class``). Must run inside ``transaction.atomic``.
    Three queries: this runs on every decision."""
    workflow_state = task_state.workflow_state  # only its object id is used: it never changes
    if workflow_state.base_content_type_id == ContentType.objects.get_for_model(Page).pk:
        lock_page(int(workflow_state.object_id))
    workflow_state = (
        WorkflowState.objects.select_for_update(of=("self",))
        .select_related("requested_by")
        .get(pk=workflow_state.pk)
    )
    try:
        fresh = state_class.objects.select_for_update().get(pk=task_state.pk)
    except state_class.DoesNotExist:  # a plain TaskState row, made before the subclass
        fresh = TaskState.objects.select_for_update().get(pk=task_state.pk).specific
    fresh.workflow_state = workflow_state
    return workflow_state, fresh


def lock_current_workflow_state(page):
    """Lock the page and its current (in progress / needs changes) workflow state, if any;
    return that workflow state read afresh. Must run inside ``transaction.atomic``."""
    lock_page(page.pk)
    return (
        WorkflowState.objects.active()
        .select_for_update()
        .filter(base_content_type=page.get_base_content_type(), object_id=str(page.pk))
        .first()
    )


def last_decided_task_state(page):
    """The page's most recently finished step, to explain a decision made by someone else."""
    return (
        TaskState.objects.filter(
            workflow_state__base_content_type=page.get_base_content_type(),
            workflow_state__object_id=str(page.pk),
            finished_at__isnull=False,
        )
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
