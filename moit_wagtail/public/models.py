"""Pages every government website must have besides the ten categories (DGA standard).

Policy pages (website, privacy/PDPA, security, disclaimer, accessibility) are plain editable
pages with a "last reviewed" date; the HTML sitemap lists the site tree; the footer setting
says which page the footer links to for each (empty: the first live one of that kind).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .sitemap import sitemap_sections

POLICY_KINDS = [
    ("website", _("Website policy")),
    ("privacy", _("Privacy policy (PDPA)")),
    ("security", _("Website security policy")),
    ("disclaimer", _("Disclaimer")),
    ("accessibility", _("Accessibility statement")),
]


class PolicyPage(Page):
    kind = models.CharField(_("kind of policy"), max_length=32, choices=POLICY_KINDS)
    body = RichTextField(_("content"))
    last_reviewed = models.DateField(
        _("last reviewed on"),
        null=True,
        blank=True,
        help_text=_("The date the unit last checked that this policy is still right."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "moit_public/policy_page.html"

    search_fields = Page.search_fields + [
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("policy page")
        verbose_name_plural = _("policy pages")


class SitemapPage(Page):
    """The HTML sitemap (DGA): every section of the site and its latest pages."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "moit_public/sitemap_page.html"

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
    ]

    class Meta:
        verbose_name = _("sitemap page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        root = self.get_parent()
        context["sections"] = [
            section for section in sitemap_sections(root) if section.page.pk != self.pk
        ]
        return context


def page_chooser(verbose_name):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


# Footer setting field -> policy kind it falls back to when left empty.
FOOTER_FIELDS = {
    "website_policy": "website",
    "privacy_policy": "privacy",
    "security_policy": "security",
    "disclaimer": "disclaimer",
    "accessibility_statement": "accessibility",
    "sitemap_page": None,
}


@register_setting(icon="list-ul")
class FooterSettings(BaseSiteSetting):
    """The pages the footer links to. Left empty, the footer finds the page by its kind."""

    website_policy = page_chooser(_("website policy"))
    privacy_policy = page_chooser(_("privacy policy (PDPA)"))
    security_policy = page_chooser(_("website security policy"))
    disclaimer = page_chooser(_("disclaimer"))
    accessibility_statement = page_chooser(_("accessibility statement"))
    sitemap_page = page_chooser(_("sitemap"))

    panels = [
        MultiFieldPanel(
            [FieldPanel(name) for name in FOOTER_FIELDS],
            heading=_("Footer links"),
            help_text=_(
                "Leave a field empty to link the first published page of that kind on this site."
            ),
        )
    ]

    class Meta:
        verbose_name = _("footer links")
