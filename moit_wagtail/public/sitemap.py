"""The HTML sitemap's tree: each section under the site root with its newest pages.

A unit publishes thousands of items, so a section lists its newest ``SECTION_ITEM_LIMIT``
pages and links to the section for the rest. One window-function query ranks the items
of every section at once: the query count does not grow with the number of pages.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber, Substr
from wagtail.models import Page

SECTION_ITEM_LIMIT = 20
PAGE_FIELDS = ("id", "title", "url_path", "path", "depth", "first_published_at", "content_type")


@dataclass
class Section:
    page: Page
    items: list = field(default_factory=list)
    total: int = 0

    @property
    def more(self):
        return self.total - len(self.items)


def sitemap_sections(root):
    """Live, public children of ``root``, each with its live, public children (newest first)."""
    sections = {
        page.path: Section(page)
        for page in root.get_children().live().public().only(*PAGE_FIELDS).order_by("path")
    }
    if not sections:
        return []
    section_path = Substr("path", 1, (root.depth + 1) * Page.steplen)
    items = (
        Page.objects.live()
        .public()
        .filter(depth=root.depth + 2, path__startswith=root.path)
        .only(*PAGE_FIELDS)
        .annotate(
            section_path=section_path,
            rank=Window(
                RowNumber(),
                partition_by=[section_path],
                order_by=[F("first_published_at").desc(nulls_last=True), F("path")],
            ),
            total=Window(Count("id"), partition_by=[section_path]),
        )
        .filter(rank__lte=SECTION_ITEM_LIMIT)
        .order_by("section_path", "rank")
    )
    for item in items:
        section = sections.get(item.section_path)
        if section is not None:
            section.items.append(item)
            section.total = item.total
    return list(sections.values())
