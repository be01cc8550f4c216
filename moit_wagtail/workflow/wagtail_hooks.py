"""Wiring only: admin URLs, menu items and hooks of the publishing request."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from moit_wagtail.people import explorer_filterset

from . import duties, urgent
from .page_views import ConcurrencySafePageViewSet
from .views import explain_own_request

hooks.register("before_edit_page", explain_own_request)
hooks.register("before_edit_page", duties.explain_refused_publish)
hooks.register("before_publish_page", duties.refuse_publishing_by_author)
hooks.register("before_copy_page", duties.refuse_publishing_copies_by_author)
hooks.register("construct_page_action_menu", duties.hide_publish_on_create)


@hooks.register("register_admin_viewset")
def register_concurrency_safe_page_views():
    # Replaces Wagtail's fallback page viewset (registered at order -1) for every page type;
    # its explorer names only the viewer's units' people in the person filters.
    return ConcurrencySafePageViewSet(filterset_class=explorer_filterset())


@hooks.register("register_admin_urls")
def register_urgent_urls():
    return [
        path("moit/urgent/", urgent.UrgentApprovalListView.as_view(), name="moit_urgent_list"),
        path(
            "moit/urgent/publish/<int:page_id>/",
            urgent.UrgentPublishView.as_view(),
            name="moit_urgent_publish",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_urgent_menu_item():
    return MenuItem(
        _("Verbal approvals"), reverse("moit_urgent_list"), icon_name="warning", order=160
    )


class UrgentPublishMenuItem(ActionMenuItem):
    label = _("Publish urgently (verbal approval)")
    name = "action-urgent-publish"
    icon_name = "warning"

    def is_shown(self, context):
        user = context["request"].user
        return (
            context["view"] == "edit"
            and user.has_perm(urgent.PERMISSION)
            and duties.holds_publish_permission(context["page"], user)
        )

    def get_url(self, context):
        return reverse("moit_urgent_publish", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_urgent_action():
    return UrgentPublishMenuItem(order=45)


@hooks.register("register_log_actions")
def register_urgent_log_actions(actions):
    @actions.register_action(urgent.PUBLISH_ACTION)
    class UrgentPublishFormatter(LogFormatter):
        label = _("Published urgently on a verbal approval")

        def format_message(self, log_entry):
            return _("Published urgently; verbal approval by %(approver)s: %(reason)s") % {
                "approver": log_entry.data.get("approver", ""),
                "reason": log_entry.data.get("reason", ""),
            }

    @actions.register_action(duties.PUBLISHED_BY_AUTHOR_ACTION)
    class PublishedByAuthorFormatter(LogFormatter):
        label = _("Published by one of its authors (exception to segregation of duties)")

    @actions.register_action(urgent.CONFIRM_ACTION)
    class UrgentConfirmFormatter(LogFormatter):
        label = _("Verbal approval confirmed in the system")


@hooks.register("register_moit_unit_permissions")
def workflow_unit_permissions():
    # Seed 2.2.1: website admins may publish at once on a verbal approval (recorded).
    return [("admins", "moit_workflow.publish_urgently")]


@hooks.register("register_permissions")
def register_workflow_permissions():
    return Permission.objects.filter(
        content_type__app_label="moit_workflow", codename="publish_urgently"
    )
