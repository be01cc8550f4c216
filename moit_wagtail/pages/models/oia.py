"""Seed 1.5: information open to the public under the Official Information Act B.E. 2540."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from moit_wagtail.clauses import clause_choices

from .base import CategoryIndexPage, PublicationPage, publication_panels


def oia_sections():
    return clause_choices("1.5")


class OfficialInformationIndexPage(CategoryIndexPage):
    seed_clause = "1.5"
    subpage_types = ["moit_pages.OfficialInformationPage"]

    class Meta:
        verbose_name = _("1.5 Official Information Act (index)")


class OfficialInformationPage(PublicationPage):
    """One disclosure keyed to section 7 (1)-(5) or section 9 (1)-(8)."""

    seed_clause = "1.5"
    section = models.CharField(_("section of the Act"), max_length=16, choices=oia_sections)
    body = RichTextField(_("content"), blank=True)

    parent_page_types = ["moit_pages.OfficialInformationIndexPage"]
    content_panels = publication_panels(FieldPanel("section"), FieldPanel("body"))

    search_fields = PublicationPage.search_fields + [
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("official information (section 7 / 9)")

    def get_evidence_code(self):
        return self.section or self.seed_clause
