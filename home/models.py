"""The home page of a unit's site: the root under which the ten categories live."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from moit_wagtail.pages.models import CATEGORY_INDEX_TYPES, NewsPage, PublicationPage

LATEST_NEWS_COUNT = 6
LATEST_ANNOUNCEMENTS_COUNT = 5
# Page types of optional apps, offered under the home page when their app is installed.
OPTIONAL_CHILD_TYPES = {
    "moit_wagtail.checklist": ["moit_checklist.ChecklistPage"],
    "moit_wagtail.public": ["moit_public.PolicyPage", "moit_public.SitemapPage"],
}


class HomePage(Page):
    welcome = models.CharField(_("welcome line"), max_length=255, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    subpage_types = [model._meta.label for model in CATEGORY_INDEX_TYPES] + [
        label
        for app, labels in OPTIONAL_CHILD_TYPES.items()
        if app in settings.INSTALLED_APPS
        for label in labels
    ]
    content_panels = Page.content_panels + [FieldPanel("welcome"), FieldPanel("intro")]

    search_fields = Page.search_fields + [
        index.SearchField("welcome"),
        index.SearchField("intro"),
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        live = PublicationPage.objects.live().descendant_of(self)
        context["latest_news"] = list(
            NewsPage.objects.live()
            .descendant_of(self)
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("-first_published_at")[:LATEST_NEWS_COUNT]
        )
        context["latest_announcements"] = list(
            live.filter(evidence_code__in=["1.8.4", "1.8.5", "1.8.6", "1.8.7"]).order_by(
                "-first_published_at"
            )[:LATEST_ANNOUNCEMENTS_COUNT]
        )
        return context
