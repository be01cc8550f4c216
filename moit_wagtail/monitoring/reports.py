"""Coverage report (seed 3.1): one unit's checklist, item by item, as an assessor reads it.

Every row comes from ``checklist.status`` (the one definition of "current"), so the report,
the dashboard, the roll-up and the public MOIT page never disagree. One ``coverage`` call
reads everything in a fixed number of queries, whatever the number of pages or items.
"""

from dataclasses import dataclass

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from moit_wagtail.checklist.models import ChecklistItem
from moit_wagtail.checklist.status import Status, site_coverage

from .filters import (
    STATUS_CLASSES,
    OneUnitReportView,
    RequestChoicesFilterSet,
    be,
    framework_choices,
    governance_by_site,
    report_url,
    site_choices,
)

# An item backed by a year of monthly summaries would bury the table; the rest is counted.
MAX_EVIDENCE_SHOWN = 5


@dataclass
class EvidenceLink:
    title: str
    edit_url: str
    public_url: str
    live: bool
    current: bool
    published: str


def evidence_link(page, current):
    """``page`` as the report lists it; ``current``: ids of the pages that count now."""
    return EvidenceLink(
        title=page.title,
        edit_url=reverse("wagtailadmin_pages:edit", args=(page.id,)),
        public_url=page.site.root_url + page.public_path if page.site else "",
        live=page.live,
        current=page.id in current,
        published=be(page.last_published_at),
    )


def part_names(parts):
    """'part 2 Quarterly results, part 3 …': the parts named in a cell or a tooltip."""
    return ", ".join(f"{part.part.label} {part.part.title}" for part in parts)


@dataclass
class StatusRow:
    """A status (an item's or a part's) with its evidence links, for the table."""

    status: object  # ItemStatus or PartStatus

    @property
    def status_value(self):
        return self.status.status

    @property
    def status_label(self):
        return Status(self.status.status).label

    @property
    def status_class(self):
        return STATUS_CLASSES[self.status.status]

    @cached_property
    def evidence(self):
        current = {page.id for page in self.status.current_evidence}
        return [evidence_link(page, current) for page in self.status.evidence[:MAX_EVIDENCE_SHOWN]]

    @property
    def more_evidence(self):
        return max(0, len(self.status.evidence) - MAX_EVIDENCE_SHOWN)


class PartRow(StatusRow):
    """One part of an item graded in parts: its own status and evidence."""

    @property
    def part(self):
        return self.status.part

    @property
    def label(self):
        return self.part.label

    @property
    def counted(self):
        return self.status.counted


class CoverageRow(StatusRow):
    """One checklist item on one unit's site, ready for the table and the spreadsheet."""

    @property
    def item(self):
        return self.status.item

    @cached_property
    def parts(self):
        return [PartRow(part) for part in self.status.parts]

    @property
    def open_parts(self):
        return part_names(self.status.open_parts)

    @property
    def owner(self):
        return self.status.owner

    @property
    def last_published(self):
        return be(self.status.last_published)

    @property
    def next_due(self):
        return be(self.status.next_due)

    def export(self):
        links = "\n".join(f"{link.title} {link.public_url}" for link in self.evidence)
        return [
            self.item.code,
            self.item.title,
            self.item.group,
            str(self.status_label),
            links,
            len(self.status.evidence),
            self.last_published,
            self.owner,
            self.next_due,
            self.status.justification,
            self.open_parts,
        ]


class CoverageFilterSet(RequestChoicesFilterSet):
    site = django_filters.ChoiceFilter(label=_("Unit website"), empty_label=None)
    framework = django_filters.ChoiceFilter(label=_("Checklist"), empty_label=None)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    owner = django_filters.CharFilter(label=_("Information owner"))
    request_choices = {"site": site_choices, "framework": framework_choices}

    class Meta:
        model = ChecklistItem
        fields = []


class CoverageReportView(OneUnitReportView):
    page_title = _("Checklist coverage")
    header_icon = "list-ul"
    index_url_name = "moit_monitoring_coverage"
    index_results_url_name = "moit_monitoring_coverage_results"
    results_template_name = "moit_monitoring/coverage_results.html"
    filterset_class = CoverageFilterSet
    export_filename = "checklist-coverage"
    list_export = [
        "code", "title", "group", "status", "evidence", "evidence_count", "last_published",
        "owner", "next_due", "justification", "open_parts",
    ]  # fmt: skip
    export_headings = {
        "code": _("Code"),
        "title": _("Item"),
        "group": _("Group"),
        "status": _("Status"),
        "evidence": _("Evidence pages"),
        "evidence_count": _("Number of evidence pages"),
        "last_published": _("Last published"),
        "owner": _("Information owner"),
        "next_due": _("Next due"),
        "justification": _("Not applicable because"),
        "open_parts": _("Open parts"),
    }

    @cached_property
    def report(self):
        return site_coverage(self.site, self.framework) if self.framework else None

    def get_rows(self):
        return [CoverageRow(status) for status in self.report.items] if self.report else []

    def filter_rows(self, rows):
        status, owner = self.value("status"), (self.value("owner") or "").strip().lower()
        if status:
            rows = [row for row in rows if row.status_value == status]
        if owner:
            rows = [row for row in rows if owner in (row.owner or "").lower()]
        return rows

    def get_filename(self):
        if not self.report:
            return self.export_filename
        return f"{self.export_filename}-{self.framework.slug}-{self.framework.fiscal_year}"

    def status_links(self):
        """Counts per status, each a link to the report filtered on it."""
        if not self.report:
            return []
        counts = self.report.by_status()
        params = {"site": self.site.pk, "framework": self.framework.pk}
        return [
            {
                "value": value,
                "label": label,
                "count": counts[value],
                "class": STATUS_CLASSES[value],
                "url": report_url(self.index_url_name, status=value, **params),
            }
            for value, label in Status.choices
        ]

    def get_page_subtitle(self):
        return self.site.site_name or self.site.hostname

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(
            summary_template_name="moit_monitoring/coverage_summary.html",
            site=self.site,
            framework=self.framework,
            coverage=self.report,
            status_links=self.status_links(),
            governance=governance_by_site([self.site]).get(self.site.pk),
            submission_url=report_url(
                "moit_monitoring_submission", site=self.site.pk, framework=self.framework.pk
            )
            if self.framework
            else "",
        )
        return context
