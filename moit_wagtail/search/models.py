"""The search index: one row per (term, page), so a search is an indexed lookup per word.

Wagtail's database backend scores with a statistic over the whole index and cannot match
inside Thai compounds; this table is written per page (delete + insert of that page's rows),
so indexing cost does not depend on the size of the site. The same tables serve SQLite and
PostgreSQL.

Each row repeats the page's tree path and first publication date, and one index covers
(term, path, weight, date, page): a search reads only that index, never the page table,
so it costs a range scan per word. Moves rewrite the copied paths (signal_handlers).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """What a result shows without loading the page: its plain text for the snippet."""

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("indexed text"), blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search document")

    def __str__(self):
        return f"page {self.page_id}"


class SearchTerm(models.Model):
    """A word found on a page, with its weight (title words count more).

    One row per (term, page): the indexer writes each page's terms as a dict.
    """

    term = models.CharField(_("term"), max_length=64)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    path = models.CharField(_("tree path"), max_length=255)
    weight = models.PositiveIntegerField(_("weight"))
    published = models.DateTimeField(_("first published at"), null=True)

    class Meta:
        verbose_name = _("search term")
        indexes = [
            models.Index(
                fields=["term", "path", "weight", "published", "page"],
                name="moit_search_term_cover",
            )
        ]

    def __str__(self):
        return f"{self.term} (page {self.page_id})"
