"""The survey page (questions edited by admins) and the page that publishes its results.

Why not ``wagtail.contrib.forms.AbstractForm``: Wagtail's form builder stores each answer
as JSON in ``FormSubmission.form_data`` keyed by a field name derived from its label, and
offers editors a dozen field types, defaults and choice lists. A satisfaction survey
needs one thing per question: a 1-5 score that can be averaged per aspect, per month and
per fiscal year by the database, and that survives an admin renaming the question. So the
aspects are an ``InlinePanel`` of labels (what editors actually edit), every answer is a
``SurveyRating`` row (aggregated with ``GROUP BY``), and comments carry a moderation
status. The page still serves GET/POST the Wagtail way (``RoutablePageMixin``), and the
results are a page of their own so an admin can place, title and publish them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]
PARENT_TYPES = ["moit_pages.StatisticsIndexPage"]


class SurveyAspect(Orderable):
    """One question of the survey, answered on a 1-5 satisfaction scale."""

    page = ParentalKey("moit_survey.SurveyPage", on_delete=models.CASCADE, related_name="aspects")
    label = models.CharField(
        _("aspect"),
        max_length=255,
        help_text=_(
            "What the visitor rates, e.g. ความทันสมัยของข้อมูล (how current the information is)."
        ),
    )
    help_text = models.CharField(_("explanation"), max_length=255, blank=True)

    panels = [FieldPanel("label"), FieldPanel("help_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("aspect")
        verbose_name_plural = _("aspects")

    def __str__(self):
        return self.label


class SurveyPage(RoutablePageMixin, Page):
    """The website satisfaction survey of one unit (seed 1.10)."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    comment_label = models.CharField(
        _("comment question"),
        max_length=255,
        default=_("Other comments or suggestions"),
    )
    thank_you_text = RichTextField(_("thank-you message"), blank=True, features=INTRO_FEATURES)
    accepting_responses = models.BooleanField(
        _("accepting responses"),
        default=True,
        help_text=_("Untick to close the survey; published results stay visible."),
    )

    parent_page_types = PARENT_TYPES
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("aspects", min_num=1, max_num=20, label=_("Aspects rated 1-5")),
        MultiFieldPanel(
            [
                FieldPanel("comment_label"),
                FieldPanel("thank_you_text"),
                FieldPanel("accepting_responses"),
            ],
            heading=_("Comments and closing"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("thank_you_text"),
        index.RelatedFields(
            "aspects", [index.SearchField("label"), index.SearchField("help_text")]
        ),
    ]

    class Meta:
        verbose_name = _("satisfaction survey")

    @path("")
    def survey_form(self, request):
        from moit_wagtail.survey.views import survey_form_view

        return survey_form_view(self, request)

    @path("thanks/", name="thanks")
    def thanks(self, request):
        from moit_wagtail.survey.views import thanks_view

        return thanks_view(self, request)

    def results_page(self):
        return SurveyResultsPage.objects.live().public().filter(survey=self).first()


class SurveyResultsPage(Page):
    """Published satisfaction level of a survey: per month, quarter and fiscal year."""

    survey = models.ForeignKey(
        SurveyPage,
        verbose_name=_("survey"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    parent_page_types = PARENT_TYPES
    subpage_types = []
    content_panels = Page.content_panels + [
        PageChooserPanel("survey", "moit_survey.SurveyPage"),
        FieldPanel("intro"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
    ]

    class Meta:
        verbose_name = _("satisfaction survey results")

    def serve(self, request, *args, **kwargs):
        from moit_wagtail.survey.views import results_view

        return results_view(self, request)
