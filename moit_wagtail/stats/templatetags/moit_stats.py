"""Template tags: ``{% visitor_counter %}`` for the footer, ``{% statistics_report %}`` for 1.10."""

import importlib

from django import template
from django.apps import apps
from django.utils.dates import MONTHS_AP
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from moit_wagtail.dates import be_year, format_date, is_thai

from .. import queries
from ..charts import bar_chart

register = template.Library()

PERIOD_LABELS = {
    "today": _("Today"),
    "yesterday": _("Yesterday"),
    "week": _("This week"),
    "month": _("This month"),
    "fiscal_year": _("This fiscal year"),
    "total": _("Total"),
}


@register.filter
def count(value):
    """1234567 -> '1,234,567'."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return value


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


@register.inclusion_tag("moit_stats/visitor_counter.html", takes_context=True)
def visitor_counter(context):
    """Compact footer counter; its numbers are cached for a minute (no query on most pages)."""
    site = _site(context)
    return {"stats": queries.cached_counts(site) if site else None}


@register.filter
def month_label(day):
    """date(2026, 10, 1) -> 'ต.ค. 69' in Thai (Buddhist era), 'Oct. 26' in English."""
    return _short_month(day) if day else ""


def _short_month(day):
    year = be_year(day.year) if is_thai() else day.year
    return f"{MONTHS_AP[day.month]} {str(year)[-2:]}"


def eservice_summary(site):
    """Monthly e-service figures from the e-services app, when it is installed."""
    if not apps.is_installed("moit_wagtail.eservices"):
        return None
    try:
        module = importlib.import_module("moit_wagtail.eservices.stats")
    except ImportError:
        return None
    summary = getattr(module, "monthly_summary", None)
    return list(summary(site, months=12)) if summary else None


@register.inclusion_tag("moit_stats/statistics_report.html", takes_context=True)
def statistics_report(context):
    """The public statistics of seed 1.10: counters, charts with tables, most viewed."""
    site = _site(context)
    if site is None:
        return {}
    stats = queries.counts(site)
    periods = [(PERIOD_LABELS[name], stats[name]) for name in queries.PERIODS]
    daily = queries.daily_series(site)
    year, monthly = queries.fiscal_year_series(site)
    daily_chart = bar_chart(
        [
            (format_date(day), str(day.day) if index % 5 == 0 else "", visits)
            for index, (day, visits, _views) in enumerate(daily)
        ]
    )
    monthly_chart = bar_chart(
        [(_short_month(month), MONTHS_AP[month.month], visits) for month, visits, _v in monthly]
    )
    return {
        "stats": stats,
        "periods": periods,
        "daily": daily,
        "daily_chart": daily_chart,
        "fiscal_year": year,
        "monthly": [(_short_month(m), visits, views) for m, visits, views in monthly],
        "monthly_chart": monthly_chart,
        "top_pages": queries.top_pages(site),
        "top_documents": queries.top_documents(site),
        "eservices": eservice_summary(site),
    }
