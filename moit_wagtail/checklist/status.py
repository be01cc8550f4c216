"""The one definition of "current", used by reports, dashboard, public page and reminders.

An item of a checklist is, for one unit's site:

* **not applicable** if the unit recorded why it does not apply;
* **current** if some evidence page is *in force* (live, not past its ``expire_at``, not
  past its review-by date) and *recent enough* for the item (newer than its update
  frequency allows and, once its due quarter has passed, published within the
  checklist's fiscal year);
* **stale** if evidence is live but none of it is current;
* **taken down** if the only evidence was unpublished when its publication period ended;
* **missing** otherwise.

An item graded in parts (``ChecklistPart``) is judged part by part with the same rule; it
is current only when every counted part is (required parts, and optional parts that have
evidence), **partly covered** when some are. Pages of a type the item or part names count,
and so do pages linked by hand; a link to no particular part counts for the first part.
Reading the evidence is ``evidence_reads``: a fixed number of queries, whatever the number
of sites, pages, items or parts.
"""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moit_wagtail.access import SiteIndex
from moit_wagtail.dates import fiscal_year_bounds

from .evidence_reads import Summary, evidence_pages, link_key, local_date, summaries
from .models import NotApplicable, Requirement
from .rules import ItemRule, due_date


class Status(models.TextChoices):
    CURRENT = "current", _("current")
    PARTIAL = "partial", _("partly covered")
    STALE = "stale", _("stale")
    TAKEN_DOWN = "taken_down", _("taken down at end of period")
    MISSING = "missing", _("missing")
    NOT_APPLICABLE = "not_applicable", _("not applicable")


COVERED = frozenset({Status.CURRENT, Status.NOT_APPLICABLE})


def _published_key(page):
    return page.last_published_at or datetime.datetime.min.replace(tzinfo=datetime.UTC)


@dataclass
class RuleStatus:
    """The status of evidence judged under one set of rules (an item or one of its parts)."""

    rules: object
    status: str
    evidence: list = field(default_factory=list)  # empty when read as aggregates
    now: datetime.datetime | None = None

    @property
    def is_covered(self):
        return self.status in COVERED

    @property
    def status_label(self):
        return Status(self.status).label

    @property
    def current_evidence(self):
        return [page for page in self.evidence if page.is_current(self.rules, self.now)]

    @property
    def newest(self):
        live = [page for page in self.evidence if page.live]
        return max(live or self.evidence, key=_published_key, default=None)

    @property
    def last_published(self):
        newest = self.newest
        return newest.last_published_at if newest else None

    @property
    def owner(self):
        newest = self.newest
        return newest.owner_unit if newest else ""

    @property
    def next_due(self):
        """When this next needs attention: the newest evidence's end, or the due quarter."""
        if self.status == Status.NOT_APPLICABLE:
            return None
        newest = self.newest
        dates = [newest.next_due(self.rules)] if newest and newest.live else []
        deadline = due_date(self.rules)
        fy_start = fiscal_year_bounds(self.rules.framework.fiscal_year)[0]
        if deadline and not (newest and newest.published_on and newest.published_on >= fy_start):
            dates.append(deadline)
        return min((day for day in dates if day), default=None)


@dataclass
class PartStatus(RuleStatus):
    counted: bool = True  # required, or optional with evidence

    @property
    def part(self):
        return self.rules


@dataclass
class ItemStatus(RuleStatus):
    justification: str = ""
    parts: list = field(default_factory=list)  # PartStatus, for an item graded in parts

    @property
    def item(self):
        return self.rules

    @property
    def counted_parts(self):
        return [part for part in self.parts if part.counted]

    @property
    def open_parts(self):
        """Counted parts without current evidence: what the unit still has to publish."""
        if self.status == Status.NOT_APPLICABLE:
            return []
        return [part for part in self.counted_parts if part.status != Status.CURRENT]

    @property
    def current_evidence(self):
        if not self.parts:
            return super().current_evidence
        found = {page.id: page for part in self.parts for page in part.current_evidence}
        return sorted(found.values(), key=_published_key, reverse=True)

    @property
    def next_due(self):
        if not self.parts or self.status == Status.NOT_APPLICABLE:
            return super().next_due
        return min((part.next_due for part in self.counted_parts if part.next_due), default=None)


@dataclass
class SiteCoverage:
    site: object
    framework: object
    items: list

    def count(self, status):
        return sum(1 for row in self.items if row.status == status)

    @property
    def covered(self):
        return sum(1 for row in self.items if row.is_covered)

    @property
    def percent(self):
        return round(100 * self.covered / len(self.items)) if self.items else 100

    def by_status(self):
        return {status: self.count(status) for status in Status.values}


def judge(rules, summary, now):
    """The status of evidence summarised in ``summary`` under ``rules`` (no exemption)."""
    if ItemRule(rules, now).is_recent_enough(local_date(summary.newest_in_force)):
        return Status.CURRENT
    if summary.live:
        return Status.STALE
    if summary.taken_down:
        return Status.TAKEN_DOWN
    return Status.MISSING


def combine(part_statuses):
    """An item's status from its counted parts' statuses."""
    if not part_statuses:
        return Status.MISSING
    if all(status == Status.CURRENT for status in part_statuses):
        return Status.CURRENT
    for status in (Status.CURRENT, Status.STALE, Status.TAKEN_DOWN):
        if status in part_statuses:
            return Status.PARTIAL if status == Status.CURRENT else status
    return Status.MISSING


def coverage(sites, framework, now=None, with_evidence=False):
    """Coverage of ``framework`` on each of ``sites`` (a list of SiteCoverage, same order).

    ``with_evidence`` also lists each item's evidence pages (a single unit's report);
    without it the statuses come from aggregates, which stays fast across a province.
    """
    now = now or timezone.now()
    sites = list(sites)
    if not sites:
        return []
    items = list(framework.items.prefetch_related("parts"))
    codes = set()
    for item in items:
        item.framework = framework  # reuse the instances: no query per item or part
        codes.update(item.codes)
        for part in item.parts.all():
            part.item = item
            codes.update(part.codes)
    if with_evidence:
        pages = evidence_pages(sites, SiteIndex(sites), codes, framework, now)
        found = {}
        for key, rows in pages.items():
            for page in rows:
                found.setdefault(key, Summary()).add_page(page)
    else:
        pages, found = {}, summaries(sites, codes, framework, now)
    exemptions = {
        (site_id, item_id): justification
        for site_id, item_id, justification in NotApplicable.objects.filter(
            item__framework=framework, site__in=sites
        ).values_list("site_id", "item_id", "justification")
    }
    return [
        SiteCoverage(
            site=site,
            framework=framework,
            items=[
                _item_status(site, item, pages, found, exemptions.get((site.pk, item.pk), ""), now)
                for item in items
            ],
        )
        for site in sites
    ]


def _gather(site, keys, pages, found):
    """(Summary, evidence newest first) of everything found under ``keys`` for ``site``."""
    summary, evidence = Summary(), {}
    for key in keys:
        if (site.pk, key) in found:
            summary.add_summary(found[(site.pk, key)])
        for page in pages.get((site.pk, key), ()):
            evidence[page.id] = page
    return summary, sorted(evidence.values(), key=_published_key, reverse=True)


def _item_status(site, item, pages, found, justification, now):
    own_keys = [*item.codes, link_key(item.pk)]
    parts = list(item.parts.all())
    if not parts:
        summary, evidence = _gather(site, own_keys, pages, found)
        status = Status.NOT_APPLICABLE if justification else judge(item, summary, now)
        return ItemStatus(item, status, evidence, now, justification)
    part_statuses = []
    for position, part in enumerate(parts):
        keys = [*part.codes, link_key(item.pk, part.pk)] + (own_keys if position == 0 else [])
        summary, evidence = _gather(site, keys, pages, found)
        counted = part.requirement == Requirement.REQUIRED or summary.has_evidence
        part_statuses.append(
            PartStatus(part, judge(part, summary, now), evidence, now, counted=counted)
        )
    everything = {page.id: page for part in part_statuses for page in part.evidence}
    evidence = sorted(everything.values(), key=_published_key, reverse=True)
    if justification:
        status = Status.NOT_APPLICABLE
    else:
        status = combine([part.status for part in part_statuses if part.counted])
    return ItemStatus(item, status, evidence, now, justification, parts=part_statuses)


def site_coverage(site, framework, now=None):
    """One unit's coverage, with every item's evidence pages."""
    return coverage([site], framework, now, with_evidence=True)[0]
