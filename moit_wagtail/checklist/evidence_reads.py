"""Reading the evidence the status rules judge, in a fixed number of queries.

Two ways, one result shape: a single unit's report reads the evidence pages themselves
(``evidence_pages``); many units at once (roll-up, dashboard) read one aggregate row per
site and code (``summaries``), since "recent enough" only needs the newest in-force page.
Both key what they find by ``(site pk, seed clause code)`` for pages of a page type the
checklist names, and by ``(site pk, link_key(item, part))`` for pages linked by hand.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Max, Q
from django.db.models.functions import Substr
from django.utils import timezone

from moit_wagtail.access import under_sites
from moit_wagtail.dates import add_months
from moit_wagtail.pages.models import PublicationPage

from .models import ItemEvidence
from .rules import ItemRule

EVIDENCE_FIELDS = (
    "id", "path", "title", "url_path", "live", "expired", "expire_at", "review_by",
    "last_published_at", "owner_unit", "clause", "evidence_code",
)  # fmt: skip


def link_key(item_id, part_id=None):
    """The key of pages linked by hand to an item (``part_id`` None: to no part in particular)."""
    return ("link", item_id, part_id)


def in_force(now, through=""):
    """Live, not past its end of publication, not past its review-by date."""
    today = timezone.localdate(now)
    return (
        Q(**{f"{through}live": True})
        & (Q(**{f"{through}expire_at__isnull": True}) | Q(**{f"{through}expire_at__gt": now}))
        & (Q(**{f"{through}review_by__isnull": True}) | Q(**{f"{through}review_by__gte": today}))
    )


def local_date(moment):
    return timezone.localdate(moment) if moment else None


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
        return local_date(self.last_published_at)

    def is_current(self, rules, now):
        return self.in_force and ItemRule(rules, now).is_recent_enough(self.published_on)

    def next_due(self, rules):
        """The first date this page stops being current evidence under ``rules``."""
        dates = [self.review_by, local_date(self.expire_at)]
        if rules.max_age_months and self.published_on:
            dates.append(add_months(self.published_on, rules.max_age_months))
        return min((day for day in dates if day), default=None)

    @property
    def public_path(self):
        """The page's path on its own site (site root stripped)."""
        root_url_path = self.site.root_page.url_path if self.site else "/"
        return "/" + self.url_path[len(root_url_path) :]


@dataclass
class Summary:
    """What decides a status on one site: the newest in-force publication and whether any
    evidence is live or was taken down."""

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

    def add_summary(self, other):
        self.add(other.newest_in_force, other.live, other.taken_down)

    def add_page(self, page):
        self.add(page.last_published_at if page.in_force else None, page.live, page.expired)

    @property
    def has_evidence(self):
        return self.live or self.taken_down


def _shown(through=""):
    return Q(**{f"{through}live": True}) | Q(**{f"{through}expired": True})


def evidence_pages(sites, index, codes, framework, now):
    """{key: [Evidence]} for the pages themselves (one site's report)."""
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
        .values_list(
            "item_id", "part_id", *(f"page__{name}" for name in EVIDENCE_FIELDS), "in_force"
        )
    )
    for item_id, part_id, *row in links:
        page = Evidence(*row, site=index.site_of(row[1]))
        found.setdefault((page.site.pk, link_key(item_id, part_id)), []).append(page)
    return found


def summaries(sites, codes, framework, now):
    """{key: Summary} read as one aggregate row per site and code (many sites)."""
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
            .values("item_id", "part_id", root=Substr("page__path", 1, length))
            .annotate(**link_aggregates)
            .values_list("root", "item_id", "part_id", *link_aggregates)
        )
        for root, item_id, part_id, *values in links:
            key = (by_path[root], link_key(item_id, part_id))
            found.setdefault(key, Summary()).add(*values)
    return found
