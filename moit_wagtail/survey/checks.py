"""System checks: the survey lives under the 1.10 page and its rate limit needs a cache."""

from django.core import checks

from moit_wagtail.app_checks import CORE, dummy_cache_warning, register_requirement

check_requirements = register_requirement("moit_wagtail.survey", CORE, "moit_survey.E001")


@checks.register()
def check_rate_limit_cache(app_configs, **kwargs):
    return dummy_cache_warning("moit_wagtail.survey", "moit_survey.W001")
