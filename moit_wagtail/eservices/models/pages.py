"""The public forms of seed 1.9: a complaint/suggestion form and an information request.

They are publications under the 1.9 index like any other item (owner, period, approval),
so they list, count as evidence of the unit's two-way e-services and complaint channels
(MOIT 9), and are approved before going live. Their responses are never cached: each
visitor's page carries the visitor's own CSRF token.
"""

from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from moit_wagtail.pages.models import PublicationPage
from moit_wagtail.pages.models.base import publication_panels

from .submissions import Kind


class EServiceFormPage(PublicationPage):
    """What both form pages share: an introduction, the privacy notice, who to alert."""

    seed_clause = "1.9"
    kind = ""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What the form is for and how long the unit takes to answer."),
    )
    privacy_notice = RichTextField(
        _("privacy notice"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown above the consent box; a standard notice is shown when empty."),
    )
    notify_address = models.CharField(
        _("alert staff at"),
        max_length=500,
        blank=True,
        help_text=_(
            "Email addresses (comma-separated) told of each new submission. "
            "The alert names only the tracking code, never the citizen's data."
        ),
    )

    parent_page_types = ["moit_pages.EServiceIndexPage"]
    subpage_types = []
    content_panels = publication_panels(
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("privacy_notice"), FieldPanel("notify_address")],
            heading=_("Privacy and alerts"),
        ),
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("privacy_notice"),
    ]

    class Meta:
        abstract = True

    def get_form_class(self):
        from ..forms import form_class_for

        return form_class_for(self.kind)

    def get_context(self, request, *args, form=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["form"] = form if form is not None else self.get_form_class()()
        return context

    def render_form(self, request, form, status=200, files_dropped=False, rate_limited=False):
        context = self.get_context(request, form=form)
        context["files_dropped"] = files_dropped
        context["rate_limited"] = rate_limited
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from ..submit import handle_post

            response = handle_post(self, request)
        else:
            response = super().serve(request, *args, **kwargs)
        # "private" keeps the anonymous page cache from storing a page with a CSRF token.
        add_never_cache_headers(response)
        return response


class ComplaintFormPage(EServiceFormPage):
    kind = Kind.COMPLAINT
    template = "moit_eservices/form_page.html"

    class Meta:
        verbose_name = _("complaint and suggestion form")


class InformationRequestFormPage(EServiceFormPage):
    kind = Kind.INFORMATION_REQUEST
    template = "moit_eservices/form_page.html"

    class Meta:
        verbose_name = _("official information request form")
