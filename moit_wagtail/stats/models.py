"""Aggregate visitor counts (seed 1.10): numbers per site and day, page and document per month.

Only totals are kept. The one table that can tell visitors apart, ``VisitorMark``, holds a
daily-salted hash (no IP, no user agent) and each row is deleted 30 minutes after its
visitor was last seen: it exists to count a reload once and to know who is "online now".
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site


class DailyCount(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    visits = models.PositiveIntegerField(_("visits"), default=0)
    views = models.PositiveIntegerField(_("page views"), default=0)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("daily visitor count")
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="moit_stats_daily")]

    def __str__(self):
        return f"{self.day}: {self.visits}"


class PageCount(models.Model):
    """Views of one public path in one month (language prefix removed, query string dropped)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    path = models.CharField(_("path"), max_length=500)
    views = models.PositiveIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("page view count")
        constraints = [
            models.UniqueConstraint(fields=["site", "month", "path"], name="moit_stats_page")
        ]
        indexes = [models.Index(fields=["site", "month", "-views"], name="moit_stats_page_top")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.path}: {self.views}"


class DocumentCount(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("document download count")
        constraints = [
            models.UniqueConstraint(fields=["site", "month", "document"], name="moit_stats_doc")
        ]
        indexes = [models.Index(fields=["site", "month", "-downloads"], name="moit_stats_doc_top")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.document_id}: {self.downloads}"


class VisitorMark(models.Model):
    """When a (visitor, target) was last counted and seen; times are Unix seconds.

    ``kind`` is "v" (the visitor on the site), "p" (a page) or "d" (a document).
    ``token`` names the flush that last counted the row, so concurrent flushes can tell
    which of them counted it.
    """

    key = models.CharField(max_length=32, primary_key=True)
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=1)
    counted_at = models.BigIntegerField()
    seen_at = models.BigIntegerField()
    token = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["seen_at"], name="moit_stats_mark_seen"),
        ]

    def __str__(self):
        return f"{self.kind} {self.key[:8]}"
