"""Shared by the survey tests: a survey with its results page, answers and stored responses."""

from zoneinfo import ZoneInfo

from moit_wagtail.survey.models import (
    CommentStatus,
    SurveyAspect,
    SurveyPage,
    SurveyRating,
    SurveyResponse,
    SurveyResultsPage,
)

BANGKOK = ZoneInfo("Asia/Bangkok")
ASPECTS = ["ความทันสมัยของข้อมูล", "ความง่ายในการค้นหา", "การออกแบบ"]
ADMIN_LIST_URL = "/admin/moit_survey_responses/"


def build_survey(parent, slug="survey"):
    survey = SurveyPage(
        title="แบบประเมินความพึงพอใจต่อเว็บไซต์",
        slug=slug,
        aspects=[SurveyAspect(label=label) for label in ASPECTS],
    )
    parent.add_child(instance=survey)
    survey.save_revision().publish()
    results = SurveyResultsPage(
        title="ผลการประเมินความพึงพอใจ", slug=f"{slug}-results", survey=survey
    )
    parent.add_child(instance=results)
    results.save_revision().publish()
    return SurveyPage.objects.get(pk=survey.pk), SurveyResultsPage.objects.get(pk=results.pk)


def answer(survey, scores=(5, 4, 3), comment="", **extra):
    data = {f"aspect_{a.pk}": str(s) for a, s in zip(survey.aspects.all(), scores, strict=False)}
    return {**data, "comment": comment, "website": "", **extra}


def respond(survey, when, scores, comment="", status=None):
    """A stored response at local (Bangkok) time ``when``."""
    moment = when if when.tzinfo else when.replace(tzinfo=BANGKOK)
    response = SurveyResponse.objects.create(
        survey=survey,
        submitted_at=moment,
        comment=comment,
        comment_status=status or (CommentStatus.PENDING if comment else CommentStatus.NONE),
    )
    for aspect, score in zip(survey.aspects.all(), scores, strict=False):
        SurveyRating.objects.create(
            response=response, aspect=aspect, aspect_label=aspect.label, score=score
        )
    return response


def text(response):
    return response.content.decode()


def current_fiscal_year():
    from django.utils import timezone

    from moit_wagtail.dates import fiscal_year

    return fiscal_year(timezone.localdate())
