"""Live pages that need their owner's attention (seed 3.2), for the stale-pages report
and the reminder command alike.

A page needs attention when its review-by date has passed or is near, its data period
ended while it was up (after it was last published or confirmed current), its
publication period (``expire_at``) ends soon, or it is older than the update frequency
of a checklist item it is evidence for. Each reason carries its due date, so "overdue"
and "due within N days" are the same rule read at two dates.
"""

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moit_wagtail.dates import add_months
from moit_wagtail.pages.models import PublicationPage

from . import years
from .models import ChecklistItem, ChecklistPart, Framework

REVIEW_DUE = "review_due"
DATA_PERIOD_ENDED = "data_period_ended"
EXPIRES = "expires"
TOO_OLD = "too_old"

REASON_LABELS = {
    REVIEW_DUE: _("review-by date"),
    DATA_PERIOD_ENDED: _("data period ended"),
    EXPIRES: _("publication period ends"),
    TOO_OLD: _("older than its checklist item allows"),
}


@dataclass(frozen=True)
class Reason:
    kind: str
    due: datetime.date
    today: datetime.date

    @property
    def label(self):
        return REASON_LABELS[self.kind]

    @property
    def days_overdue(self):
        """Days past the due date (negative: days left)."""
        return (self.today - self.due).days

    @property
    def is_overdue(self):
        return self.due < self.today


def current_frameworks(today=None):
    """Each family's list in force today (``years.in_force``): the rules that apply."""
    return years.in_force(Framework.objects.order_by("slug", "-fiscal_year"), today)


def max_age_by_code(frameworks=None):
    """{seed clause code: months} – the strictest update frequency naming each code."""
    frameworks = current_frameworks() if frameworks is None else frameworks
    limits = {}
    rules = [
        *ChecklistItem.objects.filter(framework__in=frameworks).only("clause_codes", "frequency"),
        *ChecklistPart.objects.filter(item__framework__in=frameworks).only(
            "clause_codes", "frequency"
        ),
    ]
    for rule in rules:
        if rule.max_age_months:
            for code in rule.codes:
                limits[code] = min(limits.get(code, rule.max_age_months), rule.max_age_months)
    return limits


def data_period_ended_since_last_look(today):
    """The data period ended after the page was last published or confirmed current.

    Last year's report, published once its year was over, is not out of date; a page whose
    figures ran out while it stayed up is, until someone updates or confirms it.
    """
    return (
        Q(data_period_end__lt=today)
        & Q(last_published_at__date__lte=F("data_period_end"))
        & (Q(last_reviewed_on__isnull=True) | Q(last_reviewed_on__lte=F("data_period_end")))
    )


def needing_attention(within_days=14, now=None, limits=None):
    """Live publication pages with at least one reason due within ``within_days``."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    horizon = today + datetime.timedelta(days=within_days)
    limits = max_age_by_code() if limits is None else limits
    conditions = [
        Q(review_by__lte=horizon),
        data_period_ended_since_last_look(today),
        Q(expire_at__lte=now + datetime.timedelta(days=within_days)),
    ]
    for code, months in limits.items():
        cutoff = add_months(horizon, -months)
        conditions.append(
            (Q(evidence_code=code) | Q(clause=code)) & Q(last_published_at__date__lte=cutoff)
        )
    return PublicationPage.objects.live().filter(reduce(or_, conditions))


def reasons_for(page, within_days=14, now=None, limits=None):
    """Why ``page`` needs attention, most overdue first."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    horizon = today + datetime.timedelta(days=within_days)
    limits = max_age_by_code() if limits is None else limits
    found = []
    if page.review_by and page.review_by <= horizon:
        found.append(Reason(REVIEW_DUE, page.review_by, today))
    if page.data_period_end and page.data_period_end < today:
        looked = [page.last_reviewed_on, timezone.localdate(page.last_published_at)]
        if (
            max((day for day in looked if day), default=page.data_period_end)
            <= page.data_period_end
        ):
            found.append(Reason(DATA_PERIOD_ENDED, page.data_period_end, today))
    if page.expire_at and timezone.localdate(page.expire_at) <= horizon:
        found.append(Reason(EXPIRES, timezone.localdate(page.expire_at), today))
    months = [limits[code] for code in {page.evidence_code, page.clause} if code in limits]
    if months and page.last_published_at:
        due = add_months(timezone.localdate(page.last_published_at), min(months))
        if due <= horizon:
            found.append(Reason(TOO_OLD, due, today))
    return sorted(found, key=lambda reason: reason.due)
