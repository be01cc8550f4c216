"""The public MOIT / ITA page: generated from a checklist instead of kept by hand."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class ChecklistPage(RoutablePageMixin, Page):
    """Lists every item of one checklist with links to the unit's current evidence.

    The public sees only real evidence and "not applicable" justifications; an admin's
    preview also shows the gaps. A page that follows the current fiscal year shows the
    list in force today and keeps every year at ``<page>/<year>/``: assessors bookmark
    the year they graded, and the page's own URL stays the same from year to year.
    """

    framework = models.ForeignKey(
        "moit_checklist.Framework",
        verbose_name=_("checklist"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The list shown. When the page follows the current fiscal year, any year of the "
            "list will do: the page shows the year in force."
        ),
    )
    follow_current_year = models.BooleanField(
        _("follow the current fiscal year"),
        default=False,
        help_text=_(
            "Show this list in the fiscal year in force today, with earlier years one click "
            "away, instead of one fixed year."
        ),
    )
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = Page.content_panels + [
        FieldPanel("framework"),
        FieldPanel("follow_current_year"),
        FieldPanel("intro"),
    ]
    subpage_types = []
    template = "moit_checklist/checklist_page.html"

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
    ]

    class Meta:
        verbose_name = _("MOIT / ITA evidence page")
        verbose_name_plural = _("MOIT / ITA evidence pages")

    def shown_framework(self, today=None):
        """The list the page's own URL shows today."""
        if not self.follow_current_year:
            return self.framework
        from ..years import list_in_force

        return list_in_force(self.framework.slug, today) or self.framework

    def year_url(self, fiscal_year, request=None):
        return self.get_url(request) + self.reverse_subpage("fiscal_year", args=[fiscal_year])

    @path("<int:year>/", name="fiscal_year")
    def fiscal_year_view(self, request, year):
        from .checklist import Framework

        if not self.follow_current_year:
            raise Http404
        framework = Framework.objects.filter(slug=self.framework.slug, fiscal_year=year).first()
        if framework is None:
            raise Http404
        return self.render(request, framework=framework)

    def get_context(self, request, *args, framework=None, **kwargs):
        from ..public import checklist_context  # status rules import these models

        context = super().get_context(request, *args, **kwargs)
        context.update(checklist_context(self, request, framework=framework))
        return context
