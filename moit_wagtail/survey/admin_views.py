"""Admin screens for survey responses: a listing per unit and comment moderation.

A Wagtail ``ModelViewSet`` whose every view (listing, moderation form, inspect, history,
usage) only reaches responses to survey pages of the user's own unit
(``moit_wagtail.access.UnitScopedViewSet``); a look-up of another unit's response by its
number is refused with 403, not just hidden. The listing also follows the page permissions
on each survey page (``permissions``). Moderating is editing one field, the comment's
status, so it is the viewset's edit view with a form of that field alone; the scores are
shown, not editable.
"""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from moit_wagtail.access import UnitScope, UnitScopedViewSet

from .models import SurveyResponse


def policy():
    return policy_registry.get_by_type(SurveyResponse)


class ScopedObjectMixin:
    """``get_object`` refuses responses the user may not ``object_action`` on their page
    (moderating needs the right to publish the survey page)."""

    object_action = "view"

    def get_object(self, *args, **kwargs):
        # Another unit's response first gets the unit refusal (403), like every view.
        obj = self.unit_scope.check(self.request.user, super().get_object(*args, **kwargs))
        if not policy().user_has_permission_for_instance(
            self.request.user, self.object_action, obj
        ):
            raise PermissionDenied
        return obj


class ResponseIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            policy()
            .instances_user_has_permission_for(self.request.user, "view")
            .select_related("survey")
            .prefetch_related("ratings")
        )

    def get_edit_url(self, instance):
        if policy().user_has_permission_for_instance(self.request.user, "change", instance):
            return super().get_edit_url(instance)
        return None


class ResponseEditView(ScopedObjectMixin, generic.EditView):
    object_action = "change"

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.reviewed_by = self.request.user
        instance.reviewed_at = timezone.now()
        instance.save()
        return instance

    def get_success_message(self, instance=None):
        return _("Comment status saved.")


class ResponseDetailsPanel(Panel):
    """The visitor's scores and comment, read-only, above the moderation choice."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "moit_survey/admin/response_details.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["response"] = self.instance
            return context


def average_text(response):
    average = response.average
    return "-" if average is None else f"{average:.2f}"


def comment_excerpt(response):
    return Truncator(response.comment).chars(80) or "-"


class SurveyResponseViewSet(UnitScopedViewSet, ModelViewSet):
    model = SurveyResponse
    # Visitors' comments are the unit's own: provincial oversight does not open them.
    unit_scope = UnitScope(page_field="survey", oversight=False)
    icon = "comment"
    menu_label = _("Survey responses")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ResponseIndexView
    edit_view_class = ResponseEditView
    list_filter = ["comment_status"]
    list_per_page = 50
    inspect_view_fields = [
        "survey",
        "submitted_at",
        "comment",
        "comment_status",
        "reviewed_by",
        "reviewed_at",
    ]
    edit_handler = ObjectList(
        [
            ResponseDetailsPanel(heading=_("Answers")),
            FieldPanel("comment_status", heading=_("Publish the comment?")),
        ]
    )

    @property
    def list_display(self):
        return [
            "__str__",  # survey title and time of the response, linked to moderation
            Column("average", label=_("average score"), accessor=average_text),
            Column("comment", label=_("comment"), accessor=comment_excerpt),
            Column(
                "comment_status",
                label=_("comment status"),
                accessor="get_comment_status_display",
            ),
        ]
