"""The monitoring panel of the admin dashboard: each of the user's units at a glance.

Website admins open the dashboard every day; the panel answers "is our MOIT evidence
current, and what is late?" with links to the filtered reports. It reuses the reports'
functions (one ``coverage`` call per list, one attention query), so its query count is
fixed whatever the number of units, pages or items.
"""

from dataclasses import dataclass, field

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from moit_wagtail.access import count_per_site
from moit_wagtail.checklist.attention import max_age_by_code, needing_attention
from moit_wagtail.checklist.status import Status, coverage
from moit_wagtail.pages.models import PublicationPage

from .filters import current_lists, governance_by_site, report_url, user_sites
from .stale import DEFAULT_WITHIN_DAYS, TAKEN_DOWN

# Due before today: a horizon of "yesterday" in ``needing_attention``.
OVERDUE = -1
# The lists shown on the dashboard: the MOIT assessment and the website framework.
PANEL_LISTS = ("moit", "website")


@dataclass
class ListSummary:
    framework: object
    percent: int
    stale: int
    url: str
    stale_url: str
    partial: int = 0  # items graded in parts with some parts still open
    partial_url: str = ""


@dataclass
class UnitSummary:
    site: object
    lists: list = field(default_factory=list)
    overdue: int = 0
    due_soon: int = 0
    taken_down: int = 0
    governance: object = None

    @property
    def name(self):
        return self.site.site_name or self.site.hostname

    def stale_url(self, **params):
        return report_url("moit_monitoring_stale", site=self.site.pk, **params)

    @property
    def overdue_url(self):
        return self.stale_url(within=0)

    @property
    def due_soon_url(self):
        return self.stale_url(within=DEFAULT_WITHIN_DAYS)

    @property
    def taken_down_url(self):
        return self.stale_url(reason=TAKEN_DOWN)


def newest_lists(request):
    """The newest fiscal year of each dashboard list."""
    newest = {framework.slug: framework for framework in current_lists(request)}
    return [newest[slug] for slug in PANEL_LISTS if slug in newest]


def unit_summaries(request, now=None):
    sites = user_sites(request)
    lists = newest_lists(request)
    units = {site.pk: UnitSummary(site) for site in sites}
    for framework in lists:
        for report in coverage(sites, framework, now):
            params = {"site": report.site.pk, "framework": framework.pk}
            units[report.site.pk].lists.append(
                ListSummary(
                    framework=framework,
                    percent=report.percent,
                    stale=report.count(Status.STALE),
                    url=report_url("moit_monitoring_coverage", **params),
                    stale_url=report_url("moit_monitoring_coverage", status=Status.STALE, **params),
                    partial=report.count(Status.PARTIAL),
                    partial_url=report_url(
                        "moit_monitoring_coverage", status=Status.PARTIAL, **params
                    ),
                )
            )
    limits = max_age_by_code(current_lists(request))  # as the stale report and reminders
    # Counted by the database: the reports list the pages themselves.
    due = count_per_site(needing_attention(DEFAULT_WITHIN_DAYS, now, limits), sites)
    late = count_per_site(needing_attention(OVERDUE, now, limits), sites)
    gone = count_per_site(PublicationPage.objects.filter(live=False, expired=True), sites)
    for site_id, unit in units.items():
        unit.overdue, unit.due_soon, unit.taken_down = (
            late[site_id],
            due[site_id] - late[site_id],
            gone[site_id],
        )
    for site_id, check in governance_by_site(sites).items():
        if site_id in units:
            units[site_id].governance = check
    return list(units.values())


class MonitoringPanel(Component):
    name = "moit_monitoring"
    template_name = "moit_monitoring/panel.html"
    order = 90

    def __init__(self, request):
        self.request = request

    @cached_property
    def units(self):
        # Computed live (a province of 20 units and 10,000 pages in ~0.2 s): what an admin
        # just published or reviewed shows at once.
        return unit_summaries(self.request)

    def get_context_data(self, parent_context):
        sites = user_sites(self.request)
        return {
            "units": self.units,
            "lists": [summary.framework for summary in self.units[0].lists] if self.units else [],
            "rollup_url": report_url("moit_monitoring_rollup") if len(sites) > 1 else "",
            "heading": _("Website monitoring (MOIT)"),
        }
