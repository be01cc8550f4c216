"""Seed 1.3: knowledge base (articles, multimedia, research, statistics) with source and date."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from moit_wagtail.clauses import clause_choices

from .base import CategoryIndexPage, PublicationPage, publication_panels


def knowledge_kinds():
    return clause_choices("1.3")


class KnowledgeIndexPage(CategoryIndexPage):
    seed_clause = "1.3"
    subpage_types = ["moit_pages.KnowledgePage"]

    class Meta:
        verbose_name = _("1.3 Knowledge base (index)")


class KnowledgePage(PublicationPage):
    seed_clause = "1.3"
    required_source = True

    kind = models.CharField(_("kind"), max_length=16, choices=knowledge_kinds)
    source_date = models.DateField(
        _("date of the source"),
        null=True,
        help_text=_("When the source published or collected this, so others can cite it."),
    )
    body = RichTextField(_("content"), blank=True)
    video_url = models.URLField(
        _("video link"), blank=True, help_text=_("YouTube or another video page, for multimedia.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["moit_pages.KnowledgeIndexPage"]
    content_panels = publication_panels(
        FieldRowPanel([FieldPanel("kind"), FieldPanel("source_date")]),
        FieldPanel("body"),
        FieldPanel("image"),
        FieldPanel("video_url"),
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("knowledge item")

    def get_evidence_code(self):
        return self.kind or self.seed_clause
