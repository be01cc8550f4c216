"""The publishing-request task: Wagtail's group approval, with the seed's rules on top.

Subclassing ``AbstractGroupApprovalTask`` keeps Wagtail's moderation UI, dashboard
panels, history and reports working; this class adds what seed 2.2 asks for:

* a refusal carries a reason from the seed's list plus a comment, stored on the task
  state and shown wherever Wagtail shows the comment;
* nobody decides on their own request (segregation of duties), enforced in ``on_action``
  so a crafted request to the admin fails just like a click in the UI;
* a request cannot be started while the page lacks the publication metadata.
"""

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

from ..concurrency import RequestAlreadyDecided, lock_task_state
from ..forms import ApprovalCommentForm, RejectionForm
from ..reasons import REJECTION_REASON_CODES, REJECTION_REASONS, reason_label


class SelfApprovalDenied(PermissionDenied):
    """Raised when the person who asked to publish tries to decide on the request."""

    message = _(
        "You asked to publish this item, so someone else must approve or refuse it "
        "(segregation of duties)."
    )

    def __init__(self):
        super().__init__(self.message)


class AuthorApprovalDenied(PermissionDenied):
    """Raised when someone who wrote the pending content tries to decide on it."""

    def __init__(self):
        from ..duties import REFUSAL

        self.message = REFUSAL
        super().__init__(REFUSAL)


class PublishingApprovalTaskState(TaskState):
    rejection_reason = models.CharField(
        _("reason for refusal"), max_length=32, choices=REJECTION_REASONS, blank=True
    )

    class Meta:
        verbose_name = _("publishing request step")
        verbose_name_plural = _("publishing request steps")


class PublishingApprovalTask(AbstractGroupApprovalTask):
    task_state_class = PublishingApprovalTaskState

    class Meta:
        verbose_name = _("Publishing approval (head of group)")
        verbose_name_plural = _("Publishing approvals (head of group)")

    @classmethod
    def get_description(cls):
        return _(
            "The head of the responsible group approves or refuses, with a reason, each "
            "request to publish (MOIT publishing framework, clause 2.2)."
        )

    def start(self, workflow_state, user=None):
        page = workflow_state.content_object.get_latest_revision_as_object()
        missing = page.missing_metadata() if hasattr(page, "missing_metadata") else {}
        if missing:
            raise ValidationError(
                _("Cannot ask for approval: fill in %(fields)s first.")
                % {"fields": ", ".join(str(label) for label in missing.values())}
            )
        return super().start(workflow_state, user=user)

    @staticmethod
    def is_own_request(obj, user):
        workflow_state = getattr(obj, "current_workflow_state", None)
        requested_by_id = workflow_state.requested_by_id if workflow_state else None
        return requested_by_id is not None and requested_by_id == user.pk

    def get_actions(self, obj, user):
        from ..duties import is_author

        if self.is_own_request(obj, user) or is_author(obj, user):
            return []
        actions = super().get_actions(obj, user)
        return [
            (name, _("Refuse with a reason") if name == "reject" else label, modal)
            for name, label, modal in actions
        ]

    def get_form_for_action(self, action):
        return RejectionForm if action == "reject" else ApprovalCommentForm

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # Lock and re-read: a second approver who clicked at the same moment waits here,
        # then finds the request decided instead of deciding it again.
        workflow_state, task_state = lock_task_state(task_state, self.get_task_state_class())
        if (
            task_state.status != TaskState.STATUS_IN_PROGRESS
            or workflow_state.status != workflow_state.STATUS_IN_PROGRESS
            or workflow_state.current_task_state_id != task_state.pk
        ):
            raise RequestAlreadyDecided(task_state)
        requested_by = workflow_state.requested_by
        if requested_by is not None and requested_by.pk == user.pk:
            raise SelfApprovalDenied()
        from ..duties import is_author

        if is_author(workflow_state.content_object, user):
            raise AuthorApprovalDenied()
        if action_name == "reject":
            reason = kwargs.get("rejection_reason", "")
            comment = (kwargs.get("comment") or "").strip()
            if reason not in REJECTION_REASON_CODES or not comment:
                raise BadRequest(_("A refusal needs a reason from the list and a comment."))
            task_state.rejection_reason = reason
            # The reason goes into the comment itself, in the site's language: Wagtail's
            # status panel, history and emails all show the comment of base TaskState rows.
            with translation.override(settings.LANGUAGE_CODE):
                composed = f"{reason_label(reason)}: {comment}"
            task_state.reject(user=user, comment=composed)
            return None
        return super().on_action(task_state, user, action_name, **kwargs)
