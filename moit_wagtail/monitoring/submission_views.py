"""Downloads for the MOIT system: one unit's sheet (XLSX or CSV), and the province's workbook.

A unit's staff download their own sites only; another unit's site id answers a plain 403
(``OtherUnitRecord``), not Wagtail's redirect, so a forged link is visibly refused. The
provincial workbook, a sheet per unit, is for holders of ``view_all_units``. Both read
their units in one ``coverage`` call: a fixed number of queries, whatever the number of
units, items, parts or pages.
"""

from io import BytesIO

import django_filters
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from django.views import View

from moit_wagtail.access import VIEW_ALL_PERMISSION, OtherUnitRecord
from moit_wagtail.checklist.models import ChecklistItem
from moit_wagtail.checklist.status import coverage

from .filters import (
    OneUnitReportView,
    RequestChoicesFilterSet,
    chosen_framework,
    framework_choices,
    site_choices,
    user_sites,
)
from .submission import (
    FIELDS,
    HEADINGS,
    WIDTHS,
    XLSX_CONTENT_TYPE,
    admin_root,
    submission_rows,
    write_workbook,
)


def site_name(site):
    return site.site_name or site.hostname


def export_rows(report, root):
    return [row.export() for row in submission_rows(report, root)]


def xlsx_response(sheets, filename):
    output = BytesIO()
    write_workbook(output, sheets, WIDTHS)
    output.seek(0)
    return FileResponse(
        output, as_attachment=True, content_type=XLSX_CONTENT_TYPE, filename=f"{filename}.xlsx"
    )


class SubmissionFilterSet(RequestChoicesFilterSet):
    site = django_filters.ChoiceFilter(label=_("Unit website"), empty_label=None)
    framework = django_filters.ChoiceFilter(label=_("Checklist"), empty_label=None)
    request_choices = {"site": site_choices, "framework": framework_choices}

    class Meta:
        model = ChecklistItem
        fields = []


class SubmissionExportView(OneUnitReportView):
    """One unit's rows for the MOIT system, shown and downloaded (XLSX, a sheet named
    after the unit; CSV with a BOM and formulas escaped)."""

    page_title = _("Submission for the MOIT system")
    header_icon = "download"
    index_url_name = "moit_monitoring_submission"
    index_results_url_name = "moit_monitoring_submission_results"
    results_template_name = "moit_monitoring/submission_results.html"
    filterset_class = SubmissionFilterSet
    export_filename = "moit-submission"
    list_export = FIELDS
    export_headings = HEADINGS

    def check_access(self, request):
        site_id = request.GET.get("site")
        if site_id and site_id not in {str(site.pk) for site in user_sites(request)}:
            raise OtherUnitRecord  # a plain 403, see refuse_other_units

    def get_rows(self):
        if not self.framework:
            return []
        report = coverage([self.site], self.framework, with_evidence=True)[0]
        return submission_rows(report, admin_root(self.request))

    def get_filename(self):
        if not self.framework:
            return self.export_filename
        framework = self.framework
        unit = f"{self.export_filename}-{self.site.hostname}"
        return f"{unit}-{framework.slug}-{framework.fiscal_year}"

    def write_xlsx(self, queryset, output):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = [row.export() for row in queryset]
        write_workbook(output, [(site_name(self.site), headings, rows)], WIDTHS)

    def get_page_subtitle(self):
        return site_name(self.site)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(site=self.site, framework=self.framework)
        return context


class RollupWorkbookView(View):
    """Every unit's submission rows in one workbook, a sheet per unit (the provincial
    office sends or checks them all at once)."""

    export_filename = "moit-submission-province"

    def get(self, request):
        if not request.user.has_perm(VIEW_ALL_PERMISSION):
            raise OtherUnitRecord
        framework = chosen_framework(request, request.GET.get("framework"))
        sites = user_sites(request)
        reports = coverage(sites, framework, with_evidence=True) if framework else []
        root = admin_root(request)
        headings = [str(HEADINGS[field]) for field in FIELDS]
        sheets = [
            (site_name(report.site), headings, export_rows(report, root)) for report in reports
        ]
        filename = self.export_filename
        if framework:
            filename = f"{filename}-{framework.slug}-{framework.fiscal_year}"
        return xlsx_response(sheets, filename)
