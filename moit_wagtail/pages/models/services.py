"""Seed 1.9 (electronic services) and 1.10 (visitor statistics and satisfaction)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from ..statistics_sections import sections_for
from .base import CategoryIndexPage, PublicationPage, publication_panels


def default_availability():
    return gettext("24 hours a day")


class EServiceIndexPage(CategoryIndexPage):
    seed_clause = "1.9"
    # Links to services run elsewhere; moit_eservices adds its two-way forms when installed.
    subpage_types = ["moit_pages.EServicePage"]

    class Meta:
        verbose_name = _("1.9 Electronic services (index)")


class EServicePage(PublicationPage):
    """A two-way online service the unit runs (booking, requests, complaints...)."""

    seed_clause = "1.9"
    service_url = models.URLField(_("address of the service"))
    availability = models.CharField(_("availability"), max_length=255, default=default_availability)
    how_to_use = RichTextField(_("how to use it"))

    parent_page_types = ["moit_pages.EServiceIndexPage"]
    content_panels = publication_panels(
        FieldPanel("service_url"), FieldPanel("availability"), FieldPanel("how_to_use")
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("availability"),
        index.SearchField("how_to_use"),
    ]

    class Meta:
        verbose_name = _("electronic service")


class StatisticsIndexPage(CategoryIndexPage):
    seed_clause = "1.10"
    # moit_survey adds its survey and results pages when installed.
    subpage_types = ["moit_pages.SatisfactionReportPage"]

    class Meta:
        verbose_name = _("1.10 Statistics and satisfaction (index)")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["statistics_sections"] = sections_for(self, request)
        return context


class SatisfactionReportPage(PublicationPage):
    """A published satisfaction survey result for a period (seed 1.10: show the level)."""

    seed_clause = "1.10"
    respondents = models.PositiveIntegerField(_("number of respondents"), null=True)
    average_score = models.DecimalField(
        _("average score (out of 5)"),
        max_digits=3,
        decimal_places=2,
        null=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    body = RichTextField(_("findings"), blank=True)

    parent_page_types = ["moit_pages.StatisticsIndexPage"]
    content_panels = publication_panels(
        FieldRowPanel([FieldPanel("respondents"), FieldPanel("average_score")]),
        FieldPanel("body"),
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("satisfaction survey result")

    def get_evidence_code(self):
        return "1.10.2"

    @property
    def satisfaction_percent(self):
        if self.average_score is None:
            return None
        return round(float(self.average_score) / 5 * 100, 1)
