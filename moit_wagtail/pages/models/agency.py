"""Seed 1.1: agency information (history, vision, structure, executives, plans, contact)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from moit_wagtail.clauses import clause_choices

from .base import CategoryIndexPage, PublicationPage, publication_panels

# Topics published as a text or document page; the others have page types of their own.
DOCUMENT_TOPICS = ("1.1.1", "1.1.5", "1.1.6", "1.1.7", "1.1.8", "1.1.9", "1.1.10", "1.1.11")
# Topics that belong to a fiscal year (plans, budget, agreement, report).
YEARLY_TOPICS = ("1.1.7", "1.1.8", "1.1.9", "1.1.10", "1.1.11")

fiscal_year_validators = [MinValueValidator(2500), MaxValueValidator(2700)]


def agency_document_topics():
    return clause_choices("1.1", DOCUMENT_TOPICS)


class AgencyInfoIndexPage(CategoryIndexPage):
    seed_clause = "1.1"
    subpage_types = [
        "moit_pages.AgencyDocumentPage",
        "moit_pages.VisionMissionPage",
        "moit_pages.OrganisationStructurePage",
        "moit_pages.ExecutivesPage",
        "moit_pages.ContactPage",
    ]

    class Meta:
        verbose_name = _("1.1 Agency information (index)")


class AgencyDocumentPage(PublicationPage):
    """History, powers and duties, strategy, action plan, projects, budget, agreement, report."""

    seed_clause = "1.1"
    topic = models.CharField(_("topic"), max_length=16, choices=agency_document_topics)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"),
        null=True,
        blank=True,
        validators=fiscal_year_validators,
        help_text=_("Required for plans, projects, budgets, agreements and reports, e.g. 2569."),
    )
    body = RichTextField(_("content"), blank=True)

    parent_page_types = ["moit_pages.AgencyInfoIndexPage"]
    content_panels = publication_panels(
        FieldRowPanel([FieldPanel("topic"), FieldPanel("fiscal_year")]), FieldPanel("body")
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("agency document (history, duties, plans, budget, reports)")

    def get_evidence_code(self):
        return self.topic or self.seed_clause

    @classmethod
    def conditional_requirements(cls, values):
        missing = super().conditional_requirements(values)
        if values.get("topic") in YEARLY_TOPICS and not values.get("fiscal_year"):
            missing["fiscal_year"] = _(
                "Give the fiscal year (B.E.) this plan, budget or report covers."
            )
        return missing


class VisionMissionPage(PublicationPage):
    seed_clause = "1.1"
    vision = models.TextField(_("vision"))
    mission = models.TextField(_("mission"), help_text=_("One mission per line."))
    values = models.TextField(_("core values"), blank=True, help_text=_("One value per line."))

    parent_page_types = ["moit_pages.AgencyInfoIndexPage"]
    content_panels = publication_panels(
        FieldPanel("vision"), FieldPanel("mission"), FieldPanel("values")
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("vision"),
        index.SearchField("mission"),
        index.SearchField("values"),
    ]

    class Meta:
        verbose_name = _("vision, mission and values")

    def get_evidence_code(self):
        return "1.1.2"

    @staticmethod
    def _lines(text):
        return [line.strip() for line in (text or "").splitlines() if line.strip()]

    def mission_list(self):
        return self._lines(self.mission)

    def value_list(self):
        return self._lines(self.values)


class OrganisationStructurePage(PublicationPage):
    seed_clause = "1.1"
    chart = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("organisation chart"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chart_description = models.TextField(
        _("text description of the chart"),
        help_text=_("Describes the chart for people who cannot see it (accessibility)."),
    )
    body = RichTextField(_("content"), blank=True)

    parent_page_types = ["moit_pages.AgencyInfoIndexPage"]
    content_panels = publication_panels(
        FieldPanel("chart"), FieldPanel("chart_description"), FieldPanel("body")
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("chart_description"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("organisation structure")

    def get_evidence_code(self):
        return "1.1.3"


class ExecutivesPage(PublicationPage):
    seed_clause = "1.1"
    parent_page_types = ["moit_pages.AgencyInfoIndexPage"]
    content_panels = publication_panels(
        InlinePanel("executives", heading=_("Executives"), label=_("Executive"), min_num=1)
    )

    search_fields = PublicationPage.search_fields + [
        index.RelatedFields(
            "executives", [index.SearchField("name"), index.SearchField("position")]
        ),
    ]

    class Meta:
        verbose_name = _("executives")

    def get_evidence_code(self):
        return "1.1.4"

    def executive_list(self):
        return self.executives.select_related("photo").prefetch_related("photo__renditions")


class Executive(Orderable):
    page = ParentalKey(ExecutivesPage, on_delete=models.CASCADE, related_name="executives")
    name = models.CharField(_("name"), max_length=255)
    position = models.CharField(_("position"), max_length=255)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("position")]),
        FieldPanel("photo"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("executive")


class ContactPage(PublicationPage):
    seed_clause = "1.1"
    address = models.TextField(_("address"))
    phone = models.CharField(_("phone"), max_length=128)
    fax = models.CharField(_("fax"), max_length=128, blank=True)
    email = models.EmailField(_("email"))
    opening_hours = models.CharField(_("opening hours"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    directions = models.TextField(_("how to get here"), blank=True)

    parent_page_types = ["moit_pages.AgencyInfoIndexPage"]
    content_panels = publication_panels(
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")]),
        FieldPanel("opening_hours"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("directions"),
            ],
            heading=_("Map"),
        ),
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("address"),
        index.SearchField("opening_hours"),
        index.SearchField("directions"),
    ]

    class Meta:
        verbose_name = _("contact and map")

    def get_evidence_code(self):
        return "1.1.12"

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})

    @property
    def map_url(self):
        """A plain OpenStreetMap link: no third-party request until the visitor clicks."""
        if self.latitude is None or self.longitude is None:
            return ""
        return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=17/{self.latitude}/{self.longitude}"
