from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    name = "moit_wagtail.survey"
    label = "moit_survey"
    verbose_name = _("Satisfaction survey")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from moit_wagtail.pages.models import StatisticsIndexPage

        from . import checks  # noqa: F401  (registers the system checks)

        StatisticsIndexPage.allow_child_types(
            "moit_survey.SurveyPage", "moit_survey.SurveyResultsPage"
        )
