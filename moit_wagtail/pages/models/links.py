"""Seed 1.4: related websites, grouped as the seed lists them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from .base import CategoryIndexPage, PublicationPage, publication_panels

LINK_GROUPS = [
    ("in_unit", _("Units under this agency")),
    ("same_ministry", _("Agencies of the same ministry")),
    ("external", _("External agencies")),
    ("other", _("Other recommended websites")),
]


class RelatedWebsitesIndexPage(CategoryIndexPage):
    seed_clause = "1.4"
    subpage_types = ["moit_pages.RelatedWebsitesPage"]

    class Meta:
        verbose_name = _("1.4 Related websites (index)")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        links = RelatedWebsite.objects.filter(
            page__in=RelatedWebsitesPage.objects.child_of(self).live()
        ).order_by("group", "page__path", "sort_order")
        groups = {key: {"label": label, "links": []} for key, label in LINK_GROUPS}
        for link in links:
            groups[link.group]["links"].append(link)
        context["link_groups"] = [group for group in groups.values() if group["links"]]
        return context


class RelatedWebsitesPage(PublicationPage):
    seed_clause = "1.4"
    parent_page_types = ["moit_pages.RelatedWebsitesIndexPage"]
    content_panels = publication_panels(
        InlinePanel("links", heading=_("Websites"), label=_("Website"), min_num=1)
    )

    search_fields = PublicationPage.search_fields + [
        index.RelatedFields("links", [index.SearchField("name"), index.SearchField("description")]),
    ]

    class Meta:
        verbose_name = _("list of related websites")


class RelatedWebsite(Orderable):
    page = ParentalKey(RelatedWebsitesPage, on_delete=models.CASCADE, related_name="links")
    name = models.CharField(_("name"), max_length=255)
    url = models.URLField(_("address (URL)"))
    group = models.CharField(_("group"), max_length=32, choices=LINK_GROUPS, default="external")
    description = models.CharField(
        pgettext_lazy("website", "description"), max_length=255, blank=True
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("group")]),
        FieldPanel("url"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("related website")
