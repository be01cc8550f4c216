"""Wagtail's reports whose person filters would list every unit's accounts (the site
history's "User", the workflow reports' "Requested by"), with those filters narrowed to the
viewer's units' people (``people.UnitPeopleFilterSet``).

Wagtail registers these reports in its own admin URLs, which resolve before any
``register_admin_urls`` hook, so the project includes these patterns just before
Wagtail's admin (``path("admin/", include("moit_wagtail.people_reports"))``). The paths and
views are Wagtail's; only the filterset changes. This is the one place that shadows them.
"""

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView

from .people import UnitPeopleFilterSet


def narrowed(view):
    filterset = type(view.filterset_class.__name__, (UnitPeopleFilterSet, view.filterset_class), {})
    return type(view.__name__, (view,), {"filterset_class": filterset})


REPORTS = [
    ("reports/site-history/", LogEntriesView),
    ("reports/workflow/", WorkflowView),
    ("reports/workflow_tasks/", WorkflowTasksView),
]

urlpatterns = [
    pattern
    for route, view in REPORTS
    for pattern in (
        path(route, require_admin_access(narrowed(view).as_view())),
        path(f"{route}results/", require_admin_access(narrowed(view).as_view(results_only=True))),
    )
]
