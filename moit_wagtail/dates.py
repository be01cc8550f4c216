"""Thai calendar helpers: Buddhist-era dates and the October-September fiscal year."""

import datetime

from django.utils import timezone
from django.utils.dates import MONTHS, MONTHS_AP
from django.utils.translation import get_language

BE_OFFSET = 543


def is_thai():
    return (get_language() or "th").startswith("th")


def be_year(year):
    return year + BE_OFFSET


def _as_local_date(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def format_date(value, short=False):
    """'27 พฤศจิกายน 2569' in Thai (Buddhist era), '27 November 2026' in English."""
    if value in (None, ""):
        return ""
    day = _as_local_date(value)
    if is_thai():
        month = (MONTHS_AP if short else MONTHS)[day.month]
        return f"{day.day} {month} {be_year(day.year)}"
    month = (MONTHS_AP if short else MONTHS)[day.month]
    return f"{day.day} {month} {day.year}"


def format_datetime(value):
    if value in (None, ""):
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    suffix = " น." if is_thai() else ""
    return f"{format_date(local)} {local:%H:%M}{suffix}"


def fiscal_year(value):
    """The Thai fiscal year (BE) a date falls in: 1 Oct 2568 - 30 Sep 2569 is FY 2569."""
    day = _as_local_date(value)
    return be_year(day.year + (1 if day.month >= 10 else 0))


def fiscal_year_bounds(fy_be):
    """First and last day (CE dates) of the fiscal year named ``fy_be``."""
    end_year = fy_be - BE_OFFSET
    return datetime.date(end_year - 1, 10, 1), datetime.date(end_year, 9, 30)


def fiscal_quarter(value):
    """Quarter 1 is October-December."""
    day = _as_local_date(value)
    return (day.month - 10) % 12 // 3 + 1


def add_months(day, months):
    """The same day ``months`` later (or earlier), clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, _days_in_month(year, month)))


def _days_in_month(year, month):
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (next_month - datetime.timedelta(days=1)).day


def fiscal_quarter_end(fy_be, quarter):
    """Last day of quarter 1-4 of the fiscal year named ``fy_be`` (Q1 ends 31 December)."""
    start, _end = fiscal_year_bounds(fy_be)
    return add_months(start, quarter * 3) - datetime.timedelta(days=1)
