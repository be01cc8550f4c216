"""Seed 1.8: news, activity photos, alerts, job and procurement announcements and results."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from moit_wagtail.clauses import clause_choices

from .base import CategoryIndexPage, PublicationPage, publication_panels


def news_kinds():
    return clause_choices("1.8", ("1.8.1", "1.8.2", "1.8.4"))


def image_field(verbose_name, blank=True):
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class NewsIndexPage(CategoryIndexPage):
    seed_clause = "1.8"
    subpage_types = [
        "moit_pages.NewsPage",
        "moit_pages.ActivityPage",
        "moit_pages.JobAnnouncementPage",
        "moit_pages.ProcurementAnnouncementPage",
        "moit_pages.ProcurementResultPage",
    ]

    class Meta:
        verbose_name = _("1.8 News and announcements (index)")


class NewsPage(PublicationPage):
    """Press release, general news or an alert."""

    seed_clause = "1.8"
    kind = models.CharField(_("kind"), max_length=16, choices=news_kinds, default="1.8.1")
    image = image_field(_("main image"))
    body = RichTextField(_("content"))

    parent_page_types = ["moit_pages.NewsIndexPage"]
    content_panels = publication_panels(FieldPanel("kind"), FieldPanel("image"), FieldPanel("body"))

    search_fields = PublicationPage.search_fields + [
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("news, press release or alert")

    def get_evidence_code(self):
        return self.kind or self.seed_clause


class ActivityPage(PublicationPage):
    seed_clause = "1.8"
    event_date = models.DateField(_("date of the activity"), null=True)
    location = models.CharField(_("place"), max_length=255, blank=True)
    body = RichTextField(pgettext_lazy("activity", "description"), blank=True)

    parent_page_types = ["moit_pages.NewsIndexPage"]
    content_panels = publication_panels(
        FieldRowPanel([FieldPanel("event_date"), FieldPanel("location")]),
        FieldPanel("body"),
        InlinePanel("photos", heading=_("Photos"), label=_("Photo"), min_num=1),
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("location"),
        index.SearchField("body"),
        index.RelatedFields("photos", [index.SearchField("caption")]),
    ]

    class Meta:
        verbose_name = _("activity photo gallery")

    def get_evidence_code(self):
        return "1.8.3"

    def photo_list(self):
        return self.photos.select_related("image").prefetch_related("image__renditions")


class ActivityPhoto(Orderable):
    page = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="photos")
    image = image_field(_("photo"), blank=False)
    caption = models.CharField(
        _("caption"), max_length=255, help_text=_("Also read aloud to people who cannot see it.")
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("activity photo")


class JobAnnouncementPage(PublicationPage):
    seed_clause = "1.8"
    position = models.CharField(_("position"), max_length=255)
    vacancies = models.PositiveSmallIntegerField(_("number of posts"), default=1)
    employment_type = models.CharField(
        _("employment type"),
        max_length=128,
        help_text=_("e.g. government employee, temporary staff"),
    )
    application_opens = models.DateField(_("applications open"), null=True)
    application_closes = models.DateField(_("applications close"), null=True)
    how_to_apply = RichTextField(_("qualifications and how to apply"))

    parent_page_types = ["moit_pages.NewsIndexPage"]
    content_panels = publication_panels(
        FieldRowPanel([FieldPanel("position"), FieldPanel("vacancies")]),
        FieldPanel("employment_type"),
        FieldRowPanel([FieldPanel("application_opens"), FieldPanel("application_closes")]),
        FieldPanel("how_to_apply"),
        attachments_required=True,
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("position"),
        index.SearchField("employment_type"),
        index.SearchField("how_to_apply"),
    ]

    class Meta:
        verbose_name = _("job announcement")

    def get_evidence_code(self):
        return "1.8.5"

    def clean(self):
        super().clean()
        if (
            self.application_opens
            and self.application_closes
            and self.application_closes < self.application_opens
        ):
            raise ValidationError(
                {"application_closes": _("Applications cannot close before they open.")}
            )


PROCUREMENT_METHODS = [
    ("e_bidding", _("Electronic bidding (e-bidding)")),
    ("e_market", _("Electronic market (e-market)")),
    ("selection", _("Selection")),
    ("specific", _("Specific method")),
    ("other", _("Other")),
]


class ProcurementAnnouncementPage(PublicationPage):
    seed_clause = "1.8"
    method = models.CharField(_("procurement method"), max_length=32, choices=PROCUREMENT_METHODS)
    egp_number = models.CharField(_("e-GP project number"), max_length=64, blank=True)
    budget = models.DecimalField(_("budget (baht)"), max_digits=14, decimal_places=2, null=True)
    reference_price = models.DecimalField(
        _("reference price (baht)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    bid_closes = models.DateField(_("bids close"), null=True, blank=True)
    body = RichTextField(_("details"), blank=True)

    parent_page_types = ["moit_pages.NewsIndexPage"]
    content_panels = publication_panels(
        FieldRowPanel([FieldPanel("method"), FieldPanel("egp_number")]),
        FieldRowPanel([FieldPanel("budget"), FieldPanel("reference_price")]),
        FieldPanel("bid_closes"),
        FieldPanel("body"),
        attachments_required=True,
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("egp_number"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("procurement announcement")

    def get_evidence_code(self):
        return "1.8.6"


RESULT_KINDS = [
    ("winner", _("Announcement of the selected bidder")),
    ("monthly_summary", _("Monthly procurement summary (form SKR 1)")),
    ("contract", _("Contract or purchase order")),
]


class ProcurementResultPage(PublicationPage):
    seed_clause = "1.8"
    result_kind = models.CharField(_("kind of result"), max_length=32, choices=RESULT_KINDS)
    announcement = models.ForeignKey(
        ProcurementAnnouncementPage,
        verbose_name=_("announcement it answers"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="results",
    )
    winner = models.CharField(_("selected supplier"), max_length=255, blank=True)
    contract_amount = models.DecimalField(
        _("amount (baht)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    body = RichTextField(_("details"), blank=True)

    parent_page_types = ["moit_pages.NewsIndexPage"]
    content_panels = publication_panels(
        FieldPanel("result_kind"),
        FieldPanel("announcement"),
        FieldRowPanel([FieldPanel("winner"), FieldPanel("contract_amount")]),
        FieldPanel("body"),
        attachments_required=True,
    )

    search_fields = PublicationPage.search_fields + [
        index.SearchField("winner"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("procurement result")

    def get_evidence_code(self):
        return "1.8.7"

    def clean(self):
        super().clean()
        if self.result_kind == "winner" and not self.winner:
            raise ValidationError({"winner": _("Name the selected supplier.")})
