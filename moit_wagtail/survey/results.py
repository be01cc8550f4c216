"""The results maths: averages, distribution and satisfaction level of a survey.

Everything for one fiscal year comes from two grouped queries (ratings per month, aspect
and score; responses per month), whatever the number of responses; months, quarters, the
year and the selected period are then sums of those counts. The overall average is the
mean of every score given in the period (each aspect of each response counts once), the
usual "x̄ รวม" of Thai satisfaction reports; the level uses the common five bands
(4.50-5.00 highest ... 1.00-1.49 lowest).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from .models import SurveyRating, SurveyResponse
from .models.responses import MAX_SCORE, MIN_SCORE
from .periods import Period, month_label

SCORES = range(MAX_SCORE, MIN_SCORE - 1, -1)
LEVELS = [
    (4.5, _("Highest level")),
    (3.5, _("High level")),
    (2.5, _("Moderate level")),
    (1.5, _("Low level")),
    (0, _("Lowest level")),
]


def satisfaction_level(average):
    if average is None:
        return ""
    # Round first, as reports print two decimals: 4.495 is shown and judged as 4.50.
    average = round(average + 1e-9, 2)
    return next(label for threshold, label in LEVELS if average >= threshold)


@dataclass
class Summary:
    """Counts of each score (and of responses) over some months, with what follows."""

    label: str = ""
    responses: int = 0
    counts: dict = field(default_factory=lambda: dict.fromkeys(SCORES, 0))

    def add(self, other):
        self.responses += other.responses
        for score, count in other.counts.items():
            self.counts[score] += count

    @property
    def ratings(self):
        return sum(self.counts.values())

    @property
    def average(self):
        total = self.ratings
        if not total:
            return None
        return sum(score * count for score, count in self.counts.items()) / total

    @property
    def percent(self):
        average = self.average
        return None if average is None else average / MAX_SCORE * 100

    @property
    def level(self):
        return satisfaction_level(self.average)

    def distribution(self):
        """[(score, count, percent of ratings)], 5 first."""
        total = self.ratings
        return [
            (score, self.counts[score], (self.counts[score] / total * 100) if total else 0)
            for score in SCORES
        ]


class SurveyResults:
    """Results of ``survey`` for ``period``, with the rest of its fiscal year for context."""

    def __init__(self, survey, period: Period):
        self.survey, self.period = survey, period
        year = Period(period.fy)
        start, end = year.bounds()
        self.fy_months = year.months()
        ratings = (
            SurveyRating.objects.filter(
                response__survey=survey,
                response__submitted_at__gte=start,
                response__submitted_at__lt=end,
            )
            .annotate(month=TruncMonth("response__submitted_at"))
            .values("month", "aspect_id", "aspect_label", "score")
            .annotate(count=Count("pk"))
            .order_by()
        )
        responses = (
            SurveyResponse.objects.filter(
                survey=survey, submitted_at__gte=start, submitted_at__lt=end
            )
            .annotate(month=TruncMonth("submitted_at"))
            .values("month")
            .annotate(count=Count("pk"))
            .order_by()
        )
        # {(year, month): Summary} overall, and {(aspect key, (year, month)): Summary}
        self._by_month = defaultdict(Summary)
        self._by_aspect_month = defaultdict(Summary)
        self._removed_labels = {}
        for row in responses:
            self._by_month[(row["month"].year, row["month"].month)].responses += row["count"]
        for row in ratings:
            month = (row["month"].year, row["month"].month)
            key = row["aspect_id"] or f"label:{row['aspect_label']}"
            if not row["aspect_id"]:
                self._removed_labels[key] = row["aspect_label"]
            self._by_month[month].counts[row["score"]] += row["count"]
            self._by_aspect_month[(key, month)].counts[row["score"]] += row["count"]
            self._by_aspect_month[(key, month)].responses += row["count"]
        self.aspects = list(survey.aspects.all())

    def _sum(self, months, table, key=None, label=""):
        summary = Summary(label=label)
        for month in months:
            found = table.get((key, month) if key is not None else month)
            if found:
                summary.add(found)
        return summary

    @property
    def overall(self):
        return self._sum(self.period.months(), self._by_month, label=self.period.label())

    def per_aspect(self):
        """A summary per aspect in the page's order; removed aspects last, by their label."""
        months = self.period.months()
        rows = [
            self._sum(months, self._by_aspect_month, aspect.pk, aspect.label)
            for aspect in self.aspects
        ]
        for key, label in sorted(self._removed_labels.items(), key=lambda item: item[1]):
            summary = self._sum(months, self._by_aspect_month, key, label)
            if summary.ratings:
                rows.append(summary)
        return rows

    def per_month(self):
        return [
            self._sum([month], self._by_month, label=month_label(*month))
            for month in self.fy_months
        ]

    def per_quarter(self):
        return [
            self._sum(
                self.fy_months[(q - 1) * 3 : q * 3],
                self._by_month,
                label=str(_("Quarter %(quarter)s")) % {"quarter": q},
            )
            for q in range(1, 5)
        ]

    def year(self):
        return self._sum(self.fy_months, self._by_month, label=Period(self.period.fy).label())


def fiscal_years_with_responses(survey):
    """Fiscal years (BE) from the survey's first response to its last (one indexed query)."""
    from moit_wagtail.dates import fiscal_year

    bounds = SurveyResponse.objects.filter(survey=survey).aggregate(
        first=Min("submitted_at"), last=Max("submitted_at")
    )
    if bounds["first"] is None:
        return set()
    return set(range(fiscal_year(bounds["first"]), fiscal_year(bounds["last"]) + 1))
