"""Provincial roll-up (seed 3.3): every unit's status on every item of one checklist.

The provincial office follows its units the way its trackers do (unit × item, present or
missing), but from the same status rules as each unit's own report, in one ``coverage``
call: a fixed number of queries for 3 units or 30. Only for users who may see several
units; a unit's own staff get 403 and no menu item.
"""

from dataclasses import dataclass, field

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from moit_wagtail.access import VIEW_ALL_PERMISSION
from moit_wagtail.checklist.models import ChecklistItem
from moit_wagtail.checklist.status import COVERED, Status, coverage

from .filters import (
    STATUS_CLASSES,
    MonitoringReportView,
    RequestChoicesFilterSet,
    default_framework,
    framework_choices,
    frameworks,
    report_url,
)
from .reports import part_names

COVERAGE_URL = "moit_monitoring_coverage"
SYMBOLS = {
    Status.CURRENT: "✓",
    Status.PARTIAL: "◐",
    Status.STALE: "!",
    Status.TAKEN_DOWN: "↓",
    Status.MISSING: "✗",
    Status.NOT_APPLICABLE: "–",
}


# The tooltip of a cell whose item is graded in parts and not complete.
OPEN_PARTS = _("%(status)s: %(parts)s still without current evidence")


@dataclass
class Cell:
    status: str
    url: str
    open_parts: list = field(default_factory=list)  # PartStatus

    @property
    def label(self):
        return Status(self.status).label

    @property
    def title(self):
        """The status, and the parts the unit still has to publish."""
        if not self.open_parts:
            return self.label
        return OPEN_PARTS % {"status": self.label, "parts": part_names(self.open_parts)}

    @property
    def symbol(self):
        return SYMBOLS[self.status]

    @property
    def css_class(self):
        return STATUS_CLASSES[self.status]


@dataclass
class UnitRow:
    """One unit's line of the matrix: its percentage and one cell per item."""

    coverage: object  # SiteCoverage
    cells: list
    url: str

    @property
    def site(self):
        return self.coverage.site

    @property
    def name(self):
        return self.site.site_name or self.site.hostname

    def export(self):
        return [
            self.name,
            self.coverage.percent,
            self.coverage.covered,
            *(str(cell.label) for cell in self.cells),
        ]


class RollupFilterSet(RequestChoicesFilterSet):
    framework = django_filters.ChoiceFilter(label=_("Checklist"), empty_label=None)
    request_choices = {"framework": framework_choices}

    class Meta:
        model = ChecklistItem
        fields = []


class RollupReportView(MonitoringReportView):
    page_title = _("Provincial roll-up")
    header_icon = "table"
    index_url_name = "moit_monitoring_rollup"
    index_results_url_name = "moit_monitoring_rollup_results"
    results_template_name = "moit_monitoring/rollup_results.html"
    filterset_class = RollupFilterSet
    export_filename = "provincial-rollup"

    def check_access(self, request):
        if len(self.sites) < 2:
            raise PermissionDenied  # one unit's staff use the coverage report

    def filter_defaults(self):
        framework = default_framework(self.request)
        return {"framework": str(framework.pk) if framework else None}

    @cached_property
    def framework(self):
        chosen = self.value("framework")
        found = [f for f in frameworks(self.request) if str(f.pk) == chosen]
        return found[0] if found else default_framework(self.request)

    @cached_property
    def coverages(self):
        return coverage(self.sites, self.framework) if self.framework else []

    @cached_property
    def items(self):
        return self.coverages[0].items if self.coverages else []

    @property
    def list_export(self):
        return ["unit", "percent", "covered", *(f"item:{row.item.code}" for row in self.items)]

    @property
    def export_headings(self):
        headings = {"unit": _("Unit website"), "percent": _("Coverage (%)")}
        headings["covered"] = _("Items covered")
        headings.update({f"item:{row.item.code}": row.item.code for row in self.items})
        return headings

    def get_rows(self):
        rows = []
        for report in self.coverages:
            params = {"site": report.site.pk, "framework": self.framework.pk}
            cells = [
                Cell(
                    row.status,
                    report_url(COVERAGE_URL, status=row.status, **params),
                    row.open_parts,
                )
                for row in report.items
            ]
            rows.append(UnitRow(report, cells, report_url(COVERAGE_URL, **params)))
        return rows

    def get_filename(self):
        if not self.framework:
            return self.export_filename
        return f"{self.export_filename}-{self.framework.slug}-{self.framework.fiscal_year}"

    def item_totals(self):
        """How many units cover each item (the bottom line of the matrix)."""
        return [
            sum(1 for report in self.coverages if report.items[index].status in COVERED)
            for index in range(len(self.items))
        ]

    def workbook_url(self):
        """The province's workbook for the MOIT system, for those who may see every unit."""
        if not (self.framework and self.request.user.has_perm(VIEW_ALL_PERMISSION)):
            return ""
        return report_url("moit_monitoring_submission_province", framework=self.framework.pk)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(
            framework=self.framework,
            items=[row.item for row in self.items],
            item_totals=self.item_totals(),
            legend=[(STATUS_CLASSES[key], SYMBOLS[key], name) for key, name in Status.choices],
            units=len(self.coverages),
            workbook_url=self.workbook_url(),
        )
        return context
