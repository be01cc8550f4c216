"""Wagtail's page edit and workflow-action views, made safe for two people at once.

Registered as the default page viewset (Wagtail's documented way to change the views of
every page type), so all page types get them:

* the edit view refuses a save whose form was loaded from an older version than the
  latest (Wagtail checks this only for autosave; a plain "Save" overwrote silently),
  keeps the user's input in the form and says who saved in between; the check and the
  save run under the page's row lock, so two saves at the same moment cannot both pass.
  The editor's own autosaves never count: each autosave tells the form which version it
  now holds (Wagtail's ``field_updates``), and versions saved by this user while no
  other window of theirs edits the page (Wagtail's editing sessions) are theirs;
* approving or refusing, from the modal or from the editor, when someone else decided
  first gives a clear message and a normal redirect instead of an error page or a
  silent second action;
* an approver who changed the pending content is refused the decision (``duties``),
  with his input kept in the form;
* the approver is told what their decision did (``decisions``), and an editor whose page
  was sent back sees the refusal above the form and in the status panel (``refusal``).
"""

import json

from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property
from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, Revision, TaskState

from .concurrency import (
    RequestAlreadyDecided,
    conflict_message,
    decided_message,
    last_decided_task_state,
    lock_page,
    saved_by_someone_else_since,
)
from .decisions import decided_step, decision_message
from .models import AuthorApprovalDenied
from .refusal import refusal_of, resubmit_label, status_panel

WAGTAIL_EDIT_TEMPLATE = "wagtailadmin/pages/edit.html"
REFUSAL_EDIT_TEMPLATE = "moit_workflow/pages/edit.html"

ACTIONS_NEEDING_ALL_FIELDS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
)


class ConcurrencySafeEditView(EditView):
    def post(self, request, *args, **kwargs):
        if self.expects_json_response:  # autosave: Wagtail's own conflict check applies
            return form_follows_autosave(super().post(request, *args, **kwargs))
        with transaction.atomic():
            lock_page(self.real_page_record.pk)
            self.refresh_locked_state()
            if self.is_out_of_date and saved_by_someone_else_since(
                self.real_page_record, self.request.user, self.request.POST
            ):
                return self.refuse(conflict_message(self.latest_revision))
            if request.POST.get("action-workflow-action") and not self.workflow_action_is_valid():
                decided = last_decided_task_state(self.real_page_record)
                if decided is not None:
                    return self.refuse(decided_message(decided))
            return super().post(request, *args, **kwargs)

    def refresh_locked_state(self):
        """Re-read, under the lock, what ``dispatch`` read before it: the latest version
        (the re-rendered form then carries it, so saving again is a deliberate overwrite)
        and the workflow state (publishing cancels it; a stale copy would overwrite an
        approval made in between)."""
        if self.workflow_state is not None:
            self.workflow_state = (
                self.page.current_workflow_state
                or self.page.workflow_states.order_by("created_at").last()
            )
        latest_id = (
            Page.objects.filter(pk=self.real_page_record.pk)
            .values_list("latest_revision_id", flat=True)
            .first()
        )
        self.latest_revision = Revision.objects.filter(pk=latest_id).first()
        for cached in ("is_out_of_date", "latest_revision_created_at", "refusal"):
            self.__dict__.pop(cached, None)

    def refuse(self, message):
        """Wagtail's own pattern for a refused save: message, form re-rendered with input."""
        self.form = self.form_class(
            self.request.POST,
            self.request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=self.request.user,
        )
        if not any(name in self.request.POST for name in ACTIONS_NEEDING_ALL_FIELDS):
            self.form.defer_required_fields()  # as Wagtail does for a draft save
        self.form.is_valid()  # bound and cleaned, so the fields show what was typed
        self.form.restore_required_fields()
        if self.latest_revision is not None:
            self.page.latest_revision_id = self.latest_revision.pk
        messages.error(self.request, message)
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())

    def perform_workflow_action(self):
        self.deciding_task_state_id = self.page.current_workflow_task_state.pk
        try:
            with transaction.atomic():  # the content saved with the action goes too
                return super().perform_workflow_action()
        except (RequestAlreadyDecided, AuthorApprovalDenied) as refused:
            return self.refuse(refused.message)

    def add_save_confirmation_message(self):
        """After a decision from the footer, say what it did instead of "updated"."""
        decided = decided_step(getattr(self, "deciding_task_state_id", None), self.request.user)
        if decided is None:
            return super().add_save_confirmation_message()
        messages.success(self.request, decision_message(decided))

    @cached_property
    def refusal(self):
        return refusal_of(self.workflow_state)

    def get_template_names(self):
        names = super().get_template_names()
        if self.refusal is not None and names == [WAGTAIL_EDIT_TEMPLATE]:
            return [REFUSAL_EDIT_TEMPLATE]
        return names

    def get_side_panels(self):
        panels = super().get_side_panels()
        if self.refusal is not None:
            for index, panel in enumerate(panels):
                if panel.name == "status":
                    panels[index] = status_panel(self, self.refusal)
        return panels

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.refusal is not None:
            context.update(
                refusal=self.refusal,
                resubmit_label=resubmit_label(self.refusal),
                can_resubmit=self.page_perms.can_submit_for_moderation()
                and not self.locked_for_user,
            )
        return context


def form_follows_autosave(response):
    """After a successful autosave, make the form say it now holds the autosaved version.

    Wagtail's autosave keeps the revision id to itself (it sends it only with the next
    autosave), so the form's ``loaded_revision_id`` still named the version the editor
    opened, and the next plain save looked like an overwrite of someone else's work.
    ``field_updates`` is Wagtail's own channel for updating form fields after an autosave.
    """
    if not isinstance(response, JsonResponse):
        return response
    data = json.loads(response.content)
    if not data.get("success") or "revision_id" not in data:
        return response
    data.setdefault("field_updates", {}).update(
        loaded_revision_id=str(data["revision_id"]),
        loaded_revision_created_at=data.get("revision_created_at", ""),
    )
    return JsonResponse(data, status=response.status_code)


class ConcurrencySafeWorkflowActionView(WorkflowActionView):
    def dispatch(self, request, *args, **kwargs):
        # Wagtail only says "not awaiting moderation"; tell an approver of this request
        # who decided, and how.
        task_state = self.task_state
        if (
            task_state.status != TaskState.STATUS_IN_PROGRESS
            and task_state.workflow_state.object_id == str(self.object.pk)
            and self.task.get_actions(self.object, request.user)
        ):
            return self.already_decided(task_state)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            response = super().post(request, *args, **kwargs)
        except RequestAlreadyDecided as refused:
            return self.already_decided(refused.task_state)
        decided = decided_step(self.task_state.pk, request.user)
        if decided is not None:  # not when the modal re-shows a form with errors
            messages.success(request, decision_message(decided))
        return response

    def already_decided(self, task_state):
        messages.warning(self.request, decided_message(task_state))
        if self.request.headers.get("x-requested-with") == "XMLHttpRequest":
            return self.render_modal_json(
                self.request, {"step": "success", "redirect": self.redirect_url}
            )
        return redirect(self.redirect_url)


class ConcurrencySafePageViewSet(PageViewSet):
    model = Page
    name = "moit_pages"
    edit_view_class = ConcurrencySafeEditView
    workflow_action_view_class = ConcurrencySafeWorkflowActionView
