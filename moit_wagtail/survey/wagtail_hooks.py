"""Wiring only: the response policy, the moderation screens, the 1.10 survey box."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from moit_wagtail.pages.statistics_sections import StatisticsSection

from .admin_views import SurveyResponseViewSet
from .models import SurveyResponse
from .permissions import SurveyResponsePermissionPolicy

register_permission_policy(SurveyResponse, SurveyResponsePermissionPolicy(SurveyResponse))


@hooks.register("register_admin_viewset")
def register_survey_response_viewset():
    return SurveyResponseViewSet("moit_survey_responses")


@hooks.register("register_moit_statistics_sections")
def survey_statistics_section(page, request):
    return StatisticsSection("moit_survey/includes/statistics_section.html", order=100)
