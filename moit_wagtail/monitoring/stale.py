"""Pages needing attention (seed 3.2): what to update, who owns it, how late it is.

The rule of "needing attention" and its reasons is ``checklist.attention`` (shared with the
reminder emails); this module only reads it for the user's sites, in one query of plain
values, and adds the pages taken down when their publication period ended, so an expired
page shows up as taken down instead of silently vanishing from every list.
"""

import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from moit_wagtail.access import SiteIndex, under_sites
from moit_wagtail.checklist.attention import (
    REASON_LABELS,
    Reason,
    max_age_by_code,
    needing_attention,
    reasons_for,
)
from moit_wagtail.checklist.models import ChecklistItem
from moit_wagtail.pages.models import PublicationPage

from .filters import (
    MonitoringReportView,
    RequestChoicesFilterSet,
    be,
    current_lists,
    site_choices,
)

TAKEN_DOWN = "taken_down"
TAKEN_DOWN_LABEL = _("taken down at end of publication period")
DEFAULT_WITHIN_DAYS = 14
MAX_WITHIN_DAYS = 366

FIELDS = (
    "id", "title", "path", "live", "expired", "expire_at", "review_by", "data_period_end",
    "last_reviewed_on",
    "last_published_at", "evidence_code", "clause", "owner_unit", "responsible_person__username",
    "responsible_person__first_name", "responsible_person__last_name",
)  # fmt: skip


@dataclass
class ShownReason:
    kind: str
    label: str
    due: datetime.date
    days_overdue: int

    @property
    def is_overdue(self):
        return self.days_overdue > 0

    @property
    def due_display(self):
        return be(self.due)


@dataclass
class AttentionRow:
    """One page and why it needs attention (reasons most overdue first)."""

    id: int
    title: str
    site: object
    owner_unit: str
    responsible: str
    reasons: list = field(default_factory=list)

    @property
    def taken_down(self):
        return any(reason.kind == TAKEN_DOWN for reason in self.reasons)

    @property
    def days_overdue(self):
        return max(reason.days_overdue for reason in self.reasons)

    @property
    def is_overdue(self):
        return self.days_overdue > 0

    @property
    def days_left(self):
        return -self.days_overdue

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=(self.id,))

    @property
    def site_name(self):
        return (self.site.site_name or self.site.hostname) if self.site else ""

    def export(self):
        return [
            self.title,
            self.site_name,
            self.owner_unit,
            self.responsible,
            "\n".join(f"{reason.label}: {reason.due_display}" for reason in self.reasons),
            self.days_overdue,
        ]


def _responsible(values):
    name = " ".join(
        part
        for part in (
            values["responsible_person__first_name"],
            values["responsible_person__last_name"],
        )
        if part
    )
    return name or values["responsible_person__username"] or ""


def attention_rows(sites, within_days=DEFAULT_WITHIN_DAYS, now=None, limits=None, owner=""):
    """Pages of ``sites`` needing attention within ``within_days``, and pages taken down at
    the end of their period, most overdue first. One query (two more for ``limits``)."""
    sites = list(sites)
    if not sites:
        return []
    now = now or timezone.now()
    today = timezone.localdate(now)
    limits = max_age_by_code() if limits is None else limits
    taken_down = PublicationPage.objects.filter(live=False, expired=True)
    pages = needing_attention(within_days, now, limits) | taken_down
    pages = pages.filter(under_sites(sites))
    if owner:
        pages = pages.filter(owner_unit__icontains=owner)
    index = SiteIndex(sites)
    rows = []
    for values in pages.values(*FIELDS):
        page = SimpleNamespace(**values)
        if page.live:
            found = reasons_for(page, within_days, now, limits)
        else:
            ended = timezone.localdate(page.expire_at) if page.expire_at else today
            found = [Reason(TAKEN_DOWN, ended, today)]
        if not found:
            continue
        site = index.site_of(page.path)
        rows.append(
            AttentionRow(
                id=page.id,
                title=page.title,
                site=site,
                owner_unit=page.owner_unit,
                responsible=_responsible(values),
                reasons=[
                    ShownReason(
                        reason.kind,
                        TAKEN_DOWN_LABEL if reason.kind == TAKEN_DOWN else reason.label,
                        reason.due,
                        reason.days_overdue,
                    )
                    for reason in found
                ],
            )
        )
    # Pages needing action first (most overdue first), then what was already taken down.
    rows.sort(key=lambda row: (row.taken_down, -row.days_overdue, row.title))
    return rows


def reason_choices(request=None):
    return [*REASON_LABELS.items(), (TAKEN_DOWN, TAKEN_DOWN_LABEL)]


class StaleFilterSet(RequestChoicesFilterSet):
    site = django_filters.ChoiceFilter(label=_("Unit website"), empty_label=_("All my units"))
    reason = django_filters.ChoiceFilter(label=_("Reason"), choices=reason_choices)
    owner = django_filters.CharFilter(label=_("Information owner"))
    within = django_filters.NumberFilter(label=_("Due within (days)"), min_value=0)
    request_choices = {"site": site_choices}

    class Meta:
        model = ChecklistItem
        fields = []


class StalePagesReportView(MonitoringReportView):
    page_title = _("Pages needing attention")
    header_icon = "time"
    index_url_name = "moit_monitoring_stale"
    index_results_url_name = "moit_monitoring_stale_results"
    results_template_name = "moit_monitoring/stale_results.html"
    filterset_class = StaleFilterSet
    paginate_by = 50
    export_filename = "pages-needing-attention"
    list_export = ["title", "site", "owner_unit", "responsible", "reasons", "days_overdue"]
    export_headings = {
        "title": _("Title"),
        "site": _("Unit website"),
        "owner_unit": _("Information owner"),
        "responsible": _("Responsible person"),
        "reasons": _("Reasons (due date)"),
        "days_overdue": _("Days overdue"),
    }

    def filter_defaults(self):
        return {"within": str(DEFAULT_WITHIN_DAYS)}

    @cached_property
    def within_days(self):
        value = self.value("within")
        if value is None:
            return DEFAULT_WITHIN_DAYS
        return max(0, min(int(value), MAX_WITHIN_DAYS))

    def get_rows(self):
        owner = (self.value("owner") or "").strip()
        limits = max_age_by_code(current_lists(self.request))
        return attention_rows(self.selected_sites(), self.within_days, limits=limits, owner=owner)

    def filter_rows(self, rows):
        reason = self.value("reason")
        if reason:
            rows = [row for row in rows if any(r.kind == reason for r in row.reasons)]
        return rows

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["within_days"] = self.within_days
        return context
