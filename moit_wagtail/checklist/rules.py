"""How recent evidence must be: one rule for a checklist item and for each of its parts.

Items and parts carry the same rule fields (update frequency, due quarter, the fiscal
year of their list), so ``ItemRule`` reads either.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from moit_wagtail.dates import add_months, fiscal_quarter_end, fiscal_year_bounds


def due_date(rules):
    """The last day of the quarter the evidence is due in, or None."""
    if not rules.due_quarter:
        return None
    return fiscal_quarter_end(rules.framework.fiscal_year, rules.due_quarter)


@dataclass(frozen=True)
class ItemRule:
    """How recent in-force evidence must be for ``item`` (an item or a part) on ``now``."""

    item: object
    now: datetime.datetime

    @property
    def today(self):
        return timezone.localdate(self.now)

    @property
    def fiscal_year_start(self):
        return fiscal_year_bounds(self.item.framework.fiscal_year)[0]

    @property
    def oldest_allowed(self):
        """The earliest publication date that still counts, or None if any date does."""
        limits = []
        if self.item.max_age_months:
            limits.append(add_months(self.today, -self.item.max_age_months))
        deadline = due_date(self.item)
        if deadline and deadline < self.today:
            limits.append(self.fiscal_year_start)
        return max(limits, default=None)

    def is_recent_enough(self, published_on):
        oldest = self.oldest_allowed
        return published_on is not None and (oldest is None or published_on >= oldest)
