"""``{% survey_box %}``: an invitation to the current site's survey and its results.

For the footer or the 1.10 index (whose listing shows publication pages only). Two small
queries; the output is the same for every visitor, so the page cache may keep it.
"""

from django import template
from wagtail.models import Site

from moit_wagtail.survey.models import SurveyPage

register = template.Library()


@register.inclusion_tag("moit_survey/includes/survey_box.html", takes_context=True)
def survey_box(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    survey = None
    if site is not None:
        survey = (
            SurveyPage.objects.live().public().descendant_of(site.root_page, inclusive=True).first()
        )
    return {
        "request": request,
        "survey": survey,
        "results_page": survey.results_page() if survey else None,
    }
