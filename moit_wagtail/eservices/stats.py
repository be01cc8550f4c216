"""Monthly e-service statistics for the public statistics page (seed 1.9 / 1.10).

Counted by month received: how many came in, how many of those have been answered, and
the average days from receipt to the first answer. One grouped query for any number of
months; months without submissions are listed with zeros so charts keep their axis.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from moit_wagtail.dates import add_months

from .models import Submission


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date  # first day of the month
    received: int
    answered: int
    average_days: float | None  # to the first answer, over the answered ones

    @property
    def open(self):
        return self.received - self.answered


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def monthly_summary(site, months=12, today=None, kind=None):
    """``months`` rows, oldest first, ending with the current month."""
    today = today or timezone.localdate()
    first = add_months(today.replace(day=1), -(months - 1))
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    submissions = Submission.objects.filter(site=site, created_at__gte=start)
    if kind:
        submissions = submissions.filter(kind=kind)
    waited = ExpressionWrapper(
        F("first_answered_at") - F("created_at"), output_field=DurationField()
    )
    rows = (
        submissions.annotate(month=TruncMonth("created_at"))
        .order_by()
        .values("month")
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=Q(first_answered_at__isnull=False)),
            average=Avg(waited, filter=Q(first_answered_at__isnull=False)),
        )
    )
    found = {_as_date(row["month"]): row for row in rows}
    result = []
    for offset in range(months):
        month = add_months(first, offset)
        row = found.get(month)
        if row is None:
            result.append(MonthRow(month, 0, 0, None))
            continue
        average = row["average"]
        days = round(average.total_seconds() / 86400, 1) if average is not None else None
        result.append(MonthRow(month, row["received"], row["answered"], days))
    return result
