"""The Thai search index: one row per (term, object), so a search is an indexed lookup per word.

Wagtail's database backend cuts text with SQLite FTS5 or PostgreSQL's parser, which split
Thai at every vowel and tone mark, and scores with statistics over the whole index. Here a
dictionary segmenter (``segment``) cuts the text, and each object's rows are replaced as a
whole when it is saved: indexing cost depends on the object's own text, never on the site's
size. The same tables serve SQLite and PostgreSQL, for pages, documents, images and snippets.

``content_type`` is the indexed model's root (``wagtailcore.Page`` for every page type), so
one set of rows serves ``Page.objects.search()`` and ``NewsPage.objects.search()`` alike.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexEntry(models.Model):
    """What a result shows without reading its fields again: the object's plain text."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    text = models.TextField(_("indexed text"), blank=True)
    digest = models.CharField(_("digest of the indexed content"), max_length=40, blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="moit_search_entry_unique"
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}"


class IndexTerm(models.Model):
    """A word found in an object, with its weight (title words count most).

    ``(term, content_type, object_id, weight)`` covers a search: it reads only this index.
    ``(content_type, object_id, term, weight)`` covers the score of one object (also for a
    prefix of a term, as choosers search while typing) and replacing its rows.
    """

    term = models.CharField(_("term"), max_length=64)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    weight = models.PositiveIntegerField(_("weight"))

    class Meta:
        verbose_name = _("search term")
        indexes = [
            models.Index(
                fields=["term", "content_type", "object_id", "weight"],
                name="moit_search_term_covers",
                # PostgreSQL: the pattern class also serves term LIKE 'prefix%' (choosers
                # search while typing); other databases ignore operator classes.
                opclasses=["varchar_pattern_ops", "", "", ""],
            ),
            models.Index(
                fields=["content_type", "object_id", "term", "weight"],
                name="moit_search_term_object",
            ),
        ]

    def __str__(self):
        return f"{self.term} ({self.content_type_id}:{self.object_id})"


class FileText(models.Model):
    """The text inside a document's file, extracted once per file content (``file_hash``).

    Extraction runs after the upload's transaction commits, outside the request; pages that
    attach the document are reindexed when it is done.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be read")
        OK = "ok", _("text read")
        NO_TEXT = "no_text", _("no text layer (a scan?)")
        TOO_LARGE = "too_large", _("file too large to read")
        UNSUPPORTED = "unsupported", _("file type not read")
        FAILED = "failed", _("could not be read")

    document = models.OneToOneField(
        "wagtaildocs.Document",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="moit_file_text",
    )
    file_hash = models.CharField(_("file hash"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    text = models.TextField(_("text"), blank=True)
    pages = models.PositiveIntegerField(_("pages read"), null=True, blank=True)
    truncated = models.BooleanField(_("text cut at the size limit"), default=False)
    extracted_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("text inside a file")
        verbose_name_plural = _("texts inside files")

    def __str__(self):
        return f"{self.document_id}: {self.status}"
