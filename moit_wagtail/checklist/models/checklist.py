"""Checklist frameworks (one per list and fiscal year) and their items.

MOIT renumbers and rewords its items between fiscal years, so a framework is data
named by its family (``slug``) and Buddhist-era fiscal year, and next year's is started
as a copy of this year's. Items say which seed clauses (page types) satisfy them and how
often their evidence must be renewed; the status rules in ``status.py`` read only this.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from moit_wagtail.checklist.panels import UnverifiedItemsPanel
from moit_wagtail.clauses import all_clauses
from moit_wagtail.dates import is_thai


class Frequency(models.TextChoices):
    ON_CHANGE = "on_change", _("when it changes")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    HALF_YEARLY = "half_yearly", _("every six months")
    YEARLY = "yearly", _("yearly")


# How old the newest evidence may be before the item is stale: one period plus a
# month's grace, so a monthly procurement summary older than two months is stale.
MAX_AGE_MONTHS = {
    Frequency.MONTHLY: 2,
    Frequency.QUARTERLY: 4,
    Frequency.HALF_YEARLY: 7,
    Frequency.YEARLY: 13,
}


QUARTERS = [(1, _("quarter 1")), (2, _("quarter 2")), (3, _("quarter 3")), (4, _("quarter 4"))]


class Requirement(models.TextChoices):
    REQUIRED = "required", _("required")
    IF_APPLICABLE = "if_applicable", _("if applicable")


class Framework(ClusterableModel):
    slug = models.SlugField(
        _("list"),
        max_length=40,
        help_text=_("Names the list across years, e.g. 'moit'; next year's copy keeps it."),
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"),
        validators=[MinValueValidator(2540), MaxValueValidator(2700)],
        help_text=_("The Thai fiscal year, 1 October to 30 September, e.g. 2569."),
    )
    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    short_name_th = models.CharField(
        _("short name (Thai)"),
        max_length=60,
        blank=True,
        help_text=_("Shown with the fiscal year in tables, e.g. 'MOIT' gives 'MOIT 2569'."),
    )
    short_name_en = models.CharField(_("short name (English)"), max_length=60, blank=True)
    source = models.TextField(
        _("source"), blank=True, help_text=_("The announcement, act or manual the list comes from.")
    )

    panels = [
        UnverifiedItemsPanel(heading=_("Items not yet checked")),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("fiscal_year")]),
        FieldPanel("name_th"),
        FieldPanel("name_en"),
        FieldRowPanel([FieldPanel("short_name_th"), FieldPanel("short_name_en")]),
        FieldPanel("source"),
        InlinePanel("items", heading=_("Items"), label=_("Item")),
    ]

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        ordering = ["-fiscal_year", "slug"]
        permissions = [("view_all_units", _("Can monitor every unit's website (roll-up)"))]
        constraints = [
            models.UniqueConstraint(fields=["slug", "fiscal_year"], name="unique_framework_year")
        ]

    def __str__(self):
        """The name, with the fiscal year unless the name already says it."""
        if str(self.fiscal_year) in self.name:
            return self.name
        return _("%(name)s, fiscal year %(year)s") % {"name": self.name, "year": self.fiscal_year}

    @property
    def name(self):
        return self.name_th if is_thai() or not self.name_en else self.name_en

    @property
    def label(self):
        """A column heading: the short name and the fiscal year, e.g. 'MOIT 2569'."""
        short = self.short_name_th if is_thai() or not self.short_name_en else self.short_name_en
        return f"{short} {self.fiscal_year}" if short else self.name

    def renamed_for_year(self, fiscal_year):
        """Name and source texts with this list's year replaced by ``fiscal_year``."""
        old, new = str(self.fiscal_year), str(fiscal_year)
        return {
            name: getattr(self, name).replace(old, new) for name in ("name_th", "name_en", "source")
        }

    @transaction.atomic
    def copy_to_year(self, fiscal_year):
        """Start another fiscal year's list from this one: items, their parts and rules.

        Every copied item remembers the code it had (``previous_code``), so a roll-over can
        match the unit records even after the new year's items are renumbered, and starts
        unverified until an admin has checked it against the new year's guide.
        """
        if Framework.objects.filter(slug=self.slug, fiscal_year=fiscal_year).exists():
            raise ValidationError(
                _("The list %(slug)s already exists for fiscal year %(year)s.")
                % {"slug": self.slug, "year": fiscal_year}
            )
        copy = Framework.objects.create(
            slug=self.slug,
            fiscal_year=fiscal_year,
            short_name_th=self.short_name_th,
            short_name_en=self.short_name_en,
            **self.renamed_for_year(fiscal_year),
        )
        from .parts import ChecklistPart  # parts refer back to items

        note = _("Copied from fiscal year %(year)s; check it against this year's guide.") % {
            "year": self.fiscal_year
        }
        for item in self.items.prefetch_related("parts"):
            new_item = ChecklistItem.objects.create(
                framework=copy,
                previous_code=item.code,
                verified=False,
                verification_note=str(note),
                **{name: getattr(item, name) for name in ChecklistItem.COPIED_FIELDS},
            )
            ChecklistPart.objects.bulk_create(
                ChecklistPart(
                    item=new_item,
                    **{name: getattr(part, name) for name in ChecklistPart.COPIED_FIELDS},
                )
                for part in item.parts.all()
            )
        return copy


def validate_clause_codes(value):
    unknown = [code for code in split_codes(value) if code not in all_clauses()]
    if unknown:
        raise ValidationError(
            _("Unknown seed clause codes: %(codes)s.") % {"codes": ", ".join(unknown)}
        )


def split_codes(value):
    return [code.strip() for code in (value or "").replace(";", ",").split(",") if code.strip()]


class EvidenceRules(models.Model):
    """What an item and each of its parts share: a title and the rules its evidence meets
    (``status.py`` and ``rules.py`` read either through these fields alone)."""

    title_th = models.CharField(_("title (Thai)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    requirement = models.CharField(
        _("requirement"), max_length=16, choices=Requirement.choices, default=Requirement.REQUIRED
    )
    frequency = models.CharField(
        _("expected update"), max_length=16, choices=Frequency.choices, default=Frequency.ON_CHANGE
    )
    due_quarter = models.PositiveSmallIntegerField(
        _("due in quarter"),
        null=True,
        blank=True,
        choices=QUARTERS,
        help_text=_("Fiscal-year quarter by which the evidence must be published, if any."),
    )
    clause_codes = models.CharField(
        _("satisfied by seed clauses"),
        max_length=255,
        blank=True,
        validators=[validate_clause_codes],
        help_text=_(
            "Comma-separated codes of the page types that count as evidence, e.g. 1.8.7. "
            "Specific pages can be linked per unit as well."
        ),
    )

    class Meta:
        abstract = True

    @property
    def title(self):
        return self.title_th if is_thai() or not self.title_en else self.title_en

    @property
    def codes(self):
        return split_codes(self.clause_codes)

    @property
    def max_age_months(self):
        """Months the newest evidence stays current, or None if only its review date counts."""
        return MAX_AGE_MONTHS.get(self.frequency)


class ChecklistItem(ClusterableModel, Orderable, EvidenceRules):
    framework = ParentalKey(Framework, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=16, help_text=_("e.g. 'MOIT 5' or '1.8.7'."))
    group_th = models.CharField(_("group (Thai)"), max_length=255, blank=True)
    group_en = models.CharField(_("group (English)"), max_length=255, blank=True)
    legal_basis = models.CharField(
        _("legal basis"), max_length=255, blank=True, help_text=_("e.g. OIA s.9 (3).")
    )
    previous_code = models.CharField(
        _("code in the previous fiscal year"),
        max_length=16,
        blank=True,
        help_text=_(
            "The same item's code in last year's list, if it was renumbered; a roll-over "
            "carries the units' records by it. Empty for a new item."
        ),
    )
    verified = models.BooleanField(
        _("checked against this year's guide"),
        default=True,
        help_text=_("Untick while the item is only carried over from the previous year."),
    )
    verification_note = models.CharField(
        _("verification note"),
        max_length=500,
        blank=True,
        help_text=_("Which document confirms the item, or what is still to be checked."),
    )

    COPIED_FIELDS = (
        "sort_order", "code", "group_th", "group_en", "title_th", "title_en", "legal_basis",
        "requirement", "frequency", "due_quarter", "clause_codes",
    )  # fmt: skip

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("legal_basis")]),
        FieldPanel("title_th"),
        FieldPanel("title_en"),
        FieldRowPanel([FieldPanel("group_th"), FieldPanel("group_en")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("requirement"), FieldPanel("frequency"), FieldPanel("due_quarter")]
                ),
                FieldPanel("clause_codes"),
            ],
            heading=_("Rules"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("previous_code"),
                FieldRowPanel([FieldPanel("verified"), FieldPanel("verification_note")]),
            ],
            heading=_("From the previous fiscal year"),
        ),
        InlinePanel("parts", heading=_("Evidence parts"), label=_("Part")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_item_code")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def group(self):
        return self.group_th if is_thai() or not self.group_en else self.group_en
