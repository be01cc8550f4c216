"""What each unit adds to a shared checklist: exemptions and specific evidence pages.

Frameworks are shared by every unit of the installation; whether an item applies, and
which of the unit's pages prove it, belongs to the unit's site.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Site


class NotApplicable(models.Model):
    """An item that does not apply to a unit; counts as covered and is shown publicly."""

    item = models.ForeignKey(
        "moit_checklist.ChecklistItem",
        verbose_name=_("checklist item"),
        on_delete=models.CASCADE,
        related_name="exemptions",
    )
    site = models.ForeignKey(
        Site, verbose_name=_("unit website"), on_delete=models.CASCADE, related_name="+"
    )
    justification = models.TextField(
        _("justification"),
        help_text=_("Shown on the public MOIT page, e.g. 'the unit signs no concessions'."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    panels = [FieldPanel("site"), FieldPanel("item"), FieldPanel("justification")]

    class Meta:
        verbose_name = _("not applicable item")
        verbose_name_plural = _("not applicable items")
        constraints = [
            models.UniqueConstraint(fields=["item", "site"], name="unique_exemption_per_site")
        ]

    def __str__(self):
        return f"{self.item.code} ({self.site})"

    def clean(self):
        super().clean()
        if not (self.justification or "").strip():
            raise ValidationError({"justification": _("Explain why the item does not apply.")})


class ItemEvidence(models.Model):
    """A specific page named as evidence for an item, beyond the page types that count."""

    item = models.ForeignKey(
        "moit_checklist.ChecklistItem",
        verbose_name=_("checklist item"),
        on_delete=models.CASCADE,
        related_name="evidence_links",
    )
    part = models.ForeignKey(
        "moit_checklist.ChecklistPart",
        verbose_name=_("evidence part"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_links",
        help_text=_("For an item graded in parts: which part the page proves (else the first)."),
    )
    page = models.ForeignKey(
        "moit_pages.PublicationPage",
        verbose_name=_("evidence page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    panels = [FieldPanel("item"), FieldPanel("part"), FieldPanel("page")]

    class Meta:
        verbose_name = _("evidence page link")
        verbose_name_plural = _("evidence page links")
        constraints = [
            models.UniqueConstraint(fields=["item", "page"], name="unique_evidence_link")
        ]

    def __str__(self):
        return f"{self.item.code}: {self.page.title}"

    def clean(self):
        super().clean()
        if self.part_id and self.item_id and self.part.item_id != self.item_id:
            raise ValidationError({"part": _("Choose a part of the chosen checklist item.")})
