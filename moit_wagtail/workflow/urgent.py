"""The urgent path (seed 2.2.1): publish now on a verbal approval, confirm it later.

Logic lives in ``publish_urgently`` and ``confirm``; the views only check permissions,
show forms and messages. Both actions are written to the page's history (audit log).
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView
from wagtail.admin import messages
from wagtail.log_actions import log
from wagtail.models import Page

from moit_wagtail.access import UnitScope
from moit_wagtail.admin_views import AdminScreen
from moit_wagtail.date_inputs import AdminDateTimeField
from moit_wagtail.people import limit_to_unit_staff, person_label, site_of_page

from . import duties
from .concurrency import decided_message, last_decided_task_state, lock_current_workflow_state
from .models import UrgentApproval

PUBLISH_ACTION = "moit_workflow.urgent_publish"
CONFIRM_ACTION = "moit_workflow.urgent_confirm"
PERMISSION = "moit_workflow.publish_urgently"


def possible_approvers(page, publisher):
    """Members of the approval groups of the page's workflow, other than the publisher
    and the page's authors (``duties``).

    ``UrgentPublishForm`` narrows them to the unit's own staff (``moit_wagtail.people``).
    """
    workflow = page.get_workflow()
    if workflow is None:
        return get_user_model().objects.none()
    task_groups = [task.specific for task in workflow.tasks.filter(active=True)]
    group_ids = {group.pk for task in task_groups for group in task.groups.all()}
    members = get_user_model().groups.through.objects.filter(group_id__in=group_ids)
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=members.values("user_id"))
        .exclude(pk=publisher.pk)
        .exclude(pk__in=duties.authors(page))
        .order_by("first_name", "last_name")
    )


class UrgentPublishForm(forms.Form):
    approver = forms.ModelChoiceField(
        label=_("Head of group who approved verbally"), queryset=get_user_model().objects.none()
    )
    approved_at = AdminDateTimeField(label=_("When the verbal approval was given"))
    reason = forms.CharField(
        label=_("Why it could not wait for the usual approval"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, page, publisher, **kwargs):
        super().__init__(*args, **kwargs)
        limit_to_unit_staff(
            self.fields["approver"],
            site_of_page(page),
            queryset=possible_approvers(page, publisher),
        )

    def clean_approved_at(self):
        value = self.cleaned_data["approved_at"]
        if value > timezone.now():
            raise ValidationError(_("The verbal approval cannot be in the future."))
        return value


@transaction.atomic
def publish_urgently(page, publisher, approver, approved_at, reason):
    """Publish the latest revision now, ending any pending request, and record it."""
    page = page.specific
    latest = page.get_latest_revision_as_object()
    missing = latest.missing_metadata() if hasattr(latest, "missing_metadata") else {}
    if missing:
        raise ValidationError(
            _("Fill in %(fields)s before publishing.")
            % {"fields": ", ".join(str(label) for label in missing.values())}
        )
    # Under the page's lock, re-read: an approver may have decided a moment ago.
    workflow_state = lock_current_workflow_state(page)
    page = Page.objects.get(pk=page.pk).specific
    if page.live and not page.has_unpublished_changes:
        decided = last_decided_task_state(page)
        if decided is not None and decided.status == decided.STATUS_APPROVED:
            raise ValidationError(decided_message(decided))
        raise ValidationError(_("The latest version is already published."))
    if workflow_state is not None and workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
        workflow_state.cancel(user=publisher)
    revision = page.get_latest_revision() or page.save_revision(user=publisher)
    revision.publish(user=publisher)
    record = UrgentApproval.objects.create(
        page=page,
        revision=revision,
        approver=approver,
        approved_at=approved_at,
        reason=reason,
        published_by=publisher,
    )
    log(
        instance=page,
        action=PUBLISH_ACTION,
        user=publisher,
        revision=revision,
        data={"approver": approver.get_full_name() or approver.get_username(), "reason": reason},
    )
    return record


def confirm(record, user):
    if record.approver_id != user.pk:
        raise PermissionDenied
    if not record.is_confirmed:
        record.confirmed_at = timezone.now()
        record.save(update_fields=["confirmed_at"])
        log(instance=record.page.specific, action=CONFIRM_ACTION, user=user)
    return record


class UrgentPublishView(AdminScreen, FormView):
    template_name = "moit_workflow/urgent_publish.html"
    form_class = UrgentPublishForm
    page_title = _("Publish urgently on a verbal approval")
    header_icon = "warning"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        can_publish = duties.holds_publish_permission(self.page, request.user)
        if not (request.user.has_perm(PERMISSION) and can_publish):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "page": self.page, "publisher": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            action_url=self.request.path,
            submit_button_label=_("Publish now and record the verbal approval"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            publish_urgently(self.page, self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("'%(title)s' is published. It stays flagged until %(approver)s confirms.")
            % {"title": self.page.title, "approver": person_label(form.cleaned_data["approver"])},
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)


# Verbal approvals belong to the unit of the published page (``moit_wagtail.access``).
UNIT_SCOPE = UnitScope(page_field="page")


class UrgentApprovalListView(AdminScreen, ListView):
    """Verbal approvals still awaiting confirmation, of the user's own units: the
    approver's own, or all of them for those who may publish urgently."""

    template_name = "moit_workflow/urgent_list.html"
    page_title = _("Verbal approvals awaiting confirmation")
    header_icon = "warning"
    context_object_name = "records"

    def get_queryset(self):
        records = UNIT_SCOPE.filter(
            UrgentApproval.objects.awaiting_confirmation(), self.request.user
        ).select_related("page", "approver", "published_by")
        if not self.request.user.has_perm(PERMISSION):
            records = records.filter(approver=self.request.user)
        return records

    def post(self, request):
        record = get_object_or_404(UrgentApproval, pk=request.POST.get("record"))
        confirm(record, request.user)
        messages.success(request, _("Thank you: the approval of '%s' is confirmed.") % record.page)
        return redirect(reverse("moit_urgent_list"))
