"""Checklist parts a unit still owes, for its website admins' digest.

An item graded in parts (MOIT 1, 2, 4 …) is not covered until every required part has
current evidence. The digest names the parts of the list in force that are overdue or
due within the reminder window, so the admins hear "MOIT 1 part 2 is due on 31 Dec"
before the assessor does. Parts without a date (published "when it changes") are left
to the coverage report: reminding of them every day would drown the dated ones.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from moit_wagtail.checklist.status import coverage
from moit_wagtail.checklist.years import list_in_force
from moit_wagtail.unit_urls import unit_admin_url

FRAMEWORK_SLUG = "moit"


@dataclass(frozen=True)
class OpenPart:
    site: object
    item: object
    status: object  # the part's PartStatus
    date: datetime.date  # when it is due
    today: datetime.date

    @property
    def days_late(self):
        return max((self.today - self.date).days, 0)

    @property
    def days_left(self):
        return max((self.date - self.today).days, 0)

    @property
    def part(self):
        return self.status.part

    @property
    def admin_url(self):
        return unit_admin_url(self.site, "moit_monitoring_coverage") + f"?site={self.site.pk}"


def open_parts_by_site(sites, within_days, now):
    """{site pk: [OpenPart]} for the MOIT list in force, in a fixed number of queries."""
    today = timezone.localdate(now)
    framework = list_in_force(FRAMEWORK_SLUG, today)
    if framework is None or not sites:
        return {}
    horizon = today + datetime.timedelta(days=within_days)
    found = {}
    for report in coverage(sites, framework, now=now):
        for row in report.items:
            for part in row.open_parts:
                due = part.next_due
                if due is not None and due <= horizon:
                    found.setdefault(report.site.pk, []).append(
                        OpenPart(report.site, row.item, part, due, today)
                    )
    return found
