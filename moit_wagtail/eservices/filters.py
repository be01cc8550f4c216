"""Filters of the staff listing: status, kind, month received and (for several) unit."""

import datetime

import django_filters
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Site

from moit_wagtail.dates import add_months, be_year, is_thai

from .models import Kind, Status, Submission
from .permissions import handled_site_ids

MONTHS_LISTED = 24


def month_label(day):
    year = be_year(day.year) if is_thai() else day.year
    return f"{MONTHS[day.month]} {year}"


def month_choices():
    first = timezone.localdate().replace(day=1)
    months = [add_months(first, -offset) for offset in range(MONTHS_LISTED)]
    return [(f"{day:%Y-%m}", month_label(day)) for day in months]


def month_bounds(value):
    """Aware start and end of the local month ``YYYY-MM``."""
    start = datetime.datetime.strptime(value, "%Y-%m").date()
    end = add_months(start, 1)
    as_aware = lambda day: timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))  # noqa: E731
    return as_aware(start), as_aware(end)


def handled_sites_queryset(request):
    return Site.objects.filter(pk__in=handled_site_ids(request.user)).order_by("site_name")


class SubmissionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    month = django_filters.ChoiceFilter(
        label=_("Month received"), choices=month_choices, method="filter_month"
    )
    site = django_filters.ModelChoiceFilter(
        label=_("Unit website"), queryset=handled_sites_queryset
    )

    class Meta:
        model = Submission
        fields = ["status", "kind", "month", "site"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None and len(handled_site_ids(request.user)) < 2:
            del self.filters["site"]

    def filter_month(self, queryset, name, value):
        start, end = month_bounds(value)
        return queryset.filter(created_at__gte=start, created_at__lt=end)
