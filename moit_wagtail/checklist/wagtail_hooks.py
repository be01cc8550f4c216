"""Wiring only: the checklist admin screens and the roll-over view."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import rollover, views


@hooks.register("register_admin_viewset")
def register_checklist_viewsets():
    return views.ChecklistViewSetGroup()


@hooks.register("register_admin_urls")
def register_checklist_urls():
    return [
        path(
            "moit/checklists/<int:pk>/next-year/",
            views.StartNextYearView.as_view(),
            name=views.START_NEXT_YEAR_URL,
        ),
        path(
            "moit/checklists/<int:pk>/next-year/<int:year>/",
            views.RollOverView.as_view(),
            name=views.ROLL_OVER_URL,
        ),
    ]


@hooks.register("register_log_actions")
def register_roll_over_action(actions):
    actions.register_action(
        rollover.ROLL_OVER_ACTION,
        _("Roll over into a new fiscal year"),
        _("The units' records were carried from the previous fiscal year"),
    )


@hooks.register("register_moit_unit_permissions")
def checklist_unit_permissions():
    # Exemptions and evidence links are unit records: the views keep them to own sites.
    for model in ("notapplicable", "itemevidence"):
        for action in ("add", "change", "delete", "view"):
            yield "admins", f"moit_checklist.{action}_{model}"
    # The provincial office edits the shared checklists and follows every unit (seed 3.3).
    yield "provincial", "moit_checklist.view_all_units"
    for action in ("add", "change", "delete", "view"):
        yield "provincial", f"moit_checklist.{action}_framework"
