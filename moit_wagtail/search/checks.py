"""System checks: Thai word search needs PyThaiNLP to cut Thai text into words."""

import importlib.util

from django.core import checks
from django.utils.translation import gettext as _

from moit_wagtail.app_checks import CORE, register_requirement

check_requirements = register_requirement("moit_wagtail.search", CORE, "moit_search.E001")


def pythainlp_installed():
    return importlib.util.find_spec("pythainlp") is not None


@checks.register()
def check_pythainlp(app_configs, **kwargs):
    if pythainlp_installed():
        return []
    return [
        checks.Error(
            _("moit_wagtail.search needs PyThaiNLP to find Thai words, and it is not installed."),
            hint=_("pip install pythainlp (see requirements.txt), or remove moit_wagtail.search."),
            id="moit_search.E002",
        )
    ]
