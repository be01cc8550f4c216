"""Wiring only: the checklist admin screens and the roll-over view."""

from django.urls import path
from wagtail import hooks

from . import views


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
        )
    ]


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
