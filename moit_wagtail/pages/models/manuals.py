"""Seed 1.6 (standard operating procedures) and 1.7 (citizen service manuals)."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from moit_wagtail.pages.blocks import StepBlock, format_minutes, step_rows, total_minutes

from .base import CategoryIndexPage, PublicationPage, publication_panels


def steps_field():
    return StreamField(
        [("step", StepBlock())],
        verbose_name=_("steps"),
        min_num=1,
        help_text=_("Each step with what happens, who does it and how long it takes."),
    )


def default_fees():
    return gettext("Free of charge")


class StepsMixin:
    """Steps with durations, shown as a table with the total time (seed 1.6, 1.7)."""

    def step_rows(self):
        return step_rows(self.steps)

    def total_duration(self):
        return format_minutes(total_minutes(self.steps))


class SopIndexPage(CategoryIndexPage):
    seed_clause = "1.6"
    subpage_types = ["moit_pages.SopManualPage"]

    class Meta:
        verbose_name = _("1.6 Standard operating procedures (index)")


class SopManualPage(StepsMixin, PublicationPage):
    """A staff work manual: steps with durations and the manual itself to download."""

    seed_clause = "1.6"
    purpose = models.TextField(_("purpose and scope"))
    steps = steps_field()
    body = RichTextField(_("further explanation"), blank=True)

    parent_page_types = ["moit_pages.SopIndexPage"]
    content_panels = publication_panels(
        FieldPanel("purpose"), FieldPanel("steps"), FieldPanel("body"), attachments_required=True
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("purpose"),
        index.SearchField("steps"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard operating procedure manual")


class ServiceManualIndexPage(CategoryIndexPage):
    seed_clause = "1.7"
    subpage_types = ["moit_pages.ServiceManualPage"]

    class Meta:
        verbose_name = _("1.7 Citizen service manuals (index)")


class ServiceManualPage(StepsMixin, PublicationPage):
    """How a citizen obtains a service: where, when, steps, time, fees, documents."""

    seed_clause = "1.7"
    service_unit = models.CharField(_("service point"), max_length=255)
    service_hours = models.CharField(_("service hours"), max_length=255)
    channels = models.TextField(_("how to apply"), help_text=_("Counter, phone, online..."))
    steps = steps_field()
    documents_required = models.TextField(
        _("documents to bring"), blank=True, help_text=_("One document per line.")
    )
    fees = models.CharField(_("fees"), max_length=255, default=default_fees)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    complaint_channel = models.TextField(_("where to complain"), blank=True)

    parent_page_types = ["moit_pages.ServiceManualIndexPage"]
    content_panels = publication_panels(
        FieldPanel("service_unit"),
        FieldPanel("service_hours"),
        FieldPanel("channels"),
        FieldPanel("steps"),
        FieldPanel("documents_required"),
        FieldPanel("fees"),
        FieldPanel("legal_basis"),
        FieldPanel("complaint_channel"),
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("service_unit"),
        index.SearchField("service_hours"),
        index.SearchField("channels"),
        index.SearchField("steps"),
        index.SearchField("documents_required"),
        index.SearchField("fees"),
        index.SearchField("legal_basis"),
        index.SearchField("complaint_channel"),
    ]

    class Meta:
        verbose_name = _("citizen service manual")

    def document_list(self):
        return [line.strip() for line in self.documents_required.splitlines() if line.strip()]
