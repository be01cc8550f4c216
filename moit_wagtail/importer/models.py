"""What an import did: the batch (who, when, from which file, how) and each item it made.

``ImportedItem`` is how a re-run finds the page it made before (by the old URL, else by
type, title and original date), so importing the same sheet twice updates instead of
duplicating; it also marks a page's first publication as an import on the publishing
record and in the annual report.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from moit_wagtail.dates import format_datetime


class ImportBatch(models.Model):
    SUBMIT = "submit"
    PUBLISHED_BEFORE = "published_before"
    MODE_CHOICES = [
        (SUBMIT, _("as drafts submitted to the unit's approval workflow")),
        (PUBLISHED_BEFORE, _("published, as already public on the previous website")),
    ]

    site = models.ForeignKey(
        Site, verbose_name=_("unit website"), on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    source_name = models.CharField(_("file"), max_length=255)
    mode = models.CharField(_("imported"), max_length=32, choices=MODE_CHOICES)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)
    report = models.JSONField(_("report"), default=list, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.source_name} ({format_datetime(self.created_at)})"

    def importer(self):
        user = self.created_by
        return (user.get_full_name() or user.get_username()) if user else ""

    importer.short_description = _("imported by")


class ImportedItem(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=500)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="moit_imports"
    )
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    old_path = models.CharField(max_length=255, blank=True)
    published_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(fields=["site", "key"], name="unique_import_key_per_site")
        ]

    def __str__(self):
        return self.old_path or self.key
