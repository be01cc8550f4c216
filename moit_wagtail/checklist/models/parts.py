"""Evidence parts: an item graded in several pieces, each with its own timing.

MOIT grades some items in parts (MOIT 1: the publishing framework, and last year's
monitoring report; MOIT 4: the procurement plan, its quarterly results and a
conflict-of-interest check). An item with parts is current only when every counted part
is; each part has the item's kinds of rules (clauses, frequency, due quarter), so the
status rules read a part exactly as they read an item.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from .checklist import EvidenceRules, validate_clause_codes


class ChecklistPart(Orderable, EvidenceRules):
    item = ParentalKey(
        "moit_checklist.ChecklistItem", on_delete=models.CASCADE, related_name="parts"
    )
    number = models.PositiveSmallIntegerField(
        _("part number"), help_text=_("1, 2, 3 … as the assessment guide numbers them.")
    )
    clause_codes = models.CharField(
        _("satisfied by seed clauses"),
        max_length=255,
        blank=True,
        validators=[validate_clause_codes],
        help_text=_("Page types that count for this part; otherwise link pages to it by hand."),
    )

    COPIED_FIELDS = (
        "sort_order", "number", "title_th", "title_en", "requirement", "frequency",
        "due_quarter", "clause_codes",
    )  # fmt: skip

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("requirement")]),
        FieldPanel("title_th"),
        FieldPanel("title_en"),
        FieldRowPanel([FieldPanel("frequency"), FieldPanel("due_quarter")]),
        FieldPanel("clause_codes"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "number"]  # parts added without an order still read 1, 2, 3
        verbose_name = _("evidence part")
        verbose_name_plural = _("evidence parts")
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="unique_part_number")
        ]

    def __str__(self):
        return f"{self.item.code} {self.label}: {self.title}"

    @property
    def label(self):
        return _("part %(number)s") % {"number": self.number}

    @property
    def framework(self):
        return self.item.framework
