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

Evidence is any live or expired page whose seed clause or checklist code the item names,
plus pages linked to the item by hand. "In force" is one SQL condition (``in_force``) and
"recent enough" one Python rule (``ItemRule``). A single site's report reads the evidence
pages themselves; many sites at once (roll-up, dashboard) read one aggregate row per site
and code instead, since "recent enough" only needs the newest in-force page. Either way a
fixed number of queries, whatever the number of sites, pages or items.
"""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, Max, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moit_wagtail.access import SiteIndex, under_sites
from moit_wagtail.dates import add_months, fiscal_quarter_end, fiscal_year_bounds
from moit_wagtail.pages.models import PublicationPage

from .models import ItemEvidence, NotApplicable


class Status(models.TextChoices):
    CURRENT = "current", _("current")
    STALE = "stale", _("stale")
    TAKEN_DOWN = "taken_down", _("taken down at end of period")
    MISSING = "missing", _("missing")
    NOT_APPLICABLE = "not_applicable", _("not applicable")


COVERED = frozenset({Status.CURRENT, Status.NOT_APPLICABLE})

EVIDENCE_FIELDS = (
    "id", "path", "title", "url_path", "live", "expired", "expire_at", "review_by",
    "last_published_at", "owner_unit", "clause", "evidence_code",
)  # fmt: skip


def in_force(now, through=""):
    """Live, not past its end of publication, not past its review-by date."""
    today = timezone.localdate(now)
    return (
        Q(**{f"{through}live": True})
        & (Q(**{f"{through}expire_at__isnull": True}) | Q(**{f"{through}expire_at__gt": now}))
        & (Q(**{f"{through}review_by__isnull": True}) | Q(**{f"{through}review_by__gte": today}))
    )


def due_date(item):
    if not item.due_quarter:
        return None
    return fiscal_quarter_end(item.framework.fiscal_year, item.due_quarter)


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


@dataclass(frozen=True)
class ItemRule:
    """How recent in-force evidence must be for ``item`` on the day ``now``."""

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


@dataclass
class Evidence:
    """One page offered as evidence, read as plain values (no page objects)."""

    id: int
    path: str
    title: str
    url_path: str
    live: bool
    expired: bool
    expire_at: datetime.datetime | None
    review_by: datetime.date | None
    last_published_at: datetime.datetime | None
    owner_unit: str
    clause: str
    evidence_code: str
    in_force: bool
    site: object = None

    @property
    def published_on(self):
        return _local_date(self.last_published_at)

    def is_current(self, item, now):
        return self.in_force and ItemRule(item, now).is_recent_enough(self.published_on)

    def next_due(self, item):
        """The first date this page stops being current evidence for ``item``."""
        dates = [self.review_by, _local_date(self.expire_at)]
        if item.max_age_months and self.published_on:
            dates.append(add_months(self.published_on, item.max_age_months))
        return min((day for day in dates if day), default=None)

    @property
    def public_path(self):
        """The page's path on its own site (site root stripped)."""
        root_url_path = self.site.root_page.url_path if self.site else "/"
        return "/" + self.url_path[len(root_url_path) :]


@dataclass
class Summary:
    """What decides an item's status on one site: the newest in-force publication and
    whether any evidence is live or was taken down."""

    newest_in_force: datetime.datetime | None = None
    live: bool = False
    taken_down: bool = False

    def add(self, newest_in_force, live, taken_down):
        if newest_in_force and (
            self.newest_in_force is None or newest_in_force > self.newest_in_force
        ):
            self.newest_in_force = newest_in_force
        self.live |= bool(live)
        self.taken_down |= bool(taken_down)

    def add_page(self, page):
        self.add(page.last_published_at if page.in_force else None, page.live, page.expired)


@dataclass
class ItemStatus:
    item: object
    status: str
    evidence: list = field(default_factory=list)  # empty when read as aggregates
    justification: str = ""
    now: datetime.datetime | None = None

    @property
    def is_covered(self):
        return self.status in COVERED

    @property
    def current_evidence(self):
        return [page for page in self.evidence if page.is_current(self.item, self.now)]

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
        """When the item next needs attention: the newest evidence's end, or the due quarter."""
        if self.status == Status.NOT_APPLICABLE:
            return None
        newest = self.newest
        dates = [newest.next_due(self.item)] if newest and newest.live else []
        deadline = due_date(self.item)
        fy_start = fiscal_year_bounds(self.item.framework.fiscal_year)[0]
        if deadline and not (newest and newest.published_on and newest.published_on >= fy_start):
            dates.append(deadline)
        return min((day for day in dates if day), default=None)


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


def _published_key(page):
    return page.last_published_at or datetime.datetime.min.replace(tzinfo=datetime.UTC)


def _shown(through=""):
    return Q(**{f"{through}live": True}) | Q(**{f"{through}expired": True})


def _evidence_pages(sites, index, codes, framework, now):
    """{(site pk, code or item pk): [Evidence]} for the pages themselves (one site)."""
    found = {}
    flag = models.ExpressionWrapper(in_force(now), output_field=models.BooleanField())
    if codes:
        rows = (
            PublicationPage.objects.filter(
                _shown(), Q(evidence_code__in=codes) | Q(clause__in=codes), under_sites(sites)
            )
            .annotate(in_force=flag)
            .values_list(*EVIDENCE_FIELDS, "in_force")
        )
        for row in rows:
            page = Evidence(*row, site=index.site_of(row[1]))
            for code in {page.evidence_code, page.clause}:
                found.setdefault((page.site.pk, code), []).append(page)
    link_flag = models.ExpressionWrapper(
        in_force(now, through="page__"), output_field=models.BooleanField()
    )
    links = (
        ItemEvidence.objects.filter(
            _shown("page__"), under_sites(sites, through="page__"), item__framework=framework
        )
        .annotate(in_force=link_flag)
        .values_list("item_id", *(f"page__{name}" for name in EVIDENCE_FIELDS), "in_force")
    )
    for item_id, *row in links:
        page = Evidence(*row, site=index.site_of(row[1]))
        found.setdefault((page.site.pk, item_id), []).append(page)
    return found


def _summaries(sites, codes, framework, now):
    """{(site pk, code or item pk): Summary} read as one aggregate row per site and code."""
    found = {}
    for length in {len(site.root_page.path) for site in sites}:
        group = [site for site in sites if len(site.root_page.path) == length]
        by_path = {site.root_page.path: site.pk for site in group}
        aggregates = {
            "newest": Max("last_published_at", filter=in_force(now)),
            "live_pages": Count("pk", filter=Q(live=True)),
            "taken_down": Count("pk", filter=Q(expired=True)),
        }
        if codes:
            rows = (
                PublicationPage.objects.filter(
                    _shown(), Q(evidence_code__in=codes) | Q(clause__in=codes), under_sites(group)
                )
                .order_by()  # Page orders by path, which would join the grouping
                .values("evidence_code", "clause", root=Substr("path", 1, length))
                .annotate(**aggregates)
                .values_list("root", "evidence_code", "clause", *aggregates)
            )
            for root, evidence_code, clause, *values in rows:
                for code in {evidence_code, clause}:
                    found.setdefault((by_path[root], code), Summary()).add(*values)
        link_aggregates = {
            "newest": Max("page__last_published_at", filter=in_force(now, through="page__")),
            "live_pages": Count("pk", filter=Q(page__live=True)),
            "taken_down": Count("pk", filter=Q(page__expired=True)),
        }
        links = (
            ItemEvidence.objects.filter(
                _shown("page__"), under_sites(group, through="page__"), item__framework=framework
            )
            .order_by()
            .values("item_id", root=Substr("page__path", 1, length))
            .annotate(**link_aggregates)
            .values_list("root", "item_id", *link_aggregates)
        )
        for root, item_id, *values in links:
            found.setdefault((by_path[root], item_id), Summary()).add(*values)
    return found


def coverage(sites, framework, now=None, with_evidence=False):
    """Coverage of ``framework`` on each of ``sites`` (a list of SiteCoverage, same order).

    ``with_evidence`` also lists each item's evidence pages (a single unit's report);
    without it the statuses come from aggregates, which stays fast across a province.
    """
    now = now or timezone.now()
    sites = list(sites)
    if not sites:
        return []
    items = list(framework.items.all())
    for item in items:
        item.framework = framework  # reuse the instance: no query per item
    codes = {code for item in items for code in item.codes}
    if with_evidence:
        pages = _evidence_pages(sites, SiteIndex(sites), codes, framework, now)
        summaries = {}
        for key, found in pages.items():
            for page in found:
                summaries.setdefault(key, Summary()).add_page(page)
    else:
        pages, summaries = {}, _summaries(sites, codes, framework, now)
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
            items=[_item_status(site, item, pages, summaries, exemptions, now) for item in items],
        )
        for site in sites
    ]


def _item_status(site, item, pages, summaries, exemptions, now):
    keys = [(site.pk, code) for code in item.codes] + [(site.pk, item.pk)]
    summary = Summary()
    evidence = {}
    for key in keys:
        if key in summaries:
            found = summaries[key]
            summary.add(found.newest_in_force, found.live, found.taken_down)
        for page in pages.get(key, ()):
            evidence[page.id] = page
    justification = exemptions.get((site.pk, item.pk), "")
    newest = _local_date(summary.newest_in_force)
    if justification:
        status = Status.NOT_APPLICABLE
    elif ItemRule(item, now).is_recent_enough(newest):
        status = Status.CURRENT
    elif summary.live:
        status = Status.STALE
    elif summary.taken_down:
        status = Status.TAKEN_DOWN
    else:
        status = Status.MISSING
    ordered = sorted(evidence.values(), key=_published_key, reverse=True)
    return ItemStatus(item, status, ordered, justification, now)


def site_coverage(site, framework, now=None):
    """One unit's coverage, with every item's evidence pages."""
    return coverage([site], framework, now, with_evidence=True)[0]
