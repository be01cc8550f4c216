"""What every monitoring report shares: which sites the user may see, the filters, the export.

The site rule lives in ``moit_wagtail.access``; here it is read once per request (menu items,
the report and the dashboard panel all ask) and enforced: a site id the user may not see is
refused with 403 rather than silently replaced, so a forged link never shows another unit.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from moit_wagtail import dates
from moit_wagtail.access import sites_for_user
from moit_wagtail.checklist import years
from moit_wagtail.checklist.models import ChecklistItem, Framework
from moit_wagtail.checklist.status import Status
from moit_wagtail.spreadsheets import ExcelCsvMixin

from .governance import unit_checks

STATUS_CLASSES = {
    Status.CURRENT: "moit-status--current",
    Status.PARTIAL: "moit-status--partial",
    Status.STALE: "moit-status--stale",
    Status.TAKEN_DOWN: "moit-status--taken-down",
    Status.MISSING: "moit-status--missing",
    Status.NOT_APPLICABLE: "moit-status--not-applicable",
}


def user_sites(request):
    """``sites_for_user`` once per request (root pages joined)."""
    if not hasattr(request, "_moit_monitored_sites"):
        request._moit_monitored_sites = sites_for_user(request.user)
    return request._moit_monitored_sites


def site_choices(request):
    return [(str(site.pk), site.site_name or site.hostname) for site in user_sites(request)]


def frameworks(request):
    """Every checklist, newest fiscal year first (one query per request)."""
    if not hasattr(request, "_moit_frameworks"):
        request._moit_frameworks = list(Framework.objects.order_by("-fiscal_year", "slug"))
    return request._moit_frameworks


def current_lists(request):
    """Each list in force today (``checklist.years``, no query of its own)."""
    return years.in_force(frameworks(request))


def default_framework(request):
    """The MOIT list in force today, else the first list in force of any kind."""
    found = current_lists(request)
    return next((f for f in found if f.slug == "moit"), found[0] if found else None)


def chosen_framework(request, chosen):
    """The list picked in a filter, else the default one (``chosen`` from the query string)."""
    found = [f for f in frameworks(request) if str(f.pk) == str(chosen)]
    return found[0] if found else default_framework(request)


def framework_choices(request):
    return [(str(f.pk), str(f)) for f in frameworks(request)]


def report_url(name, **params):
    """An admin report URL with its filters, for links from the dashboard and other reports."""
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    url = reverse(name)
    return f"{url}?{query}" if query else url


def governance_by_site(sites):
    """``{site id: UnitGovernance}``: the safeguards of seed 2.2/3.1, shown beside coverage."""
    return {check.site.pk: check for check in unit_checks(sites)}


def be(value):
    return dates.format_date(value, short=True)


class RequestChoicesFilterSet(WagtailFilterSet):
    """Filters whose choices depend on the user (their sites) are filled in per request."""

    request_choices = {}

    def __init__(self, *args, request=None, defaults=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        for name, choices in self.request_choices.items():
            self.filters[name].extra["choices"] = choices(request)
        for name, value in (defaults or {}).items():
            self.filters[name].extra["initial"] = value  # a default is not an active filter


class SiteFilterSet(RequestChoicesFilterSet):
    site = django_filters.ChoiceFilter(label=_("Unit website"), empty_label=None)
    request_choices = {"site": site_choices}

    class Meta:
        model = ChecklistItem  # not translatable: no locale filter is added
        fields = []


class MonitoringReportView(ExcelCsvMixin, ReportView):
    """A report over plain Python rows (not a queryset), restricted to the user's sites.

    The filter form is Wagtail's, but its values are read here: the rows come from the
    status rules, not from a model the filterset could query.
    """

    template_name = "moit_monitoring/report.html"
    summary_template_name = None
    header_icon = "doc-full"
    paginate_by = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)  # Wagtail redirects to login
        if not user_sites(request):
            raise PermissionDenied
        self.check_access(request)
        return super().dispatch(request, *args, **kwargs)

    def check_access(self, request):
        """Refuse a site the user may not monitor (explicit foreign ids are a 403)."""
        site_id = request.GET.get("site")
        if site_id and site_id not in {str(site.pk) for site in user_sites(request)}:
            raise PermissionDenied

    def filter_defaults(self):
        """Filter values used when the query string has none (shown as selected)."""
        return {}

    def get_filterset_kwargs(self):
        defaults = {key: value for key, value in self.filter_defaults().items() if value}
        data = self.request.GET.copy()
        for key, value in defaults.items():
            data.setdefault(key, value)
        return {"data": data, "request": self.request, "defaults": defaults}

    def value(self, name, default=None):
        """A cleaned filter value, or ``default`` when absent or invalid."""
        if self.filters is None or not self.filters.is_valid():
            return default
        value = self.filters.form.cleaned_data.get(name)
        return default if value in (None, "") else value

    @property
    def sites(self):
        return user_sites(self.request)

    def selected_sites(self):
        """The chosen site, or every site the user may see."""
        site_id = self.value("site")
        return [site for site in self.sites if not site_id or str(site.pk) == site_id]

    def get_queryset(self):
        return self.filter_rows(self.get_rows())

    def get_rows(self):
        raise NotImplementedError

    def filter_rows(self, rows):
        return rows

    def filter_queryset(self, queryset):
        return queryset  # rows are filtered in filter_rows

    def to_row_dict(self, item):
        return dict(zip(self.list_export, item.export(), strict=True))

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["summary_template_name"] = self.summary_template_name
        return context


class OneUnitReportView(MonitoringReportView):
    """A report of one unit and one list: the first unit the user may see and the list in
    force, unless the filters say otherwise."""

    def filter_defaults(self):
        framework = default_framework(self.request)
        return {
            "site": str(self.sites[0].pk),
            "framework": str(framework.pk) if framework else None,
        }

    @cached_property
    def site(self):
        return self.selected_sites()[0] if self.value("site") else self.sites[0]

    @cached_property
    def framework(self):
        return chosen_framework(self.request, self.value("framework"))
