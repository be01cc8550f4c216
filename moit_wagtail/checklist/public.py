"""What the public MOIT / ITA page shows: every checklist item with the unit's current evidence.

Why generated: units kept this page by hand, with dead links, last year's files and no dates.
Here each row comes from the same status rules as the admin reports (``status.py``), so the
public sees links only to evidence that counts today, never a stale or taken-down page, and a
website admin's preview shows the gaps. A fixed number of queries, whatever the number of
items, evidence pages or attachments.
"""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from moit_wagtail.pages.models import PageAttachment

from .models import Framework
from .status import COVERED, Status, site_coverage

# A monthly item keeps a year of summaries current at most; more would bury the page.
MAX_LINKS_PER_ITEM = 12


@dataclass
class EvidenceLink:
    id: int
    title: str
    url: str
    published_at: datetime.datetime | None
    attachments: list = field(default_factory=list)


@dataclass
class Row:
    item: object
    status: str
    links: list  # current evidence, newest first (all that the public sees)
    more: int = 0  # current evidence beyond MAX_LINKS_PER_ITEM
    justification: str = ""
    gaps: list = field(default_factory=list)  # preview only: evidence that no longer counts
    next_due: datetime.date | None = None
    parts: list = field(default_factory=list)  # PartRow, for an item graded in parts

    @property
    def status_label(self):
        return Status(self.status).label

    @property
    def is_covered(self):
        return self.status in COVERED


@dataclass
class PartRow:
    number: int
    label: str
    title: str
    status: str
    counted: bool
    links: list
    more: int = 0

    @property
    def status_label(self):
        return Status(self.status).label


@dataclass
class Group:
    title: str
    rows: list


def page_site(page, request=None):
    """The site the page belongs to (root page joined), or the request's site for a page
    that is not routable yet, such as the preview of a new page."""
    serving = Site.find_for_request(request) if request is not None else None  # cached
    parts = page.get_url_parts(request) if page.path else None
    if not parts or (serving and serving.pk == parts[0]):
        return serving
    return Site.objects.select_related("root_page").get(pk=parts[0])


def public_url(evidence):
    """The evidence page's URL on its own site, in the active language (``/en/...``)."""
    return reverse("wagtail_serve", args=(evidence.public_path[1:],))


def attachments_by_page(page_ids):
    """``{page id: [PageAttachment]}`` of the given live pages, in one query."""
    found = {}
    if not page_ids:
        return found
    attachments = (
        PageAttachment.objects.filter(page_id__in=page_ids)
        .select_related("document")
        .order_by("page_id", "sort_order", "pk")
    )
    for attachment in attachments:
        found.setdefault(attachment.page_id, []).append(attachment)
    return found


def _links(pages, attachments):
    return [
        EvidenceLink(
            page.id,
            page.title,
            public_url(page),
            page.last_published_at,
            attachments.get(page.id, []),
        )
        for page in pages[:MAX_LINKS_PER_ITEM]
    ]


def _part_rows(status, attachments):
    rows = []
    for part in status.parts:
        current = part.current_evidence
        rows.append(
            PartRow(
                number=part.part.number,
                label=part.part.label,
                title=part.part.title,
                status=part.status,
                counted=part.counted,
                links=_links(current, attachments),
                more=max(0, len(current) - MAX_LINKS_PER_ITEM),
            )
        )
    return rows


def _row(status, current, attachments, preview):
    links = _links(current, attachments)
    gaps = []
    if preview and not status.is_covered:
        gaps = [
            EvidenceLink(
                page.id,
                page.title,
                reverse("wagtailadmin_pages:edit", args=(page.id,)),
                page.last_published_at,
            )
            for page in status.evidence[:MAX_LINKS_PER_ITEM]
        ]
    return Row(
        item=status.item,
        status=status.status,
        links=links,
        more=max(0, len(current) - len(links)),
        justification=status.justification,
        gaps=gaps,
        next_due=status.next_due if preview else None,
        parts=[] if status.justification else _part_rows(status, attachments),
    )


def other_years(page, framework, request=None):
    """[(fiscal year, URL)] of the list's other years, newest first, for a following page."""
    if not page.follow_current_year or not page.path:
        return []
    years = (
        Framework.objects.filter(slug=framework.slug)
        .exclude(pk=framework.pk)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
    )
    return [(year, page.year_url(year, request)) for year in years]


def checklist_context(page, request=None, now=None, framework=None):
    """Template context of a ChecklistPage: groups of rows, the coverage, the last update.

    ``framework`` is the year to show (by default the page's list, or the year in force for
    a page that follows the current year). ``request.is_preview`` (Wagtail's preview and
    "view draft") adds the gaps: status badges and the stale or taken-down pages, linked to
    their editor.
    """
    framework = framework or page.shown_framework(now and timezone.localdate(now))
    preview = bool(getattr(request, "is_preview", False))
    site = page_site(page, request)
    context = {
        "framework": framework,
        "preview": preview,
        "checklist_groups": [],
        "coverage": None,
        "last_updated": page.last_published_at,
        "other_years": other_years(page, framework, request),
    }
    if site is None:
        return context
    report = site_coverage(site, framework, now)
    current = {status.item.pk: status.current_evidence for status in report.items}
    shown = [page for pages in current.values() for page in pages[:MAX_LINKS_PER_ITEM]]
    shown += [
        page
        for status in report.items
        for part in status.parts
        for page in part.current_evidence[:MAX_LINKS_PER_ITEM]
    ]
    attachments = attachments_by_page({page.id for page in shown})
    groups = {}
    for status in report.items:
        row = _row(status, current[status.item.pk], attachments, preview)
        groups.setdefault(status.item.group, []).append(row)
    dates = [page.last_published_at] + [evidence.last_published_at for evidence in shown]
    context.update(
        checklist_groups=[Group(title, rows) for title, rows in groups.items()],
        coverage=report,
        status_counts=[(value, label, report.count(value)) for value, label in Status.choices],
        last_updated=max((day for day in dates if day), default=None),
    )
    return context
