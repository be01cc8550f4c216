"""Staff screens (a Wagtail ``ModelViewSet``): list, read and answer submissions.

Every view reaches only submissions of the user's own unit (``permissions.SCOPE``, applied by
``moit_wagtail.access.UnitScopedViewSet``): another unit's submission id answers 403, and
its files cannot be downloaded. The edit screen
is a reply form: the citizen's message, files and the history of replies above it.
"""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from moit_wagtail.access import OtherUnitRecord, UnitScopedViewSet, refuse_other_units

from . import notify, permissions
from .filters import SubmissionFilterSet
from .forms import ReplyForm
from .models import Submission, SubmissionFile
from .permissions import can_handle, permission_policy
from .replies import post_reply
from .uploads import CONTENT_TYPES, extension_of


class SubmissionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            permission_policy.instances_user_has_permission_for(self.request.user, "view")
            .select_related("site")
            .order_by("-created_at", "-pk")
        )


class SubmissionEditView(generic.EditView):
    success_message = _("Saved the reply to %(object)s.")
    submit_button_label = _("Save reply")

    def get_success_message(self):
        message = self.success_message % {"object": self.object.code}
        if getattr(self, "reply", None) and self.reply.emailed_to:
            message = f"{message} " + str(
                _("The citizen was emailed at %(email)s.") % {"email": self.reply.emailed_to}
            )
        return message

    def save_instance(self):
        data = self.form.cleaned_data
        self.reply = post_reply(
            self.object,
            self.request.user,
            data["status"],
            data.get("message", ""),
            data.get("internal_note", ""),
        )
        return self.object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.object
        context.update(
            submission=submission,
            replies=list(submission.replies.select_related("author")),
            attached=[
                (item, reverse("moit_eservice_submissions:file", args=[item.pk]))
                for item in submission.files.all()
            ],
            tracking_path=notify.tracking_path(submission),
        )
        return context


def download_file(request, pk):
    """A citizen's attachment, to staff who handle that unit's submissions."""
    attached = get_object_or_404(SubmissionFile.objects.select_related("submission"), pk=pk)
    if not permission_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied
    if not can_handle(request.user, attached.submission):
        raise OtherUnitRecord
    try:
        handle = attached.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attached.original_name,
        content_type=CONTENT_TYPES.get(
            extension_of(attached.original_name), "application/octet-stream"
        ),
    )
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


class SubmissionViewSet(UnitScopedViewSet, ModelViewSet):
    model = Submission
    unit_scope = permissions.SCOPE
    icon = "mail"
    menu_label = _("E-service submissions")
    menu_order = 160
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = SubmissionIndexView
    edit_view_class = SubmissionEditView
    edit_template_name = "moit_eservices/admin/edit.html"
    filterset_class = SubmissionFilterSet
    list_display = [
        "code",
        "kind",
        Column("subject", label=_("Subject")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Received on"), sort_key="created_at"),
        Column("site", label=_("Unit website"), accessor="site.site_name"),
    ]
    search_fields = ["code", "subject", "details", "name", "email"]
    ordering = ["-created_at"]

    def get_form_class(self, for_update=False):
        return ReplyForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("file/<int:pk>/", refuse_other_units(download_file), name="file"),
        ]
