"""The public MOIT / ITA page: generated from a checklist instead of kept by hand."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class ChecklistPage(Page):
    """Lists every item of one checklist with links to the unit's current evidence.

    The public sees only real evidence and "not applicable" justifications; an admin's
    preview also shows the gaps.
    """

    framework = models.ForeignKey(
        "moit_checklist.Framework",
        verbose_name=_("checklist"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    content_panels = Page.content_panels + [FieldPanel("framework"), FieldPanel("intro")]
    subpage_types = []
    template = "moit_checklist/checklist_page.html"

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
    ]

    class Meta:
        verbose_name = _("MOIT / ITA evidence page")
        verbose_name_plural = _("MOIT / ITA evidence pages")

    def get_context(self, request, *args, **kwargs):
        from ..public import checklist_context  # status rules import these models

        context = super().get_context(request, *args, **kwargs)
        context.update(checklist_context(self, request))
        return context
