"""Reading counts: the period totals of the counter and the series behind the charts.

Every function costs a fixed number of queries whatever the traffic: totals come from
one aggregate over the daily rows, series from one range query each.
"""

import datetime
import time

from django.core.cache import cache
from django.db.models import Min, Q, Sum
from django.utils import timezone
from wagtail.models import Page

from moit_wagtail.dates import add_months, fiscal_year, fiscal_year_bounds

from .models import DailyCount, DocumentCount, PageCount, VisitorMark
from .recorder import ONLINE_WINDOW

FIELDS = ("visits", "views", "downloads")
PERIODS = ("today", "yesterday", "week", "month", "fiscal_year", "total")
COUNTER_CACHE_SECONDS = 60


def period_starts(today):
    """First day of each period containing ``today`` (weeks start on Monday)."""
    return {
        "today": (today, today),
        "yesterday": (today - datetime.timedelta(days=1),) * 2,
        "week": (today - datetime.timedelta(days=today.weekday()), today),
        "month": (today.replace(day=1), today),
        "fiscal_year": (fiscal_year_bounds(fiscal_year(today))[0], today),
    }


def counts(site, today=None):
    """{"online": n, "since": date|None, "today": {"visits": n, ...}, ...}: two queries."""
    today = today or timezone.localdate()
    aggregates = {"since": Min("day")}
    for period, (first, last) in period_starts(today).items():
        for field in FIELDS:
            aggregates[f"{period}:{field}"] = Sum(field, filter=Q(day__gte=first, day__lte=last))
    for field in FIELDS:
        aggregates[f"total:{field}"] = Sum(field)
    row = DailyCount.objects.filter(site=site).aggregate(**aggregates)
    result = {"since": row.pop("since")}
    for name, value in row.items():
        period, field = name.split(":")
        result.setdefault(period, {})[field] = value or 0
    result["online"] = VisitorMark.objects.filter(
        site=site, kind="v", seen_at__gte=int(time.time()) - ONLINE_WINDOW
    ).count()
    return result


def cached_counts(site):
    """``counts`` kept for a minute, so the footer on most pages costs no query."""
    key = f"moit:stats:counts:{site.pk}:{timezone.localdate().isoformat()}"
    result = cache.get(key)
    if result is None:
        result = counts(site)
        cache.set(key, result, COUNTER_CACHE_SECONDS)
    return result


def daily_series(site, days=30, today=None):
    """[(day, visits, views)] for the last ``days`` days, missing days as zero."""
    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    rows = {
        day: (visits, views)
        for day, visits, views in DailyCount.objects.filter(
            site=site, day__gte=first, day__lte=today
        ).values_list("day", "visits", "views")
    }
    series = []
    for offset in range(days):
        day = first + datetime.timedelta(days=offset)
        series.append((day, *rows.get(day, (0, 0))))
    return series


def fiscal_year_series(site, today=None):
    """(fiscal year BE, [(first day of month, visits, views)] October to September)."""
    today = today or timezone.localdate()
    year = fiscal_year(today)
    first, last = fiscal_year_bounds(year)
    months = [add_months(first, n) for n in range(12)]
    totals = {month: [0, 0] for month in months}
    for day, visits, views in DailyCount.objects.filter(
        site=site, day__gte=first, day__lte=last
    ).values_list("day", "visits", "views"):
        total = totals[day.replace(day=1)]
        total[0] += visits
        total[1] += views
    return year, [(month, *totals[month]) for month in months]


def top_pages(site, limit=10, today=None):
    """[(title, path, views)] of this month, titles looked up in one query."""
    month = (today or timezone.localdate()).replace(day=1)
    rows = list(
        PageCount.objects.filter(site=site, month=month)
        .order_by("-views", "path")
        .values_list("path", "views")[:limit]
    )
    root = site.root_page.url_path if rows else ""
    titles = (
        dict(
            Page.objects.filter(
                url_path__in=[root + path.lstrip("/") for path, _ in rows]
            ).values_list("url_path", "title")
        )
        if rows
        else {}
    )
    return [(titles.get(root + path.lstrip("/"), path), path, views) for path, views in rows]


def top_documents(site, limit=10, today=None):
    month = (today or timezone.localdate()).replace(day=1)
    return list(
        DocumentCount.objects.filter(site=site, month=month)
        .select_related("document")
        .order_by("-downloads", "document__title")[:limit]
    )
