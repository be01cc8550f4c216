"""The annual website-publishing monitoring report of one unit (MOIT 1, evidence (2)).

Why counted, not typed: MOIT 1 asks each unit for a report on how it monitored its website in
the previous fiscal year, acknowledged by the executive. Every figure is already recorded:
publications and take-downs in Wagtail's audit log, decisions and refusal reasons on the
approval task states, verbal approvals on our urgent records, currency in the checklist status
rules. Counting is done by the database (one aggregate per source), so the number of queries
does not grow with the number of publications.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, F, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageLogEntry, TaskState

from moit_wagtail.clauses import top_level_clauses
from moit_wagtail.dates import fiscal_year, fiscal_year_bounds
from moit_wagtail.models import AgencyProfile
from moit_wagtail.publication_actions import IMPORT_PUBLISH_ACTION

from .records import publication_log_entries

REVIEWED_ACTION = "moit.reviewed"  # "checked, still current", logged by the review reminders
UNPUBLISH_ACTION = "wagtail.unpublish"
EXPIRED_ACTION = "wagtail.unpublish.scheduled"  # Wagtail's publish_scheduled, at expire_at
NO_REASON = _("No reason recorded")


def previous_fiscal_year(today=None):
    """The fiscal year (B.E.) the report is usually made for: the one that ended last."""
    return fiscal_year(today or timezone.localdate()) - 1


@dataclass
class CategoryRow:
    code: str
    title: str
    items: int = 0  # distinct pages published (new or updated) in the year
    publications: int = 0  # publish actions, one publishing-request form each


@dataclass
class ReasonRow:
    code: str
    label: str
    count: int


@dataclass
class CoverageRow:
    framework: object
    coverage: object  # status.SiteCoverage, read at the time of the report

    @property
    def overdue(self):
        return sum(self.coverage.count(status) for status in ("stale", "taken_down", "missing"))


@dataclass
class AnnualReport:
    site: object
    unit_name: str
    fiscal_year: int
    first_day: datetime.date
    last_day: datetime.date
    generated_at: datetime.datetime
    categories: list = field(default_factory=list)
    approved: int = 0
    rejected: int = 0
    reasons: list = field(default_factory=list)
    urgent: int = 0
    urgent_confirmed: int = 0
    reviewed: int = 0
    reviewed_pages: int = 0
    unpublished: int = 0
    expired: int = 0
    review_overdue: int = 0
    imported: int = 0  # items brought in from the previous website, not publications here
    coverage: list = field(default_factory=list)

    @property
    def items(self):
        return sum(row.items for row in self.categories)

    @property
    def publications(self):
        return sum(row.publications for row in self.categories)

    @property
    def decisions(self):
        return self.approved + self.rejected

    @property
    def urgent_unconfirmed(self):
        return self.urgent - self.urgent_confirmed

    @property
    def taken_down(self):
        return self.unpublished + self.expired

    def category(self, code):
        return next((row for row in self.categories if row.code == code), None)


def _in_year(lookup, first_day, last_day):
    """Q for a datetime field falling in the year, by local (Bangkok) date."""
    return Q(**{f"{lookup}__date__gte": first_day, f"{lookup}__date__lte": last_day})


def _categories(root, year):
    """Publications per seed category (1.1-1.10, then pages of no category), in two columns."""
    counts = {
        row["clause"]: row
        for row in publication_log_entries(root, year, imported=False)
        .order_by()
        .values(clause=F("page__publicationpage__clause"))
        .annotate(publications=Count("pk"), items=Count("page_id", distinct=True))
    }
    rows = []
    for clause in top_level_clauses():
        found = counts.pop(clause.code, {})
        items, publications = found.get("items", 0), found.get("publications", 0)
        rows.append(CategoryRow(clause.code, clause.title, items, publications))
    if counts:  # pages of no category: home, indexes, the MOIT page
        rows.append(
            CategoryRow(
                "",
                str(_("Other pages (home, index and information pages)")),
                sum(row["items"] for row in counts.values()),
                sum(row["publications"] for row in counts.values()),
            )
        )
    return rows


def _decisions(root, first_day, last_day):
    """``(approved, [ReasonRow])`` of the publishing requests decided in the year."""
    from moit_wagtail.workflow.models import PublishingApprovalTaskState
    from moit_wagtail.workflow.reasons import REJECTION_REASONS

    page_keys = (
        Page.objects.filter(path__startswith=root.path)
        .annotate(key=Cast("pk", output_field=CharField()))
        .values("key")
    )
    rows = (
        PublishingApprovalTaskState.objects.filter(
            _in_year("finished_at", first_day, last_day),
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id__in=page_keys,
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        )
        .order_by()
        .values("status", "rejection_reason")
        .annotate(count=Count("pk"))
    )
    approved, by_reason = 0, {}
    for row in rows:
        if row["status"] == TaskState.STATUS_APPROVED:
            approved += row["count"]
        else:
            code = row["rejection_reason"] or ""
            by_reason[code] = by_reason.get(code, 0) + row["count"]
    reasons = [
        ReasonRow(code, str(label), by_reason.pop(code))
        for code, label in REJECTION_REASONS
        if code in by_reason
    ]
    if by_reason:
        reasons.append(ReasonRow("", str(NO_REASON), sum(by_reason.values())))
    return approved, reasons


def _urgent(root, first_day, last_day):
    from moit_wagtail.workflow.models import UrgentApproval

    return UrgentApproval.objects.filter(
        _in_year("published_at", first_day, last_day), page__path__startswith=root.path
    ).aggregate(total=Count("pk"), confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)))


def _log_actions(root, first_day, last_day):
    """``{action: {"entries": n, "pages": n}}`` for the review, take-down and import
    actions."""
    rows = (
        PageLogEntry.objects.filter(
            _in_year("timestamp", first_day, last_day),
            page__path__startswith=root.path,
            action__in=[REVIEWED_ACTION, UNPUBLISH_ACTION, EXPIRED_ACTION, IMPORT_PUBLISH_ACTION],
        )
        .order_by()
        .values("action")
        .annotate(entries=Count("pk"), pages=Count("page_id", distinct=True))
    )
    return {row["action"]: row for row in rows}


def _coverage(site, year, now):
    from moit_wagtail.checklist.models import Framework
    from moit_wagtail.checklist.status import site_coverage

    return [
        CoverageRow(framework, site_coverage(site, framework, now))
        for framework in Framework.objects.filter(fiscal_year=year).order_by("slug")
    ]


def _review_overdue(root, today):
    from moit_wagtail.pages.models import PublicationPage

    return (
        PublicationPage.objects.live()
        .filter(path__startswith=root.path, review_by__lt=today)
        .count()
    )


def _unit_name(site):
    profile = AgencyProfile.objects.filter(site=site).first()
    return profile.name if profile else site.site_name or site.hostname


def annual_report(site, year, now=None):
    """The monitoring report of ``site`` (its ``root_page`` joined) for fiscal year ``year``
    (B.E.); the "overdue now" figures are read at ``now``."""
    now = now or timezone.now()
    root = site.root_page
    first_day, last_day = fiscal_year_bounds(int(year))
    approved, reasons = _decisions(root, first_day, last_day)
    urgent = _urgent(root, first_day, last_day)
    actions = _log_actions(root, first_day, last_day)
    reviewed = actions.get(REVIEWED_ACTION, {})
    return AnnualReport(
        site=site,
        unit_name=_unit_name(site),
        fiscal_year=int(year),
        first_day=first_day,
        last_day=last_day,
        generated_at=now,
        categories=_categories(root, year),
        approved=approved,
        rejected=sum(row.count for row in reasons),
        reasons=reasons,
        urgent=urgent["total"],
        urgent_confirmed=urgent["confirmed"],
        reviewed=reviewed.get("entries", 0),
        reviewed_pages=reviewed.get("pages", 0),
        unpublished=actions.get(UNPUBLISH_ACTION, {}).get("entries", 0),
        expired=actions.get(EXPIRED_ACTION, {}).get("entries", 0),
        review_overdue=_review_overdue(root, timezone.localdate(now)),
        imported=actions.get(IMPORT_PUBLISH_ACTION, {}).get("pages", 0),
        coverage=_coverage(site, int(year), now),
    )
