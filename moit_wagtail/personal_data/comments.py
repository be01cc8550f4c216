"""Survey comments: the only free text a visitor gives the survey (no name, no address).

Erasing a response blanks its comment and keeps its scores and moderation status, so the
results (averages, distribution, response counts) do not change; the results page already
leaves out empty comments.
"""

from django.db.models import Q

from moit_wagtail.survey.models import SurveyPage, SurveyResponse


def surveys_of(site):
    """The ids of the survey pages whose site is ``site`` (by Wagtail's own rule)."""
    return [page.pk for page in SurveyPage.objects.all() if page.get_site() == site]


def due(site, before):
    return SurveyResponse.objects.filter(
        ~Q(comment=""),
        survey_id__in=surveys_of(site),
        submitted_at__lt=before,
        anonymised_at__isnull=True,
    )


def erase(responses, now):
    pks = [response.pk for response in responses]
    return SurveyResponse.objects.filter(pk__in=pks).update(comment="", anonymised_at=now)
