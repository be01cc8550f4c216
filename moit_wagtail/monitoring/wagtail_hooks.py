"""Wiring only: admin URLs, Reports menu items and the dashboard panel of monitoring."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from moit_wagtail.access import refuse_other_units

from .filters import user_sites
from .panels import MonitoringPanel
from .reports import CoverageReportView
from .rollup import RollupReportView
from .stale import StalePagesReportView
from .submission_views import RollupWorkbookView, SubmissionExportView

REPORTS = [
    ("coverage", CoverageReportView),
    ("rollup", RollupReportView),
    ("stale", StalePagesReportView),
    ("submission", SubmissionExportView),
]


@hooks.register("register_admin_urls")
def register_monitoring_urls():
    urls = []
    for name, view in REPORTS:
        url_name = f"moit_monitoring_{name}"
        urls += [
            path(f"moit/monitoring/{name}/", refuse_other_units(view.as_view()), name=url_name),
            path(
                f"moit/monitoring/{name}/results/",
                refuse_other_units(view.as_view(results_only=True)),
                name=f"{url_name}_results",
            ),
        ]
    urls.append(
        path(
            "moit/monitoring/submission/province/",
            refuse_other_units(RollupWorkbookView.as_view()),
            name="moit_monitoring_submission_province",
        )
    )
    return urls


class MonitoringMenuItem(MenuItem):
    """Shown to whoever may monitor at least ``min_sites`` unit websites (the views check too)."""

    def __init__(self, *args, min_sites=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.min_sites = min_sites

    def is_shown(self, request):
        return len(user_sites(request)) >= self.min_sites


@hooks.register("register_reports_menu_item")
def register_coverage_menu_item():
    return MonitoringMenuItem(
        _("Checklist coverage"), reverse("moit_monitoring_coverage"), name="moit-coverage",
        icon_name="list-ul", order=50,
    )  # fmt: skip


@hooks.register("register_reports_menu_item")
def register_rollup_menu_item():
    return MonitoringMenuItem(
        _("Provincial roll-up"), reverse("moit_monitoring_rollup"), name="moit-rollup",
        icon_name="table", order=51, min_sites=2,
    )  # fmt: skip


@hooks.register("register_reports_menu_item")
def register_stale_menu_item():
    return MonitoringMenuItem(
        _("Pages needing attention"), reverse("moit_monitoring_stale"), name="moit-stale",
        icon_name="time", order=52,
    )  # fmt: skip


@hooks.register("register_reports_menu_item")
def register_submission_menu_item():
    return MonitoringMenuItem(
        _("Submission for the MOIT system"), reverse("moit_monitoring_submission"),
        name="moit-submission", icon_name="download", order=53,
    )  # fmt: skip


@hooks.register("construct_homepage_panels")
def add_monitoring_panel(request, panels):
    if user_sites(request):
        panels.append(MonitoringPanel(request))
