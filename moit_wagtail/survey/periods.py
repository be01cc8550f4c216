"""The reporting periods of the results page: a fiscal year, one of its quarters, a month.

A period is named in the URL as ``2569`` (fiscal year, BE), ``2569-q1`` (October-December
2568) or ``2569-m10`` (October 2568: the calendar month inside that fiscal year), so a
link to "the satisfaction level of quarter 2" can be given to an assessor.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext

from moit_wagtail.dates import add_months, be_year, fiscal_year, fiscal_year_bounds, is_thai

PERIOD_PATTERN = re.compile(r"^(?P<fy>\d{4})(?:-(?:q(?P<q>[1-4])|m(?P<m>0?[1-9]|1[0-2])))?$")
OLDEST_FY, NEWEST_FY = 2500, 2700


def fiscal_months(fy):
    """The twelve (year, month) pairs of a fiscal year, October first."""
    start, _end = fiscal_year_bounds(fy)
    return [(day.year, day.month) for day in (add_months(start, n) for n in range(12))]


def month_label(year, month):
    shown_year = be_year(year) if is_thai() else year
    return f"{MONTHS[month]} {shown_year}"


@dataclass(frozen=True)
class Period:
    fy: int
    quarter: int | None = None
    month: int | None = None

    @property
    def kind(self):
        return "month" if self.month else "quarter" if self.quarter else "year"

    @property
    def param(self):
        if self.month:
            return f"{self.fy}-m{self.month}"
        if self.quarter:
            return f"{self.fy}-q{self.quarter}"
        return str(self.fy)

    def months(self):
        """The (year, month) pairs the period covers."""
        months = fiscal_months(self.fy)
        if self.month:
            return [pair for pair in months if pair[1] == self.month]
        if self.quarter:
            return months[(self.quarter - 1) * 3 : self.quarter * 3]
        return months

    def bounds(self):
        """[start, end) as aware datetimes in the site's time zone."""
        months = self.months()
        first = datetime.date(*months[0], 1)
        after = add_months(datetime.date(*months[-1], 1), 1)
        return tuple(
            timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
            for day in (first, after)
        )

    def label(self):
        if self.month:
            return month_label(*self.months()[0])
        if self.quarter:
            first, last = self.months()[0], self.months()[-1]
            return gettext("Quarter %(quarter)s of fiscal year %(fy)s (%(first)s - %(last)s)") % {
                "quarter": self.quarter,
                "fy": self.fy,
                "first": month_label(*first),
                "last": month_label(*last),
            }
        return gettext("Fiscal year %(fy)s") % {"fy": self.fy}


def current_period():
    return Period(fiscal_year(timezone.localdate()))


def parse_period(value):
    """The period named by ``value``, or None when it is not a valid name."""
    match = PERIOD_PATTERN.match((value or "").strip().lower())
    if not match:
        return None
    fy = int(match["fy"])
    if not OLDEST_FY <= fy <= NEWEST_FY:
        return None
    return Period(
        fy,
        quarter=int(match["q"]) if match["q"] else None,
        month=int(match["m"]) if match["m"] else None,
    )


def period_choices(fiscal_years):
    """Options of the period selector: per fiscal year, the year, its quarters, its months."""
    groups = []
    for fy in sorted(set(fiscal_years), reverse=True):
        options = [Period(fy)]
        options += [Period(fy, quarter=q) for q in range(1, 5)]
        options += [Period(fy, month=m) for _y, m in fiscal_months(fy)]
        groups.append((gettext("Fiscal year %(fy)s") % {"fy": fy}, options))
    return groups
