"""Wiring only: the response permission policy and the moderation screens."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import SurveyResponseViewSet
from .models import SurveyResponse
from .permissions import SurveyResponsePermissionPolicy

register_permission_policy(SurveyResponse, SurveyResponsePermissionPolicy(SurveyResponse))


@hooks.register("register_admin_viewset")
def register_survey_response_viewset():
    return SurveyResponseViewSet("moit_survey_responses")
