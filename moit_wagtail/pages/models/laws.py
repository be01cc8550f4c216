"""Seed 1.2: laws, rules and regulations related to the agency, with their source."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from .base import CategoryIndexPage, PublicationPage, publication_panels

LAW_TYPES = [
    ("act", _("Act")),
    ("royal_decree", _("Royal decree")),
    ("ministerial_regulation", _("Ministerial regulation")),
    ("regulation", _("Regulation")),
    ("rule", _("Rule")),
    ("order", pgettext_lazy("law type", "Order")),
    ("announcement", _("Announcement")),
    ("circular", _("Circular letter")),
    ("cabinet_resolution", _("Cabinet resolution")),
    ("other", _("Other")),
]


class LawIndexPage(CategoryIndexPage):
    seed_clause = "1.2"
    subpage_types = ["moit_pages.LawPage"]

    class Meta:
        verbose_name = _("1.2 Laws and regulations (index)")


class LawPage(PublicationPage):
    seed_clause = "1.2"
    required_source = True

    law_type = models.CharField(_("type"), max_length=32, choices=LAW_TYPES)
    issuer = models.CharField(_("issued by"), max_length=255)
    issued_on = models.DateField(_("date issued"), null=True)
    source_url = models.URLField(
        _("link to the official source"),
        help_text=_(
            "For example the Royal Gazette (ratchakitcha.soc.go.th) or the issuing ministry."
        ),
    )
    body = RichTextField(_("summary of the main points"), blank=True)

    parent_page_types = ["moit_pages.LawIndexPage"]
    content_panels = publication_panels(
        FieldRowPanel([FieldPanel("law_type"), FieldPanel("issued_on")]),
        FieldPanel("issuer"),
        FieldPanel("source_url"),
        FieldPanel("body"),
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("issuer"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("law or regulation")
